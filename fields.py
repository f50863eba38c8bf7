"""The field types every form uses, so bad input is refused in one place with a clear message and
never reaches a service, the database, a DOCX file or a header.

- Text: NUL bytes never pass (PostgreSQL refuses them). Multi-line text keeps newlines and tabs
  and loses every other control character (python-docx refuses them). Single-line text (names,
  emails, titles, codes, hidden values) is trimmed and refuses line breaks, control characters and
  bidi overrides: a line break in a name would break every email header that carries it.
- Whole numbers: ASCII digits only, within what the database's 32-bit integer column holds and
  within the bounds the field declares; blank counts as not filled in.
- Choices: a value must be one of the listed ones; a multiple choice takes each at most once.
- URL parts: `<int:...>` matches only numbers a database id can hold, so a huge id is a 404.
"""

from __future__ import annotations

import re

from flask import Request, current_app
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from werkzeug.routing import ValidationError as NoMatch
from wtforms import fields
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1  # PostgreSQL's `integer`; SQLite would overflow later, at 2**63

# C0 controls, DEL and C1 controls, and the two non-characters XML (so DOCX) refuses.
_CONTROL = "\x00-\x1f\x7f-\x9f\ufffe\uffff"
_MULTI_LINE_DROPS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Line and paragraph separators, bidi embeddings, overrides and isolates.
_NOT_ON_ONE_LINE = re.compile(f"[{_CONTROL}\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,12}")

SINGLE_LINE_MESSAGE = _l(
    "Write this on one line, without line breaks or hidden special characters."
)
CHOICE_MESSAGE = _l("Choose one of the options shown.")
CHOICES_MESSAGE = _l("Choose only from the options shown.")


def multi_line_text(value):
    """Newlines as LF; every control character but newline and tab dropped."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _MULTI_LINE_DROPS.sub("", value)


def single_line_text(value):
    """NUL bytes dropped and the ends trimmed; what is left is checked by the field."""
    if not isinstance(value, str):
        return value
    return value.replace("\x00", "").strip()


def strip(value):
    """Trim a multi-line text's ends (single-line fields are always trimmed)."""
    return value.strip() if isinstance(value, str) else value


def is_one_line(value: str) -> bool:
    return not _NOT_ON_ONE_LINE.search(value)


def parse_whole_number(value, minimum: int = INT_MIN, maximum: int = INT_MAX) -> int:
    """An int from digits (with an optional minus) within bounds; ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        raise ValueError(value)
    if not minimum <= number <= maximum:
        raise ValueError(value)
    return number


def whole_number(value) -> int:
    """`coerce=` for choice fields whose values are ids or counts (never negative)."""
    return parse_whole_number(value, 0, INT_MAX)


# Text -------------------------------------------------------------------------------------


class _SingleLine:
    """Trims, drops NUL, and refuses line breaks, control characters and bidi overrides."""

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(single_line_text, *filters), **kwargs)

    def pre_validate(self, form):
        super().pre_validate(form)
        if isinstance(self.data, str) and not is_one_line(self.data):
            raise ValidationError(SINGLE_LINE_MESSAGE)


class StringField(_SingleLine, fields.StringField):
    pass


class EmailField(_SingleLine, fields.EmailField):
    pass


class HiddenField(_SingleLine, fields.HiddenField):
    pass


class SearchField(_SingleLine, fields.SearchField):
    pass


class TextAreaField(fields.TextAreaField):
    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(multi_line_text, *filters), **kwargs)


def _safe_path(value):
    if not isinstance(value, str) or not is_one_line(value):
        return ""
    return value.strip()


class NextField(fields.HiddenField):
    """Where to go after a form: a value with any control character is dropped, so the page
    falls back to its default instead of refusing an invisible field."""

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(_safe_path, *filters), **kwargs)


# A password may hold any character: it is only ever hashed, never stored, shown or sent.
PasswordField = fields.PasswordField
BooleanField = fields.BooleanField
DateField = fields.DateField
TimeField = fields.TimeField


# Whole numbers ----------------------------------------------------------------------------


class IntegerField(fields.IntegerField):
    """A whole number from `minimum` to `maximum` (by default what an id or count can be).
    Blank or only spaces counts as not filled in, so InputRequired or Optional decide."""

    def __init__(
        self, label=None, validators=None, minimum=0, maximum=INT_MAX, message=None, **kwargs
    ):
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = minimum, maximum
        self.message = message

    def _refusal(self):
        if self.message is not None:
            return self.message
        return _l(
            "Enter a whole number from %(minimum)s to %(maximum)s.",
            minimum=self.minimum,
            maximum=self.maximum,
        )

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0]
        if not isinstance(raw, str) or not raw.replace("\x00", "").strip():
            self.raw_data = []  # blank is "not filled in", as if the field were not sent
            return
        try:
            self.data = parse_whole_number(raw, self.minimum, self.maximum)
        except ValueError:
            self.data = None
            raise ValueError(self._refusal()) from None


class HiddenIntegerField(IntegerField):
    widget = fields.HiddenField.widget


# Choices ----------------------------------------------------------------------------------


class _OneChoice:
    """A blank value counts as nothing chosen; any other value must be on the list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", CHOICE_MESSAGE)
        kwargs.setdefault("invalid_value_message", CHOICE_MESSAGE)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist and isinstance(valuelist[0], str) and not valuelist[0].strip():
            self.raw_data = []
            return
        super().process_formdata(valuelist)


