"""Route inventory of the quizzes: the quiz start page for every reader of the course, an
attempt's pages for its learner only (404 to everybody else, mentor and admin included: the
answers are the learner's), a mentee's scores for the learner and their current mentor."""

from __future__ import annotations

from . import Route, only, signed_in

Q = "/courses/test-course/first-module/quiz"
OWNER = only("learner", refused=404)
# Staff of another organisation belong to an organisation that does not offer the test course.
READER = {**signed_in(), "staff_other_org": 404}


def _hide_from_other(world, make):
    from extensions import db
    from modules.models import HiddenCourse

    db.session.add(HiddenCourse(organisation_id=world.other_organisation.id, course="test-course"))
    db.session.commit()


def _attempt(world, make, submitted=False):
    from modules.services import catalogue
    from quizzes import services

    course = catalogue().course("test-course")
    module = course.module("first-module")
    attempt = services.start_attempt(world.learner.id, course, module)
    if submitted:
        services.submit_attempt(
            world.learner.id, attempt, module.quiz("en"), set(attempt.question_order)
        )
    world.extra["attempt"] = attempt.id


def _submitted(world, make):
    _attempt(world, make, submitted=True)


def _url(suffix):
    return lambda w: f"/quizzes/attempts/{w.extra['attempt']}/{suffix}"


ROUTES = [
    Route("quizzes.start", "GET", Q, READER, setup=_hide_from_other),
    Route("quizzes.begin", "POST", Q, READER, setup=_hide_from_other),
    Route("quizzes.question", "GET", _url("1"), OWNER, setup=_attempt),
    Route(
        "quizzes.answer",
        "POST",
        _url("1"),
        OWNER,
        data=lambda w: {"question": "q1", "option": "a", "move": "next"},
        setup=_attempt,
    ),
    Route("quizzes.check", "GET", _url("check"), OWNER, setup=_attempt),
    Route(
        "quizzes.submit",
        "POST",
        _url("submit"),
        OWNER,
        data=lambda w: {"acknowledged": ",".join(f"q{n}" for n in range(1, 11))},
        setup=_attempt,
    ),
    Route("quizzes.results", "GET", _url("results"), OWNER, setup=_submitted),
    Route(
        "quizzes.mentee_scores",
        "GET",
        lambda w: f"/quizzes/mentees/{w.learner.id}",
        only("learner", "mentor", refused=404),
        setup=_submitted,
    ),
]
