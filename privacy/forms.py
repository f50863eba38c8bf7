from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, InputRequired

from fields import IntegerField, PasswordField


class AskForDataForm(FlaskForm):
    """Only the CSRF token: the button says it all."""


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        description=_l("To be sure it is you who asks."),
        validators=[DataRequired(_l("Type your password."))],
    )


class EraseMemberForm(FlaskForm):
    """Only the CSRF token: staff start it with one button."""


RETENTION_MIN, RETENTION_MAX = 1, 30


class RetentionForm(FlaskForm):
    years = IntegerField(
        _l("Years to keep the participant record"),
        description=_l("What your funder asks, often 5 years after the programme's last payment."),
        minimum=RETENTION_MIN,
        maximum=RETENTION_MAX,
        validators=[InputRequired(_l("Enter a number of years."))],
    )
