"""Route inventory of the questions: the asker's own pages (the learner who asked, 404 to
everybody else, staff included), the staff pages (staff of the question's organisation only,
404 to everybody else, platform admins included), asking (learners and mentors of the
organisation they work in) and the FAQ (every member of an organisation, for their own)."""

from extensions import db

from . import LOGIN, OK, Route, only, signed_in

ASKER = only("learner", refused=404)
STAFF = only("staff", refused=404)
# Staff answer and do not ask (403); a platform admin works in no organisation (404).
ASKING = {
    **signed_in(),
    "staff": 403,
    "staff_other_org": 403,
    "admin": 404,
    "anonymous": LOGIN,
}
MEMBERS = {**signed_in(), "admin": 404}
# Staff of another organisation see their own organisation's list, never these questions.
STAFF_LIST = {**STAFF, "staff_other_org": OK}


def _question(world, make, state="open"):
    from questions import services

    question = services.ask(
        world.learner, world.organisation, "How do I start my logbook?", "logbook", True
    )
    staff = world.people["staff"]
    if state in ("answered", "published"):
        services.answer(staff, question, "Open My logbook and choose an assignment.")
    if state == "published":
        services.publish(staff, question, "How do I start my logbook?", "Open My logbook.")
    db.session.commit()
    world.extra["question"] = question.id


def _answered(world, make):
    _question(world, make, "answered")


def _published(world, make):
    _question(world, make, "published")


def _at(tail=""):
    return lambda w: f"/questions/{w.extra['question']}{tail}"


def _staff_at(tail=""):
    return lambda w: f"/questions/staff/question/{w.extra['question']}{tail}"


ROUTES = [
    Route("questions.index", "GET", "/questions/", signed_in()),
    Route("questions.new", "GET", "/questions/new", ASKING),
    Route(
        "questions.new",
        "POST",
        "/questions/new",
        ASKING,
        data=lambda w: {"text": "Where do I find the self-assessments?"},
    ),
    Route("questions.faq", "GET", "/questions/faq", MEMBERS),
    Route("questions.question", "GET", _at(), ASKER, setup=_question),
    Route(
        "questions.consent",
        "POST",
        _at("/consent"),
        ASKER,
        setup=_question,
        data=lambda w: {"consent": "y"},
    ),
    Route("questions.staff", "GET", "/questions/staff", STAFF_LIST, setup=_question),
    Route("questions.staff_question", "GET", _staff_at(), STAFF, setup=_question),
    Route(
        "questions.answer",
        "POST",
        _staff_at("/answer"),
        STAFF,
        setup=_question,
        data=lambda w: {"answer": "Open My logbook."},
    ),
    Route(
        "questions.publish",
        "POST",
        _staff_at("/publish"),
        STAFF,
        setup=_answered,
        data=lambda w: {"faq_question": "How do I start?", "faq_answer": "Open My logbook."},
    ),
    Route("questions.unpublish", "POST", _staff_at("/unpublish"), STAFF, setup=_published),
]
