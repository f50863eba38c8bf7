"""The queries behind the staff lists of members, invitations and learners: a fixed number of
statements per page, whatever the number of members (GROUP BY, never one query per person).
Staff see counts, states and dates; never logbook text or quiz answers.

Last activity is the membership's `last_seen_at`: signing in and every change a person makes
(any POST) set it, at most once an hour (accounts.members), so sorting and filtering on it stay
one indexed column even with 20,000 members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.models import Invitation, Membership, Organisation, Role, User
from extensions import db, utcnow
from logbook.models import Entry
from mentoring.models import CURRENT_STATES, Mentorship
from modules.models import SectionRead, SelfAssessment
from paging import PER_PAGE, Page
from paging import like as _like

QUIET_DAYS = 30


class State:
    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    QUIET = "quiet"  # active, but no activity for 30 days
    INVITED = "invited"


STATES = (State.ACTIVE, State.DEACTIVATED, State.QUIET, State.INVITED)
SORTS = ("name", "joined", "activity")


@dataclass(frozen=True)
class Query:
    """What staff asked for in the list's form; anything unknown falls back to the default."""

    text: str = ""
    role: str = ""
    state: str = ""
    sort: str = "name"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> Query:
        role = args.get("role", "")
        state = args.get("state", "")
        sort = args.get("sort", "name")
        try:
            page = max(1, int(args.get("page", 1)))
        except ValueError:
            page = 1
        return cls(
            text=" ".join(args.get("q", "").split())[:100],
            role=role if role in {r.value for r in Role} else "",
            state=state if state in STATES else "",
            sort=sort if sort in SORTS else "name",
            page=page,
        )

    def args(self, **changes) -> dict:
        values = {"q": self.text, "role": self.role, "state": self.state, "sort": self.sort}
        values.update({"page": self.page, **changes})
        return {k: v for k, v in values.items() if v not in ("", None)}


@dataclass
class MemberRow:
    id: int
    name: str
    email: str
    joined: datetime
    deactivated_at: datetime | None
    last_activity: datetime | None
    group: str | None
    roles: list[str] = field(default_factory=list)


