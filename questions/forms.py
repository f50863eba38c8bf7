"""The forms of asking, answering and publishing. Their rules (not empty, how long) live in
the service, so the page and the service say the same."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice
from wtforms.validators import Optional

from fields import RadioField, TextAreaField

from .models import Topic

TOPICS = {
    Topic.COURSE: _l("The course and its modules"),
    Topic.SELF_ASSESSMENTS: _l("The self-assessments"),
    Topic.LOGBOOK: _l("My logbook and business plan"),
    Topic.MENTORING: _l("Mentoring"),
    Topic.ACCOUNT: _l("My account and settings"),
    Topic.OTHER: _l("Something else"),
}

CONSENT_LABEL = _l("You may publish my question and the answer, without my name, in the FAQ")


class AskForm(FlaskForm):
    text = TextAreaField(
        _l("Your question"),
        description=_l(
            "Write it as you would say it. Only the staff of your organisation read it."
        ),
    )
    topic = RadioField(
        _l("What is it about? (optional)"),
        choices=[SelectChoice(topic.value, label) for topic, label in TOPICS.items()],
        validators=[Optional()],
    )
    consent = BooleanField(CONSENT_LABEL)


class ConsentForm(FlaskForm):
    consent = BooleanField(CONSENT_LABEL)


class AnswerForm(FlaskForm):
    answer = TextAreaField(
        _l("Your answer"),
        description=_l("The person who asked gets a message that their answer is ready."),
    )


class PublishForm(FlaskForm):
    faq_question = TextAreaField(
        _l("The question as the FAQ shows it"),
        description=_l("Leave out names, places and anything else that tells who asked."),
    )
    faq_answer = TextAreaField(
        _l("The answer as the FAQ shows it"),
        description=_l("Leave out anything meant only for the person who asked."),
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
