"""The iCalendar invitation of a meeting both people agreed: pure, no database, no request.

Times are stored as naive UTC; the event carries them in the organisation's local time with a
TZID (and the VTIMEZONE that defines it), so a calendar shows 14:00 in Amsterdam in winter and
summer alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

# Organisations have no timezone of their own (yet): the programme runs in the Netherlands.
TIMEZONE = "Europe/Amsterdam"
PRODID = "-//Herstart//Mentoring meetings//EN"


def zone() -> ZoneInfo:
    return ZoneInfo(TIMEZONE)


def local_to_utc(day: date, at: time) -> datetime:
    """A date and time on the Amsterdam clock as naive UTC, the way we store times."""
    local = datetime.combine(day, at, tzinfo=zone())
    return local.astimezone(UTC).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    """Stored naive UTC as an aware Amsterdam time."""
    return moment.replace(tzinfo=UTC).astimezone(zone())


def local_date(moment: datetime) -> date:
    return utc_to_local(moment).date()


@dataclass(frozen=True)
class Invitation:
    uid: str
    starts_at: datetime  # naive UTC
    minutes: int
    summary: str
    place: str
    description: str
    sequence: int = 0
    organizer: tuple[str, str] | None = None  # (name, email)
    attendees: tuple[tuple[str, str], ...] = ()  # (name, email)
    stamp: datetime | None = None  # naive UTC; now when not given


def invitation_ics(invitation: Invitation, method: str = "REQUEST") -> str:
    """The VCALENDAR text of one event; METHOD:CANCEL takes it out of the calendars again."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    start = utc_to_local(invitation.starts_at)
    end = start + timedelta(minutes=invitation.minutes)
    calendar.add_component(Timezone.from_tzinfo(zone(), first_date=start.date()))
    event = Event()
    event.add("uid", invitation.uid)
    stamp = invitation.stamp or datetime.now(UTC).replace(tzinfo=None)
    event.add("dtstamp", stamp.replace(tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", invitation.summary)
    event.add("location", invitation.place)
    event.add("description", invitation.description)
    event.add("sequence", invitation.sequence)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if invitation.organizer:
        event.add("organizer", _address(*invitation.organizer))
    for name, email in invitation.attendees:
        event.add("attendee", _address(name, email))
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _address(name: str, email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    return address
