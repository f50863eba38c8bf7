"""Personal data of the status at entry, leaving and follow-ups (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db, utcnow
from personal_data import Export, Policy, Provider, Table, row

from .models import Departure, EntryStatus, FollowUp, age_band


def export(user_id: int) -> Export:
    statuses = db.session.scalars(db.select(EntryStatus).filter_by(user_id=user_id))
    departures = db.session.scalars(db.select(Departure).filter_by(user_id=user_id))
    follow_ups = db.session.scalars(
        db.select(FollowUp).filter_by(user_id=user_id).order_by(FollowUp.id)
    )
    return {
        "at_joining": [
            row(
                s,
                "birth_year",
                "situation",
                "benefit",
                "created_at",
                "updated_at",
                organisation=s.organisation.name,
            )
            for s in statuses
        ],
        "leaving": [
            row(d, "left_on", "reason", "created_at", organisation=d.organisation.name)
            for d in departures
        ],
        "follow_ups": [
            row(
                f,
                "moment",
                "due_on",
                "sent_at",
                "answered_at",
                "situation",
                "business_registered",
                "registration_number",
                "started_trading",
                "financing",
                "by_phone",
                organisation=f.organisation.name,
            )
            for f in follow_ups
        ],
    }


def erase(user_id: int) -> None:
    """The record stays (the funder audits it) with the age band instead of the year of birth;
    staff's note and the registration number go."""
    year = utcnow().year
    for status in db.session.scalars(db.select(EntryStatus).filter_by(user_id=user_id)):
        if status.birth_year is not None:
            status.age_band, status.birth_year = age_band(status.birth_year, year), None
    db.session.execute(db.update(Departure).where(Departure.user_id == user_id).values(note=""))
    db.session.execute(
        db.update(FollowUp).where(FollowUp.user_id == user_id).values(registration_number=None)
    )


_AUDIT = (
    "The funder's participant record (situation at entry, leaving, follow-ups): kept under a "
    "random id for the organisation's retention period."
)

PROVIDER = Provider(
    name="outcomes",
    title=_l("Your answers about your situation"),
    export=export,
    erase=erase,
    parts={
        "at_joining": _l("About you when you joined"),
        "leaving": _l("When you left"),
        "follow_ups": _l("Your follow-up answers"),
    },
    tables=(
        Table(
            EntryStatus,
            Policy.KEEP_FOR_AUDIT,
            _AUDIT + " The year of birth becomes an age band.",
            person_columns=("user_id",),
        ),
        Table(
            Departure,
            Policy.KEEP_FOR_AUDIT,
            _AUDIT + " Staff's note is erased.",
            person_columns=("user_id", "recorded_by_id"),
            text_columns=("note",),
        ),
        Table(
            FollowUp,
            Policy.KEEP_FOR_AUDIT,
            _AUDIT + " The registration number is erased.",
            person_columns=("user_id", "answered_by_id"),
            identity_columns=("registration_number",),
        ),
    ),
)
