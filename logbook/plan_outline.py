"""The business plan, built once in plan-chapter order; the DOCX, the PDF, the print view and the
Markdown export only lay it out.

Order: the summary first (written last, read first), then the course's plan chapters as
declared, each with the learner's text per assignment and, in the financial plan, the budgets as
tables. A chapter with nothing written is left out of the body; every assignment not written yet
is listed once, on the "Still to write" page at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from modules.content import Assignment, Course

from .plan_parts import PlanTable
from .render import render_markdown

SUMMARY = "summary"  # the chapter written last and printed first
FINANCE = "finance"  # the chapter that holds the budgets and that the mentor should have read


@dataclass(frozen=True)
class PlanPart:
    title: str  # the assignment's title, a sub-heading
    text: str  # the learner's text, exactly as typed


@dataclass(frozen=True)
class MentorRead:
    mentor: str  # the mentor's name; empty when their account is gone
    date: str  # already written in the reader's language


@dataclass(frozen=True)
class PlanChapter:
    key: str
    title: str
    parts: tuple[PlanPart, ...] = ()
    tables: tuple[PlanTable, ...] = ()
    read: MentorRead | None = None


@dataclass(frozen=True)
class Missing:
    """An assignment not written yet, with a local link to where the learner writes it."""

    chapter: str
    title: str
    link: str


@dataclass(frozen=True)
class Plan:
    title: str
    name: str  # the business's name, or the learner's when there is none
    author: str
    email: str
    date: str  # today, in the reader's language
    language: str
    chapters: tuple[PlanChapter, ...]
    missing: tuple[Missing, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)  # headings and phrases, translated


@dataclass(frozen=True)
class ChapterSource:
    """What a chapter of one course is made of, before the learner's text is added."""

    key: str
    title: str
    assignments: tuple[Assignment, ...]


def chapters_of(course: Course, language: str, prefix: str = "") -> list[ChapterSource]:
    """The course's plan chapters in print order (summary first); a course that declares none
    gets one chapter per module, in module order."""
    assignments = course.assignments(language)
    if course.plan_chapters:
        sources = [
            ChapterSource(
                c.key,
                prefix + c.title(language),
                tuple(a for a in assignments if a.chapter == c.key),
            )
            for c in course.plan_chapters
        ]
        sources.sort(key=lambda s: s.key != SUMMARY)  # stable: the rest keep the course's order
        return sources
    return [
        ChapterSource(
            m.slug,
            prefix + m.text(language).title,
            m.assignments(language).assignments,
        )
        for m in course.modules
        if m.assignments(language).assignments
    ]


def build_chapters(
    sources: list[ChapterSource],
    texts: Mapping[str, str],
    reads: Mapping[str, tuple[datetime, str]],
    tables: tuple[PlanTable, ...],
    link_of: Callable[[Assignment], str],
    date_text: Callable[[datetime], str],
) -> tuple[list[PlanChapter], list[Missing]]:
    """The chapters with something in them, and what is still to write. `texts` (the learner's)
    and `reads` (the mentor's latest feedback: when, and the mentor's name) are by assignment
    key; the budgets go into the financial chapter."""
    chapters, missing = [], []
    for source in sources:
        parts = []
        for assignment in source.assignments:
            text = texts.get(assignment.key, "")
            if text.strip():
                parts.append(PlanPart(assignment.title, text))
            else:
                missing.append(Missing(source.title, assignment.title, link_of(assignment)))
        chapter_tables = tables if source.key == FINANCE else ()
        if not parts and not chapter_tables:
            continue
        latest = max((reads[a.key] for a in source.assignments if a.key in reads), default=None)
        chapters.append(
            PlanChapter(
                source.key,
                source.title,
                tuple(parts),
                chapter_tables,
                MentorRead(latest[1], date_text(latest[0])) if latest else None,
            )
        )
    return chapters, missing


# --- Markdown: the same outline, the learner's text exactly as typed ---


def as_markdown(plan: Plan) -> str:
    labels = plan.labels
    lines = [f"# {plan.title}", "", plan.name, ""]
    lines += [plan.author] if plan.author != plan.name else []
    lines += [f"{labels['contact']}: {plan.email}", f"{labels['date']}: {plan.date}"]
    lines += ["", f"## {labels['contents']}", ""]
    lines += [f"{n}. {c.title}" for n, c in enumerate(plan.chapters, 1)]
    if plan.missing:
        lines.append(f"{len(plan.chapters) + 1}. {labels['still_to_write']}")
    lines.append("")
    for chapter in plan.chapters:
        lines += [f"## {chapter.title}", ""]
        if chapter.read:
            lines += [f"*{read_by(chapter.read, labels)}*", ""]
        for part in chapter.parts:
            lines += [f"### {part.title}", "", part.text.strip(), ""]
        for table in chapter.tables:
            lines += [f"### {table.title}", "", *_markdown_table(table), ""]
            for note in table.notes:
                lines += [f"*{note}*", ""]
    if plan.missing:
        lines += [f"## {labels['still_to_write']}", "", labels["still_to_write_intro"], ""]
        lines += [f"- [ ] {m.chapter}: {m.title}" for m in plan.missing]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|") or " "


def _markdown_table(table: PlanTable) -> list[str]:
    lines = ["| " + " | ".join(_cell(c) for c in table.columns) + " |"]
    lines.append("|" + "|".join([" --- "] + [" ---: "] * (len(table.columns) - 1)) + "|")
    for index, row in enumerate(table.rows):
        cells = [_cell(c) for c in row]
        if index in table.total_rows:
            cells = [f"**{c}**" if c.strip() else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def read_by(read: MentorRead, labels: Mapping[str, str]) -> str:
    if read.mentor:
        return labels["read_by"].format(mentor=read.mentor, date=read.date)
    return labels["read_on"].format(date=read.date)


# --- HTML for the print view and the PDF ---

_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def plan_html(text: str) -> Markup:
    """The learner's text as cleaned HTML, its headings two levels down as in the DOCX (under
    the chapter's h2 and the assignment's h3)."""
    cleaned = str(render_markdown(text))  # nh3 leaves headings without attributes
    shifted = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", cleaned)
    return Markup(shifted)  # noqa: S704 (cleaned HTML, only heading tags renamed)
