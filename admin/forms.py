"""Forms of the platform console. Every text field refuses control characters with a message."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from accounts.forms import language_choices
from accounts.models import EMAIL_MAX
from accounts.organisations import NAME_MAX, SLUG_MAX, SLUG_PATTERN
from fields import EmailField, RadioField, SearchField, SelectMultipleField, StringField


class CoursesField(SelectMultipleField):
    """One checkbox per installed course; the view sets the choices."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _name():
    return StringField(
        _l("Name of the organisation"),
        validators=[
            DataRequired(_l("Enter the name of the organisation.")),
            Length(max=NAME_MAX, message=_l("The name can be at most 120 characters long.")),
        ],
    )


def _language():
    return RadioField(
        _l("Language for new people"),
        description=_l("Emails and pages start in this language; each person can change it."),
        choices=language_choices(),
        default="en",
        validators=[DataRequired(_l("Choose a language."))],
    )


def _join_code():
    return BooleanField(_l("Learners may join with a code (Herstart makes the code)"))


def _courses():
    return CoursesField(
        _l("Courses on offer"),
        description=_l("Learners of this organisation see the ticked courses."),
        validate_choice=True,
    )


class EditOrganisationForm(FlaskForm):
    name = _name()
    language = _language()
    join_code = _join_code()
    courses = _courses()


class OrganisationForm(EditOrganisationForm):
    slug = StringField(
        _l("Short name for web addresses"),
        description=_l(
            "Small letters, digits and hyphens, such as job-agency-west. It cannot change later."
        ),
        # capitals are kept as typed; the service writes it in small letters
        validators=[
            DataRequired(_l("Enter a short name for web addresses.")),
            Length(max=SLUG_MAX, message=_l("The short name can be at most 60 characters.")),
            Regexp(
                re.compile(SLUG_PATTERN.pattern, re.IGNORECASE),
                message=_l("Use only small letters, digits and hyphens, such as job-agency-west."),
            ),
        ],
    )


class InviteStaffForm(FlaskForm):
    email = EmailField(
        _l("Email address of the staff member"),
        validators=[
            DataRequired(_l("Enter the email address of the person you invite.")),
            Email(_l("Enter an email address like name@example.com."), check_deliverability=False),
            Length(max=EMAIL_MAX, message=_l("An email address can be at most 254 characters.")),
        ],
    )


class PeopleSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search is a GET that changes nothing

    q = SearchField(
        _l("Name or email address"),
        validators=[
            Optional(),
            Length(max=EMAIL_MAX, message=_l("Type at most 254 characters.")),
        ],
    )
