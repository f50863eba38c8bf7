"""Staff forms and words for a learner's outcomes: marking leaving; the phone answer reuses the
outcomes feature's FollowUpForm."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from extensions import utcnow
from fields import DateField, RadioField, StringField
from outcomes.forms import BENEFITS, LEAVING_REASONS, MOMENTS  # noqa: F401 (the staff pages' words)
from outcomes.models import REASON_MAX


def _today():
    return utcnow().date()


class LeavingForm(FlaskForm):
    reason = RadioField(
        _l("How did the person leave?"),
        choices=[SelectChoice(k.value, label) for k, label in LEAVING_REASONS.items()],
        validators=[InputRequired(_l("Choose whether the person finished or stopped."))],
    )
    left_on = DateField(
        _l("Date of leaving"),
        description=_l("Today, or an earlier day. For example 2026-03-31."),
        default=_today,
        validators=[InputRequired(_l("Enter the date of leaving."))],
    )
    note = StringField(
        _l("Reason (optional)"),
        description=_l("A few words for your colleagues."),
        validators=[
            Optional(),
            Length(max=REASON_MAX, message=_l("Keep it under 500 characters.")),
        ],
    )
