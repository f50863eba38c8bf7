"""Reading progress, self-assessment results pushed down by quizzes, and courses on offer."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, g, has_request_context
from sqlalchemy.exc import IntegrityError

from extensions import db, utcnow

from .content import Catalogue, Course, Module
from .models import HiddenCourse, SectionRead, SelfAssessment

logger = logging.getLogger(__name__)


def catalogue() -> Catalogue:
    """The courses loaded at start-up."""
    return current_app.extensions["catalogue"]


class ModuleState(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    read: frozenset[str]
    assessment: SelfAssessment | None

    @property
    def sections_total(self) -> int:
        return len(self.module.sections)

    @property
    def sections_read(self) -> int:
        return len(self.read & {s.slug for s in self.module.sections})

    @property
    def assessment_passed(self) -> bool:
        return self.assessment is not None and self.assessment.passed_at is not None

    @property
    def state(self) -> ModuleState:
        if self.sections_read == self.sections_total and self.assessment_passed:
            return ModuleState.DONE
        if self.sections_read or self.assessment is not None:
            return ModuleState.IN_PROGRESS
        return ModuleState.NOT_STARTED

    @property
    def percent(self) -> int:
        """Sections read and the self-assessment passed, as one share of the module's steps."""
        steps = self.sections_total + 1
        done = self.sections_read + (1 if self.assessment_passed else 0)
        return round(100 * done / steps)


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    modules: tuple[ModuleProgress, ...]
    last_read: tuple[str, str] | None  # (module slug, section slug) read most recently

    def of(self, module_slug: str) -> ModuleProgress:
        return next(p for p in self.modules if p.module.slug == module_slug)

    @property
    def modules_done(self) -> int:
        return sum(1 for p in self.modules if p.state is ModuleState.DONE)

    @property
    def percent(self) -> int:
        steps = sum(p.sections_total + 1 for p in self.modules) or 1
        done = sum(p.sections_read + (1 if p.assessment_passed else 0) for p in self.modules)
        return round(100 * done / steps)

    @property
    def started(self) -> bool:
        return any(p.state is not ModuleState.NOT_STARTED for p in self.modules)

    def next_step(self) -> tuple[Module, str | None] | None:
        """Where to continue: the first unread section after the one read last, then any unread
        section from the start, then the first self-assessment not yet passed (section None)."""
        order = [(p, s.slug) for p in self.modules for s in p.module.sections]
        start = 0
        if self.last_read is not None:
            start = next(
                (i + 1 for i, (p, s) in enumerate(order) if (p.module.slug, s) == self.last_read),
                0,
            )
        for p, section in order[start:] + order[:start]:
            if section not in p.read:
                return p.module, section
        for p in self.modules:
            if not p.assessment_passed:
                return p.module, None
        return None


def course_progress(user_id: int, course: Course) -> CourseProgress:
    """Two queries, whatever the size of the course."""
    reads = db.session.execute(
        db.select(SectionRead.module, SectionRead.section, SectionRead.read_at)
        .filter_by(user_id=user_id, course=course.slug)
        .order_by(SectionRead.read_at, SectionRead.id)
    ).all()
    assessments = {
        a.module: a
        for a in db.session.scalars(
            db.select(SelfAssessment).filter_by(user_id=user_id, course=course.slug)
        )
    }
    read_by_module: dict[str, set[str]] = {}
    for module, section, _ in reads:
        read_by_module.setdefault(module, set()).add(section)
    last = (reads[-1][0], reads[-1][1]) if reads else None
    return CourseProgress(
        course,
        tuple(
            ModuleProgress(m, frozenset(read_by_module.get(m.slug, ())), assessments.get(m.slug))
            for m in course.modules
        ),
        last,
    )


def progress_of_many(user_ids: list[int], course: Course) -> dict[int, CourseProgress]:
    """Course progress for several learners in two queries (mentor and staff pages)."""
    if not user_ids:
        return {}
    reads = db.session.execute(
        db.select(SectionRead.user_id, SectionRead.module, SectionRead.section)
        .where(SectionRead.user_id.in_(user_ids), SectionRead.course == course.slug)
        .order_by(SectionRead.read_at, SectionRead.id)
    ).all()
    assessments = db.session.scalars(
        db.select(SelfAssessment).where(
            SelfAssessment.user_id.in_(user_ids), SelfAssessment.course == course.slug
        )
    ).all()
    read: dict[int, dict[str, set[str]]] = {u: {} for u in user_ids}
    last: dict[int, tuple[str, str]] = {}
    for user_id, module, section in reads:
        read[user_id].setdefault(module, set()).add(section)
        last[user_id] = (module, section)
    passed: dict[int, dict[str, SelfAssessment]] = {u: {} for u in user_ids}
    for a in assessments:
        passed[a.user_id][a.module] = a
    return {
        u: CourseProgress(
            course,
            tuple(
                ModuleProgress(m, frozenset(read[u].get(m.slug, ())), passed[u].get(m.slug))
                for m in course.modules
            ),
            last.get(u),
        )
        for u in user_ids
    }


