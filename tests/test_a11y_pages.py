"""Accessibility of the course pages (issue 20): no dead-end links, headings in order, the
language of English book titles on Dutch pages, wide tables in their own scrolling region."""

import re
import shutil
from pathlib import Path

import pytest

from accounts.models import Role
from modules.checks import check_catalogue

M1 = "/courses/test-course/first-module/"


def _page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MENTOR, Role.STAFF, "admin"])
def test_people_who_cannot_open_the_logbook_see_no_logbook_links(client, make, auth, role):
    organisation = make.organisation()
    if role == "admin":
        user = make.user(None, is_admin=True)
    else:
        user = make.user(role, organisation)
    auth.login(user)
    html = _page(client, M1)
    assert "/logbook/" not in html
    assert "Learners write these in their own logbook." in html


def test_a_learner_sees_the_logbook_links_and_they_open(client, make, auth):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    html = _page(client, M1)
    links = re.findall(r'href="(/logbook/[^"]+)"', html)
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link


# Book titles in another language than the page: lang="en" (WCAG 3.1.2) --------------------

ROOT = Path(__file__).resolve().parent.parent
REAL = "/courses/entrepreneurship-mindset/testing-the-idea/books"


@pytest.fixture
def real_courses(config):
    config["COURSES_ROOT"] = str(ROOT / "courses")


def test_english_titles_on_a_dutch_book_club_page_say_they_are_english(
    real_courses, client, make, auth
):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    html = _page(client, REAL, **{"Accept-Language": "nl"})
    assert '<cite lang="en">The Mom Test</cite>' in html
    assert "<cite>Business Model Generatie</cite>" in html  # the Dutch edition: no lang
    english = _page(client, REAL, **{"Accept-Language": "en"})
    assert 'lang="en">The Mom Test' not in english  # same language as the page: nothing to say


def test_a_book_list_shown_in_english_on_a_dutch_page_is_marked_english(app):
    from flask import render_template_string

    from modules.content import Book

    books = [Book("A Book", "An Author", 2011, "Why")]
    html = render_template_string(
        '{% with books_lang = "en" %}{% include "modules/_books.html" %}{% endwith %}',
        books=books,
        lang="nl",
    )
    assert '<cite lang="en">A Book</cite>' in html


def _copy(tmp_path) -> Path:
    root = tmp_path / "courses"
    shutil.copytree(ROOT / "tests" / "data" / "courses", root)
    return root / "test-course" / "01-first-module" / "books.nl.yml"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("en", None),
        ("nl", "lang is only for a title in another language than nl"),
        ("English", "lang must be a language code like en or nl"),
    ],
)
def test_the_checker_knows_the_lang_of_a_title(tmp_path, value, message):
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  year: 2011\n", f"  year: 2011\n  lang: {value}\n", 1))
    found = [str(p) for p in check_catalogue(tmp_path / "courses")]
    if message is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].endswith(f"book 'Een echt boek 1': {message}")


# Heading levels never skip ------------------------------------------------------------------


def _skips(html: str) -> list[str]:
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
    return [f"h{a} then h{b}" for a, b in zip([0, *levels], levels, strict=False) if b > a + 1]


@pytest.mark.parametrize(
    "url",
    [
        "/courses/",
        "/courses/test-course/",
        M1,
        f"{M1}second-steps",
        f"{M1}books",
        "/courses/test-course/books",
        f"{M1}print",
        f"{M1}cases/the-bakery",
    ],
)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_course_pages_never_skip_a_heading_level(client, make, auth, url, language):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    assert _skips(_page(client, url, **{"Accept-Language": language})) == []


def test_the_real_book_club_pages_never_skip_a_heading_level(real_courses, client, make, auth):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    assert _skips(_page(client, REAL, **{"Accept-Language": "nl"})) == []


# Wide tables scroll inside their own labelled region ---------------------------------------


def test_a_course_table_is_wrapped_in_a_labelled_focusable_region():
    from modules.markup import Renderer

    html = Renderer(frozenset()).render(
        "Text.\n\n| What | Cost & more |\n|---|---|\n| Saw | €900 |\n\nMore.\n"
    )
    opening = '<div class="table-scroll" role="region" aria-label="What, Cost &amp; more" '
    assert html.count("<table>") == 1
    assert re.search(opening + r'tabindex="0"><table>.*?</table></div>', html, re.S)


def test_the_tables_of_a_real_section_are_wrapped_in_english_and_dutch(
    real_courses, client, make, auth
):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    url = "/courses/entrepreneurship-mindset/money-matters/start-up-costs"
    for language, label in (("en", "What, Cost"), ("nl", "Wat, Kosten")):
        html = _page(client, url, **{"Accept-Language": language})
        assert html.count("<table>") >= 1
        assert html.count("<table>") == html.count('<div class="table-scroll"')
        assert f'aria-label="{label}' in html


# Narrow tables that fit at 320 px, or scroll in a region of their own under another name.
NARROW_OR_WRAPPED = {
    "logbook/index.html",  # three short columns
    "logbook/budgets.html",  # three short columns
    "logbook/_plan.html",  # in its own plan-table-wrap region
    "privacy/archive_index.html",  # the offline archive, its own page without the stylesheet
    "organisations/programme_round.html",  # two columns of a score breakdown
}


def test_staff_tables_and_the_quiz_results_scroll_in_their_own_region():
    templates = ROOT / "templates"
    bare = []
    for path in sorted(templates.rglob("*.html")):
        name = path.relative_to(templates).as_posix()
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            before = text[max(0, match.start() - 250) : match.start()]
            if 'class="table-scroll' not in before and name not in NARROW_OR_WRAPPED:
                bare.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}")
    assert bare == []
