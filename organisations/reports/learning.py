"""Learning: per module of the offered courses, who started and finished it, and the
self-assessment's median first-attempt and best scores and pass rate."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, and_, case, false, func, literal_column, or_, select, union_all

from extensions import db
from modules.content import Course
from modules.models import SectionRead, SelfAssessment

from .figures import Figure, Kind, Row, Table
from .scope import Scope
from .stats import histogram, median, percent

Key = tuple[str, str]  # (course slug, module slug)


def _progress(scope: Scope, courses: list[Course]) -> dict[Key, tuple[int, int]]:
    """(started, finished) per module. Finished is ModuleState.DONE of modules/services.py in
    SQL: every section of the module read and the self-assessment passed."""
    sections = {(c.slug, m.slug): [s.slug for s in m.sections] for c in courses for m in c.modules}
    participants = scope.participants()
    counted_section = or_(
        false(),
        *(
            and_(
                SectionRead.course == course,
                SectionRead.module == module,
                SectionRead.section.in_(slugs),
            )
            for (course, module), slugs in sections.items()
            if slugs
        ),
    )
    slugs = [c.slug for c in courses]
    # Sections read per person and module, straight from the unique index (user, course,
    # module, section), then each person's self-assessment looked up by its unique key.
    reads = (
        select(
            SectionRead.user_id,
            SectionRead.course,
            SectionRead.module,
            func.count().label("read"),
        )
        .where(SectionRead.user_id.in_(participants), counted_section)
        .group_by(SectionRead.user_id, SectionRead.course, SectionRead.module)
        .subquery()
    )
    section_count = case(
        *(
            (and_(reads.c.course == course, reads.c.module == module), len(module_slugs))
            for (course, module), module_slugs in sections.items()
        ),
        else_=-1,
    )
    done = and_(reads.c.read == section_count, SelfAssessment.passed_at.is_not(None))
    with_reads = (
        select(
            reads.c.course,
            reads.c.module,
            func.count(),
            func.sum(case((done, 1), else_=0)),
        )
        .select_from(reads)
        .outerjoin(
            SelfAssessment,
            and_(
                SelfAssessment.user_id == reads.c.user_id,
                SelfAssessment.course == reads.c.course,
                SelfAssessment.module == reads.c.module,
            ),
        )
        .group_by(reads.c.course, reads.c.module)
    )
    # Those who took the self-assessment without reading a section: started, never finished
    # (unless the module has no sections, which the content check does not allow).
    read_any = (
        select(SectionRead.id)
        .where(
            SectionRead.user_id == SelfAssessment.user_id,
            SectionRead.course == SelfAssessment.course,
            SectionRead.module == SelfAssessment.module,
            counted_section,
        )
        .exists()
    )
    only_assessed: Select = (
        select(
            SelfAssessment.course,
            SelfAssessment.module,
            func.count(),
            literal_column("0"),
        )
        .where(
            SelfAssessment.user_id.in_(participants),
            SelfAssessment.course.in_(slugs),
            ~read_any,
        )
        .group_by(SelfAssessment.course, SelfAssessment.module)
    )
    found: dict[Key, tuple[int, int]] = {}
    for course, module, n, finished in db.session.execute(union_all(with_reads, only_assessed)):
        started, done_n = found.get((course, module), (0, 0))
        found[(course, module)] = (started + n, done_n + int(finished or 0))
    return found


def _scores(scope: Scope, courses: list[Course]):
    """Histograms of first-attempt and best scores per module, and who passed: one grouped
    statement over the self-assessment rows (one per person and module, which the quizzes keep
    up to date with the first, best and passing attempt), never over the attempts themselves."""
    groups = (
        SelfAssessment.course,
        SelfAssessment.module,
        SelfAssessment.first_score,
        SelfAssessment.best_score,
        SelfAssessment.passed_at.is_not(None),
    )
    first: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    best: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    passed: dict[Key, int] = defaultdict(int)
    for course, module, first_score, best_score, passes, n in db.session.execute(
        select(*groups, func.count())
        .where(
            SelfAssessment.user_id.in_(scope.participants()),
            SelfAssessment.course.in_([c.slug for c in courses]),
            SelfAssessment.first_score.is_not(None),
        )
        .group_by(*groups)
    ):
        if first_score is None:  # excluded by the query; for the type checker
            continue
        first[(course, module)].append((first_score, n))
        best[(course, module)].append((best_score, n))
        passed[(course, module)] += n if passes else 0
    return first, best, passed


def modules_table(scope: Scope, courses: list[Course]) -> Table:
    progress = _progress(scope, courses) if courses else {}
    first, best, passed = _scores(scope, courses) if courses else ({}, {}, {})
    language = str(get_locale())
    rows = []
    for course in courses:
        for module in course.modules:
            key = (course.slug, module.slug)
            started, finished = progress.get(key, (0, 0))
            firsts = histogram(first.get(key, []))
            bests = histogram(best.get(key, []))
            takers = sum(bests.values())
            title = module.text(language).title
            if len(courses) > 1:
                title = f"{course.title(language)}: {title}"
            rows.append(
                Row(
                    title,
                    (
                        Figure(started, started),
                        Figure(finished, finished),
                        Figure(median(firsts), sum(firsts.values()), Kind.SCORE),
                        Figure(median(bests), takers, Kind.SCORE),
                        Figure(percent(passed.get(key, 0), takers), takers, Kind.PERCENT),
                    ),
                )
            )
    return Table(
        key="modules",
        title=_("Modules"),
        caption=_(
            "Per module: who started it (read a section or took the self-assessment), who "
            "finished it (read every section and passed the self-assessment), and the "
            "self-assessment's scores out of 10 of those who took it."
        ),
        columns=(
            _("Started"),
            _("Finished"),
            _("Median first score"),
            _("Median best score"),
            _("Pass rate %"),
        ),
        rows=tuple(rows),
        chart="bar",
    )
