"""`flask mentoring remind`: the reminders that are due, by email. Meant for cron, e.g. daily:
0 8 * * *  cd /srv/herstart && .venv/bin/flask mentoring remind
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
