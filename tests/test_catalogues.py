"""One Dutch voice in the interface: *je*, never *u*, and one translation per English string.

The app merges the per-feature catalogues into one (later ones overwrite earlier ones), so an
English string that two features translate differently shows one feature's words in the other.
Where features really mean different things, the string has a message context (`pgettext`).
"""

import re
from collections import defaultdict

from babel.messages.catalog import Catalog
from flask_babel import force_locale, gettext, pgettext

import i18n

FORMAL = re.compile(r"\b(?:u|uw|uzelf)\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}")


def dutch_catalogues() -> dict[str, Catalog]:
    return {
        source.directory: i18n.read_catalogue(i18n.po_path(source, "nl"), "nl")
        for source in i18n.CATALOGUES
    }


def translations(message) -> list[str]:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return [s for s in strings if s]


def formal_address(catalogues: dict[str, Catalog]) -> list[str]:
    """Every Dutch translation that says u, uw or uzelf (placeholders such as %(u)s aside)."""
    return [
        f"{where}: {text}"
        for where, catalogue in catalogues.items()
        for message in catalogue
        if message.id
        for text in translations(message)
        if FORMAL.search(PLACEHOLDER.sub("", text))
    ]


def conflicts(catalogues: dict[str, Catalog]) -> list[str]:
    """English strings (with their context) that two catalogues translate differently."""
    seen: dict[tuple, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for where, catalogue in catalogues.items():
        for message in catalogue:
            if message.id and translations(message):
                key = (message.context, str(message.id))
                seen[key][where] = tuple(translations(message))
    return [f"{key}: {found}" for key, found in seen.items() if len(set(found.values())) > 1]


def test_no_dutch_catalogue_addresses_the_reader_as_u():
    assert formal_address(dutch_catalogues()) == []


def test_one_english_string_has_one_dutch_translation_across_catalogues():
    assert conflicts(dutch_catalogues()) == []


def test_the_checks_find_what_they_look_for():
    first, second = Catalog(locale="nl"), Catalog(locale="nl")
    first.add("Your text", "Uw tekst")
    first.add("Staff", "Medewerker")
    first.add("Round done: %(u)s unmatched", "Ronde klaar: %(u)s zonder match")
    second.add("Staff", "Medewerkers")
    second.add("Staff", "Medewerkers", context="people")
    found = {"a": first, "b": second}
    assert formal_address(found) == ["a: Uw tekst"]
    assert conflicts(found) == ["(None, 'Staff'): {'a': ('Medewerker',), 'b': ('Medewerkers',)}"]


def test_staff_as_a_role_and_staff_as_people_keep_their_own_words(app):
    with force_locale("nl"):
        assert (gettext("Staff"), pgettext("people", "Staff")) == ("Medewerker", "Medewerkers")


def test_the_logbook_speaks_to_the_learner_as_je(app):
    with force_locale("nl"):
        assert gettext("How to approach it") == "Zo pak je het aan"
        assert gettext("Not started") == "Nog niet begonnen"
