from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from accounts.models import EMAIL_MAX, Role
from fields import EmailField, RadioField


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
