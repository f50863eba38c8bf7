"""Loading course content into immutable objects, rendered once."""

import dataclasses
from pathlib import Path

import pytest

from modules.content import load_catalogue

TEST_COURSES = Path(__file__).parent / "data" / "courses"


@pytest.fixture(scope="module")
def course():
    return load_catalogue(TEST_COURSES).course("test-course")


def test_modules_in_course_order_with_slugs_without_numbers(course):
    assert [(m.number, m.slug) for m in course.modules] == [
        (1, "first-module"),
        (2, "second-module"),
    ]


def test_body_splits_into_introduction_and_sections(course):
    text = course.module("first-module").text("en")
    assert "introduction of the first module" in text.intro_html
    assert [s.slug for s in text.sections] == ["first-steps", "second-steps", "third-steps"]
    assert text.sections[1].title == "Second steps"


def test_markdown_extras_are_rendered(course):
    html = course.module("first-module").text("en").section("first-steps").html
    assert "<table>" in html
    assert 'class="footnote"' in html
    assert '<div class="admonition ask-mentor">' in html


def test_links_to_other_sections_go_to_their_pages(course):
    html = course.module("first-module").text("en").section("first-steps").html
    assert 'href="second-steps"' in html
    assert 'href="cases/the-bakery"' in html


def test_dutch_text_with_the_same_slugs(course):
    module = course.module("first-module")
    dutch = module.text("nl")
    assert (dutch.title, dutch.fallback) == ("Eerste module", False)
    assert [s.slug for s in dutch.sections] == [s.slug for s in module.sections]


def test_unknown_language_falls_back_to_english_with_a_flag(course):
    text = course.module("first-module").text("de")
    assert (text.title, text.fallback) == ("First module", True)
    assert course.module("first-module").quiz("de").fallback


def test_quiz_questions_and_options(course):
    question = course.module("first-module").quiz("nl").question("q1")
    assert question.correct_option.id == "b"
    assert question.option("a").feedback == "Feedback op antwoord A bij vraag 1."
    assert question.section == "first-steps"


def test_section_navigation_and_minutes(course):
    module = course.module("first-module")
    assert module.next_section("first-steps").slug == "second-steps"
    assert module.previous_section("first-steps") is None
    assert module.next_section("third-steps") is None
    assert module.section("first-steps").minutes == 1


def test_assignments_in_module_order(course):
    assert [a.key for a in course.assignments("en")] == [
        "first-plan",
        "first-notes",
        "second-plan",
        "second-notes",
    ]


def test_content_is_immutable(course):
    with pytest.raises(dataclasses.FrozenInstanceError):
        course.module("first-module").text("en").title = "Changed"
