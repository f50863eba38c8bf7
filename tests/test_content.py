"""Loading course content into immutable objects, rendered once."""

import dataclasses
import shutil
from pathlib import Path

import pytest

from modules.content import Catalogue, ContentError, load_catalogue
from modules.markup import minutes_for

TEST_COURSES = Path(__file__).resolve().parent / "data" / "courses"


@pytest.fixture(scope="module")
def course():
    return load_catalogue(TEST_COURSES).course("test-course")


@pytest.fixture
def copied(tmp_path) -> Path:
    shutil.copytree(TEST_COURSES, tmp_path / "courses")
    return tmp_path / "courses"


def test_catalogue_finds_courses_by_slug():
    catalogue = load_catalogue(TEST_COURSES)
    assert [c.slug for c in catalogue.courses] == ["test-course"]
    assert catalogue.course("no-such-course") is None


def test_course_texts_per_language(course):
    assert (course.title("en"), course.title("nl"), course.title("de")) == (
        "Test course",
        "Testcursus",
        "Test course",
    )
    assert course.summary("nl") == "Een kleine cursus voor de tests."
    assert course.languages == ("en", "nl")


def test_modules_in_course_order_with_slugs_without_numbers(course):
    assert [(m.number, m.slug, m.folder) for m in course.modules] == [
        (1, "first-module", "01-first-module"),
        (2, "second-module", "02-second-module"),
    ]
    assert course.module("second-module") is course.modules[1]
    assert course.module("02-second-module") is None


def test_module_front_matter(course):
    text = course.module("first-module").text("en")
    assert (text.title, text.minutes, text.entrecomp) == ("First module", 30, ("2.1", "3.3"))
    assert text.outcomes[0] == "name three strengths your experience gives you"
    assert course.minutes == 70


def test_body_splits_into_introduction_and_sections(course):
    text = course.module("first-module").text("en")
    assert text.intro_html.startswith("<p>This is the introduction of the first module.")
    assert "First steps" not in text.intro_html
    assert [(s.slug, s.title) for s in text.sections] == [
        ("first-steps", "First steps"),
        ("second-steps", "Second steps"),
        ("third-steps", "Third steps"),
    ]
    assert text.section("second-steps").html.startswith("<p>Text of Second steps:")


def test_section_words_and_minutes(course):
    section = course.module("first-module").section("third-steps")
    assert (section.words, section.minutes) == (34, 1)


@pytest.mark.parametrize("words, minutes", [(0, 1), (1, 1), (150, 1), (151, 2), (450, 3)])
def test_minutes_are_words_per_150_rounded_up_at_least_one(words, minutes):
    assert minutes_for(words) == minutes


def test_markdown_extras_are_rendered(course):
    text = course.module("first-module").text("en")
    first, second = text.section("first-steps").html, text.section("second-steps").html
    assert "<th>Question</th>" in first
    assert (
        '<div class="admonition ask-mentor">\n<p class="admonition-title">Ask your mentor' in first
    )
    assert '<sup id="fnref:' in first and '<div class="footnote">' in first
    assert '<h3 id="a-closer-look">A closer look</h3>' in first
    assert "<dt>Customer</dt>\n<dd>The person who pays.</dd>" in second


def test_section_pages_get_headings_one_level_up(course):
    section = course.module("first-module").section("first-steps")
    assert '<h2 id="a-closer-look">A closer look</h2>' in section.page_html


def test_ids_are_unique_across_a_module_for_its_print_page(copied):
    """The print page shows every section and case: headings and footnotes must not clash."""
    module_file = copied / "test-course/01-first-module/module.en.md"
    text = module_file.read_text()
    again = "Text of Third steps.[^1]\n\n[^1]: Another note.\n\n### A closer look\n\n"
    module_file.write_text(text.replace("Text of Third steps", again + "Text of Third steps"))
    module = load_catalogue(copied).course("test-course").module("first-module")
    html = "".join(s.html for s in module.sections) + module.case("the-bakery").text("en").html
    ids = [part.split('"')[0] for part in html.split(' id="')[1:]]
    assert 'id="a-closer-look-2"' in html
    assert len(ids) == len(set(ids)) == 7, ids


def test_links_work_from_module_section_and_case_pages(course):
    module = course.module("first-module")
    first = module.section("first-steps").html
    assert 'href="cases/the-bakery"' in first
    assert 'href="second-steps"' in first  # written as #second-steps: sections are pages
    case = course.module("second-module").case("the-bakery").text("en")
    assert 'href="second-steps"' in case.html  # on the print page, next to the sections
    assert 'href="../second-steps"' in case.page_html  # on the case's own page, in cases/


def test_dutch_text_has_the_same_slugs(course):
    module = course.module("first-module")
    dutch = module.text("nl")
    assert (dutch.title, dutch.fallback) == ("Eerste module", False)
    assert [s.slug for s in dutch.sections] == [s.slug for s in module.sections]
    assert dutch.section("second-steps").title == "Tweede stappen"


def test_a_language_without_files_falls_back_to_english_with_a_flag(course):
    module = course.module("first-module")
    for text in (
        module.text("de"),
        module.quiz("de"),
        module.books("de"),
        module.assignments("de"),
        module.case("the-bakery").text("de"),
    ):
        assert (text.language, text.fallback) == ("en", True)
    assert module.text("de").title == "First module"