def _members_select(organisation: Organisation, query: Query, only_role: str = ""):
    m = Membership
    role = only_role or query.role
    people = (
        db.select(
            m.user_id,
            db.func.min(m.created_at).label("joined"),
            db.func.max(m.deactivated_at).label("deactivated_at"),
            db.func.max(m.last_seen_at).label("last_seen_at"),
            db.func.max(m.group_label).label("group_label"),
        )
        .where(m.organisation_id == organisation.id)
        .group_by(m.user_id)
    )
    if role:  # a HAVING on the same grouping: no second pass over the memberships
        people = people.having(db.func.max(db.case((m.role == role, 1), else_=0)) == 1)
    people = people.subquery()
    activity = people.c.last_seen_at
    select = db.select(
        User.id,
        User.name,
        User.email,
        people.c.joined,
        people.c.deactivated_at,
        activity.label("last_activity"),
        people.c.group_label,
    ).join(people, people.c.user_id == User.id)
    if query.text:
        pattern = _like(query.text)
        select = select.where(
            db.or_(
                db.func.lower(User.name).like(pattern, escape="\\"),
                db.func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if query.state in (State.ACTIVE, State.QUIET):
        select = select.where(people.c.deactivated_at.is_(None))
    if query.state == State.DEACTIVATED:
        select = select.where(people.c.deactivated_at.is_not(None))
    if query.state == State.QUIET:
        since = utcnow() - timedelta(days=QUIET_DAYS)
        select = select.where(db.or_(activity.is_(None), activity < since))
    order = {
        "name": (db.func.lower(User.name), User.id),
        "joined": (people.c.joined.desc(), User.id),
        "activity": (activity.is_(None), activity.desc(), User.id),
    }[query.sort]
    return select.order_by(*order)


def _page_of(select, query: Query, everyone: bool) -> tuple[list, int]:
    if everyone:  # the CSV export: every row in one statement
        rows = db.session.execute(select).all()
        return rows, len(rows)
    counted = select.order_by(None).subquery()
    total = db.session.scalar(db.select(db.func.count()).select_from(counted))
    rows = db.session.execute(select.limit(PER_PAGE).offset((query.page - 1) * PER_PAGE)).all()
    return rows, total


def member_page(
    organisation: Organisation, query: Query, only_role: str = "", everyone: bool = False
) -> Page:
    """One page of members with their roles: three statements (`everyone`: the whole list)."""
    rows, total = _page_of(_members_select(organisation, query, only_role), query, everyone)
    members = [
        MemberRow(
            r.id,
            r.name,
            r.email,
            r.joined,
            r.deactivated_at,
            r.last_activity,
            r.group_label,
        )
        for r in rows
    ]
    by_id = {m.id: m for m in members}
    if by_id:
        roles = db.select(Membership.user_id, Membership.role).where(
            Membership.organisation_id == organisation.id
        )
        if not everyone:
            roles = roles.where(Membership.user_id.in_(by_id))
        for user_id, role in db.session.execute(roles.order_by(Membership.role)):
            if user_id in by_id:
                by_id[user_id].roles.append(role)
    return Page(members, total, query)


def invitation_page(organisation: Organisation, query: Query) -> Page:
    select = db.select(Invitation).where(
        Invitation.organisation_id == organisation.id,
        Invitation.accepted_at.is_(None),
        Invitation.email != Invitation.ADDRESS_REMOVED,
    )
    if query.text:
        pattern = _like(query.text)
        select = select.where(
            db.or_(
                db.func.lower(Invitation.email).like(pattern, escape="\\"),
                db.func.lower(Invitation.name).like(pattern, escape="\\"),
            )
        )
    if query.role:
        select = select.where(Invitation.role == query.role)
    select = select.order_by(Invitation.expires_at, Invitation.id)
    total = db.session.scalar(db.select(db.func.count()).select_from(select.subquery()))
    rows = db.session.scalars(select.limit(PER_PAGE).offset((query.page - 1) * PER_PAGE)).all()
    return Page(list(rows), total, query)


def open_invitation_count(organisation: Organisation) -> int:
    return db.session.scalar(
        db.select(db.func.count()).where(
            Invitation.organisation_id == organisation.id,
            Invitation.accepted_at.is_(None),
            Invitation.email != Invitation.ADDRESS_REMOVED,
        )
    )


# Learners ------------------------------------------------------------------------------------


@dataclass
class ModuleStatus:
    """One learner in one module: counts and dates only."""

    sections_read: int = 0
    first_read: datetime | None = None
    last_read: datetime | None = None
    assessment_attempts: int = 0
    best_score: int | None = None
    passed_at: datetime | None = None
    entries_written: int = 0
    entries_submitted: int = 0
    last_submitted: datetime | None = None


@dataclass
class LearnerRow:
    member: MemberRow
    modules: dict[tuple[str, str], ModuleStatus] = field(default_factory=dict)
    mentor: str | None = None

    def status(self, course: str, module: str) -> ModuleStatus:
        return self.modules.get((course, module)) or ModuleStatus()

    def finished(self, courses) -> int:
        return sum(
            1
            for c in courses
            for m in c.modules
            if (s := self.modules.get((c.slug, m.slug)))
            and s.passed_at
            and s.sections_read >= len(m.sections)
        )

    @property
    def sections_read(self) -> int:
        return sum(s.sections_read for s in self.modules.values())

    @property
    def assessments_passed(self) -> int:
        return sum(1 for s in self.modules.values() if s.passed_at)

    @property
    def entries_written(self) -> int:
        return sum(s.entries_written for s in self.modules.values())

    @property
    def entries_submitted(self) -> int:
        return sum(s.entries_submitted for s in self.modules.values())


def learner_rows(organisation: Organisation, members: list[MemberRow]) -> list[LearnerRow]:
    """Progress of one page of learners: four GROUP BY statements for the whole page."""
    rows = {m.id: LearnerRow(m) for m in members}
    if not rows:
        return []
    ids = list(rows)

    def status(user_id, course, module) -> ModuleStatus:
        return rows[user_id].modules.setdefault((course, module), ModuleStatus())

    for user_id, course, module, count, first, last in db.session.execute(
        db.select(
            SectionRead.user_id,
            SectionRead.course,
            SectionRead.module,
            db.func.count(),
            db.func.min(SectionRead.read_at),
            db.func.max(SectionRead.read_at),
        )
        .where(SectionRead.user_id.in_(ids))
        .group_by(SectionRead.user_id, SectionRead.course, SectionRead.module)
    ):
        s = status(user_id, course, module)
        s.sections_read, s.first_read, s.last_read = count, first, last
    for a in db.session.execute(
        db.select(
            SelfAssessment.user_id,
            SelfAssessment.course,
            SelfAssessment.module,
            SelfAssessment.attempts,
            SelfAssessment.best_score,
            SelfAssessment.passed_at,
        ).where(SelfAssessment.user_id.in_(ids))
    ):
        s = status(a.user_id, a.course, a.module)
        s.assessment_attempts, s.best_score, s.passed_at = a.attempts, a.best_score, a.passed_at
    for user_id, course, module, written, submitted, last in db.session.execute(
        db.select(
            Entry.user_id,
            Entry.course,
            Entry.module,
            db.func.count(),
            db.func.count(Entry.submitted_at),
            db.func.max(Entry.submitted_at),
        )
        .where(Entry.organisation_id == organisation.id, Entry.user_id.in_(ids))
        .group_by(Entry.user_id, Entry.course, Entry.module)
    ):
        s = status(user_id, course, module)
        s.entries_written, s.entries_submitted, s.last_submitted = written, submitted, last
    for mentee_id, name in db.session.execute(
        db.select(Mentorship.mentee_id, User.name)
        .join(User, User.id == Mentorship.mentor_id)
        .where(
            Mentorship.organisation_id == organisation.id,
            Mentorship.state.in_(CURRENT_STATES),
            Mentorship.mentee_id.in_(ids),
        )
    ):
        rows[mentee_id].mentor = name
    return list(rows.values())


def learner_page(organisation: Organisation, query: Query, everyone: bool = False) -> Page:
    page = member_page(organisation, query, only_role=Role.LEARNER.value, everyone=everyone)
    rows = []
    for start in range(0, len(page.rows), 1000):  # the export: a thousand learners a time
        rows.extend(learner_rows(organisation, page.rows[start : start + 1000]))
    page.rows = rows
    return page


def learner(organisation: Organisation, user_id: int) -> LearnerRow | None:
    """One learner of this organisation, or None when they are not a learner here."""
    found = db.session.execute(
        _members_select(organisation, Query(), only_role=Role.LEARNER.value).where(
            User.id == user_id
        )
    ).first()
    if found is None:
        return None
    member = MemberRow(
        found.id,
        found.name,
        found.email,
        found.joined,
        found.deactivated_at,
        found.last_activity,
        found.group_label,
    )
    return learner_rows(organisation, [member])[0]
