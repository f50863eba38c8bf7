"""Forms of the logbook. Length limits are checked in the services, so autosave says the same."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from fields import HiddenIntegerField, TextAreaField

# A version no page of ours can have sent: the same words as the autosave's refusal.
OUT_OF_DATE = _l("The page is out of date. Reload it to save.")
# How paragraphs and lists come from typing, under every writing box (learner's and mentor's).
WRITING_HINT = _l(
    "Leave an empty line between paragraphs. Start a line with a dash (-) for a list."
)


class EntryForm(FlaskForm):
    text = TextAreaField(
        _l("Your text"),
        description=WRITING_HINT,
    )
    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)


class VersionForm(FlaskForm):
    """Restore, submit and withdraw: a button, with the version the page showed."""

    base_version = HiddenIntegerField(default=0, message=OUT_OF_DATE)


class ReplyForm(FlaskForm):
    body = TextAreaField(
        _l("Your reply"),
        validators=[InputRequired(message=_l("Write your reply first."))],
        description=WRITING_HINT,
    )
