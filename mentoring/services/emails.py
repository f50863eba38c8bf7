"""The programme's emails, queued in the outbox in the same transaction as the change they tell
about: in the recipient's own language, with links built from PUBLIC_URL. Sent after the commit;
nothing is sent for a change that rolled back."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from outbox.services import external_url, queue_email

from ..models import Mentorship


def language_of(person: User, organisation: Organisation) -> str:
    return person.language or organisation.default_language or "en"


def queue_proposal(pair: Mentorship) -> None:
    """Tell both people that a proposal waits for their answer."""
    link = external_url("mentoring.pair", pair_id=pair.id)
    for person in (pair.mentee, pair.mentor):
        queue_email(
            to=person.email,
            language=language_of(person, pair.organisation),
            template="mentoring/email/proposal.txt",
            subject=_l("A mentoring proposal is waiting for your answer"),
            person=person,
            other=pair.other(person.id),
            link=link,
        )


def queue_meeting_overdue(pair: Mentorship, person: User, days_since: int) -> None:
    """Remind one person of the pair that it is time to meet."""
    queue_email(
        to=person.email,
        language=language_of(person, pair.organisation),
        template="mentoring/email/meeting_overdue.txt",
        subject=_l("Time to meet your mentoring partner"),
        person=person,
        other=pair.other(person.id),
        days=days_since,
        link=external_url("mentoring.pair", pair_id=pair.id),
    )


def queue_checkin_due(pair: Mentorship, staff: User, days_since: int) -> None:
    """Ask one of the organisation's staff to check in with a pair."""
    queue_email(
        to=staff.email,
        language=language_of(staff, pair.organisation),
        template="mentoring/email/checkin_due.txt",
        subject=_l("A mentoring pair needs a check-in"),
        person=staff,
        pair=pair,
        days=days_since,
        link=external_url(
            "organisations.programme_pair", slug=pair.organisation.slug, pair_id=pair.id
        ),
    )
