"""Searching help: words in both languages, on SQLite and PostgreSQL (TEST_DATABASE_URL)."""

from flask import current_app

from extensions import db
from helpcentre import search
from helpcentre.models import HelpSearchPage


def _library():
    return current_app.extensions["help"]


def _slugs(results):
    return [(r.slug, r.language) for r in results]


def test_an_english_word_finds_the_english_page(app):
    assert _slugs(search.search(_library(), "logbook", "en")) == [("logbook", "en")]


def test_a_dutch_word_finds_the_dutch_page(app):
    assert _slugs(search.search(_library(), "logboek", "nl")) == [("logbook", "nl")]


def test_the_start_of_a_word_finds_the_longer_word(app):
    # The Dutch staff page says "koppelronde"; typing "koppel" is enough.
    assert ("matching", "nl") in _slugs(search.search(_library(), "koppel", "nl"))


def test_the_readers_language_comes_first(app):
    results = _slugs(search.search(_library(), "feedback", "nl"))
    assert results[0] == ("feedback", "nl")
    assert ("feedback", "en") in results


def test_the_snippet_marks_the_word_and_escapes_the_rest(app):
    (result,) = search.search(_library(), "submit", "en")
    assert "<mark>submit" in result.snippet_html


def test_query_syntax_is_only_words(app):
    for query in ['"unbalanced', "NEAR(a b", "a:* | !", "'; DROP TABLE x; --", "*"]:
        search.search(_library(), query, "en")  # no error


def test_the_index_is_built_once_and_rebuilt_when_content_changes(app):
    search.search(_library(), "logbook", "en")
    assert db.session.query(HelpSearchPage).count() == 8
    db.session.query(HelpSearchPage).update({"version": "old"})
    assert _slugs(search.search(_library(), "logbook", "en")) == [("logbook", "en")]
    assert {v for (v,) in db.session.query(HelpSearchPage.version)} == {_library().version}


def test_the_index_command(runner, app):
    result = runner.invoke(args=["help", "index"])
    assert "8 help pages indexed" in result.output
    assert db.session.query(HelpSearchPage).count() == 8
