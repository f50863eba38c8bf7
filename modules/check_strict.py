"""The README's editorial ranges, checked with `flask courses check --strict`.

Not part of the start-up check: the tiny test course is deliberately smaller than a real module.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .check_report import Report
from .markup import Renderer, count_words, link_targets
from .yaml_lines import LineDict

BOX = re.compile(r'^!!! +([a-z][a-z0-9-]*)(?: +"([^"]*)")?')
BOX_KINDS = ("ask-mentor", "you-bring", "tip")
BOX_TITLES = {
    "en": {"ask-mentor": "Ask your mentor", "you-bring": "What you bring"},
    "nl": {"ask-mentor": "Vraag het je mentor", "you-bring": "Wat jij meebrengt"},
}
CASE_QUESTIONS_TITLE = {"en": "Questions to think about"}
NUMBERED = re.compile(r"^\d+\. ")


def count(report: Report, path: Path, data: LineDict, key: str, low: int, high: int) -> None:
    """A list with `low` to `high` items: "3 to 5 books", "3 or 4 assignments"."""
    items = data.get(key)
    if isinstance(items, list) and not low <= len(items) <= high:
        span = f"{low} or {high}" if high == low + 1 else f"{low} to {high}"
        report.error(path, data.line_of(key), f"{key}: write {span}, not {len(items)}")


def module(
    report: Report,
    path: Path,
    meta: LineDict | None,
    parts: list[tuple[str, str, str, int]],
    body: str,
    start: int,
    language: str,
) -> None:
    if not 4 <= len(parts) <= 6:
        report.error(path, start, f"a module has 4 to 6 sections, not {len(parts)}")
    for key in ("objectives", "outcomes"):
        if meta is not None:
            count(report, path, meta, key, 3, 5)
    seen: set[str] = set()
    for number, text in enumerate(body.split("\n"), start):
        box = BOX.match(text)
        if box is None:
            continue
        kind, title = box.groups()
        seen.add(kind)
        expected = BOX_TITLES.get(language, {}).get(kind)
        if kind not in BOX_KINDS:
            report.error(path, number, f"box '{kind}' is not one of {', '.join(BOX_KINDS)}")
        elif expected and title != expected:
            report.error(path, number, f'the {kind} box is titled "{expected}"')
    for kind in ("ask-mentor", "you-bring"):
        if kind not in seen:
            report.error(path, start, f"a module has at least one {kind} box")
    _https(report, path, body, start)


def case(report: Report, path: Path, body: str, start: int, language: str) -> None:
    words = count_words(Renderer(frozenset()).render(body))
    if not 400 <= words <= 800:
        report.error(path, start, f"a case study has 400 to 800 words, not {words}")
    lines = [(n, t) for n, t in enumerate(body.split("\n"), start) if t.strip()]
    headings = [(n, t) for n, t in lines if t.startswith("### ")]
    last_line = lines[-1][0] if lines else start
    ending = "a case study ends with a '### ' heading and two questions as a numbered list"
    if not headings:
        report.error(path, last_line, ending)
        _https(report, path, body, start)
        return
    line, heading = headings[-1]
    after = [t for n, t in lines if n > line]
    questions = [t for t in after if NUMBERED.match(t)]
    if len(questions) != 2 or not after or not NUMBERED.match(after[0]):
        report.error(path, line, ending)
    expected = CASE_QUESTIONS_TITLE.get(language)
    if expected and heading.removeprefix("### ").strip() != expected:
        report.error(path, line, f'the questions heading is "### {expected}"')
    _https(report, path, body, start)


def _https(report: Report, path: Path, body: str, start: int) -> None:
    for target, line in link_targets(body, start):
        if target.startswith("http://"):
            report.error(path, line, f"an external link is a full https:// address: {target}")


# Quizzes that cannot be passed by picking the longest answer ------------------------------------

LONGEST_AT_MOST = 3  # questions whose right option is the strictly longest
LENGTH_RATIO_UNDER = 1.25  # mean of len(right) / mean(len(wrong)) over the questions
SAME_POSITION_AT_MOST = 4  # questions whose right option sits in one position


def quiz(report: Report, path: Path, line: int, questions: list[Any]) -> None:
    """The agreed quiz rules, per file; questions whose options are broken are left out."""
    shapes = [_lengths(q) for q in questions]
    usable = [s for s in shapes if s is not None]
    if not usable:
        return
    total = len(usable)
    longest = [qid for qid, right, wrong, _ in usable if right > max(wrong)]
    if len(longest) > LONGEST_AT_MOST:
        message = (
            f"the right option is the longest in {len(longest)} of {total} questions "
            f"({', '.join(longest)}): at most {LONGEST_AT_MOST}"
        )
        report.error(path, line, message)
    ratio = sum(right / (sum(wrong) / len(wrong)) for _, right, wrong, _ in usable) / total
    if ratio >= LENGTH_RATIO_UNDER:
        message = (
            f"the right option is on average {ratio:.2f} times as long as a wrong one: "
            f"keep it under {LENGTH_RATIO_UNDER}"
        )
        report.error(path, line, message)
    positions = Counter(position for _, _, _, position in usable)
    for position, times in sorted(positions.items()):
        if times > SAME_POSITION_AT_MOST:
            message = (
                f"the right option is option {position} in {times} of {total} questions: "
                f"at most {SAME_POSITION_AT_MOST} in one position"
            )
            report.error(path, line, message)


def _lengths(question: Any) -> tuple[str, int, list[int], int] | None:
    """(question id, length of the right option, lengths of the wrong ones, 1-based position)."""
    options = question.get("options") if isinstance(question, dict) else None
    if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
        return None
    texts = [o.get("text") for o in options]
    right = [i for i, o in enumerate(options) if o.get("correct") is True]
    if len(right) != 1 or len(options) < 2 or not all(isinstance(t, str) for t in texts):
        return None
    lengths = [len(t.strip()) for t in texts]
    wrong = [n for i, n in enumerate(lengths) if i != right[0]]
    if not all(wrong):
        return None
    return str(question.get("id")), lengths[right[0]], wrong, right[0] + 1
