"""Who may see and change an attempt: its learner only. Bad input is refused and changes
nothing. The current mentor sees scores and dates, never answers."""

from __future__ import annotations

import pytest

from accounts.models import Role
from extensions import db
from mentoring.models import PairState
from modules.models import HiddenCourse, SelfAssessment
from modules.services import catalogue
from quizzes import services
from quizzes.models import QuizAttempt


@pytest.fixture
def home(make):
    return make.organisation("Home")


@pytest.fixture
def learner(make, home):
    return make.user(Role.LEARNER, home, name="Lena Learner")


def _module():
    course = catalogue().course("test-course")
    return course, course.module("first-module")


def _attempt(user, submitted=False) -> QuizAttempt:
    course, module = _module()
    attempt = services.start_attempt(user.id, course, module)
    services.save_answer(user.id, attempt, 1, "q1", "b")
    if submitted:
        services.submit_attempt(user.id, attempt, module.quiz("en"), set(attempt.question_order))
    return attempt


def _snapshot(attempt):
    db.session.refresh(attempt)
    return (attempt.state, dict(attempt.answers), attempt.score)


@pytest.mark.parametrize("suffix", ["1", "check", "results"])
def test_another_learners_attempt_pages_are_404(client, auth, make, home, learner, suffix):
    attempt = _attempt(learner, submitted=suffix == "results")
    auth.login(make.user(Role.LEARNER, home))
    assert client.get(f"/quizzes/attempts/{attempt.id}/{suffix}").status_code == 404


def test_another_learner_cannot_answer_or_submit(client, auth, make, home, learner):
    attempt = _attempt(learner)
    before = _snapshot(attempt)
    auth.login(make.user(Role.LEARNER, home))
    answered = client.post(
        f"/quizzes/attempts/{attempt.id}/1", data={"question": "q1", "option": "a"}
    )
    submitted = client.post(
        f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": "q2,q3"}
    )
    assert (answered.status_code, submitted.status_code) == (404, 404)
    assert _snapshot(attempt) == before


def test_an_attempt_id_that_does_not_exist_is_404(client, auth, learner):
    auth.login(learner)
    assert client.get("/quizzes/attempts/999999/1").status_code == 404


def test_a_tampered_option_id_is_refused_and_changes_nothing(client, auth, learner):
    attempt = _attempt(learner)
    before = _snapshot(attempt)
    auth.login(learner)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/1", data={"question": "q1", "option": "zz"}
    )
    assert response.status_code == 400
    assert "That answer is not one of the options" in response.text
    assert _snapshot(attempt) == before


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("q-from-another-quiz", "That question is not part of this self-assessment"),
        ("q5", "That answer belongs to another question"),
    ],
)
def test_a_question_id_that_is_not_this_page_is_refused(client, auth, learner, question, message):
    attempt = _attempt(learner)
    before = _snapshot(attempt)
    auth.login(learner)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/2", data={"question": question, "option": "a"}
    )
    assert response.status_code == 400
    assert message in response.text
    assert _snapshot(attempt) == before


def test_a_second_submission_is_refused_and_changes_nothing(client, auth, learner):
    attempt = _attempt(learner, submitted=True)
    before = _snapshot(attempt)
    auth.login(learner)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""}, follow_redirects=True
    )
    assert "You already submitted this attempt" in response.text
    assert _snapshot(attempt) == before
    assert db.session.scalar(db.select(SelfAssessment.attempts)) == 1


def test_answers_of_a_submitted_attempt_cannot_change(client, auth, learner):
    attempt = _attempt(learner, submitted=True)
    before = _snapshot(attempt)
    auth.login(learner)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/1",
        data={"question": "q1", "option": "a"},
        follow_redirects=True,
    )
    assert "its answers cannot change" in response.text
    assert _snapshot(attempt) == before


def test_a_course_the_organisation_does_not_offer_has_no_quiz(client, auth, home, learner):
    db.session.add(HiddenCourse(organisation_id=home.id, course="test-course"))
    db.session.commit()
    auth.login(learner)
    assert client.get("/courses/test-course/first-module/quiz").status_code == 404
    assert client.post("/courses/test-course/first-module/quiz").status_code == 404
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 0


def test_an_unknown_module_has_no_quiz(client, auth, learner):
    auth.login(learner)
    assert client.get("/courses/test-course/no-such-module/quiz").status_code == 404


def test_the_mentor_sees_scores_and_dates_never_answers(client, auth, make, home, learner):
    mentor = make.user(Role.MENTOR, home)
    make.pair(mentor, learner, home)
    _attempt(learner, submitted=True)
    auth.login(mentor)
    page = client.get(f"/quizzes/mentees/{learner.id}").text
    assert "Self-assessment scores of Lena Learner" in page
    assert "1 out of 10" in page
    assert "Answer B to question 1" not in page and "Feedback on answer" not in page


@pytest.mark.parametrize("state", [PairState.ENDED, PairState.PROPOSED, PairState.REMATCHED])
def test_a_mentor_who_is_not_current_is_refused(client, auth, make, home, learner, state):
    mentor = make.user(Role.MENTOR, home)
    make.pair(mentor, learner, home, state=state)
    _attempt(learner, submitted=True)
    auth.login(mentor)
    assert client.get(f"/quizzes/mentees/{learner.id}").status_code == 404


def test_a_mentor_of_the_learner_in_another_organisation_is_refused_here(
    client, auth, make, home, learner
):
    elsewhere = make.organisation("Elsewhere")
    mentor = make.user(Role.MENTOR, elsewhere)
    make.pair(mentor, learner, home)  # the pair belongs to Home, the mentor works in Elsewhere
    auth.login(mentor)
    assert client.get(f"/quizzes/mentees/{learner.id}").status_code == 404


def test_scores_page_of_someone_who_does_not_exist_is_404(client, auth, learner):
    auth.login(learner)
    assert client.get("/quizzes/mentees/999999").status_code == 404


def test_the_learner_sees_their_own_scores(client, auth, learner):
    _attempt(learner, submitted=True)
    auth.login(learner)
    page = client.get(f"/quizzes/mentees/{learner.id}").text
    assert "Your self-assessment scores" in page and "1 out of 10" in page
