from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from accounts.models import EMAIL_MAX, Role
from fields import EmailField, HiddenField, RadioField, SelectField, TextAreaField


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("Email address of the person you invite"),
        validators=[
            DataRequired(_l("Enter the email address of the person you invite.")),
            Email(_l("Enter an email address like name@example.com."), check_deliverability=False),
            Length(max=EMAIL_MAX, message=_l("An email address can be at most 254 characters.")),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice(Role.LEARNER.value, _l("Learner")),
            SelectChoice(Role.MENTOR.value, _l("Mentor")),
            SelectChoice(Role.STAFF.value, _l("Staff")),
        ],
        default=Role.LEARNER.value,
        validators=[InputRequired(_l("Choose a role."))],
    )


class JoinCodeForm(FlaskForm):
    """Only the CSRF token: each button says what it does."""


def role_choices():
    return [
        SelectChoice(Role.LEARNER.value, _l("Learner")),
        SelectChoice(Role.MENTOR.value, _l("Mentor")),
        SelectChoice(Role.STAFF.value, _l("Staff")),
    ]


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=role_choices, validators=[InputRequired(_l("Choose a role."))]
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class ImportForm(FlaskForm):
    file = FileField(
        _l("A CSV file"),
        description=_l("Saved from Excel or another spreadsheet as CSV, up to 5,000 rows."),
    )
    pasted = TextAreaField(
        _l("Or paste the rows here"),
        description=_l("Copy the rows with the column names from your spreadsheet."),
    )


class ConfirmImportForm(FlaskForm):
    payload = HiddenField(validators=[DataRequired()])
