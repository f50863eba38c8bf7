"""The accessibility feedback form: only what went wrong is required."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Email, InputRequired, Length, Optional

from fields import EmailField, StringField, TextAreaField, strip

WHAT_MAX = 5000


class AccessibilityFeedbackForm(FlaskForm):
    what = TextAreaField(
        _l("What went wrong?"),
        description=_l("Tell us what you tried to do and what happened. Plain words are fine."),
        filters=[strip],
        validators=[
            InputRequired(_l("Tell us what went wrong.")),
            Length(max=WHAT_MAX, message=_l("Keep it under 5,000 characters.")),
        ],
    )
    page = StringField(
        _l("On which page? (optional)"),
        description=_l("The page's address or its title, if you know it."),
        validators=[Optional(), Length(max=500, message=_l("Keep it under 500 characters."))],
    )
    name = StringField(
        _l("Your name (optional)"),
        validators=[Optional(), Length(max=200, message=_l("Keep it under 200 characters."))],
    )
    email = EmailField(
        _l("Your email address (optional)"),
        description=_l("Only if you want an answer. We use it for nothing else."),
        validators=[
            Optional(),
            Email(_l("Enter an email address like name@example.com."), check_deliverability=False),
            Length(max=254, message=_l("An email address can be at most 254 characters.")),
        ],
    )
