"""Staff changes that reach across floors: a membership change in accounts, the pairs it ends in
mentoring, and the emails it sends through the outbox (queued now, delivered after the commit)."""

from __future__ import annotations

import logging

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from accounts import invitations, members
from accounts.models import Invitation, Organisation, Role, User
from extensions import db
from mentoring import services as mentoring
from mentoring.models import MEMBER_DEACTIVATED, TAKEN_STATES, Mentorship
from outbox.services import external_url, queue_email, queue_emails

logger = logging.getLogger(__name__)

LINK_MARK = "\x00link\x00"  # where each invitation's own link goes in the shared text


def _language(organisation: Organisation, person: User | None = None, given: str = "") -> str:
    return (person.language if person else None) or given or organisation.default_language or "en"


def _invitation_email(staff: User, invitation, token: str, language: str) -> dict:
    return {
        "to": invitation.email,
        "language": _language(invitation.organisation, given=language),
        "template": "accounts/email/invitation.txt",
        "subject": _l("You are invited to Herstart by %(org)s", org=invitation.organisation.name),
        "context": {
            "invitation": invitation,
            "link": external_url("accounts.accept_invitation", token=token),
            "inviter": staff,
        },
    }


def send_invitation(
    staff: User, invitation: Invitation, token: str, language: str | None = None
) -> None:
    email = _invitation_email(staff, invitation, token, language or "")
    queue_email(**{k: v for k, v in email.items() if k != "context"}, **email["context"])


def invite(staff: User, organisation: Organisation, email: str, role: Role):
    """The invitation and its email, queued by accounts in the invitee's language."""
    return invitations.create_invitation(staff, organisation, email, role)


def resend_invitation(staff: User, organisation: Organisation, invitation_id: int):
    created = members.resend_invitation(staff, organisation, invitation_id)
    send_invitation(staff, created.invitation, created.token)
    return created


def import_members(staff: User, organisation: Organisation, rows: list[members.ImportRow]):
    """All rows in one transaction; each new invitation emailed after the commit."""
    plan, invitations = members.apply_import(staff, organisation, rows)
    # The invitations of one import differ only in their link: one text per language and role.
    texts: dict[tuple[str, str], str] = {}
    emails = []
    for row, created in invitations:
        email = _invitation_email(staff, created, created.token, row.language)
        key = (email["language"], created.role)
        if key not in texts:
            with force_locale(key[0]):
                texts[key] = render_template(
                    email["template"], **{**email["context"], "link": LINK_MARK}
                )
        emails.append({**email, "body": texts[key].replace(LINK_MARK, email["context"]["link"])})
    queue_emails(emails)
    return plan


def open_pairs_of(organisation: Organisation, user_id: int) -> list[Mentorship]:
    return list(
        db.session.scalars(
            db.select(Mentorship)
            .where(
                Mentorship.organisation_id == organisation.id,
                Mentorship.state.in_(TAKEN_STATES),
                db.or_(Mentorship.mentee_id == user_id, Mentorship.mentor_id == user_id),
            )
            .order_by(Mentorship.id)
        )
    )


def deactivate_member(staff: User, organisation: Organisation, user_id: int) -> list[Mentorship]:
    """The member can no longer open the organisation; their open pairs end with the reason
    "member deactivated" and the other person of each pair is told. Returns the ended pairs."""
    members.deactivate(staff, organisation, user_id)
    pairs = open_pairs_of(organisation, user_id)
    for pair in pairs:
        mentoring.end_pair(staff, pair, MEMBER_DEACTIVATED)
        other = pair.other(user_id)
        queue_email(
            to=other.email,
            language=_language(organisation, other),
            template="organisations/email/pair_ended.txt",
            subject=_l("Your mentoring pair at %(org)s has ended", org=organisation.name),
            person=other,
            deactivated=pair.mentee if other.id == pair.mentor_id else pair.mentor,
            organisation=organisation,
            link=external_url("mentoring.pair", pair_id=pair.id),
        )
        logger.info("pair ended on deactivation pair=%s user=%s", pair.id, user_id)
    return pairs
