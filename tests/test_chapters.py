"""The real course declares the business plan's chapters, and its assignments feed every one."""

import re
from pathlib import Path

import pytest

from modules.content import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "nl")
CHAPTERS = ["entrepreneur", "idea", "market", "marketing", "organisation", "finance", "summary"]
# Every assignment key of the course before the plan chapters: a learner's entries hang on them.
KEYS_BEFORE = [
    "starting-personal-inventory",
    "starting-self-belief",
    "starting-motivation",
    "starting-what-i-can-risk",
    "opportunity-three-ideas",
    "opportunity-choosing-one",
    "opportunity-customer-and-problem",
    "opportunity-vision",
    "testing-business-model-canvas",
    "testing-interview-plan",
    "testing-interview-report",
    "testing-lessons-and-changes",
    "money-start-up-costs",
    "money-pricing",
    "money-break-even",
    "money-funding-plan",
    "marketing-ideal-customer",
    "marketing-key-message",
    "marketing-plan",
    "marketing-reverse-mentoring",
    "launch-legal-form",
    "launch-90-day-plan",
    "launch-support-plan",
    "launch-mentor-reflection",
]
# Markdown a learner would have to know: headings, tables, bold, code, links, quotes.
SYNTAX = re.compile(r"^\s*#|^\s*\||\*\*|__|`|\]\(|^\s*>", re.MULTILINE)


@pytest.fixture(scope="module")
def course():
    return load_catalogue(ROOT / "courses").course("entrepreneurship-mindset")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_course_declares_the_seven_chapters_in_plan_order(course, language):
    assert [c.key for c in course.plan_chapters] == CHAPTERS
    titles = [c.title(language) for c in course.plan_chapters]
    assert all(titles) and len(set(titles)) == len(CHAPTERS)
    assert "de" not in course.plan_chapters[0].titles  # a language of the course only


def test_the_chapter_titles_say_what_a_lender_expects(course):
    titles = {c.key: (c.title("en"), c.title("nl")) for c in course.plan_chapters}
    assert titles["market"] == ("The market, customers and competitors", titles["market"][1])
    assert "concurrenten" in titles["market"][1]
    assert titles["summary"] == ("Summary", "Samenvatting")
    assert "permits" in titles["organisation"][0] and "vergunningen" in titles["organisation"][1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_is_fed_by_an_assignment(course, language):
    assignments = course.assignments(language)
    assert {a.chapter for a in assignments} == set(CHAPTERS)
    assert all(a.chapter in CHAPTERS for a in assignments)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chapters_sit_in_the_modules_where_they_belong(course, language):
    def chapters(module: str) -> set[str]:
        return {a.chapter for a in course.module(module).assignments(language).assignments}

    assert "market" in chapters("testing-the-idea")
    assert chapters("money-matters") == {"finance"}
    assert chapters("reaching-customers") == {"marketing"}
    assert {"organisation", "summary"} <= chapters("launch")
    last = course.module("launch").assignments(language).assignments[-1]
    assert (last.key, last.chapter) == ("launch-plan-summary", "summary")  # written last


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_parts_of_the_plan_have_their_assignments(course, language):
    testing = course.module("testing-the-idea").assignments(language)
    launch = course.module("launch").assignments(language)
    assert testing.get("testing-competitors").chapter == "market"
    assert launch.get("launch-permits-location-terms").chapter == "organisation"
    terms = launch.get("launch-permits-location-terms").template.lower()
    words = ("permit", "location", "delivery", "payment")
    if language == "nl":
        words = ("vergunning", "locatie", "levering", "betaling")
    assert all(word in terms for word in words)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_template_or_hint_asks_for_markdown(course, language):
    for assignment in course.assignments(language):
        for text in (assignment.template or "", assignment.guidance):
            assert "##" not in text, assignment.key
            assert not SYNTAX.search(text), (assignment.key, SYNTAX.search(text).group())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_assignment_key_from_before_is_still_there(course, language):
    keys = [a.key for a in course.assignments(language)]
    assert [k for k in keys if k in KEYS_BEFORE] == KEYS_BEFORE  # none lost, order kept
    assert len(keys) == len(set(keys))


def test_dutch_assignments_say_je_not_u(course):
    for assignment in course.assignments("nl"):
        text = " ".join((assignment.prompt, assignment.guidance, assignment.template or ""))
        assert not re.search(r"\b(u|uw)\b", text), assignment.key
