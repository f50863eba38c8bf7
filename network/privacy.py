"""Personal data of the network: the directory listing, messages and success stories (see
personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import Listing, NetworkMessage, Story


def export(user_id: int) -> Export:
    listings = db.session.scalars(db.select(Listing).filter_by(user_id=user_id))
    messages = db.session.scalars(
        db.select(NetworkMessage)
        .where((NetworkMessage.sender_id == user_id) | (NetworkMessage.recipient_id == user_id))
        .order_by(NetworkMessage.created_at, NetworkMessage.id)
    )
    stories = db.session.scalars(
        db.select(Story).filter_by(author_id=user_id).order_by(Story.created_at)
    )
    return {
        "listing": [
            row(entry, "region", "sector", "offer", "looking_for", "show_email", "created_at")
            for entry in listings
        ],
        "messages": [_message(m, user_id) for m in messages],
        "stories": [
            row(
                s,
                "title",
                "body",
                "signature",
                "state",
                "consent",
                "created_at",
                "published_at",
                photo=bool(s.photo),
            )
            for s in stories
        ],
    }


def _message(message: NetworkMessage, user_id: int) -> dict:
    sent_by_me = message.sender_id == user_id
    other = message.recipient if sent_by_me else message.sender
    return row(
        message,
        "body",
        "created_at",
        "read_at",
        sent_by_me=sent_by_me,
        other_person=other.name if other else "",
    )


def erase(user_id: int) -> None:
    """Listing, stories (with their photos) and the messages the person wrote go; messages others
    wrote to them stay for the writer, to "a former participant"."""
    db.session.execute(db.delete(Listing).where(Listing.user_id == user_id))
    for story in db.session.scalars(db.select(Story).filter_by(author_id=user_id)):
        db.session.delete(story)  # its photo goes with it (cascade)
    db.session.execute(
        db.update(Story).where(Story.published_by_id == user_id).values(published_by_id=None)
    )
    db.session.execute(db.delete(NetworkMessage).where(NetworkMessage.sender_id == user_id))
    db.session.execute(
        db.update(NetworkMessage)
        .where(NetworkMessage.recipient_id == user_id)
        .values(recipient_id=None)
    )


PROVIDER = Provider(
    name="network",
    title=_l("The network and your stories"),
    export=export,
    erase=erase,
    parts={
        "listing": _l("How you appear in the network"),
        "messages": _l("Messages in the network"),
        "stories": _l("Your success stories"),
    },
    tables=(
        Table(
            Listing,
            Policy.ERASE,
            "The person's own words about themselves, shown only while they chose to be listed.",
            person_columns=("user_id",),
            text_columns=("offer", "looking_for", "region"),
        ),
        Table(
            NetworkMessage,
            Policy.PSEUDONYMISE,
            "What the person wrote is erased; what others wrote to them stays for the writer.",
            person_columns=("sender_id", "recipient_id"),
            text_columns=("body",),
        ),
        Table(
            Story,
            Policy.ERASE,
            "The author's own story and photo; staff who published one are only unlinked.",
            person_columns=("author_id", "published_by_id"),
            text_columns=("title", "body"),
            identity_columns=("signature",),
        ),
    ),
)
