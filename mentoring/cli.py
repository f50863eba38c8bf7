"""`flask mentoring remind`: the reminders that are due, by email. Meant for cron, e.g. daily:
0 8 * * *  cd /srv/herstart && .venv/bin/flask mentoring remind
"""

from __future__ import annotations

import os

import click
from flask import current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mailman import EmailMessage

from extensions import utcnow
from outbox.unit import in_unit_of_work

mentoring_cli = AppGroup("mentoring", help="The mentoring programme.")


@mentoring_cli.command("remind")
@click.option("--dry-run", is_flag=True, help="Only list the reminders that are due.")
@in_unit_of_work
def remind(dry_run: bool) -> None:
    """Email the reminders that are due: meetings overdue (to both people of the pair) and
    check-ins due (to the organisation's staff). Each at most once a week per pair."""
    from . import services

    # Emails are rendered like pages, in a request context whose address makes the links:
    # SERVER_NAME when set, else PUBLIC_URL from the environment (e.g. https://herstart.eu).
    server = current_app.config.get("SERVER_NAME")
    scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
    base = (
        f"{scheme}://{server}" if server else os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    )
    with current_app.test_request_context(base_url=base):
        _remind(services, dry_run)


def _remind(services, dry_run: bool) -> None:
    now = utcnow()
    reminders = services.due_reminders(now)
    for reminder in reminders:
        pair = reminder.pair
        click.echo(f"{reminder.kind}: pair {pair.id} ({pair.mentee.name} / {pair.mentor.name})")
        if dry_run:
            continue
        for person in reminder.recipients:
            with force_locale(person.language or pair.organisation.default_language or "en"):
                if reminder.kind == "meeting_overdue":
                    subject = _("Time to meet your mentoring partner")
                else:
                    subject = _("A mentoring pair needs a check-in")
                body = render_template(
                    f"mentoring/email/{reminder.kind}.txt",
                    reminder=reminder,
                    person=person,
                    other=pair.other(person.id) if pair.side_of(person.id) else None,
                )
            EmailMessage(subject=subject, body=body, to=[person.email]).send()
        services.mark_reminded(reminder, now)
    click.echo(f"{len(reminders)} reminders {'due' if dry_run else 'sent'}.")
