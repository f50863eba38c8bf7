"""The content validator: each rule, with the exact `path:line: message` it prints."""

import shutil
from pathlib import Path

import pytest

from modules.checks import check_catalogue
from modules.content import ContentError, load_catalogue

TEST_COURSES = Path(__file__).parent / "data" / "courses"
M1 = "courses/test-course/01-first-module"


@pytest.fixture
def courses(tmp_path) -> Path:
    root = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, root)
    return root


def edit(root: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = root / relative.removeprefix("courses/")
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count))


def problems(root: Path) -> list[str]:
    return [str(p) for p in check_catalogue(root)]


def test_the_test_course_is_valid():
    assert problems(TEST_COURSES) == []


def test_unreadable_yaml(courses):
    edit(courses, f"{M1}/quiz.en.yml", "questions:", "questions: [")
    assert (
        f"{M1}/quiz.en.yml:2: cannot read YAML: expected ',' or ']', but got '<block mapping start>'"
        in problems(courses)[0]
        or problems(courses)[0].startswith(f"{M1}/quiz.en.yml:")
    )


def test_unreadable_front_matter(courses):
    edit(courses, f"{M1}/module.en.md", "title: First module", "title: [First")
    found = problems(courses)
    assert any(p.startswith(f"{M1}/module.en.md:3: cannot read front matter") for p in found), found


