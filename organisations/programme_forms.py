"""Forms of the staff pages of the mentoring programme."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from fields import (
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    strip,
    whole_number,
)
from mentoring.matching import COMPONENTS
from mentoring.services.followup import CHECKIN_DEFAULT_WEEKS, CHECKIN_WEEKS
from mentoring.vocabulary import COMPONENT_LABELS, LIGHT_LABELS


class ThemeForm(FlaskForm):
    label = StringField(
        _l("New theme"),
        validators=[
            DataRequired(_l("Enter the name of the theme.")),
            Length(max=80, message=_l("Keep it under 80 characters.")),
        ],
    )


class WeightsBase(FlaskForm):
    threshold = IntegerField(
        _l("Lowest fit for a proposal (0 to 100)"),
        description=_l(
            "People whose best possible pair scores lower stay unmatched and are listed for staff."
        ),
        validators=[InputRequired(_l("Enter a number from 0 to 100."))],
        minimum=0,
        maximum=100,
        message=_l("Enter a number from 0 to 100."),
    )


def weights_form(**kwargs) -> WeightsBase:
    class WeightsForm(WeightsBase):
        pass

    for component in COMPONENTS:
        setattr(
            WeightsForm,
            component,
            IntegerField(
                COMPONENT_LABELS[component],
                validators=[InputRequired(_l("Enter a number from 0 to 10."))],
                minimum=0,
                maximum=10,
                message=_l("Enter a number from 0 to 10."),
            ),
        )
    return WeightsForm(**kwargs)


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SwapForm(FlaskForm):
    mentor_id = RadioField(
        _l("Choose another mentor"),
        coerce=whole_number,
        validators=[InputRequired(_l("Choose one of the mentors on the list."))],
    )


class PairByHandForm(FlaskForm):
    mentee_id = SelectField(
        _l("Mentee"), coerce=whole_number, validators=[InputRequired(_l("Choose a mentee."))]
    )
    mentor_id = SelectField(
        _l("Mentor"), coerce=whole_number, validators=[InputRequired(_l("Choose a mentor."))]
    )
    note = TextAreaField(
        _l("A note to both of them (optional)"),
        description=_l(
            "Why you put them together. Both people read it on their pair page and in the "
            "introduction they get once both said yes."
        ),
        filters=[strip],
        validators=[Optional(), Length(max=1000, message=_l("Keep it under 1,000 characters."))],
    )


class CheckInForm(FlaskForm):
    light = RadioField(
        _l("How is the pair doing?"),
        choices=[SelectChoice(k, label) for k, label in LIGHT_LABELS.items()],
        validators=[InputRequired(_l("Choose green, amber or red."))],
    )
    note = TextAreaField(
        _l("Note"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("Keep it under 2,000 characters."))],
    )
    next_action = StringField(
        _l("Next action"),
        validators=[Optional(), Length(max=300, message=_l("Keep it under 300 characters."))],
    )
    next_check_in = RadioField(
        _l("Next check-in in"),
        description=_l("Until then the pair does not show as needing a check-in."),
        choices=[SelectChoice(str(w), _l("%(n)s weeks", n=w)) for w in CHECKIN_WEEKS],
        default=str(CHECKIN_DEFAULT_WEEKS),
        validators=[Optional()],
    )


class EndPairForm(FlaskForm):
    reason = TextAreaField(
        _l("Why does the pair end?"),
        filters=[strip],
        validators=[
            DataRequired(_l("Write why the pair ends.")),
            Length(max=500, message=_l("Keep it under 500 characters.")),
        ],
    )
