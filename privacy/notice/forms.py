from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, Length

from fields import NextField, TextAreaField

from .services import TEXT_LIMIT


class NoticeForm(FlaskForm):
    text_en = TextAreaField(
        _l("The notice in English"),
        validators=[
            DataRequired(_l("Write the notice in English.")),
            Length(max=TEXT_LIMIT, message=_l("Write at most 20,000 characters.")),
        ],
        description=_l("Write {organisation} where your organisation's name goes."),
    )
    text_nl = TextAreaField(
        _l("The notice in Dutch"),
        validators=[
            DataRequired(_l("Write the notice in Dutch.")),
            Length(max=TEXT_LIMIT, message=_l("Write at most 20,000 characters.")),
        ],
        description=_l("Write {organisation} where your organisation's name goes."),
    )


class ContinueForm(FlaskForm):
    next = NextField()
