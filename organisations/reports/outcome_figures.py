"""Outcomes of the period's participants: situation at entry, at leaving and 6 and 12 months
later, response rates, businesses and financing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Text, case, cast, func, select

from extensions import db
from outcomes.models import Financing, FollowUp, Moment, Situation

from .figures import Figure, Kind, Row, Table
from .labels import NOT_GIVEN, financing_labels, moment_labels, situation_labels
from .scope import Scope
from .stats import percent
from .suppression import protect

IN_WORK = (Situation.EMPLOYED.value, Situation.SELF_EMPLOYED.value)
MOMENTS = tuple(Moment)


@dataclass
class MomentCounts:
    asked: int = 0
    answered: int = 0
    situations: Counter = field(default_factory=Counter)  # situation -> people; "not-given" too
    registered: int = 0
    selling: int = 0


def follow_up_counts(scope: Scope) -> dict[str, MomentCounts]:
    """One statement: follow-ups sent to the participants, grouped by moment and answer."""
    answered = case((FollowUp.answered_at.is_not(None), 1), else_=0)
    rows = (
        select(
            FollowUp.moment.label("moment"),
            FollowUp.situation.label("situation"),
            answered.label("answered"),
            case((FollowUp.business_registered.is_(True), 1), else_=0).label("registered"),
            case((FollowUp.started_trading.is_(True), 1), else_=0).label("selling"),
        )
        .where(
            FollowUp.organisation_id == scope.organisation_id,
            FollowUp.user_id.in_(scope.participants()),
        )
        .subquery()
    )
    counts = {moment.value: MomentCounts() for moment in MOMENTS}
    for moment, situation, is_answered, n, registered, selling in db.session.execute(
        select(
            rows.c.moment,
            rows.c.situation,
            rows.c.answered,
            func.count(),
            func.sum(rows.c.registered),
            func.sum(rows.c.selling),
        ).group_by(rows.c.moment, rows.c.situation, rows.c.answered)
    ):
        if moment not in counts:
            continue
        found = counts[moment]
        found.asked += n
        if is_answered:
            found.answered += n
            found.registered += int(registered or 0)
            found.selling += int(selling or 0)
        key = situation if is_answered and situation in set(Situation) else NOT_GIVEN
        found.situations[key] += n
    return counts


def financing_counts(scope: Scope) -> dict[str, int]:
    """One statement: people who reported each kind of financing at any moment. The answer is
    a JSON list of fixed words; matching the quoted word works on both databases."""
    text = cast(FollowUp.financing, Text)
    per_person = (
        select(
            *(
                func.max(case((text.like(f'%"{kind.value}"%'), 1), else_=0)).label(kind.value)
                for kind in Financing
            )
        )
        .where(
            FollowUp.organisation_id == scope.organisation_id,
            FollowUp.user_id.in_(scope.participants()),
            FollowUp.answered_at.is_not(None),
        )
        .group_by(FollowUp.user_id)
        .subquery()
    )
    sums = db.session.execute(
        select(*(func.sum(per_person.c[kind.value]) for kind in Financing))
    ).one()
    return {kind.value: int(n or 0) for kind, n in zip(Financing, sums, strict=True)}


def outcome_tables(
    scope: Scope, entry_column: tuple[Figure, ...]
) -> tuple[Table, Table, Table, Table, Table]:
    """`entry_column` is the joined column of reach_by_situation as shown (the same figures,
    the same suppression), in the order of the five situations and "not given"."""
    counts = follow_up_counts(scope)
    moments = moment_labels()
    situations = situation_labels()
    columns = (_("At entry"), *(moments[m] for m in MOMENTS))
    keys = tuple(s.value for s in Situation)

    def cell(n: int) -> Figure:
        return Figure(n, n)

    # The answers at each moment add up to "answered" of response_rates: protect them
    # against it. "No answer" is asked minus answered there anyway.
    answers = protect([[cell(counts[m].situations[key]) for m in MOMENTS] for key in keys])
    no_answer = tuple(cell(counts[m].situations[NOT_GIVEN]) for m in MOMENTS)
    grid = [(entry_column[i], *answers[i]) for i in range(len(keys))] + [
        (entry_column[len(keys)], *no_answer)
    ]
    outcomes = Table(
        key="outcomes",
        title=_("Situation at entry and after"),
        caption=_(
            "The participants' situation when they joined, and their answers at leaving and "
            '6 and 12 months later. "No answer" counts those who did not say.'
        ),
        columns=columns,
        rows=tuple(
            Row(situations[key] if key != NOT_GIVEN else _("No answer"), figures)
            for key, figures in zip((*keys, NOT_GIVEN), grid, strict=True)
        ),
        chart="bar",
    )

    def in_work(column: int) -> Figure:
        """The share in work; hidden with its parts when exactly one of employed and
        self-employed is hidden, which the share and the other would give away."""
        parts = [grid[keys.index(key)][column] for key in IN_WORK]
        answered = sum(int(grid[i][column].value or 0) for i in range(len(keys)))
        working = sum(int(f.value or 0) for f in parts)
        hidden = sum(1 for f in parts if f.suppressed and f.people > 0)
        return Figure(percent(working, answered), answered, Kind.PERCENT, secondary=hidden == 1)

    working = Table(
        key="in_work",
        title=_("In work"),
        caption=_(
            "The share employed or self-employed, of those who said what their situation was."
        ),
        columns=columns,
        rows=(
            Row(
                _("Employed or self-employed %"),
                tuple(in_work(column) for column in range(len(columns))),
            ),
        ),
        chart="line",
    )
    responses = Table(
        key="response_rates",
        title=_("Response rates"),
        caption=_("Follow-up questions sent to the participants and how many answered."),
        columns=(_("Asked"), _("Answered"), _("Response rate %")),
        rows=tuple(
            Row(
                moments[m],
                (
                    cell(counts[m].asked),
                    cell(counts[m].answered),
                    Figure(
                        percent(counts[m].answered, counts[m].asked),
                        counts[m].asked,
                        Kind.PERCENT,
                    ),
                ),
            )
            for m in MOMENTS
        ),
    )
    businesses = Table(
        key="businesses",
        title=_("Businesses"),
        caption=_("Participants who answered that their business is registered or selling."),
        columns=tuple(moments[m] for m in MOMENTS),
        rows=(
            Row(_("Business registered"), tuple(cell(counts[m].registered) for m in MOMENTS)),
            Row(_("Started selling"), tuple(cell(counts[m].selling) for m in MOMENTS)),
        ),
    )
    financing = financing_counts(scope)
    labels = financing_labels()
    financing_table = Table(
        key="financing",
        title=_("Financing obtained"),
        caption=_(
            "Participants who reported each kind of financing in any follow-up; one person "
            "can report more than one."
        ),
        columns=(_("People"),),
        rows=tuple(Row(labels[k], (cell(financing[k.value]),)) for k in Financing),
        chart="bar",
    )
    return outcomes, working, responses, businesses, financing_table
