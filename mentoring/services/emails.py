"""The programme's emails, queued in the outbox in the same transaction as the change they tell
about: in the recipient's own language, with links built from PUBLIC_URL. Sent after the commit;
nothing is sent for a change that rolled back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l

from accounts.models import User
from notifications.kinds import Kind
from notifications.services import Email, language_of, notify
from outbox.services import external_url, local_path, queue_email

from ..models import Mentorship

if TYPE_CHECKING:
    from .pairs import WhyMatched


def queue_proposal(pair: Mentorship) -> None:
    """Tell both people that a proposal waits for their answer: in their notification centre,
    and by email as each of them chose for this kind."""
    link = external_url("mentoring.pair", pair_id=pair.id)
    for person in (pair.mentee, pair.mentor):
        notify(
            person,
            Kind.PROPOSAL_TO_ANSWER,
            local_path("mentoring.pair", pair_id=pair.id),
            subject=f"pair:{pair.id}",
            organisation=pair.organisation,
            email=Email(
                template="mentoring/email/proposal.txt",
                subject=_l("A mentoring proposal is waiting for your answer"),
                context={"person": person, "other": pair.other(person.id), "link": link},
            ),
        )


def introduction_email(pair: Mentorship, person: User, why: WhyMatched) -> Email:
    """The introduction to `person`'s new partner: who they are, what each wants to learn from
    the other, why they were matched, and only the contact details the partner chose to share."""
    from .intake import themes

    other = pair.other(person.id)
    components = why.components or {}
    # the mentee's wishes the mentor offers; the mentor's wishes the mentee offers
    covered, mentor_learns = components.get("covered", []), components.get("mentor_learns", [])
    side = pair.side_of(person.id)
    return Email(
        template="mentoring/email/introduction.txt",
        subject=_l("Meet %(name)s, your mentoring partner", name=other.name),
        context={
            "person": person,
            "other": other,
            "side": side,
            "why": why,
            "themes": themes(pair.organisation),
            "i_learn": covered if side == "mentee" else mentor_learns,
            "they_learn": mentor_learns if side == "mentee" else covered,
            "other_email": other.email if other.share_email_with_partner else "",
            "other_phone": other.phone_for_partner or "",
            "link": external_url("mentoring.pair", pair_id=pair.id),
            "settings_link": external_url("accounts.profile"),
        },
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
