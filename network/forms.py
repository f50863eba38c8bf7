"""Forms of the network and of success stories. Length limits are checked in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import Length, Optional

from fields import SearchField, SelectField, StringField, TextAreaField
from mentoring.vocabulary import SECTORS

from .photos import PHOTO_MAX_BYTES


def sector_choices():
    return [("", _l("Any sector"))] + list(SECTORS.items())


class ListingForm(FlaskForm):
    region = StringField(
        _l("Region or town (optional)"),
        description=_l("So people near you can find you. For example: Utrecht."),
    )
    sector = SelectField(_l("Sector (optional)"), choices=sector_choices, validators=[Optional()])
    offer = TextAreaField(
        _l("What I can offer"),
        description=_l("For example: 20 years of bookkeeping, or help with social media."),
    )
    looking_for = TextAreaField(
        _l("What I am looking for"),
        description=_l("For example: someone who knows how to sell at markets."),
    )
    show_email = BooleanField(
        _l(
            "Show my email address to the people in the network (without it, they can only "
            "write to me in Herstart)"
        )
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search is a GET that changes nothing

    q = SearchField(
        _l("Search by words"),
        validators=[Optional(), Length(max=200, message=_l("Type at most 200 characters."))],
    )
    region = SelectField(_l("Region"), choices=[], validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=sector_choices, validators=[Optional()])


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Your message"),
        description=_l(
            "Say who you are and why you write. Your email address is not shown; "
            "the answer comes here in Herstart."
        ),
    )


class StoryForm(FlaskForm):
    title = StringField(_l("Title"))
    body = TextAreaField(
        _l("Your story"),
        description=_l(
            "What did you start, what helped you, what would you tell someone who begins now? "
            "Leave an empty line between paragraphs."
        ),
    )
    signature = StringField(
        _l("Name shown with your story (optional)"),
        description=_l("For example only your first name. Leave it empty to stay anonymous."),
    )
    photo = FileField(
        _l("A photo (optional)"),
        description=_l(
            "A JPEG or PNG picture of at most %(max)s MB. We remove the place and date it "
            "was taken before we keep it.",
            max=PHOTO_MAX_BYTES // (1024 * 1024),
        ),
    )
    remove_photo = BooleanField(_l("Remove the photo"))
    consent = BooleanField(
        _l(
            "I agree that staff of my organisation publish this story, with the name and photo "
            "I chose, on the organisation's public page and for the learners in Herstart"
        )
    )
