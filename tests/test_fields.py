"""The shared field types of fields.py, and that every form of every feature is built from them."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import InputRequired, Optional

import fields
from fields import (
    HiddenIntegerField,
    IntegerField,
    NextField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    multi_line_text,
    whole_number,
)

HUGE = "1" + "0" * 30


class Sample(Form):
    name = StringField(validators=[InputRequired("Enter your name.")])
    story = TextAreaField()
    minutes = IntegerField(validators=[Optional()], minimum=1, maximum=600, message="1 to 600.")
    version = HiddenIntegerField(validators=[InputRequired("Reload the page.")])
    manner = RadioField(choices=[SelectChoice("online", "Online"), SelectChoice("home", "Home")])
    languages = SelectMultipleField(choices=[SelectChoice("en", "En"), SelectChoice("nl", "Nl")])
    next = NextField()


def posted(app, **values) -> Sample:
    """A validated sample form with `values` posted on top of good ones."""
    good = {"name": "Anna", "version": "3", "manner": "online"}
    data = MultiDict()
    for key, value in {**good, **values}.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    form = Sample(data)
    form.validate()
    return form


def errors(form) -> dict[str, list[str]]:
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def test_multi_line_text_keeps_lines_and_tabs_and_drops_other_control_characters():
    typed = "Plan\r\n\tone\x00 two\x0b\x1b\x7f\x85\ufffe\rthree"
    assert multi_line_text(typed) == "Plan\n\tone two\nthree"


def test_a_text_area_is_cleaned_when_posted(app):
    assert posted(app, story="a\x00b\x07\r\nc").story.data == "ab\nc"


@pytest.mark.parametrize(
    "typed",
    [
        "Anna\r\nBcc: someone@example.org",
        "Anna\nJansen",
        "Anna\tJansen",
        "Anna\x1b[31mJansen",
        "Anna\x85Jansen",
        "Anna\u2028Jansen",
        "Anna \u202eneznaJ",
        "Anna \u2066Jansen\u2069",
    ],
)
def test_a_single_line_field_refuses_line_breaks_control_and_bidi_characters(app, typed):
    form = posted(app, name=typed)
    assert errors(form)["name"] == [str(fields.SINGLE_LINE_MESSAGE)]
    assert form.name.data == typed  # shown again as typed: nothing lost


@pytest.mark.parametrize("typed", ["Zoë O'Brien-Ćosić", "مريم الحسن", "Jan  de Vries 3e"])
def test_a_single_line_field_takes_any_printable_name(app, typed):
    form = posted(app, name=typed)
    assert (form.errors, form.name.data) == ({}, typed)


def test_a_single_line_field_is_trimmed_and_loses_nul_bytes(app):
    form = posted(app, name="  An\x00na \r\n")
    assert (form.errors, form.name.data) == ({}, "Anna")


@pytest.mark.parametrize("typed", [HUGE, "-5", "0", "601", "1e3", "1_000", "١٢", "12 minutes"])
def test_a_whole_number_outside_its_bounds_or_not_digits_is_refused(app, typed):
    form = posted(app, minutes=typed)
    assert (errors(form), form.minutes.data) == ({"minutes": ["1 to 600."]}, None)


def test_a_whole_number_of_only_spaces_is_not_filled_in(app):
    form = posted(app, minutes="   ", version="  ")
    assert errors(form) == {"version": ["Reload the page."]}
    assert form.minutes.data is None


def test_a_whole_number_is_read(app):
    form = posted(app, minutes=" 45 ", version="7")
    assert (form.errors, form.minutes.data, form.version.data) == ({}, 45, 7)


def test_a_hidden_number_beyond_the_database_is_refused(app):
    form = posted(app, version=str(2**31))
    assert "version" in form.errors and form.version.data is None


def test_whole_number_coercion_refuses_what_no_id_can_be():
    assert whole_number(" 12 ") == 12
    for value in (HUGE, "-1", "   ", "²", "abc"):
        with pytest.raises(ValueError):
            whole_number(value)


def test_a_choice_must_be_one_listed(app):
    form = posted(app, manner="by carrier pigeon")
    assert errors(form) == {"manner": [str(fields.CHOICE_MESSAGE)]}


def test_a_blank_choice_is_nothing_chosen(app):
    form = posted(app, manner="   ")
    assert errors(form) == {"manner": [str(fields.CHOICE_MESSAGE)]}


@pytest.mark.parametrize("sent", [["en", "klingon"], ["nl"] * 1500, ["en\x00"]])
def test_a_multiple_choice_takes_only_listed_values_and_no_more_than_listed(app, sent):
    assert errors(posted(app, languages=sent)) == {"languages": [str(fields.CHOICES_MESSAGE)]}


def test_a_multiple_choice_keeps_each_value_once(app):
    form = posted(app, languages=["nl", "nl"])
    assert (form.errors, form.languages.data) == ({}, ["nl"])


@pytest.mark.parametrize("sent", ["/dashboard\r\nSet-Cookie: a=b", "/x\x00y", "/\u202egood"])
def test_next_with_any_control_character_is_dropped(app, sent):
    assert posted(app, next=sent).next.data == ""


def test_next_keeps_a_plain_path(app):
    assert posted(app, next=" /courses/?page=2 ").next.data == "/courses/?page=2"


ROOT = Path(__file__).resolve().parent.parent
FORM_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for pattern in ("*/forms.py", "*/*_forms.py")
    for path in ROOT.glob(pattern)
    if path.parts[-2] not in ("tests", "bench", "migrations")
)
# Types with nothing typed to clean, or (a password) that take any character on purpose.
PLAIN_TYPES = {
    "BooleanField",
    "DateField",
    "TimeField",
    "PasswordField",
    "FieldList",
    "FormField",
    "FileField",
}  # no typed text: nothing to filter


@pytest.mark.parametrize("name", FORM_MODULES)
def test_every_form_is_built_from_the_shared_field_types(name):
    module = importlib.import_module(name)
    forms = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, Form) and v.__module__ == name
    ]
    unshared = [
        f"{form.__name__}.{attr}: {field.field_class.__module__}.{field.field_class.__name__}"
        for form in forms
        for attr, field in vars(form).items()
        if isinstance(field, UnboundField)
        and field.field_class.__module__ != "fields"
        and field.field_class.__name__ not in PLAIN_TYPES
        and not issubclass(field.field_class, SelectMultipleField)
    ]
    imported = [
        f"{key} from {value.__module__}"
        for key, value in vars(module).items()
        if isinstance(value, type)
        and value.__module__.startswith("wtforms.fields")
        and value.__name__ not in PLAIN_TYPES | {"SelectChoice"}
    ]
    assert unshared + imported == []
