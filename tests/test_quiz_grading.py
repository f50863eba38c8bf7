"""Grading is pure: a quiz and the answers in, a score and pass or not out."""

from __future__ import annotations

import pytest

from modules.content import Option, Question, Quiz
from quizzes.grading import grade_answers, passes, sections_to_revisit


def quiz_of_ten() -> Quiz:
    questions = tuple(
        Question(
            id=f"q{n}",
            section=f"section-{n % 3}",
            text=f"Question {n}",
            options=tuple(
                Option(id=o, text=f"{o}{n}", feedback=f"fb {o}{n}", correct=(o == "b"))
                for o in "abc"
            ),
            explanation=f"why {n}",
        )
        for n in range(1, 11)
    )
    return Quiz(language="en", fallback=False, questions=questions)


def answers(right: int, wrong: int) -> dict[str, str]:
    """The first `right` questions right, the next `wrong` wrong, the rest unanswered."""
    given = {f"q{n}": "b" for n in range(1, right + 1)}
    given.update({f"q{n}": "a" for n in range(right + 1, right + wrong + 1)})
    return given


@pytest.mark.parametrize(
    ("given", "score", "passed"),
    [
        pytest.param(answers(10, 0), 10, True, id="all right"),
        pytest.param(answers(0, 10), 0, False, id="all wrong"),
        pytest.param(answers(5, 2), 5, False, id="partly answered"),
        pytest.param(answers(7, 3), 7, True, id="exactly seven"),
        pytest.param(answers(6, 4), 6, False, id="six is not enough"),
        pytest.param({}, 0, False, id="nothing answered"),
    ],
)
def test_grade(given, score, passed):
    grade = grade_answers(quiz_of_ten(), given)
    assert (grade.score, grade.total, grade.passed) == (score, 10, passed)


def test_unanswered_questions_count_as_missed():
    grade = grade_answers(quiz_of_ten(), answers(5, 2))
    assert [r.question.id for r in grade.missed] == ["q6", "q7", "q8", "q9", "q10"]
    assert [r.answered for r in grade.missed] == [True, True, False, False, False]


def test_an_answer_that_is_not_an_option_counts_as_unanswered():
    grade = grade_answers(quiz_of_ten(), {"q1": "z"})
    assert (grade.results[0].answered, grade.score) == (False, 0)


def test_results_follow_the_order_given():
    order = [f"q{n}" for n in range(10, 0, -1)]
    grade = grade_answers(quiz_of_ten(), {}, order)
    assert [r.question.id for r in grade.results] == order


def test_sections_to_revisit_are_listed_once_in_question_order():
    grade = grade_answers(quiz_of_ten(), answers(6, 0))
    assert sections_to_revisit(grade) == ["section-1", "section-2", "section-0"]


@pytest.mark.parametrize(
    ("score", "total", "passed"), [(7, 10, True), (6, 10, False), (0, 0, False)]
)
def test_pass_mark_is_seventy_percent(score, total, passed):
    assert passes(score, total) is passed
