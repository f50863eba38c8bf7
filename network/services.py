"""The directory and its messages. Only people who opted in are listed, only to participants of
the same organisation; leaving deletes the listing at once. Messages go between two participants
of one organisation and never show an address, unless the person listed chose to show theirs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_

from accounts.models import Membership, Organisation, Role, User
from extensions import Invalid, NotAllowed, NotFound, db, rows_changed, utcnow
from mentoring.vocabulary import SECTORS
from notifications import services as notifications
from notifications.kinds import Kind
from notifications.models import Notification
from paging import like

from .models import ABOUT_MAX, MESSAGE_MAX, REGION_MAX, Listing, NetworkMessage

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_WORDS = 8
PARTICIPANT_ROLES = (Role.LEARNER.value, Role.MENTOR.value)


class NetworkError(Invalid):
    pass


def is_participant(user: User, organisation: Organisation | None) -> bool:
    """Learners and mentors of an open organisation take part in its network."""
    if organisation is None or organisation.is_archived or not user.is_authenticated:
        return False
    return bool(user.roles_in(organisation.id) & {Role.LEARNER, Role.MENTOR})


def require_participant(user: User, organisation: Organisation | None) -> Organisation:
    if organisation is None or not is_participant(user, organisation):
        raise NotAllowed(_l("The network is for the learners and mentors of an organisation."))
    return organisation


def _active_participant(organisation_id: int):
    """Listed people who are still learners or mentors here: leaving the organisation hides
    them as leaving the directory does."""
    return and_(
        exists().where(
            Membership.user_id == Listing.user_id,
            Membership.organisation_id == organisation_id,
            Membership.role.in_(PARTICIPANT_ROLES),
            Membership.deactivated_at.is_(None),
        ),
        User.deactivated_at.is_(None),
    )


# --- my listing -------------------------------------------------------------------------------


def listing_of(user: User, organisation: Organisation) -> Listing | None:
    return db.session.scalar(
        db.select(Listing).filter_by(organisation_id=organisation.id, user_id=user.id)
    )


def _clean_about(value: str, field: str) -> str:
    text = (value or "").strip()
    if len(text) > ABOUT_MAX:
        raise NetworkError(
            _l(
                "This is too long: at most %(max)s characters, it has %(n)s.",
                max=f"{ABOUT_MAX:,}",
                n=f"{len(text):,}",
            ),
            field=field,
        )
    return text


def save_listing(
    user: User,
    organisation: Organisation,
    *,
    region: str,
    sector: str,
    offer: str,
    looking_for: str,
    show_email: bool,
) -> Listing:
    """Join the directory, or change what it says about me."""
    require_participant(user, organisation)
    region = (region or "").strip()
    if len(region) > REGION_MAX:
        raise NetworkError(
            _l("Write the region in at most %(max)s characters.", max=REGION_MAX), field="region"
        )
    if sector and sector not in SECTORS:
        raise NetworkError(_l("Choose one of the options shown."), field="sector")
    offer = _clean_about(offer, "offer")
    looking_for = _clean_about(looking_for, "looking_for")
    if not (offer or looking_for):
        raise NetworkError(
            _l(
                "Write what you can offer or what you are looking for, so others know why to write."
            ),
            field="offer",
        )
    listing = listing_of(user, organisation)
    joined = listing is None
    if listing is None:
        listing = Listing(organisation_id=organisation.id, user_id=user.id)
        db.session.add(listing)
    listing.region, listing.sector = region, sector or ""
    listing.offer, listing.looking_for = offer, looking_for
    listing.show_email = bool(show_email)
    listing.updated_at = utcnow()
    db.session.flush()
    logger.info(
        "network listing %s user=%s org=%s",
        "joined" if joined else "saved",
        user.id,
        organisation.id,
    )
    return listing


def leave(user: User, organisation: Organisation) -> bool:
    """Out of the directory at once: the listing is deleted, not hidden."""
    removed = rows_changed(
        db.delete(Listing).where(
            Listing.organisation_id == organisation.id, Listing.user_id == user.id
        )
    )
    if removed:
        logger.info("network listing left user=%s org=%s", user.id, organisation.id)
    return bool(removed)


# --- the directory ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    items: list[Listing]
    number: int
    has_next: bool


def directory(
    user: User,
    organisation: Organisation,
    *,
    words: str = "",
    region: str = "",
    sector: str = "",
    number: int = 1,
) -> Page:
    """The people of this organisation who opted in, by name; every word searched must appear
    in their name, region or what they offer or look for. One query, however many rows."""
    require_participant(user, organisation)
    number = max(1, min(number, 10_000))
    query = (
        db.select(Listing)
        .join(User, User.id == Listing.user_id)
        .where(Listing.organisation_id == organisation.id, _active_participant(organisation.id))
    )
    for word in (words or "").split()[:MAX_WORDS]:
        pattern = like(word)
        query = query.where(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (User.name, Listing.region, Listing.offer, Listing.looking_for)
                )
            )
        )
    if region:
        query = query.where(func.lower(Listing.region) == region.strip().lower())
    if sector:
        query = query.where(Listing.sector == sector)
    rows = list(
        db.session.scalars(
            query.order_by(func.lower(User.name), Listing.id)
            .offset((number - 1) * PER_PAGE)
            .limit(PER_PAGE + 1)
        )
    )
    return Page(rows[:PER_PAGE], number, len(rows) > PER_PAGE)


def regions(organisation: Organisation) -> list[str]:
    """The regions people of this organisation wrote, for the filter; one query."""
    rows = db.session.scalars(
        db.select(Listing.region)
        .join(User, User.id == Listing.user_id)
        .where(
            Listing.organisation_id == organisation.id,
            Listing.region != "",
            _active_participant(organisation.id),
        )
        .distinct()
    )
    unique = {region.strip().lower(): region.strip() for region in rows}
    return sorted(unique.values(), key=str.lower)


def listed_person(user: User, organisation: Organisation, person_id: int) -> Listing:
    """Someone listed in the viewer's organisation, or not found (the same for everybody not
    listed, in another organisation, or gone)."""
    require_participant(user, organisation)
    listing = db.session.scalar(
        db.select(Listing)
        .join(User, User.id == Listing.user_id)
        .where(
            Listing.organisation_id == organisation.id,
            Listing.user_id == person_id,
            _active_participant(organisation.id),
        )
    )
    if listing is None:
        raise NotFound
    return listing


# --- messages ---------------------------------------------------------------------------------


def _wrote_to(sender_id: int, recipient_id: int, organisation: Organisation) -> bool:
    return (
        db.session.scalar(
            db.select(NetworkMessage.id)
            .filter_by(
                organisation_id=organisation.id, sender_id=sender_id, recipient_id=recipient_id
            )
            .limit(1)
        )
        is not None
    )


def correspondent(user: User, organisation: Organisation, person_id: int) -> User:
    """Whom the viewer may write to: a listed participant, or one who wrote to them first (so
    an answer is possible without joining the directory). Anyone else is not found."""
    require_participant(user, organisation)
    if person_id == user.id:
        raise NotFound
    person = db.session.get(User, person_id)
    if person is None or not is_participant(person, organisation):
        raise NotFound
    if listing_of(person, organisation) is None and not _wrote_to(person.id, user.id, organisation):
        raise NotFound
    return person


def subject_of(sender_id: int) -> str:
    return f"network:{sender_id}"


def _conversation_link(person_id: int) -> str:
    """The conversation's local path, built without a request (CLI, tests)."""
    return current_app.url_map.bind("localhost").build(
        "network.conversation", {"person_id": person_id}
    )