class RadioField(_OneChoice, fields.RadioField):
    pass


class SelectField(_OneChoice, fields.SelectField):
    pass


class SelectMultipleField(fields.SelectMultipleField):
    """Each value on the list, each at most once: never more values than there are choices."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", CHOICES_MESSAGE)
        kwargs.setdefault("invalid_value_message", CHOICES_MESSAGE)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(list(dict.fromkeys(valuelist)))

    def pre_validate(self, form):
        # Choices may be set after the form read its data, so the count is checked here.
        if len(self.raw_data or ()) > len(list(self._iter_choices_normalized())):
            raise ValidationError(CHOICES_MESSAGE)
        super().pre_validate(form)


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes, only those listed; rendered with the `checkboxes` macro."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# URL parts --------------------------------------------------------------------------------


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` for ids and numbers: beyond a 32-bit integer the URL matches nothing (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=INT_MAX, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value):
        if not value.isascii():  # `\d` also matches other scripts' digits, which int() reads
            raise NoMatch()
        return super().to_python(value)


class WTFormsTranslations:
    """WTForms' own messages ("This field is required.") in the request's language, each
    language's catalogue read from disk once per process. Flask-WTF reads it again on every
    request unless the request already carries `wtforms_translations`: UploadAwareRequest
    carries this one. The language is looked up when a message is translated, so a request that
    changes it (the display settings) gets the new one, as before."""

    _catalogues: dict[str, object] = {}

    def _catalogue(self):
        from babel import support
        from flask_babel import get_locale
        from wtforms.i18n import messages_path

        locale = get_locale()
        key = str(locale)
        catalogue = self._catalogues.get(key)
        if catalogue is None:
            catalogue = support.Translations.load(messages_path(), [locale], domain="wtforms")
            self._catalogues[key] = catalogue
        return catalogue

    def ugettext(self, string: str) -> str:
        return self._catalogue().ugettext(string)  # type: ignore[attr-defined]

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue().ungettext(singular, plural, n)  # type: ignore[attr-defined]


class UploadAwareRequest(Request):
    """Requests to a view marked `@takes_files` may be as large as MAX_UPLOAD_LENGTH (with form
    fields as large); every other request keeps MAX_CONTENT_LENGTH and Flask's field limit.
    WTForms' messages come from a catalogue read once per language (WTFormsTranslations)."""

    wtforms_translations = WTFormsTranslations()

    def _upload_limit(self) -> int | None:
        view = current_app.view_functions.get(self.endpoint or "")
        return (
            current_app.config["MAX_UPLOAD_LENGTH"] if getattr(view, "takes_files", False) else None
        )

    @property
    def max_content_length(self) -> int | None:  # type: ignore[override]
        return self._upload_limit() or super().max_content_length

    @property
    def max_form_memory_size(self) -> int | None:  # type: ignore[override]
        return self._upload_limit() or super().max_form_memory_size


def takes_files(view):
    """Mark a view that receives files: its requests get the upload limit."""
    view.takes_files = True
    return view
