"""The follow-up questions (one form for the emailed link, the app and staff on the phone) and
the status at entry."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from fields import CheckboxesField, IntegerField, NextField, RadioField, StringField

from .models import (
    BIRTH_YEAR_MIN,
    REGISTRATION_MAX,
    Benefit,
    Financing,
    LeavingReason,
    Moment,
    Situation,
)
from .services import Answer

SITUATIONS = {
    Situation.EMPLOYED: _l("Employed"),
    Situation.SELF_EMPLOYED: _l("Self-employed (my own business)"),
    Situation.LOOKING: _l("Unemployed and looking for work"),
    Situation.NOT_LOOKING: _l("Not working and not looking for work"),
    Situation.EDUCATION: _l("In education or training"),
}

FINANCING = {
    Financing.NONE: _l("None"),
    Financing.SAVINGS: _l("My own savings"),
    Financing.BANK: _l("A bank loan"),
    Financing.MICROCREDIT: _l("A microcredit"),
    Financing.BENEFIT_SCHEME: _l("A scheme of the benefits office"),
    Financing.OTHER: _l("Other"),
}

BENEFITS = {
    Benefit.NONE: _l("No benefit"),
    Benefit.UNEMPLOYMENT: _l("Unemployment benefit"),
    Benefit.SOCIAL_ASSISTANCE: _l("Social assistance"),
    Benefit.OTHER: _l("Another benefit"),
}

LEAVING_REASONS = {
    LeavingReason.FINISHED: _l("Finished the programme"),
    LeavingReason.STOPPED: _l("Stopped before the end"),
}

MOMENTS = {
    Moment.LEAVING: _l("At leaving"),
    Moment.MONTH_6: _l("Six months later"),
    Moment.MONTH_12: _l("Twelve months later"),
}

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


def _choices(labels) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


class FollowUpForm(FlaskForm):
    situation = RadioField(
        _l("What is your situation now?"),
        choices=_choices(SITUATIONS),
        validators=[InputRequired(_l("Choose the situation that fits you best."))],
    )
    business_registered = RadioField(
        _l("Is your business registered?"),
        description=_l("Only if you are self-employed."),
        choices=YES_NO,
        validators=[Optional()],
    )
    registration_number = StringField(
        _l("Registration number (optional)"),
        description=_l("For example the KvK number (Netherlands) or KBO number (Belgium)."),
        validators=[
            Optional(),
            Length(max=REGISTRATION_MAX, message=_l("A number can be at most 40 characters.")),
        ],
    )
    started_trading = RadioField(
        _l("Have you started selling?"),
        description=_l("Only if you are self-employed."),
        choices=YES_NO,
        validators=[Optional()],
    )
    financing = CheckboxesField(
        _l("What financing have you obtained? Choose all that apply."), choices=_choices(FINANCING)
    )

    def answer(self) -> Answer:
        return Answer(
            situation=Situation(self.situation.data),
            business_registered=_yes_no(self.business_registered.data),
            registration_number=self.registration_number.data,
            started_trading=_yes_no(self.started_trading.data),
            financing=[Financing(value) for value in self.financing.data or []],
        )


# Blank counts as not answered (fields.RadioField), so a chosen answer can be taken back.
NOT_SAYING = SelectChoice("", _l("I would rather not say"))
# The newest year of birth accepted; read at start-up, so a year off after a New Year without a
# restart refuses nobody who belongs in the programme.
BIRTH_YEAR_MAX = date.today().year - 16


class EntryStatusForm(FlaskForm):
    """Every question optional; only for anonymous numbers, never for matching or the mentor."""

    birth_year = IntegerField(
        _l("Year of birth"),
        description=_l("Four digits, for example 1968."),
        validators=[Optional()],
        minimum=BIRTH_YEAR_MIN,
        maximum=BIRTH_YEAR_MAX,
        message=_l(
            "Enter a year of birth from %(minimum)s to %(maximum)s, or leave it empty.",
            minimum=BIRTH_YEAR_MIN,
            maximum=BIRTH_YEAR_MAX,
        ),
    )
    situation = RadioField(
        _l("What is your situation now?"),
        choices=[*_choices(SITUATIONS), NOT_SAYING],
        validators=[Optional()],
    )
    benefit = RadioField(
        _l("Do you receive a benefit?"),
        choices=[*_choices(BENEFITS), NOT_SAYING],
        validators=[Optional()],
    )
    next = NextField()

    def answers(self) -> dict:
        return {
            "birth_year": self.birth_year.data,
            "situation": Situation(self.situation.data) if self.situation.data else None,
            "benefit": Benefit(self.benefit.data) if self.benefit.data else None,
        }


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
