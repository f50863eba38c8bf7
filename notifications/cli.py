"""`flask notifications digest`: the daily and weekly digests. Meant for cron, e.g. daily:
30 7 * * *  cd /srv/herstart && .venv/bin/flask notifications digest
Daily readers get one email a day; weekly readers one at the first run of each ISO week."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from outbox.unit import in_unit_of_work

notifications_cli = AppGroup("notifications", help="The notification centre.")


@notifications_cli.command("digest")
@in_unit_of_work
def digest() -> None:
    """Email each digest reader one summary for this period; run twice, it sends once."""
    from .services import send_digests

    sent = send_digests()
    for result in sent:
        click.echo(f"{result.frequency.value}: user {result.user_id}, {result.items} items")
    click.echo(f"{len(sent)} digests sent.")
