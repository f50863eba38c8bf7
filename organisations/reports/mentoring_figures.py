"""Logbook and mentoring: feedback times, matching, pair health and closing evaluations of the
period's participants (as mentees) and their pairs."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Select, and_, case, func, literal_column, null, select, union_all

from accounts.models import Membership
from extensions import db
from logbook.models import Entry, EntryState, Message, MessageKind
from mentoring.health import DEFAULT_REPLY_DAYS, Health, pair_health
from mentoring.models import (
    CLOSED_STATES,
    CharterVersion,
    Evaluation,
    IntakeSurvey,
    Meeting,
    Mentorship,
    PairState,
    SurveyRole,
)
from mentoring.services.health_index import rule_inputs
from outcomes.models import Departure

from .figures import Figure, Kind, Row, Table
from .scope import Scope
from .sql import days_between
from .stats import histogram, median, percent, percentile
from .suppression import protect_table

# Sent to the mentor at least once and not taken back.
SHARED_STATES = (
    EntryState.SUBMITTED.value,
    EntryState.FEEDBACK_GIVEN.value,
    EntryState.REVISED.value,
)
WANTS_MENTOR = (SurveyRole.MENTEE.value, SurveyRole.BOTH.value)
# A mentee who has one of these is not waiting for a mentor.
SETTLED_STATES = (PairState.ACCEPTED.value, PairState.ACTIVE.value, PairState.ENDED.value)
ENOUGH_MEETINGS = 3


def _value_column() -> tuple[str, ...]:
    return (_("Value"),)


def promised_reply_days(scope: Scope):
    """Per mentee, the reply time their latest pair's charter promises (the latest version both
    signed); mentees without one are absent and get DEFAULT_REPLY_DAYS. One grouped set."""
    ranked = (
        select(
            Mentorship.mentee_id.label("mentee_id"),
            CharterVersion.reply_days.label("reply_days"),
            func.row_number()
            .over(
                partition_by=Mentorship.mentee_id,
                order_by=(Mentorship.id.desc(), CharterVersion.version.desc()),
            )
            .label("n"),
        )
        .join(CharterVersion, CharterVersion.mentorship_id == Mentorship.id)
        .where(
            Mentorship.organisation_id == scope.organisation_id,
            CharterVersion.mentor_signed_at.is_not(None),
            CharterVersion.mentee_signed_at.is_not(None),
        )
        .subquery()
    )
    return select(ranked.c.mentee_id, ranked.c.reply_days).where(ranked.c.n == 1).subquery()


def logbook_table(scope: Scope) -> Table:
    """One statement: every shared entry's days until the mentor's first reply after its latest
    submission, grouped by days, plus one row of totals; "in time" is measured against the reply
    time the mentee's charter promises."""
    promised = promised_reply_days(scope)
    limit = func.coalesce(promised.c.reply_days, DEFAULT_REPLY_DAYS)
    first_feedback = (
        select(func.min(Message.created_at))
        .where(
            Message.entry_id == Entry.id,
            Message.kind == MessageKind.FEEDBACK.value,
            Message.created_at >= Entry.submitted_at,
        )
        .scalar_subquery()
    )
    entries = (
        select(
            Entry.user_id.label("user_id"),
            days_between(Entry.submitted_at, first_feedback).label("days"),
            limit.label("limit"),
            case(
                (
                    and_(
                        Entry.state == EntryState.SUBMITTED.value,
                        days_between(Entry.submitted_at, scope.now) > limit,
                    ),
                    1,
                ),
                else_=0,
            ).label("late"),
        )
        .outerjoin(promised, promised.c.mentee_id == Entry.user_id)
        .where(
            Entry.organisation_id == scope.organisation_id,
            Entry.user_id.in_(scope.participants()),
            Entry.state.in_(SHARED_STATES),
            Entry.submitted_at.is_not(None),
        )
        .cte("report_entries")
    )
    decided = (entries.c.days.is_not(None)) | (entries.c.late == 1)
    by_days = (
        select(
            literal_column("0").label("totals"),
            entries.c.days,
            func.count().label("entries"),
            null().label("people"),
            null().label("answered_people"),
            null().label("late"),
            null().label("decided_people"),
            null().label("in_time"),
        )
        .where(entries.c.days.is_not(None))
        .group_by(entries.c.days)
    )
    totals: Select = select(
        literal_column("1"),
        null(),
        func.count(),
        func.count(func.distinct(entries.c.user_id)),
        func.count(func.distinct(case((entries.c.days.is_not(None), entries.c.user_id)))),
        func.sum(entries.c.late),
        func.count(func.distinct(case((decided, entries.c.user_id)))),
        func.sum(case((entries.c.days <= entries.c.limit, 1), else_=0)),
    )
    days: Counter = Counter()
    submitted = people = answered_people = late = decided_people = in_time = 0
    for is_totals, day, n, p, answered_p, late_n, decided_p, in_time_n in db.session.execute(
        union_all(by_days, totals)
    ):
        if is_totals:
            submitted, people, answered_people = n, p or 0, answered_p or 0
            late, decided_people = int(late_n or 0), decided_p or 0
            in_time = int(in_time_n or 0)
        else:
            days[day] += n
    counts = histogram(days.items())
    decided_entries = sum(counts.values()) + late
    return Table(
        key="logbook",
        title=_("Logbook feedback"),
        caption=_(
            "Logbook entries the participants sent to their mentor, and how many days the "
            "mentor took to reply to the latest version sent."
        ),
        columns=_value_column(),
        rows=(
            Row(_("Entries submitted"), (Figure(submitted, people, Kind.COUNT),)),
            Row(
                _("Median days until the mentor's first feedback"),
                (Figure(median(counts), answered_people, Kind.DAYS),),
            ),
            Row(
                _("Days until feedback for 9 in 10 entries (90th percentile)"),
                (Figure(percentile(counts, 90), answered_people, Kind.DAYS),),
            ),
            Row(
                ngettext(
                    "Answered within the time the charter promises (%(num)d day unless the "
                    "pair agreed otherwise) %%",
                    "Answered within the time the charter promises (%(num)d days unless the "
                    "pair agreed otherwise) %%",
                    DEFAULT_REPLY_DAYS,
                ),
                (Figure(percent(in_time, decided_entries), decided_people, Kind.PERCENT),),
            ),
        ),
    )


