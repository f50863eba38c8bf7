from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from fields import (
    BooleanField,
    EmailField,
    HiddenIntegerField,
    NextField,
    PasswordField,
    RadioField,
    StringField,
    strip,  # noqa: F401 (other features' forms import it from here)
)

from .models import EMAIL_MAX, NAME_MAX, PHONE_MAX, Contrast, TextSize

PASSWORD_MIN = 8
PASSWORD_MAX = 128
# Loose on purpose: people write numbers in many ways; at least one digit, nothing else odd.
PHONE_PATTERN = r"^(?=.*\d)[\d\s+()\-]+$"


def language_choices():
    return [SelectChoice("en", "English"), SelectChoice("nl", "Nederlands")]


def text_size_choices():
    return [
        SelectChoice(TextSize.NORMAL.value, _l("Normal")),
        SelectChoice(TextSize.LARGE.value, _l("Large")),
        SelectChoice(TextSize.LARGER.value, _l("Larger")),
    ]


def contrast_choices():
    return [
        SelectChoice(Contrast.NORMAL.value, _l("Normal")),
        SelectChoice(Contrast.HIGH.value, _l("High contrast")),
    ]


def _email():
    return EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter your email address.")),
            Email(_l("Enter an email address like name@example.com."), check_deliverability=False),
            Length(max=EMAIL_MAX, message=_l("An email address can be at most 254 characters.")),
        ],
    )


def _name():
    return StringField(
        _l("Your name"),
        description=_l("The name your mentor and organisation will see."),
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(max=NAME_MAX, message=_l("Your name can be at most 80 characters long.")),
        ],
    )


def _new_password():
    return PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters. A short sentence is easy to remember."),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=_l("Your password needs between 8 and 128 characters."),
            ),
        ],
    )


def _confirm():
    return PasswordField(
        _l("Type the password again"),
        validators=[
            DataRequired(_l("Type the password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )


class LoginForm(FlaskForm):
    email = _email()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    # Unticked unless the person says so: many sign in on shared computers in libraries.
    remember = BooleanField(_l("Is this your own computer?"), default=False)
    next = NextField()


class ConfirmAddressForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        description=_l("The password you chose when you created your account."),
        validators=[DataRequired(_l("Enter your password."))],
    )


class AcceptInvitationForm(FlaskForm):
    name = _name()
    password = _new_password()
    confirm = _confirm()


class JoinForm(FlaskForm):
    code = StringField(
        _l("Join code"),
        description=_l("Your organisation gave you this code, for example K7QM-XW4R-9TPH-C3VD."),
        validators=[
            DataRequired(_l("Enter the join code.")),
            Length(max=32, message=_l("A join code is at most 32 characters.")),
        ],
    )
    name = _name()
    email = _email()
    password = _new_password()
    confirm = _confirm()


class ResetRequestForm(FlaskForm):
    email = _email()


class ResetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
    password = _new_password()
    confirm = _confirm()


class ProfileForm(FlaskForm):
    name = _name()
    language = RadioField(_l("Language"), choices=language_choices())
    text_size = RadioField(_l("Text size"), choices=text_size_choices())
    contrast = RadioField(_l("Contrast"), choices=contrast_choices())
    # --- intro ---
    share_email_with_partner = BooleanField(_l("Show my email address to my mentoring partner"))
    phone_for_partner = StringField(
        _l("Phone number for my mentoring partner (optional)"),
        description=_l(
            "Only your mentoring partner sees it, not staff or other people. Leave it empty to "
            "keep your number to yourself."
        ),
        validators=[
            Optional(),
            Length(
                max=PHONE_MAX,
                message=_l("Enter a phone number of at most %(max)s characters.", max=PHONE_MAX),
            ),
            Regexp(
                PHONE_PATTERN,
                message=_l(
                    "Enter a phone number with digits only, such as +31 6 1234 5678; spaces, "
                    "+, - and brackets are fine."
                ),
            ),
        ],
    )


class DisplayForm(FlaskForm):
    """The buttons in every page's header; each button sends one of these values."""

    language = StringField(validators=[Optional(), AnyOf(["en", "nl"])])
    text_size = StringField(validators=[Optional(), AnyOf([s.value for s in TextSize])])
    contrast = StringField(validators=[Optional(), AnyOf([c.value for c in Contrast])])
    next = NextField()


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: the button says it all."""


class OrganisationSwitchForm(FlaskForm):
    organisation_id = HiddenIntegerField(validators=[InputRequired()])
