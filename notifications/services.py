"""Push an event into the notification centre; email it at once, keep it for a digest, or only
show it in the app, as the person chose for that kind."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from accounts.models import Organisation, User
from extensions import db, rows_changed, utcnow
from outbox.services import queue_email

from .kinds import DEFAULT_FREQUENCY, MESSAGES, Frequency, Kind
from .models import Notification, Preference

logger = logging.getLogger(__name__)
KINDS = frozenset(kind.value for kind in Kind)


@dataclass(frozen=True)
class Email:
    """The feature's own email for an event, sent when the person reads this kind at once."""

    template: str
    subject: object  # lazy: rendered in the recipient's language
    context: dict = field(default_factory=dict)
    ics: str | None = None  # an iCalendar invitation attached to the email


def language_of(person: User, organisation: Organisation | None) -> str:
    return person.language or (organisation.default_language if organisation else None) or "en"


def frequency_for(user_id: int, kind: Kind) -> Frequency:
    chosen = db.session.scalar(
        db.select(Preference.frequency).filter_by(user_id=user_id, kind=kind.value)
    )
    return Frequency(chosen) if chosen else DEFAULT_FREQUENCY


def notify(
    person: User,
    kind: Kind,
    link: str,
    *,
    params: dict | None = None,
    subject: str = "",
    organisation: Organisation | None = None,
    email: Email | None = None,
) -> Notification:
    """Record the event for `person`; `link` is a local path (url_for), `subject` names the thing
    ("entry:12") so opening it marks the item read. With the person's frequency at once the
    feature's `email` is queued now (or the centre's own short email when it has none)."""
    frequency = frequency_for(person.id, kind)
    item = Notification(
        user_id=person.id,
        organisation_id=organisation.id if organisation else None,
        kind=kind.value,
        params=params or {},
        link=link,
        subject=subject,
        frequency=frequency.value,
    )
    db.session.add(item)
    if frequency is Frequency.AT_ONCE:
        _email_at_once(person, item, organisation, email)
    db.session.flush()
    logger.info("notification kind=%s user=%s", kind.value, person.id)
    return item


def _email_at_once(
    person: User, item: Notification, organisation: Organisation | None, email: Email | None
) -> None:
    from flask import current_app

    language = language_of(person, organisation)
    if email is None:
        base = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
        email = Email(
            template="notifications/email/one.txt",
            subject=MESSAGES[Kind(item.kind)] % item.params,
            context={"person": person, "item": item, "link": base.rstrip("/") + item.link},
        )
    queue_email(
        to=person.email,
        language=language,
        template=email.template,
        subject=email.subject,
        ics=email.ics,
        **email.context,
    )
    item.emailed_at = utcnow()


def message_of(item: Notification) -> str:
    """The item's sentence in the current language."""
    message = MESSAGES.get(Kind(item.kind)) if item.kind in KINDS else None
    if message is None:  # a kind removed since
        return item.kind
    try:
        return str(message % item.params)
    except (KeyError, ValueError, TypeError):  # params that no longer fit the sentence
        return str(message)


def mark_read(user_id: int, subject: str) -> int:
    """The person opened the thing: every unread item about it is read. Returns how many."""
    changed = rows_changed(
        db.update(Notification)
        .filter_by(user_id=user_id, subject=subject, read_at=None)
        .values(read_at=utcnow())
    )
    if changed:
        db.session.flush()
        logger.info("notifications read subject=%s user=%s", subject, user_id)
    return changed


def unread_count(user_id: int) -> int:
    return (
        db.session.scalar(
            db.select(db.func.count(Notification.id)).filter_by(user_id=user_id, read_at=None)
        )
        or 0
    )
