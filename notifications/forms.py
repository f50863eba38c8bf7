"""The email preferences form: one choice per kind of event."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice

from fields import SelectField

from .kinds import LABELS, Frequency, Kind

FREQUENCY_LABELS = {
    Frequency.AT_ONCE: _l("Email me at once"),
    Frequency.DAILY: _l("In a daily email"),
    Frequency.WEEKLY: _l("In a weekly email"),
    Frequency.APP_ONLY: _l("Only here in Herstart, no email"),
}


def preferences_form(current: dict[Kind, Frequency], **kwargs) -> FlaskForm:
    """A select per kind, named after the kind, filled with the person's choice."""

    class PreferencesForm(FlaskForm):
        pass

    choices = [SelectChoice(f.value, FREQUENCY_LABELS[f]) for f in Frequency]
    for kind in Kind:
        setattr(
            PreferencesForm,
            kind.value,
            SelectField(LABELS[kind], choices=choices, default=current[kind].value),
        )
    return PreferencesForm(**kwargs)


def chosen(form: FlaskForm) -> dict[Kind, Frequency]:
    return {kind: Frequency(form[kind.value].data) for kind in Kind}
