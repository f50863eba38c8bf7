"""`flask mail send` for cron (every minute) and `flask mail worker` when REDIS_URL is set."""

import click
from flask import current_app
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="The outbox of outgoing email.")


@mail_cli.command("send")
@click.option("--limit", default=200, show_default=True, help="At most this many messages.")
def send(limit: int) -> None:
    """Send every message that is due; a failed one waits for its next try."""
    from .delivery import deliver

    result = deliver(limit=limit)
    click.echo(f"Sent {result.sent}, failed {result.failed}.")


@mail_cli.command("worker")
def worker() -> None:
    """Run an RQ worker for the mail queue (needs REDIS_URL)."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: use `flask mail send` from cron.")
    connection = Redis.from_url(url)
    SimpleWorker([Queue("mail", connection=connection)], connection=connection).work()
