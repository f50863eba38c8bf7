"""Two presses at the same instant (issue 10): one quiz attempt submitted twice counts once, and
a double "Start" opens one attempt. Threads, each with its own client and app context, are let
go together by a barrier placed after both have read the attempt and before either writes; the
loser gets a clean page, never a 500. And a submission is one transaction with its progress."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.orm.attributes import set_committed_value

from accounts.models import Role
from extensions import db
from modules.models import SelfAssessment
from quizzes import services
from quizzes.models import AttemptState, QuizAttempt
from tests.test_quiz_pages import BASE, answer_all, begin, right_answers


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    return user


def meet_halfway(monkeypatch, function_name: str, parties: int = 2) -> None:
    """Each thread waits in `services.<function_name>` until every thread got there: all have
    read the attempt, none has written. A lone thread goes on after a few seconds."""
    # Shorter than SQLite's busy timeout: there a writer holds the lock from its start, so the
    # other cannot read meanwhile, and the one waiting here must go on before that one gives up.
    barrier = threading.Barrier(parties, timeout=2)
    original = getattr(services, function_name)
    waited = threading.local()

    def waiting(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(waited, "done", False):
            waited.done = True
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return result

    monkeypatch.setattr(services, function_name, waiting)


def at_once(app, user, method: str, url: str, data: dict, parties: int = 2) -> list:
    """The same request by `parties` threads released together; their responses."""
    start = threading.Barrier(parties, timeout=10)
    responses: list = [None] * parties
    errors: list[BaseException] = []
    user_id = user.get_id()  # read here: the test's own session is not the threads' to use

    def press(index: int) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                with client.session_transaction() as session:
                    session["_user_id"] = user_id
                start.wait()
                responses[index] = client.open(url, method=method, data=data)
                db.session.remove()
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=press, args=(i,)) for i in range(parties)]
    db.session.commit()  # what the test set up is visible to the threads
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    assert errors == []
    return responses


def test_one_attempt_submitted_twice_at_once_counts_once(app, client, learner, monkeypatch):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app))
    meet_halfway(monkeypatch, "grade_answers")
    url = f"/quizzes/attempts/{attempt.id}/submit"
    responses = at_once(app, learner, "POST", url, {"acknowledged": ""})
    results = f"/quizzes/attempts/{attempt.id}/results"
    assert [(r.status_code, r.headers["Location"]) for r in responses] == [(303, results)] * 2
    progress = db.session.scalar(db.select(SelfAssessment).filter_by(user_id=learner.id))
    assert progress.attempts == 1
    submitted = db.select(db.func.count()).where(QuizAttempt.state == "submitted")
    assert db.session.scalar(submitted) == 1
    assert client.get(results).status_code == 200


def test_a_double_start_opens_one_attempt(app, client, learner, monkeypatch):
    meet_halfway(monkeypatch, "open_attempt")
    responses = at_once(app, learner, "POST", BASE, {})
    attempts = list(db.session.scalars(db.select(QuizAttempt)))
    assert len(attempts) == 1
    first_question = f"/quizzes/attempts/{attempts[0].id}/1"
    assert [(r.status_code, r.headers["Location"]) for r in responses] == [
        (303, first_question)
    ] * 2


def test_a_failure_in_progress_leaves_the_attempt_open(app, client, learner, monkeypatch):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app))

    def broken(*args, **kwargs):
        raise RuntimeError("progress could not be saved")

    monkeypatch.setattr(services.modules, "record_self_assessment", broken)
    with pytest.raises(RuntimeError):
        client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    db.session.refresh(attempt)
    assert (attempt.state, attempt.score) == (AttemptState.IN_PROGRESS.value, None)
    assert db.session.scalar(db.select(db.func.count(SelfAssessment.id))) == 0


def test_an_answer_saved_after_another_tab_submitted_changes_nothing(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app))
    other_tab = client.application.test_client()
    with other_tab.session_transaction() as session:
        session["_user_id"] = learner.get_id()
    # This tab still shows question 1; the other tab submits first.
    other_tab.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    question = attempt.question_order[0]
    wrong = next(o for o in attempt.option_order[question] if o != right_answers(app)[question])
    with pytest.raises(services.QuizError):
        services.save_answer(learner.id, stale(attempt), 1, question, wrong)
    db.session.rollback()
    db.session.refresh(attempt)
    assert attempt.answers[question] == right_answers(app)[question]


def stale(attempt: QuizAttempt) -> QuizAttempt:
    """The attempt as a page loaded before the other tab's submit saw it."""
    db.session.refresh(attempt)
    set_committed_value(attempt, "state", AttemptState.IN_PROGRESS.value)  # read earlier
    return attempt
