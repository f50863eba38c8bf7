"""Taking a quiz through its pages: start, answer, back and next, resume, check, submit,
results, retake, language switch; nothing of the answers' correctness shows before submitting."""

from __future__ import annotations

import logging
import re

import pytest

from accounts.models import Role
from extensions import db
from modules.models import SelfAssessment
from quizzes.models import QuizAttempt

BASE = "/courses/test-course/first-module/quiz"


def right_answers(app) -> dict[str, str]:
    module = app.extensions["catalogue"].course("test-course").module("first-module")
    return {q.id: q.correct_option.id for q in module.quiz("en").questions}


def wrong_answers(app) -> dict[str, str]:
    module = app.extensions["catalogue"].course("test-course").module("first-module")
    return {
        q.id: next(o.id for o in q.options if not o.correct) for q in module.quiz("en").questions
    }


@pytest.fixture
def learner(make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    return user


def begin(client) -> QuizAttempt:
    response = client.post(BASE)
    assert response.status_code == 303
    return db.session.scalars(db.select(QuizAttempt).order_by(QuizAttempt.id.desc())).first()


def answer(client, attempt, number, option, move="next", question=None):
    question = question or attempt.question_order[number - 1]
    return client.post(
        f"/quizzes/attempts/{attempt.id}/{number}",
        data={"question": question, "option": option or "", "move": move},
    )


def answer_all(client, attempt, answers, upto=None):
    for number, qid in enumerate(attempt.question_order[:upto], start=1):
        answer(client, attempt, number, answers[qid])


def test_start_page_explains_and_offers_to_start(client, learner):
    response = client.get(BASE)
    assert response.status_code == 200
    assert "Start the self-assessment" in response.text
    assert "no time limit" in response.text


def test_starting_goes_to_question_one_of_ten(client, learner):
    response = client.post(BASE)
    page = client.get(response.headers["Location"])
    assert "Question 1 of 10" in page.text


def test_options_are_shuffled_once_and_stored(client, learner):
    attempt = begin(client)
    first = client.get(f"/quizzes/attempts/{attempt.id}/1").text
    again = client.get(f"/quizzes/attempts/{attempt.id}/1").text
    order = re.findall(r'name="option" value="([a-e])"', first)
    assert order == re.findall(r'name="option" value="([a-e])"', again)
    assert order == attempt.option_order[attempt.question_order[0]]


def test_unsubmitted_pages_hold_no_feedback_or_correctness(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=5)
    pages = [client.get(f"/quizzes/attempts/{attempt.id}/{n}").text for n in range(1, 11)]
    pages.append(client.get(f"/quizzes/attempts/{attempt.id}/check").text)
    pages.append(client.get(BASE).text)
    for html in pages:
        assert "Feedback on answer" not in html
        assert "Explanation of question" not in html
        assert not re.search(r"\bcorrect\b|\bright answer\b|Not right", html, re.IGNORECASE)
        assert "data-correct" not in html


def test_next_and_back_save_the_answer(client, learner):
    attempt = begin(client)
    first = attempt.option_order[attempt.question_order[0]][0]
    response = answer(client, attempt, 1, first, move="next")
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/2")
    second = attempt.option_order[attempt.question_order[1]][1]
    response = answer(client, attempt, 2, second, move="back")
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/1")
    db.session.refresh(attempt)
    assert attempt.answers == {"q1": first, "q2": second}
    page = client.get(f"/quizzes/attempts/{attempt.id}/1").text
    assert f'value="{first}" checked' in page


def test_leaving_and_coming_back_resumes_at_the_first_unanswered(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=3)
    page = client.get(BASE)
    assert "Continue where you left off" in page.text
    assert f"/quizzes/attempts/{attempt.id}/4" in page.text
    response = client.post(BASE)  # starting again resumes, it does not start over
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/4")
    assert db.session.scalar(db.select(db.func.count(QuizAttempt.id))) == 1


def test_check_page_lists_unanswered_questions(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=8)
    page = client.get(f"/quizzes/attempts/{attempt.id}/check").text
    assert "You have not answered 2 questions" in page
    assert "Question 9: Question 9" in page and "Question 10: Question 10" in page


def test_submitting_with_gaps_the_check_page_did_not_show_is_refused(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=8)
    response = client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/check")
    db.session.refresh(attempt)
    assert attempt.state == "in_progress"
    assert "Some questions are still unanswered" in client.get(response.headers["Location"]).text


def test_submitting_after_the_check_page_grades_and_records_progress(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=8)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": "q9,q10"}
    )
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/results")
    db.session.refresh(attempt)
    assert (attempt.state, attempt.score, attempt.passed) == ("submitted", 8, True)
    progress = db.session.scalar(db.select(SelfAssessment).filter_by(user_id=learner.id))
    assert (progress.last_score, progress.passed_at is not None) == (8, True)


