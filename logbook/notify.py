"""Emails of the logbook, each in the recipient's language; sent by views after the commit."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mailman import EmailMessage

from accounts.models import Organisation, User

from .models import Entry


def _language(person: User, organisation: Organisation) -> str:
    return person.language or organisation.default_language or "en"


def entry_submitted(entry: Entry, mentor: User, title: str, organisation: Organisation) -> None:
    with force_locale(_language(mentor, organisation)):
        subject = _("%(name)s sent you a logbook entry", name=entry.user.name)
        body = render_template(
            "logbook/email/submitted.txt",
            mentor=mentor,
            learner=entry.user,
            title=title,
            link=url_for("logbook.mentor_entry", entry_id=entry.id, _external=True),
        )
    EmailMessage(subject=subject, body=body, to=[mentor.email]).send()


def feedback_given(entry: Entry, mentor: User, title: str, organisation: Organisation) -> None:
    learner = entry.user
    with force_locale(_language(learner, organisation)):
        subject = _("%(name)s replied to your logbook entry", name=mentor.name)
        body = render_template(
            "logbook/email/feedback.txt",
            mentor=mentor,
            learner=learner,
            title=title,
            link=url_for("logbook.entry", course_slug=entry.course, key=entry.key, _external=True),
        )
    EmailMessage(subject=subject, body=body, to=[learner.email]).send()