def matching_table(scope: Scope) -> Table:
    """Two statements: people wanting and getting a mentor, and meetings per pair."""
    # Sets computed once (IN with a subquery), not a lookup per member: a correlated lookup
    # by person and organisation lets SQLite pick the organisation's index and scan it for
    # every member.
    org = scope.organisation_id
    wanted = Membership.user_id.in_(
        select(IntakeSurvey.user_id).where(
            IntakeSurvey.organisation_id == org, IntakeSurvey.role.in_(WANTS_MENTOR)
        )
    )
    paired = Membership.user_id.in_(
        select(Mentorship.mentee_id).where(
            Mentorship.organisation_id == org, Mentorship.started_at.is_not(None)
        )
    )
    settled = Membership.user_id.in_(
        select(Mentorship.mentee_id).where(
            Mentorship.organisation_id == org, Mentorship.state.in_(SETTLED_STATES)
        )
    )
    departed = Membership.user_id.in_(
        select(Departure.user_id).where(Departure.organisation_id == org)
    )
    waiting = and_(wanted, ~settled, ~departed, Membership.deactivated_at.is_(None))
    wanting, matched, waiting_n = db.session.execute(
        select(
            func.sum(case((wanted, 1), else_=0)),
            func.sum(case((and_(wanted, paired), 1), else_=0)),
            func.sum(case((waiting, 1), else_=0)),
        ).where(*scope.membership_filter())
    ).one()
    wanting, matched, waiting_n = int(wanting or 0), int(matched or 0), int(waiting_n or 0)
    per_pair = (
        select(func.count(Meeting.id).label("meetings"))
        .select_from(Mentorship)
        .outerjoin(
            Meeting, and_(Meeting.mentorship_id == Mentorship.id, Meeting.held_on <= scope.today)
        )
        .where(*_pairs(scope))
        .group_by(Mentorship.id)
        .subquery()
    )
    meetings = histogram(
        db.session.execute(select(per_pair.c.meetings, func.count()).group_by(per_pair.c.meetings))
    )
    pairs = sum(meetings.values())
    enough = sum(n for count, n in meetings.items() if count >= ENOUGH_MEETINGS)
    return Table(
        key="matching",
        title=_("Matching and meetings"),
        caption=_(
            "Participants who asked for a mentor in the intake survey, how many got one (both "
            "accepted the pair), and the meetings their pairs logged."
        ),
        columns=_value_column(),
        rows=(
            Row(
                _("Match rate %"),
                (Figure(percent(matched, wanting), wanting, Kind.PERCENT),),
            ),
            Row(_("People waiting for a mentor"), (Figure(waiting_n, waiting_n),)),
            Row(_("Pairs"), (Figure(pairs, pairs, Kind.COUNT),)),
            Row(
                _("Meetings per pair (median)"),
                (Figure(median(meetings), pairs, Kind.COUNT),),
            ),
            Row(
                _("Pairs with three or more meetings"),
                (Figure(enough, enough, Kind.COUNT),),
            ),
        ),
    )


def _pairs(scope: Scope) -> list:
    """The pairs of the period's participants as mentees that began (both accepted)."""
    return [
        Mentorship.organisation_id == scope.organisation_id,
        Mentorship.mentee_id.in_(scope.participants()),
        Mentorship.started_at.is_not(None),
    ]