def test_results_show_score_answers_feedback_explanation_and_sections(app, client, learner):
    attempt = begin(client)
    answers = right_answers(app)
    answers.update({qid: o for qid, o in wrong_answers(app).items() if qid in ("q1", "q2")})
    answer_all(client, attempt, answers)
    client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    page = client.get(f"/quizzes/attempts/{attempt.id}/results").text
    assert "You scored 8 out of 10" in page and "Eight right out of ten" in page
    assert f"Feedback on answer {wrong_answers(app)['q1'].upper()} to question 1." in page
    assert "Explanation of question 1." in page
    assert "Answer B to question 1" in page  # the right answer shown
    assert "/courses/test-course/first-module/first-steps" in page
    assert "/courses/test-course/first-module/second-steps" in page


def test_retake_starts_a_new_attempt_and_compares_with_the_last(app, client, learner):
    first = begin(client)
    answer_all(client, first, wrong_answers(app))
    client.post(f"/quizzes/attempts/{first.id}/submit", data={"acknowledged": ""})
    second = begin(client)
    assert second.id != first.id
    answer_all(client, second, right_answers(app))
    client.post(f"/quizzes/attempts/{second.id}/submit", data={"acknowledged": ""})
    page = client.get(f"/quizzes/attempts/{second.id}/results").text
    assert "Last time you scored 0 out of 10" in page
    assert "This is your best score so far" in page
    history = client.get(BASE).text
    assert "Attempt 1" in history and "Attempt 2" in history


def test_switching_language_keeps_every_answer(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=4)
    learner.language = "nl"
    db.session.commit()
    page = client.get(f"/quizzes/attempts/{attempt.id}/check").text
    assert 'lang="nl"' in page
    db.session.refresh(attempt)
    assert len(attempt.answers) == 4
    assert "Antwoord B op vraag 1" in page  # the answer given in English, shown in Dutch
    assert "Answer B to question 1" not in page


def test_queries_per_question_page_do_not_grow(app, client, learner, count_statements):
    attempt = begin(client)
    with count_statements() as few:
        client.get(f"/quizzes/attempts/{attempt.id}/1")
    answer_all(client, attempt, right_answers(app))
    with count_statements() as many:
        client.get(f"/quizzes/attempts/{attempt.id}/check")
    assert many.count <= few.count + 1


def test_results_of_an_unsubmitted_attempt_go_to_the_check_page(client, learner):
    attempt = begin(client)
    response = client.get(f"/quizzes/attempts/{attempt.id}/results")
    assert response.headers["Location"].endswith(f"/quizzes/attempts/{attempt.id}/check")


def test_results_in_dutch(app, client, learner):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app))
    client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    learner.language = "nl"
    db.session.commit()
    page = client.get(f"/quizzes/attempts/{attempt.id}/results").text
    assert "Je score is 10 van de 10" in page and "Tien van de tien goed." in page
    assert "Feedback op antwoord B bij vraag 1." in page


def _submit_one(app, client):
    attempt = begin(client)
    answer_all(client, attempt, right_answers(app), upto=3)
    client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": "all"})
    attempt = db.session.get(QuizAttempt, attempt.id)
    client.post(
        f"/quizzes/attempts/{attempt.id}/submit",
        data={"acknowledged": ",".join(attempt.unanswered())},
    )
    return attempt


def test_queries_on_results_start_and_scores_do_not_grow_with_attempts(
    app, client, learner, count_statements
):
    def counts(attempt_id):
        numbers = []
        for url in (
            f"/quizzes/attempts/{attempt_id}/results",
            BASE,
            f"/quizzes/mentees/{learner.id}",
        ):
            with count_statements() as counter:
                assert client.get(url).status_code == 200
            numbers.append(counter.count)
        return numbers

    first = _submit_one(app, client)
    few = counts(first.id)
    for _ in range(4):
        last = _submit_one(app, client)
    assert counts(last.id) == few


def test_starting_and_submitting_log_one_line_each_with_ids_only(app, client, learner, caplog):
    with caplog.at_level(logging.INFO, logger="quizzes.services"):
        attempt = begin(client)
        answer_all(client, attempt, right_answers(app))
        client.post(f"/quizzes/attempts/{attempt.id}/submit", data={"acknowledged": ""})
    lines = [r.getMessage() for r in caplog.records if r.name == "quizzes.services"]
    assert [line for line in lines if "answer saved" not in line] == [
        f"quiz attempt started attempt={attempt.id} user={learner.id} course=test-course "
        "module=first-module",
        f"quiz attempt submitted attempt={attempt.id} user={learner.id} score=10 passed=True",
    ]
    assert len(lines) == 12  # and one per answer saved: the attempt and question ids only
