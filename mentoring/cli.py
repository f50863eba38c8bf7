"""`flask mentoring remind`: the reminders that are due, by email. Meant for cron, e.g. daily:
0 8 * * *  cd /srv/herstart && .venv/bin/flask mentoring remind
`remind` also sends the meeting reminders; `flask mentoring meeting-reminders` sends only those
(run it hourly to ask for the log soon after a meeting).
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from extensions import utcnow
from outbox.unit import in_unit_of_work

mentoring_cli = AppGroup("mentoring", help="The mentoring programme.")


@mentoring_cli.command("remind")
@click.option("--dry-run", is_flag=True, help="Only list the reminders that are due.")
@in_unit_of_work
def remind(dry_run: bool) -> None:
    """Email the reminders that are due: meetings overdue (to both people of the pair) and
    check-ins due (to the organisation's staff). Each at most once a week per pair. The emails
    wait in the outbox and go out once the command has committed."""
    from . import services

    now = utcnow()
    reminders = services.due_reminders(now)
    for reminder in reminders:
        pair = reminder.pair
        click.echo(f"{reminder.kind}: pair {pair.id} ({pair.mentee.name} / {pair.mentor.name})")
        if not dry_run:
            services.send_reminder(reminder, now)
    click.echo(f"{len(reminders)} reminders {'due' if dry_run else 'sent'}.")
    if not dry_run:
        _meeting_reminders(now)


@mentoring_cli.command("meeting-reminders")
@in_unit_of_work
def meeting_reminders() -> None:
    """Remind both people of a meeting they agreed the day before it, and ask both to log it once
    its time has passed; each once per meeting, however often the command runs."""
    _meeting_reminders(utcnow())


def _meeting_reminders(now) -> None:
    from . import services

    sent = services.send_meeting_reminders(now)
    click.echo(f"{sent.reminded} meetings of tomorrow reminded.")
    click.echo(f"{sent.asked_to_log} meetings that took place: asked to log them.")
