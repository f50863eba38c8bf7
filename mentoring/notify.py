"""Emails of the programme, each in the recipient's own language. Called by views and the CLI
after the service has committed; rendering needs an app and a request context."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mailman import EmailMessage

from .models import Mentorship


def _language(person, pair: Mentorship) -> str:
    return person.language or pair.organisation.default_language or "en"


def proposal_sent(pair: Mentorship) -> None:
    """Tell both people that a proposal waits for their answer."""
    for person in (pair.mentee, pair.mentor):
        with force_locale(_language(person, pair)):
            subject = _("A mentoring proposal is waiting for your answer")
            body = render_template(
                "mentoring/email/proposal.txt",
                person=person,
                other=pair.other(person.id),
                link=url_for("mentoring.pair", pair_id=pair.id, _external=True),
            )
        EmailMessage(subject=subject, body=body, to=[person.email]).send()