def test_a_missing_translation_falls_back_to_english(copied):
    (copied / "test-course/01-first-module/quiz.nl.yml").unlink()
    module = load_catalogue(copied).course("test-course").module("first-module")
    quiz = module.quiz("nl")
    assert (quiz.fallback, quiz.question("q1").text) == (
        True,
        "Question 1: what does a learner do in situation 1?",
    )
    assert module.text("nl").fallback is False


def test_case_studies(course):
    module = course.module("first-module")
    case = module.case("the-bakery")
    assert [c.slug for c in module.cases] == ["the-bakery"]
    assert case.text("nl").title == "De bakkerij die stopte met ja zeggen"
    assert case.text("en").summary == "A baker of 52 who earned more by selling less."
    assert (case.text("en").minutes, module.case("the-shop")) == (1, None)


def test_quiz_questions_and_options(course):
    quiz = course.module("first-module").quiz("nl")
    question = quiz.question("q1")
    assert len(quiz.questions) == 10 and quiz.question("q11") is None
    assert (question.section, question.correct_option.id) == ("first-steps", "b")
    assert question.option("a").feedback == "Feedback op antwoord A bij vraag 1."
    assert question.option("z") is None
    assert [o.correct for o in question.options] == [False, True, False]


def test_books(course):
    books = course.module("first-module").books("en").books
    assert [(b.title, b.year, b.isbn) for b in books] == [
        ("A real book 1", 2011, None),
        ("A real book 2", 2012, None),
    ]


def test_assignments_in_module_order_for_the_logbook(course):
    assert [(a.key, a.module) for a in course.assignments()] == [
        ("first-plan", "first-module"),
        ("first-notes", "first-module"),
        ("second-plan", "second-module"),
        ("second-notes", "second-module"),
    ]
    dutch = course.module("first-module").assignments("nl")
    assert dutch.get("first-plan").template == "## Mijn antwoord\n\n...\n"
    assert dutch.get("first-notes").template is None


def test_section_navigation(course):
    module = course.module("first-module")
    assert module.section("second-steps").title == "Second steps"
    assert module.section("nowhere") is None
    assert module.next_section("first-steps").slug == "second-steps"
    assert module.previous_section("third-steps").slug == "second-steps"
    assert module.previous_section("first-steps") is None
    assert module.next_section("third-steps") is None
    assert module.next_section("nowhere") is None
    assert (module.section_number("third-steps"), module.section_number("nowhere")) == (3, 0)


def test_content_is_immutable(course):
    module = course.module("first-module")
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.text("en").title = "Changed"
    with pytest.raises(TypeError):
        module.texts["de"] = module.text("en")  # read-only mapping
    assert isinstance(module.text("en").sections, tuple)
    assert isinstance(module.quiz("en").question("q1").options, tuple)


def test_invalid_content_is_not_loaded(copied):
    (copied / "test-course/02-second-module/quiz.en.yml").unlink()
    with pytest.raises(ContentError) as raised:
        load_catalogue(copied)
    assert str(raised.value) == (
        "courses/test-course/02-second-module/module.en.md:1: quiz.en.yml is missing"
    )


def test_an_empty_folder_is_an_empty_catalogue(tmp_path):
    assert load_catalogue(tmp_path) == Catalogue()


# Issue 16: logbook time and the your-situation guide


def test_logbook_time_is_the_sum_of_the_assignments_estimates(course):
    second = course.module("second-module")
    assert [a.minutes for a in second.assignments("en").assignments] == [90, 60]
    assert second.logbook_minutes == 150
    assert course.module("first-module").logbook_minutes is None  # first-plan has no estimate
    assert course.logbook_minutes is None


def test_a_translation_without_an_estimate_takes_the_english_one(copied):
    logbook = copied / "test-course/02-second-module/logbook.nl.yml"
    logbook.write_text(logbook.read_text().replace("  minutes: 90\n", ""))
    module = load_catalogue(copied).course("test-course").module("second-module")
    assert module.assignments("nl").get("second-plan").minutes == 90


def test_guide_sections_with_written_and_made_slugs(course):
    guide = course.guide("en")
    assert (guide.title, guide.fallback, guide.checked) == ("Your situation", False, None)
    assert [(s.slug, s.title) for s in guide.sections] == [
        ("i-have-a-job", "I have a job"),
        ("i-receive-a-benefit", "I receive a benefit"),
    ]
    assert '<h3 id="in-belgium">In Belgium</h3>' in guide.sections[1].html
    assert guide.intro_html.startswith("<p>Nothing here replaces")


def test_guide_falls_back_to_english_and_a_course_may_have_none(copied):
    (copied / "test-course/guide.nl.md").unlink()
    course = load_catalogue(copied).course("test-course")
    assert (course.guide("nl").title, course.guide("nl").fallback) == ("Your situation", True)
    (copied / "test-course/guide.en.md").unlink()
    assert load_catalogue(copied).course("test-course").guide("en") is None


def test_assignment_guidance_in_numbered_steps_is_shown_as_a_list(copied):
    path = copied / "test-course" / "01-first-module" / "logbook.en.yml"
    path.write_text(
        path.read_text().replace(
            "guidance: Take your time with first-plan.",
            "guidance: |-\n    1. Write one line.\n    2. Read it aloud.",
        )
    )
    module = load_catalogue(copied).course("test-course").modules[0]
    html = module.assignments("en").get("first-plan").guidance_html
    assert "<ol>" in html and "<li>Read it aloud.</li>" in html