def health_counts(scope: Scope) -> Counter:
    """Pairs per health today, or ended. Each input of the pure rule of mentoring/health.py
    (the last meeting, the agreed charter, the latest staff check-in, the oldest entry waiting)
    is one grouped statement over the organisation, joined to the pairs here by id: joined in
    one statement, SQLite re-ran the grouped sets per pair (6 to 10 s at 10,000 pairs). The rule
    runs once per distinct set of inputs."""
    org_pairs = select(Mentorship.id).where(Mentorship.organisation_id == scope.organisation_id)
    pairs = db.session.execute(
        select(
            Mentorship.id,
            Mentorship.mentee_id,
            Mentorship.state.in_(CLOSED_STATES),
            Mentorship.started_at,
        ).where(*_pairs(scope))
    ).all()
    found = rule_inputs(org_pairs, scope.today)
    waiting = dict(
        db.session.execute(
            select(Entry.user_id, func.min(Entry.submitted_at))
            .where(
                Entry.organisation_id == scope.organisation_id,
                Entry.state == EntryState.SUBMITTED.value,
            )
            .group_by(Entry.user_id)
        ).all()
    )

    inputs: Counter = Counter()
    for pair_id, mentee_id, is_ended, started_at in pairs:
        if is_ended:
            inputs["ended"] += 1
            continue
        last = _as_date(found.last_meetings.get(pair_id))
        interval, reply_days = found.agreed.get(pair_id, (None, None))
        since = waiting.get(mentee_id)
        inputs[
            (
                last is not None,
                last or _as_date(started_at),
                interval,
                _whole_days(since, scope.now) if since is not None else None,
                reply_days or DEFAULT_REPLY_DAYS,
                _as_date(found.checked_in.get(pair_id)),
            )
        ] += 1

    counts: Counter = Counter()
    for key, n in inputs.items():
        if key == "ended":
            counts["ended"] += n
            continue
        met, since_day, interval_days, wait, reply_days, until = key
        health = pair_health(
            now=scope.today,
            started=since_day,
            meetings=[since_day] if met else [],
            interval_days=interval_days,
            feedback_wait_days=wait,
            feedback_limit_days=reply_days,
            checked_in_until=until,
        )
        counts[health.status.value] += n
    return counts


def pair_health_table(scope: Scope) -> Table:
    counts = health_counts(scope)
    rows = (
        (Health.ON_TRACK.value, _("On track")),
        (Health.TOO_EARLY.value, _("Too early to tell (no meeting yet)")),
        (Health.NEEDS_CHECKIN.value, _("Needs a check-in")),
        (Health.STALLED.value, _("Stalled")),
        ("ended", _("Ended")),
    )
    table = Table(
        key="pair_health",
        title=_("Pairs by health"),
        caption=_(
            "Running pairs measured today against their own charter (meetings and feedback), "
            "and pairs that have ended."
        ),
        columns=(_("Pairs"),),
        rows=tuple(
            Row(label, (Figure(counts[key], counts[key], Kind.COUNT),)) for key, label in rows
        ),
        chart="bar",
    )
    return protect_table(table)


def evaluations_table(scope: Scope) -> Table:
    """One statement over the closing evaluations of the participants' pairs; what mentors
    learned is counted, never read."""
    wrote_learned = and_(
        Evaluation.side == "mentor", func.trim(Evaluation.learned_from_other) != ""
    )
    rows = db.session.execute(
        select(
            Evaluation.side,
            func.count(),
            func.avg(Evaluation.usefulness),
            func.sum(case((Evaluation.recommend.is_(True), 1), else_=0)),
            func.count(Evaluation.recommend),
            func.count(func.distinct(case((wrote_learned, Evaluation.user_id)))),
        )
        .join(Mentorship, Mentorship.id == Evaluation.mentorship_id)
        .where(*_pairs(scope))
        .group_by(Evaluation.side)
    ).all()
    by_side = {side: values for side, *values in rows}
    mentees = by_side.get("mentee", (0, None, 0, 0, 0))
    mentors = by_side.get("mentor", (0, None, 0, 0, 0))
    recommend = int(mentees[2] or 0) + int(mentors[2] or 0)
    answered = mentees[3] + mentors[3]
    learned = mentors[4]

    def mean(values) -> float | None:
        return round(float(values[1]), 1) if values[1] is not None else None

    return Table(
        key="evaluations",
        title=_("Closing evaluations"),
        caption=_(
            "What mentees and mentors said when their pair ended: usefulness from 1 (not "
            "useful) to 4 (very useful)."
        ),
        columns=_value_column(),
        rows=(
            Row(
                _("Usefulness, by mentees (mean)"), (Figure(mean(mentees), mentees[0], Kind.SCORE),)
            ),
            Row(
                _("Usefulness, by mentors (mean)"), (Figure(mean(mentors), mentors[0], Kind.SCORE),)
            ),
            Row(
                _("Would recommend it %"),
                (Figure(percent(recommend, answered), answered, Kind.PERCENT),),
            ),
            Row(
                _("Mentors who wrote what they learned from their mentee"),
                (Figure(learned, learned),),
            ),
        ),
    )


def _whole_days(start: datetime | str, end: datetime) -> int:
    """Whole days from `start` to `end`, rounded down, as days_between counts them in SQL: 6 days
    and 23 hours is 6 days. Both are UTC; SQLite may hand back a string."""
    if isinstance(start, str):
        start = datetime.fromisoformat(start)
    return (end.replace(tzinfo=None) - start.replace(tzinfo=None)) // timedelta(days=1)


def _as_date(value) -> date | None:
    """A date column as SQLite hands it back (a string) or PostgreSQL does (a date)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