def send_message(
    user: User, organisation: Organisation, person_id: int, body: str
) -> NetworkMessage:
    """Write to another participant; they are told by the notification centre (and by email as
    they chose), with the sender's name and a link to answer, never an address."""
    person = correspondent(user, organisation, person_id)
    body = (body or "").strip()
    if not body:
        raise NetworkError(_l("Write your message first."), field="body")
    if len(body) > MESSAGE_MAX:
        raise NetworkError(
            _l(
                "Your message is too long: at most %(max)s characters, it has %(n)s. "
                "Shorten it or send it in two parts.",
                max=f"{MESSAGE_MAX:,}",
                n=f"{len(body):,}",
            ),
            field="body",
        )
    message = NetworkMessage(
        organisation_id=organisation.id, sender_id=user.id, recipient_id=person.id, body=body
    )
    db.session.add(message)
    db.session.flush()
    subject = subject_of(user.id)
    waiting = db.session.scalar(
        db.select(Notification.id)
        .filter_by(
            user_id=person.id, subject=subject, kind=Kind.NETWORK_MESSAGE.value, read_at=None
        )
        .limit(1)
    )
    if waiting is None:  # one notice (and one email) until they open the conversation
        notifications.notify(
            person,
            Kind.NETWORK_MESSAGE,
            link=_conversation_link(user.id),
            params={"name": user.name},
            subject=subject,
            organisation=organisation,
        )
    logger.info("network message=%s sender=%s recipient=%s", message.id, user.id, person.id)
    return message


