"""Push an event into the notification centre; email it at once, keep it for a digest, or only
show it in the app, as the person chose for that kind."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from extensions import NotFound, db, rows_changed, utcnow
from outbox.services import queue_email
from personal_data import shown

from .kinds import DEFAULT_FREQUENCY, DIGESTS, MESSAGES, Frequency, Kind
from .models import DigestSent, Notification, Preference

logger = logging.getLogger(__name__)
KINDS = frozenset(kind.value for kind in Kind)
DIGEST_SUBJECTS = {
    Frequency.DAILY: _l("What happened in Herstart today"),
    Frequency.WEEKLY: _l("What happened in Herstart this week"),
}


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
        with force_locale(language):  # `%` renders the lazy sentence now, so in their language
            subject = str(MESSAGES[Kind(item.kind)] % item.params)
        email = Email(
            template="notifications/email/one.txt",
            subject=subject,
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
    params = {key: shown(value) for key, value in item.params.items()}  # an erased name too
    try:
        return str(message % params)
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


# The centre's pages --------------------------------------------------------------------------

PER_PAGE = 25


@dataclass(frozen=True)
class Page:
    items: list[Notification]
    number: int
    has_next: bool


def page_of(user_id: int, number: int = 1) -> Page:
    """The person's items, newest first, one page at a time (one extra row tells if more wait)."""
    number = max(1, min(number, 10_000))
    rows = list(
        db.session.scalars(
            db.select(Notification)
            .filter_by(user_id=user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .offset((number - 1) * PER_PAGE)
            .limit(PER_PAGE + 1)
        )
    )
    return Page(rows[:PER_PAGE], number, len(rows) > PER_PAGE)


def latest_unread(user_id: int, limit: int = 5) -> list[Notification]:
    return list(
        db.session.scalars(
            db.select(Notification)
            .filter_by(user_id=user_id, read_at=None)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def item_of(user_id: int, item_id: int) -> Notification:
    """One of the person's own items; anybody else's is not found."""
    item = db.session.get(Notification, item_id)
    if item is None or item.user_id != user_id:
        raise NotFound()
    return item


def mark_item_read(user_id: int, item_id: int) -> Notification:
    item = item_of(user_id, item_id)
    if item.read_at is None:
        item.read_at = utcnow()
        db.session.flush()
        logger.info("notification read item=%s user=%s", item.id, user_id)
    return item


def mark_all_read(user_id: int) -> int:
    changed = rows_changed(
        db.update(Notification).filter_by(user_id=user_id, read_at=None).values(read_at=utcnow())
    )
    if changed:
        db.session.flush()
        logger.info("notifications all read user=%s count=%s", user_id, changed)
    return changed


def preferences_of(user_id: int) -> dict[Kind, Frequency]:
    """Every kind with the person's frequency (the default where they chose nothing)."""
    chosen = dict(
        db.session.execute(
            db.select(Preference.kind, Preference.frequency).filter_by(user_id=user_id)
        ).all()
    )
    return {
        kind: Frequency(chosen[kind.value]) if kind.value in chosen else DEFAULT_FREQUENCY
        for kind in Kind
    }


def save_preferences(user_id: int, choices: dict[Kind, Frequency]) -> None:
    """Keep the person's frequency per kind; items already waiting for a digest keep theirs."""
    rows = {
        row.kind: row
        for row in db.session.scalars(db.select(Preference).filter_by(user_id=user_id))
    }
    for kind, frequency in choices.items():
        row = rows.get(kind.value)
        if row is None:
            db.session.add(Preference(user_id=user_id, kind=kind.value, frequency=frequency.value))
        else:
            row.frequency = frequency.value
    db.session.flush()
    logger.info("notification preferences saved user=%s", user_id)


# Digests -------------------------------------------------------------------------------------


def period_of(frequency: Frequency, now: datetime) -> str:
    """The period a digest covers: the day ("2026-12-02") or the ISO week ("2026-W49")."""
    if frequency is Frequency.WEEKLY:
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    return now.date().isoformat()


@dataclass(frozen=True)
class DigestSentTo:
    user_id: int
    frequency: Frequency
    items: int


def send_digests(now: datetime | None = None) -> list[DigestSentTo]:
    """One email per person and frequency per period, listing the unread items that wait for a
    digest; run again in the same period, it sends nothing. Items the person already read in the
    app are not emailed again."""
    now = now or utcnow()
    waiting = db.session.scalars(
        db.select(Notification)
        .where(
            Notification.frequency.in_([f.value for f in DIGESTS]),
            Notification.emailed_at.is_(None),
            Notification.read_at.is_(None),
            Notification.created_at <= now,
        )
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    )
    grouped: dict[tuple[int, str], list[Notification]] = {}
    for item in waiting:
        grouped.setdefault((item.user_id, item.frequency), []).append(item)
    if not grouped:
        return []
    people = {
        u.id: u
        for u in db.session.scalars(
            db.select(User).where(User.id.in_({user_id for user_id, _ in grouped}))
        )
    }
    sent = [
        result
        for (user_id, frequency), items in grouped.items()
        if (result := _send_digest(people[user_id], Frequency(frequency), items, now))
    ]
    return sent


def _send_digest(
    person: User, frequency: Frequency, items: list[Notification], now: datetime
) -> DigestSentTo | None:
    from flask import current_app
    from sqlalchemy.exc import IntegrityError

    period = period_of(frequency, now)
    done = db.session.scalar(
        db.select(DigestSent.id).filter_by(
            user_id=person.id, frequency=frequency.value, period=period
        )
    )
    if done is not None or not person.is_active:
        return None
    try:
        with db.session.begin_nested():  # a second run at the same instant sends nothing
            db.session.add(DigestSent(user_id=person.id, frequency=frequency.value, period=period))
    except IntegrityError:
        return None
    organisation = (
        db.session.get(Organisation, items[0].organisation_id) if items[0].organisation_id else None
    )
    base = (current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")
    queue_email(
        to=person.email,
        language=language_of(person, organisation),
        template="notifications/email/digest.txt",
        subject=DIGEST_SUBJECTS[frequency],
        person=person,
        items=items,
        base=base,
        settings=base + "/notifications/settings",
    )
    for item in items:
        item.emailed_at = now
    db.session.flush()
    logger.info(
        "notification digest sent user=%s frequency=%s items=%s",
        person.id,
        frequency.value,
        len(items),
    )
    return DigestSentTo(person.id, frequency, len(items))
