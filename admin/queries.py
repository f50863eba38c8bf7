"""What the console lists: each a fixed number of statements, however many rows there are."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, case, distinct, func, or_, true, union

from accounts.models import AuditEntry, Membership, Organisation, Role, User
from extensions import db, utcnow
from logbook.models import Entry
from modules.models import SectionRead, SelfAssessment
from paging import like
from quizzes.models import QuizAttempt

PER_PAGE = 50
ACTIVE_DAYS = 30


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    pages: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def _page(total: int, wanted: int) -> tuple[int, int]:
    """The page number kept within the pages that exist (a huge or negative one never errs)."""
    pages = max(1, math.ceil(total / PER_PAGE))
    number = min(max(1, wanted), pages)
    return number, pages


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    learners: int
    mentors: int
    staff: int
    active_learners: int


def _active_people():
    """Who did something in the last 30 days: read a section, took a quiz, wrote an entry."""
    since = utcnow() - timedelta(days=ACTIVE_DAYS)
    return union(
        db.select(SectionRead.user_id.label("user_id")).where(SectionRead.read_at >= since),
        db.select(SelfAssessment.user_id).where(SelfAssessment.last_at >= since),
        db.select(QuizAttempt.user_id).where(QuizAttempt.updated_at >= since),
        db.select(Entry.user_id).where(Entry.updated_at >= since),
    ).subquery("active")


def organisation_rows(wanted: int = 1) -> Page:
    """Open organisations first, by name; members per role and learners active lately."""
    total = db.session.scalar(db.select(func.count(Organisation.id))) or 0
    number, pages = _page(total, wanted)
    active = _active_people()
    m = Membership

    def per_role(role: Role, *also):
        return func.count(distinct(case((and_(m.role == role.value, *also), m.user_id))))

    rows = db.session.execute(
        db.select(
            Organisation,
            per_role(Role.LEARNER),
            per_role(Role.MENTOR),
            per_role(Role.STAFF),
            per_role(Role.LEARNER, active.c.user_id.isnot(None)),
        )
        .outerjoin(m, m.organisation_id == Organisation.id)
        .outerjoin(active, active.c.user_id == m.user_id)
        .group_by(Organisation.id)
        .order_by(Organisation.archived_at.isnot(None), Organisation.name, Organisation.id)
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    return Page([OrganisationRow(*row) for row in rows], number, pages, total)


def find_people(text: str, wanted: int = 1) -> Page:
    """People whose name or email address holds `text`, across organisations, with their
    memberships (loaded in one more statement)."""
    condition = true()
    if text:
        pattern = like(text)
        condition = or_(
            func.lower(User.name).like(pattern, escape="\\"),
            func.lower(User.email).like(pattern, escape="\\"),
        )
    total = db.session.scalar(db.select(func.count(User.id)).where(condition)) or 0
    number, pages = _page(total, wanted)
    people = db.session.scalars(
        db.select(User)
        .options(db.selectinload(User.memberships))
        .where(condition)
        .order_by(func.lower(User.name), User.id)
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    return Page(list(people), number, pages, total)


def audit_entries(wanted: int = 1) -> Page:
    total = db.session.scalar(db.select(func.count(AuditEntry.id))) or 0
    number, pages = _page(total, wanted)
    entries = db.session.scalars(
        db.select(AuditEntry)
        .options(
            db.joinedload(AuditEntry.actor),
            db.joinedload(AuditEntry.user),
            db.joinedload(AuditEntry.organisation),
        )
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    return Page(list(entries), number, pages, total)


def staff_and_invitations(organisation: Organisation) -> tuple[list[User], list]:
    """The organisation's staff and its open staff invitations, for the console's page."""
    from accounts.models import Invitation

    staff = db.session.scalars(
        db.select(User)
        .join(Membership)
        .where(Membership.organisation_id == organisation.id, Membership.role == Role.STAFF.value)
        .order_by(User.name, User.id)
    ).all()
    invitations = db.session.scalars(
        db.select(Invitation)
        .filter_by(organisation_id=organisation.id, role=Role.STAFF.value, accepted_at=None)
        .where(Invitation.email != Invitation.ADDRESS_REMOVED)
        .order_by(Invitation.created_at.desc())
    ).all()
    return list(staff), list(invitations)