def mark_read(user_id: int, course: Course, module: Module, section_slug: str) -> None:
    """Idempotent: reading a section twice keeps the first date but counts as the latest read."""
    existing = db.session.scalar(
        db.select(SectionRead).filter_by(
            user_id=user_id, course=course.slug, module=module.slug, section=section_slug
        )
    )
    if existing is not None:
        existing.read_at = utcnow()
    else:
        db.session.add(
            SectionRead(
                user_id=user_id, course=course.slug, module=module.slug, section=section_slug
            )
        )
    try:
        db.session.flush()
    except IntegrityError:  # the same button pressed twice at once: the other row is enough
        db.session.rollback()
        return
    logger.info(
        "section read course=%s module=%s section=%s", course.slug, module.slug, section_slug
    )


def record_self_assessment(
    user_id: int,
    course_slug: str,
    module_slug: str,
    score: int,
    passed: bool,
    at: datetime | None = None,
) -> SelfAssessment:
    """Quizzes push each submitted score (and whether grading passed it) down here; the pages
    above read progress here. Once passed, a module stays passed."""
    at = at or utcnow()
    row = db.session.scalar(
        db.select(SelfAssessment).filter_by(user_id=user_id, course=course_slug, module=module_slug)
    )
    if row is None:
        row = SelfAssessment(user_id=user_id, course=course_slug, module=module_slug)
        db.session.add(row)
    row.attempts = (row.attempts or 0) + 1
    if row.first_score is None:
        row.first_score = score
    row.last_score = score
    row.best_score = max(row.best_score or 0, score)
    row.last_at = at
    if passed and row.passed_at is None:
        row.passed_at = at
    db.session.flush()
    logger.info(
        "self-assessment recorded course=%s module=%s score=%s passed=%s",
        course_slug,
        module_slug,
        score,
        passed,
    )
    return row


def offered_courses(organisation_id: int | None) -> list[Course]:
    """The installed courses this organisation offers: all, less the ones it hid."""
    courses = list(catalogue().courses)
    if organisation_id is None:
        return courses
    hidden = _hidden_courses(organisation_id)
    return [c for c in courses if c.slug not in hidden]


def _hidden_courses(organisation_id: int) -> frozenset[str]:
    """The organisation's hidden courses, read once per request (a certificate page and the
    dashboard ask twice); outside a request, read each time. `set_offered` forgets them."""
    cache: dict[int, frozenset[str]] = (
        g.setdefault("hidden_courses", {}) if has_request_context() else {}
    )
    if organisation_id not in cache:
        cache[organisation_id] = frozenset(
            db.session.scalars(
                db.select(HiddenCourse.course).filter_by(organisation_id=organisation_id)
            )
        )
    return cache[organisation_id]


def offered_course(slug: str, organisation_id: int | None, is_admin: bool) -> Course | None:
    """The course if it is installed and the organisation offers it; admins see every course."""
    course = catalogue().course(slug)
    if course is None or is_admin:
        return course
    if organisation_id is None or course not in offered_courses(organisation_id):
        return None
    return course


def set_offered(organisation_id: int, offered: set[str]) -> None:
    installed = {c.slug for c in catalogue().courses}
    if has_request_context():
        g.pop("hidden_courses", None)
    db.session.execute(db.delete(HiddenCourse).filter_by(organisation_id=organisation_id))
    for slug in sorted(installed - offered):
        db.session.add(HiddenCourse(organisation_id=organisation_id, course=slug))
    db.session.flush()
    logger.info(
        "courses on offer changed organisation=%s offered=%s", organisation_id, sorted(offered)
    )


def learners_with_progress(organisation_id: int, course_slug: str) -> int:
    """How many learners of the organisation have read a section or tried the self-assessment
    of this course: what staff lose sight of when they stop offering it."""
    from accounts.models import Membership, Role

    learners = db.select(Membership.user_id).where(
        Membership.organisation_id == organisation_id, Membership.role == Role.LEARNER.value
    )
    started = db.union(
        db.select(SectionRead.user_id).where(
            SectionRead.course == course_slug, SectionRead.user_id.in_(learners)
        ),
        db.select(SelfAssessment.user_id).where(
            SelfAssessment.course == course_slug, SelfAssessment.user_id.in_(learners)
        ),
    ).subquery()
    return db.session.scalar(db.select(db.func.count()).select_from(started)) or 0
