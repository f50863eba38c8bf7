"""The README's editorial ranges, checked with `flask courses check --strict`.

Not part of the start-up check: the tiny test course is deliberately smaller than a real module.
"""

from __future__ import annotations

import re
from pathlib import Path

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
