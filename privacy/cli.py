"""`flask privacy build-exports` for cron (every few minutes) and `flask privacy worker` when
REDIS_URL is set: the "Download my data" archives too large to build in the request."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Personal data: downloads, erasure and purge.")


@privacy_cli.command("build-exports")
@click.option("--limit", default=20, show_default=True, help="At most this many archives.")
def build_exports(limit: int) -> None:
    """Build every waiting archive and notify its owner; expired archives are dropped."""
    from outbox.unit import unit_of_work

    from .jobs import build_waiting
    from .services import expire_archives

    built = build_waiting(limit)
    with unit_of_work():
        expired = expire_archives()
    click.echo(f"Built {built} archives; {expired} expired archives removed.")


@privacy_cli.command("worker")
def worker() -> None:
    """Run an RQ worker for the privacy queue (needs REDIS_URL)."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    from .jobs import QUEUE

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException(
            "REDIS_URL is not set: use `flask privacy build-exports` from cron."
        )
    connection = Redis.from_url(url)
    SimpleWorker([Queue(QUEUE, connection=connection)], connection=connection).work()


@privacy_cli.command("purge")
def purge_command() -> None:
    """Erase accounts whose grace period ended and remove what outlived its period (cron, daily)."""
    from outbox.unit import unit_of_work

    from .purge import purge

    with unit_of_work():
        removed = purge()
    for what, count in removed.items():
        click.echo(f"{count} {what}")
