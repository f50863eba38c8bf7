"""Quiz forms. Choices come from the attempt's stored order; the service checks every id sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms.validators import Optional

from fields import HiddenField, RadioField


class BeginForm(FlaskForm):
    """Start (or resume) an attempt: nothing to fill in but the CSRF token."""


class AnswerForm(FlaskForm):
    question = HiddenField()
    # The service refuses an id that is not an option, with a message the learner can read.
    option = RadioField(choices=[], validators=[Optional()], validate_choice=False)


class SubmitForm(FlaskForm):
    acknowledged = HiddenField()  # the unanswered question ids the check page showed
