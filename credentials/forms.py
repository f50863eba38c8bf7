"""The forms to collect a credential, to check one, and to withdraw one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, Length

from fields import CheckboxesField, IntegerField, StringField, TextAreaField


class CourseCertificateForm(FlaskForm):
    name = StringField(
        _l("Your name as it should appear on the certificate"),
        validators=[
            InputRequired(_l("Write the name to print on your certificate.")),
            Length(max=80),
        ],
        description=_l("For example your full name, as on your CV."),
    )
    evidence = CheckboxesField(
        _l("Logbook entries to add as evidence (you may choose none)"),
        coerce=int,
        description=_l(
            "The start of each chosen entry goes into the certificate, so anyone who checks it "
            'can read it. Entries your mentor replied to say "read by mentor".'
        ),
    )


class MentorCredentialForm(FlaskForm):
    name = StringField(
        _l("Your name as it should appear on the credential"),
        validators=[
            InputRequired(_l("Write the name to print on your certificate.")),
            Length(max=80),
        ],
    )
    hours = IntegerField(
        _l("How many hours did you give as a mentor?"),
        validators=[
            InputRequired(_l("Write how many hours you gave, as a whole number from 1 to 2000."))
        ],
        minimum=1,
        maximum=2000,
        description=_l("Count the meetings, the preparation and the messages."),
    )
    learned = TextAreaField(
        _l("What did you learn from your mentee, in your own words?"),
        validators=[InputRequired(_l("Write in a few words what you learned.")), Length(max=2000)],
        description=_l("This text goes into the credential as you write it."),
    )


class CheckForm(FlaskForm):
    token = TextAreaField(
        _l("The credential text"),
        validators=[
            InputRequired(_l("Paste the credential text to check it.")),
            Length(max=100_000),
        ],
        description=_l("A long line of letters and numbers in three parts, separated by dots."),
    )


class RevokeForm(FlaskForm):
    reason = StringField(
        _l("Why is this certificate withdrawn?"),
        validators=[InputRequired(_l("Write why the certificate is withdrawn.")), Length(max=500)],
    )
