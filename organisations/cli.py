"""`flask programme follow-up`: records who left by finishing, then emails the follow-ups that
are due (at leaving, +6 and +12 months). Meant for cron, once a day:
30 8 * * *  cd /srv/herstart && .venv/bin/flask programme follow-up

The finishing rule needs mentoring (the pair ended) and modules (the course done), two packages
of the floor below, so it lives here, in the face that sees both."""

from __future__ import annotations

from datetime import date, datetime

import click
from flask.cli import AppGroup
from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import aliased

from accounts.models import Membership, Organisation, Role, User
from extensions import db, utcnow
from mentoring.models import TAKEN_STATES, Mentorship, PairState
from modules import services as modules
from modules.models import SectionRead, SelfAssessment
from outbox.unit import in_unit_of_work
from outcomes import services as outcomes
from outcomes.models import Departure, LeavingReason

programme_cli = AppGroup("programme", help="The programme's outcomes: leaving and follow-ups.")


def ended_without_departure() -> dict[int, dict[int, date]]:
    """Per organisation, the learners whose pair ended, who have no open pair and no departure
    yet, with the day their last pair ended. Active learners of open organisations only."""
    other = aliased(Mentorship)
    open_pair = exists().where(
        other.organisation_id == Membership.organisation_id,
        other.mentee_id == Membership.user_id,
        other.state.in_(TAKEN_STATES),
    )
    departed = exists().where(
        Departure.organisation_id == Membership.organisation_id,
        Departure.user_id == Membership.user_id,
    )
    rows = db.session.execute(
        select(Membership.organisation_id, Membership.user_id, func.max(Mentorship.ended_at))
        .join(
            Mentorship,
            and_(
                Mentorship.organisation_id == Membership.organisation_id,
                Mentorship.mentee_id == Membership.user_id,
            ),
        )
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.role == Role.LEARNER.value,
            Membership.deactivated_at.is_(None),
            Organisation.archived_at.is_(None),
            User.deactivated_at.is_(None),
            Mentorship.state == PairState.ENDED.value,
            ~open_pair,
            ~departed,
        )
        .group_by(Membership.organisation_id, Membership.user_id)
    ).all()
    found: dict[int, dict[int, date]] = {}
    for organisation_id, user_id, ended_at in rows:
        found.setdefault(organisation_id, {})[user_id] = _day(ended_at)
    return found


def _day(value: datetime | date | None) -> date:
    if value is None:  # an ended pair without its date (old data): it ended by now at the latest
        return utcnow().date()
    return value.date() if isinstance(value, datetime) else value


def finished_on(user_ids: list[int], course_slug: str) -> dict[int, date]:
    """When each learner did the last step of the course: their latest section read or
    self-assessment passed in it (a section read again later moves it, which errs late)."""
    days: dict[int, date] = {}
    for column, user_column, course_column in (
        (SectionRead.read_at, SectionRead.user_id, SectionRead.course),
        (SelfAssessment.passed_at, SelfAssessment.user_id, SelfAssessment.course),
    ):
        rows = db.session.execute(
            select(user_column, func.max(column))
            .where(user_column.in_(user_ids), course_column == course_slug)
            .group_by(user_column)
        )
        for user_id, at in rows:
            if at is not None:
                days[user_id] = max(days.get(user_id, date.min), _day(at))
    return days


def record_finished_departures(today: date) -> list[Departure]:
    """A learner whose pair ended and who finished a course their organisation offers leaves as
    "finished" on the later of the two days (never after `today`)."""
    departures: list[Departure] = []
    for organisation_id, ended in sorted(ended_without_departure().items()):
        user_ids = sorted(ended)
        finished: dict[int, date] = {}
        for course in modules.offered_courses(organisation_id):
            if not course.modules:
                continue
            progress = modules.progress_of_many(user_ids, course)
            done = [u for u in user_ids if progress[u].modules_done == len(course.modules)]
            if not done:
                continue
            for user_id, day in finished_on(done, course.slug).items():
                finished[user_id] = min(finished.get(user_id, date.max), day)
        organisation = db.session.get(Organisation, organisation_id)
        for user_id in sorted(finished):
            left_on = max(ended[user_id], finished[user_id])
            if left_on > today or organisation is None:
                continue
            user = db.session.get(User, user_id)
            if user is None:
                continue
            departures.append(
                outcomes.record_departure(
                    user, organisation, reason=LeavingReason.FINISHED, left_on=left_on
                )
            )
    return departures


@programme_cli.command("follow-up")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if it were this day (YYYY-MM-DD), for catching up; default: today (UTC).",
)
@in_unit_of_work
def follow_up(today: datetime | None) -> None:
    """Record who left by finishing (pair ended, course done), then email every follow-up that
    is due and not yet sent. Run it as often as you like: nobody is asked twice for a moment.
    The emails wait in the outbox and go out once the command has committed."""
    day = today.date() if today else utcnow().date()
    for departure in record_finished_departures(day):
        click.echo(
            f"left as finished: user {departure.user_id} in "
            f"{departure.organisation.slug} on {departure.left_on.isoformat()}"
        )
    sent = outcomes.send_due_follow_ups(day)
    for follow_up in sent:
        click.echo(
            f"follow-up {follow_up.moment} sent to user {follow_up.user_id} "
            f"in {follow_up.organisation.slug}"
        )
    click.echo(f"{len(sent)} follow-up emails sent.")
