"""Queue an email in the current unit of work; it is delivered only once that work commits."""

from __future__ import annotations

import logging

from flask import g, render_template
from flask_babel import force_locale

from extensions import db, rows_changed, utcnow

from .models import OutboxMessage

logger = logging.getLogger(__name__)


def queue_email(
    *, to: str, language: str, template: str, subject: object, ics: str | None = None, **context
) -> int:
    """Render `template` and the (lazy) `subject` in the recipient's language and keep the
    message beside the change it tells about; `ics` is an iCalendar invitation to attach.
    Returns the message's id."""
    with force_locale(language):
        message = OutboxMessage(
            recipient=to,
            subject=" ".join(str(subject).split()),  # one line: a header never breaks
            body=render_template(template, **context),
            template=template,
            language=language,
            ics=ics,
        )
    db.session.add(message)
    db.session.flush()
    g.setdefault("outbox_queued", []).append(message.id)
    logger.info("mail queued message=%s template=%s", message.id, template)
    return message.id


def queue_emails(messages: list[dict]) -> list[int]:
    """Many emails in one flush (a CSV import's invitations): each dict holds queue_email's
    keywords (`to`, `language`, `template`, `subject`, and `context` or an already rendered
    `body`, which the caller made in the recipient's language). Rendered straight from the
    template without the page context processors, one language at a time, so 5,000 messages
    take seconds, not minutes. Returns the ids."""
    from flask import current_app

    rows: list[dict] = []
    for language in sorted({m["language"] for m in messages}):
        with force_locale(language):
            for m in (m for m in messages if m["language"] == language):
                if "body" in m:  # rendered by the caller (one text for many recipients)
                    body = m["body"]
                else:
                    body = current_app.jinja_env.get_template(m["template"]).render(**m["context"])
                rows.append(
                    {
                        "recipient": m["to"],
                        "subject": " ".join(str(m["subject"]).split()),
                        "body": body,
                        "template": m["template"],
                        "language": language,
                    }
                )
    if not rows:
        return []
    # One INSERT per thousand rows, not one per message.
    ids = list(db.session.scalars(db.insert(OutboxMessage).returning(OutboxMessage.id), rows))
    g.setdefault("outbox_queued", []).extend(ids)
    logger.info("mail queued count=%s", len(ids))
    return ids


def queued_in_this_unit_of_work() -> list[int]:
    """Ids queued since the unit of work began; the request hands them to delivery after commit."""
    return list(g.pop("outbox_queued", []))


def forget_queued() -> None:
    """The unit of work rolled back: its messages were never written, so nothing to deliver."""
    g.pop("outbox_queued", None)


def retry_failed(message_id: int) -> bool:
    """Put a failed message back in the queue (a platform admin's button); sent after commit."""
    from .models import MailState

    table = OutboxMessage.__table__
    changed = rows_changed(
        table.update()
        .where(table.c.id == message_id, table.c.state == MailState.FAILED.value)
        .values(state=MailState.PENDING.value, due_at=utcnow(), attempts=0)
    )
    if changed:
        g.setdefault("outbox_queued", []).append(message_id)
        logger.info("mail retry message=%s", message_id)
    return changed == 1


def waiting_and_failed(limit: int = 50) -> list[OutboxMessage]:
    """What has not gone out: failed first, then the oldest waiting."""
    from .models import MailState

    return list(
        db.session.scalars(
            db.select(OutboxMessage)
            .where(OutboxMessage.state != MailState.SENT.value)
            .order_by((OutboxMessage.state == MailState.FAILED.value).desc(), OutboxMessage.id)
            .limit(limit)
        )
    )


def counts() -> dict[str, int]:
    rows = db.session.execute(
        db.select(OutboxMessage.state, db.func.count()).group_by(OutboxMessage.state)
    )
    return {state: count for state, count in rows}


def local_path(endpoint: str, **values) -> str:
    """A path inside Herstart ("/mentor/entries/3"), for a notification's link; works in
    requests, CLI commands and workers alike."""
    from flask import current_app

    return current_app.url_map.bind("localhost").build(endpoint, values)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for an email, built from PUBLIC_URL and never from the request's Host
    header (which anyone can set). Works in requests, CLI commands and workers alike."""
    from flask import current_app

    base = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    return base.rstrip("/") + local_path(endpoint, **values)