def test_missing_front_matter_key(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30\n", "")
    assert f"{M1}/module.en.md:2: front matter: missing key 'minutes'" in problems(courses)


def test_unknown_front_matter_key(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30\n", "minutes: 30\ncolour: blue\n")
    assert f"{M1}/module.en.md:4: front matter: unknown key 'colour'" in problems(courses)


def test_unknown_course_key(courses):
    edit(
        courses,
        "courses/test-course/course.yml",
        "slug: test-course\n",
        "slug: test-course\nauthor: me\n",
    )
    assert "courses/test-course/course.yml:2: course: unknown key 'author'" in problems(courses)


def test_module_listed_without_folder(courses):
    edit(
        courses,
        "courses/test-course/course.yml",
        "- 02-second-module",
        "- 02-second-module\n  - 03-missing",
    )
    assert "courses/test-course/course.yml:12: module '03-missing' has no folder" in problems(
        courses
    )


def test_module_folder_without_module_file(courses):
    (courses / "test-course/02-second-module/module.en.md").unlink()
    (courses / "test-course/02-second-module/module.nl.md").unlink()
    assert (
        "courses/test-course/course.yml:11: module '02-second-module' has no module.en.md"
        in problems(courses)
    )


def test_quiz_without_ten_questions(courses):
    path = courses / "test-course/01-first-module/quiz.en.yml"
    text = path.read_text()
    path.write_text(text[: text.index("- id: q10")])
    assert f"{M1}/quiz.en.yml:1: a quiz has exactly 10 questions, not 9" in problems(courses)


def test_question_with_two_options(courses):
    edit(
        courses,
        f"{M1}/quiz.en.yml",
        "  - id: c\n    text: Answer C to question 1\n    feedback: Feedback on answer C to question 1.\n",
        "",
    )
    found = problems(courses)
    assert f"{M1}/quiz.en.yml:5: question 'q1' needs 3 to 5 options, not 2" in found


def test_question_with_no_correct_option(courses):
    edit(courses, f"{M1}/quiz.en.yml", "    correct: true\n", "")
    assert f"{M1}/quiz.en.yml:5: question 'q1' needs exactly one correct option, not 0" in problems(
        courses
    )


def test_question_with_two_correct_options(courses):
    edit(
        courses,
        f"{M1}/quiz.en.yml",
        "    feedback: Feedback on answer A to question 1.\n",
        "    feedback: Feedback on answer A to question 1.\n    correct: true\n",
    )
    assert f"{M1}/quiz.en.yml:5: question 'q1' needs exactly one correct option, not 2" in problems(
        courses
    )


def test_option_without_feedback(courses):
    edit(courses, f"{M1}/quiz.en.yml", "    feedback: Feedback on answer A to question 1.\n", "")
    assert f"{M1}/quiz.en.yml:6: question 'q1': option 'a' has no feedback" in problems(courses)


def test_duplicate_question_id(courses):
    edit(courses, f"{M1}/quiz.en.yml", "- id: q2\n", "- id: q1\n")
    assert f"{M1}/quiz.en.yml:17: duplicate question id 'q1'" in problems(courses)


def test_duplicate_option_id(courses):
    edit(courses, f"{M1}/quiz.en.yml", "  - id: b\n", "  - id: a\n")
    assert f"{M1}/quiz.en.yml:9: question 'q1': duplicate option id 'a'" in problems(courses)


def test_question_ids_differ_between_languages(courses):
    edit(courses, f"{M1}/quiz.nl.yml", "- id: q2\n", "- id: q-two\n")
    assert f"{M1}/quiz.nl.yml:1: question ids differ from quiz.en.yml" in problems(courses)


def test_correct_option_differs_between_languages(courses):
    path = courses / "test-course/01-first-module/quiz.nl.yml"
    text = path.read_text()
    first = text.index("- id: q1")
    end = text.index("- id: q2")
    block = text[first:end].replace("    correct: true\n", "")
    block = block.replace("  - id: c\n", "  - id: c\n    correct: true\n", 1)
    path.write_text(text[:first] + block + text[end:])
    assert f"{M1}/quiz.nl.yml:1: correct options differ from quiz.en.yml" in problems(courses)


def test_section_slugs_differ_between_languages(courses):
    edit(courses, f"{M1}/module.nl.md", "{#third-steps}", "{#derde-stappen}")
    found = problems(courses)
    assert f"{M1}/module.nl.md:1: section slugs differ from module.en.md" in found


def test_case_slug_only_in_another_language(courses):
    (courses / "test-course/01-first-module/cases/the-bakery.nl.md").rename(
        courses / "test-course/01-first-module/cases/de-bakkerij.nl.md"
    )
    found = problems(courses)
    assert f"{M1}/cases/de-bakkerij.nl.md:1: case 'de-bakkerij' has no en version" in found


def test_assignment_keys_differ_between_languages(courses):
    edit(courses, f"{M1}/logbook.nl.yml", "key: first-notes", "key: eerste-notities")
    assert f"{M1}/logbook.nl.yml:1: assignment keys differ from logbook.en.yml" in problems(courses)


def test_duplicate_assignment_key_across_modules(courses):
    edit(
        courses,
        "courses/test-course/02-second-module/logbook.en.yml",
        "key: second-plan",
        "key: first-plan",
    )
    assert (
        "courses/test-course/02-second-module/logbook.en.yml:2: assignment key 'first-plan' is already used in 01-first-module"
        in problems(courses)
    )


def test_heading_without_slug(courses):
    edit(courses, f"{M1}/module.en.md", "## Third steps {#third-steps}", "## Third steps")
    assert (
        f"{M1}/module.en.md:33: section heading needs a slug: end it with {{#some-slug}}"
        in problems(courses)
    )


def test_question_section_that_does_not_exist(courses):
    edit(courses, f"{M1}/quiz.en.yml", "section: first-steps", "section: nowhere")
    assert (
        f"{M1}/quiz.en.yml:3: question 'q1': section 'nowhere' is not a section of this module"
        in problems(courses)
    )


def test_link_that_points_nowhere(courses):
    edit(courses, f"{M1}/module.en.md", "(cases/the-bakery)", "(cases/the-bank)")
    assert f"{M1}/module.en.md:16: link or image points nowhere: cases/the-bank" in problems(
        courses
    )


def test_image_that_points_nowhere(courses):
    edit(courses, f"{M1}/module.en.md", "A note.", "![A chart](chart.png) A note.")
    assert f"{M1}/module.en.md:22: link or image points nowhere: chart.png" in problems(courses)


def test_missing_translation_is_a_warning(courses):
    (courses / "test-course/01-first-module/books.nl.yml").unlink()
    assert problems(courses) == [
        f"{M1}/books.en.yml:1: warning: no nl translation: books.nl.yml is missing"
    ]
    assert load_catalogue(courses).course("test-course").module("first-module").books("nl").fallback


def test_wrong_types(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: half an hour")
    edit(courses, f"{M1}/module.en.md", "- '2.1'", "- 2.1")
    found = problems(courses)
    assert f"{M1}/module.en.md:3: minutes must be a whole number above 0" in found
    assert f'{M1}/module.en.md:8: entrecomp must be a list of quoted codes like "2.1"' in found


def test_every_problem_is_reported_at_once(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    edit(courses, f"{M1}/module.en.md", "title: First module", "title: ''")
    assert problems(courses) == [
        f"{M1}/module.en.md:2: front matter: 'title' must be text",
        f"{M1}/module.en.md:3: minutes must be a whole number above 0",
    ]


def test_loading_invalid_content_raises_with_every_message(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    with pytest.raises(ContentError) as raised:
        load_catalogue(courses)
    assert str(raised.value) == f"{M1}/module.en.md:3: minutes must be a whole number above 0"


def test_cli_check_prints_problems_and_fails(runner, courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    result = runner.invoke(args=["courses", "check", "--root", str(courses)])
    assert result.exit_code == 1
    assert f"{M1}/module.en.md:3: minutes must be a whole number above 0" in result.output


def test_cli_check_passes_on_valid_content(runner):
    result = runner.invoke(args=["courses", "check", "--root", str(TEST_COURSES)])
    assert result.exit_code == 0
    assert "0 errors, 0 warnings" in result.output


REAL = Path(__file__).parent.parent / "courses"


def test_the_real_course_is_valid_without_warnings():
    """The only test that reads courses/."""
    assert problems(REAL) == []
