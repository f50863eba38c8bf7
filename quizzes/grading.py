"""Grading: pure functions from a quiz and the answers given to a score, pass or not.

Seven or more right out of ten passes; an unanswered question counts as not right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from modules.content import Question, Quiz

PASS_MARK = 7  # out of 10
OUT_OF = 10


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    chosen: str | None  # option id, None when unanswered

    @property
    def answered(self) -> bool:
        return self.chosen is not None

    @property
    def right(self) -> bool:
        return self.chosen == self.question.correct_option.id


@dataclass(frozen=True)
class Grade:
    results: tuple[QuestionResult, ...]

    @property
    def score(self) -> int:
        return sum(1 for r in self.results if r.right)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> bool:
        return passes(self.score, self.total)

    @property
    def missed(self) -> tuple[QuestionResult, ...]:
        return tuple(r for r in self.results if not r.right)


def passes(score: int, total: int = OUT_OF) -> bool:
    """7 of 10 passes; a quiz of another length needs the same share (70%)."""
    return total > 0 and score * OUT_OF >= PASS_MARK * total


def grade_answers(
    quiz: Quiz, answers: Mapping[str, str], order: Sequence[str] | None = None
) -> Grade:
    """Every question of the quiz (in `order` if given), with the answer chosen for it, if any.
    An answer that is not one of the question's options counts as unanswered."""
    ids = list(order) if order is not None else [q.id for q in quiz.questions]
    results = []
    for question_id in ids:
        question = quiz.question(question_id)
        if question is None:
            continue
        chosen = answers.get(question_id)
        if chosen is not None and question.option(chosen) is None:
            chosen = None
        results.append(QuestionResult(question, chosen))
    return Grade(tuple(results))


def sections_to_revisit(grade: Grade) -> list[str]:
    """Slugs of the sections covering the missed questions, once each, in question order."""
    seen: list[str] = []
    for result in grade.missed:
        if result.question.section and result.question.section not in seen:
            seen.append(result.question.section)
    return seen
