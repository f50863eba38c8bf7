"""Reach: invited, joined, started, active, by age band and by situation at entry."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import and_, case, exists, func, or_, select

from accounts.models import Invitation, Membership, Role
from extensions import db
from modules.models import SectionRead
from outcomes.models import AGE_BANDS, EntryStatus, Situation, age_band
from quizzes.models import QuizAttempt

from .figures import Figure, Row, Table
from .labels import NOT_GIVEN, age_band_labels, situation_labels
from .scope import Scope
from .suppression import protect_table


def situation_key(value: str | None) -> str:
    return value if value in set(Situation) else NOT_GIVEN


@dataclass
class Counts:
    joined: int = 0
    started: int = 0
    active: int = 0

    def add(self, joined: int, started: int, active: int) -> None:
        self.joined += joined
        self.started += started
        self.active += active

    def figures(self) -> tuple[Figure, ...]:
        return (
            Figure(self.joined, self.joined),
            Figure(self.started, self.started),
            Figure(self.active, self.active),
        )


@dataclass
class Reach:
    invited: int
    total: Counts = field(default_factory=Counts)
    by_age: dict[str, Counts] = field(default_factory=dict)
    by_situation: dict[str, Counts] = field(default_factory=dict)


def reach_counts(scope: Scope) -> Reach:
    """Two statements: invitations, and participants grouped by year of birth (or the band kept
    of an erased account) and situation."""
    invited = (
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.organisation_id == scope.organisation_id,
            Invitation.role == Role.LEARNER.value,
            scope.in_period(Invitation.created_at),
        )
    )
    if scope.cohort is not None:
        invited = invited.where(Invitation.group_label == scope.cohort)
    started = or_(
        exists().where(SectionRead.user_id == Membership.user_id),
        exists().where(QuizAttempt.user_id == Membership.user_id),
    )
    people = (
        select(
            EntryStatus.birth_year.label("birth_year"),
            EntryStatus.age_band.label("age_band"),
            EntryStatus.situation.label("situation"),
            case((started, 1), else_=0).label("started"),
            case((Membership.last_seen_at >= scope.active_since, 1), else_=0).label("active"),
        )
        .select_from(Membership)
        .outerjoin(
            EntryStatus,
            and_(
                EntryStatus.user_id == Membership.user_id,
                EntryStatus.organisation_id == Membership.organisation_id,
            ),
        )
        .where(*scope.membership_filter())
        .subquery()
    )
    grouped = select(
        people.c.birth_year,
        people.c.age_band,
        people.c.situation,
        func.count(),
        func.sum(people.c.started),
        func.sum(people.c.active),
    ).group_by(people.c.birth_year, people.c.age_band, people.c.situation)
    reach = Reach(
        invited=db.session.scalar(invited) or 0,
        by_age={band: Counts() for band in AGE_BANDS},
        by_situation={key: Counts() for key in (*Situation, NOT_GIVEN)},
    )
    year = scope.period.end.year
    for birth_year, band, situation, joined, started_n, active in db.session.execute(grouped):
        values = (joined, int(started_n or 0), int(active or 0))
        reach.total.add(*values)
        reach.by_age[band if birth_year is None and band else age_band(birth_year, year)].add(
            *values
        )
        reach.by_situation[situation_key(situation)].add(*values)
    return reach


def reach_tables(reach: Reach) -> tuple[Table, Table, Table]:
    columns = (_("Joined"), _("Started"), _("Active"))
    overview = Table(
        key="reach",
        title=_("Reach"),
        caption=_(
            "Learners invited and joined in the period, how many of them started the course, "
            "and how many were active in the 30 days up to the period's end."
        ),
        columns=(_("People"),),
        rows=(
            Row(_("Invited"), (Figure(reach.invited, reach.invited),)),
            Row(_("Joined"), (Figure(reach.total.joined, reach.total.joined),)),
            Row(_("Started the course"), (Figure(reach.total.started, reach.total.started),)),
            Row(_("Active in the last 30 days"), (Figure(reach.total.active, reach.total.active),)),
        ),
        chart="bar",
    )
    ages = age_band_labels()
    by_age = Table(
        key="reach_by_age",
        title=_("Reach by age"),
        caption=_("Age in the period's last year, from the year of birth given when joining."),
        columns=columns,
        rows=tuple(Row(ages[band], reach.by_age[band].figures()) for band in AGE_BANDS),
        chart="bar",
    )
    situations = situation_labels()
    by_situation = Table(
        key="reach_by_situation",
        title=_("Reach by situation at entry"),
        caption=_("The situation people gave when they joined."),
        columns=columns,
        rows=tuple(
            Row(situations[key], counts.figures()) for key, counts in reach.by_situation.items()
        ),
        chart="bar",
    )
    return overview, protect_table(by_age), protect_table(by_situation)