def conversation(
    user: User, organisation: Organisation, person_id: int, now: datetime | None = None
) -> tuple[User, list[NetworkMessage]]:
    """The messages between the viewer and one person, oldest first; opening it reads them."""
    require_participant(user, organisation)
    person = db.session.get(User, person_id)
    between = or_(
        and_(NetworkMessage.sender_id == user.id, NetworkMessage.recipient_id == person_id),
        and_(NetworkMessage.sender_id == person_id, NetworkMessage.recipient_id == user.id),
    )
    messages = list(
        db.session.scalars(
            db.select(NetworkMessage)
            .where(NetworkMessage.organisation_id == organisation.id, between)
            .order_by(NetworkMessage.created_at.desc(), NetworkMessage.id.desc())
            .limit(200)
        )
    )
    if person is None or person_id == user.id or not messages:
        raise NotFound
    marked = rows_changed(
        db.update(NetworkMessage)
        .where(
            NetworkMessage.organisation_id == organisation.id,
            NetworkMessage.sender_id == person_id,
            NetworkMessage.recipient_id == user.id,
            NetworkMessage.read_at.is_(None),
        )
        .values(read_at=now or utcnow())
    )
    if marked:
        notifications.mark_read(user.id, subject_of(person_id))
    return person, list(reversed(messages))


@dataclass(frozen=True)
class Thread:
    person: User
    last_at: datetime
    unread: int


def threads(user: User, organisation: Organisation) -> list[Thread]:
    """Everyone the viewer exchanged messages with here, the latest conversation first."""
    require_participant(user, organisation)
    other = db.case(
        (NetworkMessage.sender_id == user.id, NetworkMessage.recipient_id),
        else_=NetworkMessage.sender_id,
    )
    unread = func.sum(
        db.case(
            (
                and_(NetworkMessage.recipient_id == user.id, NetworkMessage.read_at.is_(None)),
                1,
            ),
            else_=0,
        )
    )
    rows = db.session.execute(
        db.select(other.label("other"), func.max(NetworkMessage.created_at), unread)
        .where(
            NetworkMessage.organisation_id == organisation.id,
            or_(NetworkMessage.sender_id == user.id, NetworkMessage.recipient_id == user.id),
        )
        .group_by(other)
        .order_by(func.max(NetworkMessage.created_at).desc())
        .limit(200)
    ).all()
    ids = [row[0] for row in rows if row[0] is not None]
    people = {p.id: p for p in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
    return [
        Thread(people[other_id], last_at, int(count or 0))
        for other_id, last_at, count in rows
        if other_id in people
    ]
