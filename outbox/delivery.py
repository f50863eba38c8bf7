"""Sending what the outbox holds: after a commit, from cron (`flask mail send`) or an RQ worker.

Each message is claimed with a conditional update before it is sent, so two senders never send
it twice; a failure leaves it waiting for another try, and after the last try it is marked
failed for platform admins to see. Delivery runs outside any request: it writes through its own
short transactions, never through the request's session.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_mailman import EmailMessage

from extensions import db, mail, utcnow

from .models import MailState, OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STALE_CLAIM = timedelta(minutes=15)  # a sender that died mid-send gives its claim back


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes between tries, at most two hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 120))


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver(ids: list[int] | None = None, limit: int = 200) -> Delivery:
    """Send the due messages (only `ids`, when given) and say how it went."""
    table = OutboxMessage.__table__
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(
            table.update()
            .where(table.c.state == MailState.SENDING.value, table.c.claimed_at < now - STALE_CLAIM)
            .values(state=MailState.PENDING.value, claimed_at=None)
        )
        query = (
            db.select(table.c.id)
            .where(table.c.state == MailState.PENDING.value, table.c.due_at <= now)
            .order_by(table.c.id)
            .limit(limit)
        )
        if ids is not None:
            query = query.where(table.c.id.in_(ids))
        due = list(conn.scalars(query))
    result = Delivery()
    for message_id in due:
        outcome = _deliver_one(message_id)
        if outcome is True:
            result.sent += 1
        elif outcome is False:
            result.failed += 1
    return result


def _deliver_one(message_id: int) -> bool | None:
    """True when sent, False when it failed, None when another sender had claimed it."""
    table = OutboxMessage.__table__
    with db.engine.begin() as conn:
        claimed = conn.execute(
            table.update()
            .where(table.c.id == message_id, table.c.state == MailState.PENDING.value)
            .values(state=MailState.SENDING.value, claimed_at=utcnow())
        ).rowcount
        if claimed != 1:
            return None
        row = conn.execute(table.select().where(table.c.id == message_id)).one()
    try:
        connection = mail.get_connection(timeout=current_app.config["MAIL_TIMEOUT"])
        email = EmailMessage(
            subject=row.subject, body=row.body, to=[row.recipient], connection=connection
        )
        if row.ics:
            email.attach("invite.ics", row.ics, "text/calendar; method=REQUEST; charset=utf-8")
        email.send()
    except Exception as error:  # any failure of the mail server: keep it for another try
        attempts = row.attempts + 1
        final = attempts >= MAX_ATTEMPTS
        with db.engine.begin() as conn:
            conn.execute(
                table.update()
                .where(table.c.id == message_id)
                .values(
                    state=(MailState.FAILED if final else MailState.PENDING).value,
                    attempts=attempts,
                    last_error=f"{type(error).__name__}: {error}"[:2000],
                    due_at=utcnow() + retry_delay(attempts),
                    claimed_at=None,
                )
            )
        logger.warning(
            "mail failed message=%s attempt=%s final=%s error=%s",
            message_id,
            attempts,
            final,
            type(error).__name__,
        )
        return False
    with db.engine.begin() as conn:
        conn.execute(
            table.update()
            .where(table.c.id == message_id)
            .values(state=MailState.SENT.value, sent_at=utcnow(), attempts=row.attempts + 1)
        )
    logger.info("mail sent message=%s template=%s", message_id, row.template)
    return True


def deliver_after_commit(app, ids: list[int]) -> None:
    """Hand the ids a unit of work queued to the worker queue, or send them now. Never raises:
    the change is saved, and a message that could not go out waits for the next try."""
    try:
        with app.app_context():
            if app.config.get("REDIS_URL"):
                _enqueue(app, ids)
            else:
                deliver(ids)
    except Exception:
        logger.exception("mail delivery after commit failed; the outbox keeps the messages")


def _enqueue(app, ids: list[int]) -> None:
    from redis import Redis
    from rq import Queue

    queue = Queue("mail", connection=Redis.from_url(app.config["REDIS_URL"]))
    queue.enqueue(deliver_job, ids)


def deliver_job(ids: list[int]) -> None:
    """What the RQ worker (`flask mail worker`) runs: the worker holds the app context."""
    deliver(ids)
