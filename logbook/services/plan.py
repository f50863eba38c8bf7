"""The learner's business plan gathered from the database once (entries, the mentor's feedback,
the budgets) for every format, and held against what an adviser checks before accepting it."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date, datetime

from babel.dates import format_date
from flask_babel import force_locale
from flask_babel import gettext as _

from accounts.models import User
from extensions import db, utcnow
from modules.content import Assignment, Course
from outbox.services import local_path

from ..budgets import KINDS
from ..models import Entry, Message, MessageKind
from ..plan_outline import (
    FINANCE,
    SUMMARY,
    ChapterSource,
    Missing,
    Plan,
    PlanChapter,
    build_chapters,
    chapters_of,
)
from ..plan_parts import PlanCheck
from .budgets import plan_checks, plan_tables
from .common import entries_of


def _labels() -> dict[str, str]:
    return {
        "contents": _("Contents"),
        "still_to_write": _("Still to write"),
        "still_to_write_intro": _("These parts of the plan are not written yet."),
        "read_by": _("Read by my mentor %(mentor)s on %(date)s", mentor="{mentor}", date="{date}"),
        "read_on": _("Read by my mentor on %(date)s", date="{date}"),
        "page": _("Page"),
        "budgets": _("Budgets"),
        "contact": _("Contact"),
        "date": _("Date"),
    }


def _latest_feedback(user_id: int) -> dict[tuple[str, str], tuple[datetime, str]]:
    """(course, key) -> when the mentor last gave feedback on that entry, and the mentor's name."""
    rows = db.session.execute(
        db.select(Entry.course, Entry.key, Message.created_at, User.name)
        .join(Message, Message.entry_id == Entry.id)
        .outerjoin(User, User.id == Message.author_id)
        .where(Entry.user_id == user_id, Message.kind == MessageKind.FEEDBACK.value)
        .order_by(Message.created_at)
    )
    return {(course, key): (at, name or "") for course, key, at, name in rows}


def _with_courses(courses: list[Course], language: str) -> list[Course]:
    return [c for c in courses if c.assignments(language)]


def plan_of(user: User, courses: list[Course], language: str, today: date | None = None) -> Plan:
    """The plan in print order, in `language`: summary first, then the chapters as the course
    declares them, budgets in the financial plan, what is not written yet on the last page."""
    courses = _with_courses(courses, language)
    entries = entries_of(user.id)
    feedback = _latest_feedback(user.id)
    several = len(courses) > 1
    chapters: list[PlanChapter] = []
    missing: list[Missing] = []
    with force_locale(language):
        labels = _labels()
        title = _("Business plan")
        for course in courses:
            prefix = f"{course.title(language)}: " if several else ""
            sources = chapters_of(course, language, prefix)
            tables = tuple(plan_tables(user, course.slug, language))
            if tables and not any(s.key == FINANCE for s in sources):
                sources.append(ChapterSource(FINANCE, prefix + labels["budgets"], ()))
            found, still = build_chapters(
                sources,
                {k: e.text for (c, k), e in entries.items() if c == course.slug},
                {k: v for (c, k), v in feedback.items() if c == course.slug},
                tables,
                functools.partial(_entry_link, course.slug),
                lambda at: format_date(at, "long", locale=language),
            )
            chapters += found
            missing += still
    return Plan(
        title=title,
        name=user.name,
        author=user.name,
        email=user.email,
        date=format_date(today or utcnow().date(), "long", locale=language),
        language=language,
        chapters=tuple(chapters),
        missing=tuple(missing),
        labels=labels,
    )


def _entry_link(course: str, assignment: Assignment) -> str:
    return local_path("logbook.entry", course_slug=course, key=assignment.key)


def plan_readiness(user: User, courses: list[Course], language: str) -> list[PlanCheck]:
    """What an adviser checks before accepting the plan, in that order: each chapter written,
    the budgets complete and balanced, cash never below zero, the summary, the mentor's reading
    of the financial plan. Each check links to where the learner puts it right."""
    courses = _with_courses(courses, language)
    entries = entries_of(user.id)
    feedback = _latest_feedback(user.id)
    checks: list[PlanCheck] = []
    several = len(courses) > 1
    with force_locale(language):
        for course in courses:
            prefix = f"{course.title(language)}: " if several else ""
            sources = chapters_of(course, language, prefix)

            def unwritten(source: ChapterSource, slug: str = course.slug) -> list[Assignment]:
                return [
                    a
                    for a in source.assignments
                    if not (e := entries.get((slug, a.key))) or not e.text.strip()
                ]

            summary = None
            for source in sources:
                if source.key == SUMMARY:
                    summary = source
                    continue
                text = _("Chapter “%(chapter)s” is written", chapter=source.title)
                checks.append(_written(course.slug, source, unwritten(source), text))
            if course.plan_chapters:
                checks += _budget_checks(user, course.slug, language)
            if summary is not None:
                text = _("Summary written")
                checks.append(_written(course.slug, summary, unwritten(summary), text))
            finance = next((s for s in sources if s.key == FINANCE), None)
            if finance is not None:
                read = [a for a in finance.assignments if (course.slug, a.key) in feedback]
                target = next(iter(finance.assignments), None)
                checks.append(
                    PlanCheck(
                        _("My mentor has read the financial plan"),
                        bool(read),
                        _entry_link(course.slug, target) if target else "",
                        ""
                        if read
                        else _("Send your financial plan to your mentor and ask for feedback."),
                    )
                )
    return checks


def _budget_checks(user: User, course: str, language: str) -> list[PlanCheck]:
    """The budgets' own checks, except that a budget not filled in balances nothing: a check
    that points at an empty budget is not met (the first checks say which are filled in)."""
    checks = plan_checks(user, course, language)
    filled_in = checks[: len(KINDS)]
    empty = {c.link for c in filled_in if not c.ok}
    first = _("Fill in this budget first.")
    return filled_in + [
        replace(c, ok=False, hint=c.hint or first) if c.link in empty else c
        for c in checks[len(KINDS) :]
    ]


def _written(slug: str, source: ChapterSource, missing: list[Assignment], text: str) -> PlanCheck:
    hint = _("Still to write: %(titles)s", titles=", ".join(a.title for a in missing))
    first = missing[0] if missing else (source.assignments[0] if source.assignments else None)
    link = _entry_link(slug, first) if first else ""
    return PlanCheck(text, not missing, link, hint if missing else "")
