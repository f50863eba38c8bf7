"""The content checker: every rule, with the exact `path:line: message` it prints.

Each broken course is the test course copied to tmp_path with one change.
"""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask

from modules.checks import Problem, check_catalogue
from modules.cli import courses_cli
from modules.content import ContentError, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
TEST_COURSES = ROOT / "tests" / "data" / "courses"
C = "courses/test-course"
M1 = f"{C}/01-first-module"
M2 = f"{C}/02-second-module"


@pytest.fixture
def courses(tmp_path) -> Path:
    root = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, root)
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root.parent / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path, strict: bool = False) -> list[str]:
    return [str(p) for p in check_catalogue(root, strict=strict)]


def test_the_test_course_is_valid_without_warnings():
    assert problems(TEST_COURSES) == []


def test_a_problem_prints_as_path_line_message():
    error = Problem("courses/x/course.yml", 3, "course: unknown key 'a'")
    warning = Problem("courses/x/quiz.en.yml", 1, "no nl translation", "warning")
    assert str(error) == "courses/x/course.yml:3: course: unknown key 'a'"
    assert str(warning) == "courses/x/quiz.en.yml:1: warning: no nl translation"


# name: (file, text, replaced by, every problem then printed)
BROKEN = {
    # Reading files
    "unreadable YAML": (
        f"{M1}/quiz.en.yml",
        "- id: q2\n",
        "- id: [q2\n",
        [f"{M1}/quiz.en.yml:18: cannot read YAML: did not find expected ',' or ']'"],
    ),
    "unreadable front matter": (
        f"{M1}/module.en.md",
        "title: First module",
        "title: [First",
        [f"{M1}/module.en.md:3: cannot read front matter: did not find expected ',' or ']'"],
    ),
    "no front matter": (
        f"{M1}/module.en.md",
        "---\ntitle",
        "title",
        [f"{M1}/module.en.md:1: front matter missing: start the file with a line '---'"],
    ),
    "front matter not closed": (
        f"{M1}/module.en.md",
        '"3.3"]\n---\n',
        '"3.3"]\n',
        [f"{M1}/module.en.md:1: front matter has no closing line '---'"],
    ),
    # course.yml
    "course: unknown key": (
        f"{C}/course.yml",
        "slug: test-course\n",
        "slug: test-course\nauthor: me\n",
        [f"{C}/course.yml:2: course: unknown key 'author'"],
    ),
    "course: missing key": (
        f"{C}/course.yml",
        "languages: [en, nl]\n",
        "",
        [f"{C}/course.yml:1: course: missing key 'languages'"],
    ),
    "course: key written twice": (
        f"{C}/course.yml",
        "slug: test-course\n",
        "slug: test-course\nslug: test-course\n",
        [f"{C}/course.yml:2: course: key 'slug' is written twice"],
    ),
    "course: slug is not the folder name": (
        f"{C}/course.yml",
        "slug: test-course",
        "slug: test",
        [f"{C}/course.yml:1: course: slug 'test' must be the folder name 'test-course'"],
    ),
    "course: languages without en": (
        f"{C}/course.yml",
        "languages: [en, nl]",
        "languages: [nl]",
        [f"{C}/course.yml:8: course: languages must include 'en'"],
    ),
    "course: language that is not a code": (
        f"{C}/course.yml",
        "languages: [en, nl]",
        "languages: [en, nl, Dutch]",
        [f"{C}/course.yml:8: course: language 'Dutch' must be a code like 'nl'"],
    ),
    "course: title without en": (
        f"{C}/course.yml",
        "  en: Test course\n",
        "",
        [f"{C}/course.yml:2: course: title needs an 'en' text"],
    ),
    "course: title in a language not listed": (
        f"{C}/course.yml",
        "  nl: Testcursus\n",
        "  nl: Testcursus\n  de: Testkurs\n",
        [f"{C}/course.yml:5: course: title: 'de' is not one of the languages"],
    ),
    "course: title not per language": (
        f"{C}/course.yml",
        "title:\n  en: Test course\n  nl: Testcursus\n",
        "title: Test course\n",
        [f"{C}/course.yml:2: course: title must give a text per language: {{en: ...}}"],
    ),
    "course: missing title translation is a warning": (
        f"{C}/course.yml",
        "  nl: Testcursus\n",
        "",
        [f"{C}/course.yml:2: warning: no nl translation of the course title"],
    ),
    "module listed without a folder": (
        f"{C}/course.yml",
        "  - 02-second-module",
        "  - 02-second-module\n  - 03-missing",
        [f"{C}/course.yml:17: module '03-missing' has no folder"],
    ),
    "module listed twice": (
        f"{C}/course.yml",
        "  - 02-second-module",
        "  - 02-second-module\n  - 02-second-module",
        [f"{C}/course.yml:17: module '02-second-module' is listed twice"],
    ),
    "module folder without its number": (
        f"{C}/course.yml",
        "  - 02-second-module",
        "  - second-module",
        [f"{C}/course.yml:16: module 'second-module' must be a folder name like 01-first-steps"],
    ),
    "two modules with one slug": (
        f"{C}/course.yml",
        "  - 02-second-module",
        "  - 02-second-module\n  - 03-second-module",
        [f"{C}/course.yml:17: module '03-second-module' has the same slug as '02-second-module'"],
    ),
    # Module front matter
    "front matter: missing key": (
        f"{M1}/module.en.md",
        "minutes: 30\n",
        "",
        [f"{M1}/module.en.md:2: front matter: missing key 'minutes'"],
    ),
    "front matter: unknown key": (
        f"{M1}/module.en.md",
        "minutes: 30\n",
        "minutes: 30\ncolour: blue\n",
        [f"{M1}/module.en.md:4: front matter: unknown key 'colour'"],
    ),
    "front matter: empty title": (
        f"{M1}/module.en.md",
        "title: First module",
        "title: ''",
        [f"{M1}/module.en.md:2: front matter: 'title' must be text"],
    ),
    "front matter: minutes not a number": (
        f"{M1}/module.en.md",
        "minutes: 30",
        "minutes: half an hour",
        [f"{M1}/module.en.md:3: minutes must be a whole number above 0"],
    ),
    "front matter: minutes not positive": (
        f"{M1}/module.en.md",
        "minutes: 30",
        "minutes: 0",
        [f"{M1}/module.en.md:3: minutes must be a whole number above 0"],
    ),
    "front matter: objectives not a list": (
        f"{M1}/module.en.md",
        "objectives:\n  - Show why your working life is a starting point, not a hurdle\n  - Give",
        "objectives: Give",
        [f"{M1}/module.en.md:4: objectives must be a list of texts"],
    ),
    "front matter: entrecomp code not quoted": (
        f"{M1}/module.en.md",
        'entrecomp: ["2.1", "3.3"]',
        'entrecomp:\n  - "2.1"\n  - 3.3',
        [f'{M1}/module.en.md:12: entrecomp code 3.3 must be a quoted EntreComp code like "2.1"'],
    ),
    "front matter: entrecomp code unknown": (
        f"{M1}/module.en.md",
        '"3.3"]',
        '"4.1"]',
        [
            f"{M1}/module.en.md:10: entrecomp code '4.1' must be a quoted EntreComp code like "
            '"2.1"'
        ],
    ),
    "front matter: entrecomp not a list": (
        f"{M1}/module.en.md",
        'entrecomp: ["2.1", "3.3"]',
        'entrecomp: "2.1"',
        [f'{M1}/module.en.md:10: entrecomp must be a list like ["2.1"]'],
    ),
    # Module body
    "section heading without a slug": (
        f"{M1}/module.en.md",
        "## Third steps {#third-steps}",
        "## Third steps",
        [f"{M1}/module.en.md:49: section heading needs a slug: end it with {{#some-slug}}"],
    ),
    "section heading without a title": (
        f"{M1}/module.en.md",
        "## Third steps {#third-steps}",
        "## {#third-steps}",
        [f"{M1}/module.en.md:49: section heading needs a title before its {{#slug}}"],
    ),
    "section slug with capitals": (
        f"{M1}/module.en.md",
        "{#third-steps}",
        "{#Third_Steps}",
        [f"{M1}/module.en.md:49: section slug 'Third_Steps' may use only a-z, 0-9 and hyphens"],
    ),
    "section slug of a page": (
        f"{M1}/module.en.md",
        "{#third-steps}",
        "{#quiz}",
        [f"{M1}/module.en.md:49: section slug 'quiz' is reserved for a page of its own"],
    ),
    "duplicate section slug": (
        f"{M1}/module.en.md",
        "{#third-steps}",
        "{#second-steps}",
        [f"{M1}/module.en.md:49: duplicate section slug 'second-steps'"],
    ),
    "section heading without a space": (
        f"{M1}/module.en.md",
        "### A closer look",
        "##A closer look",
        [f"{M1}/module.en.md:29: a section heading starts with '## ' (with a space)"],
    ),
    "link to a case that does not exist": (
        f"{M1}/module.en.md",
        "(cases/the-bakery)",
        "(cases/the-bank)",
        [f"{M1}/module.en.md:18: link or image points nowhere: cases/the-bank"],
    ),
    "link to a section that does not exist": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "(#next-steps)",
        [f"{M1}/module.en.md:18: link or image points nowhere: #next-steps"],
    ),
    "link to a section without #": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "(second-steps)",
        [f"{M1}/module.en.md:18: link or image points nowhere: second-steps"],
    ),
    "link to a path of the site": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "(/faq)",
        [f"{M1}/module.en.md:18: link or image points nowhere: /faq"],
    ),
    "empty link": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "()",
        [f"{M1}/module.en.md:18: link or image points nowhere: (empty)"],
    ),
    "image that does not exist": (
        f"{M1}/module.en.md",
        "Look at what",
        "![A chart](chart.png)\n\nLook at what",
        [f"{M1}/module.en.md:31: link or image points nowhere: chart.png"],
    ),
    "reference link that points nowhere": (
        f"{M1}/module.en.md",
        "Look at what",
        "See [the form][form].\n\n[form]: forms/plan.pdf\n\nLook at what",
        [f"{M1}/module.en.md:33: link or image points nowhere: forms/plan.pdf"],
    ),
    "HTML image that points nowhere": (
        f"{M1}/module.en.md",
        "Look at what",
        '<img src="photo.jpg" alt="">\n\nLook at what',
        [
            f"{M1}/module.en.md:31: raw HTML is not allowed in course Markdown: <img>; "
            "write it in Markdown",
            f"{M1}/module.en.md:31: link or image points nowhere: photo.jpg",
        ],
    ),
    "raw HTML in a module": (
        f"{M1}/module.en.md",
        "Look at what",
        '<div class="note">Look at what',
        [
            f"{M1}/module.en.md:31: raw HTML is not allowed in course Markdown: <div>; "
            "write it in Markdown"
        ],
    ),
    "raw HTML in a box": (
        f"{M1}/module.en.md",
        "    What did you wish",
        "    What did you <em>really</em> wish",
        [
            f"{M1}/module.en.md:34: raw HTML is not allowed in course Markdown: <em>; "
            "write it in Markdown"
        ],
    ),
    "HTML comment in a case study": (
        f"{M1}/cases/the-bakery.en.md",
        "Marga, 52,",
        "Marga, 52, <!-- check her age -->",
        [
            f"{M1}/cases/the-bakery.en.md:5: raw HTML is not allowed in course Markdown: <!--; "
            "write it in Markdown"
        ],
    ),
    "script in a case study": (
        f"{M1}/cases/the-bakery.en.md",
        "Marga, 52,",
        "Marga, 52, <script>alert(1)</script>",
        [f"{M1}/cases/the-bakery.en.md:5: a <script> is never allowed in course Markdown"],
    ),
    "script in a translated module": (
        f"{M1}/module.nl.md",
        "## ",
        "<SCRIPT src=x></SCRIPT>\n\n## ",
        None,
    ),
    "link in a case study to a section that does not exist": (
        f"{M2}/cases/the-bakery.en.md",
        "(#second-steps)",
        "(#third-steps)",
        [f"{M2}/cases/the-bakery.en.md:7: link or image points nowhere: #third-steps"],
    ),
    "box text not indented": (
        f"{M1}/module.en.md",
        "    What did you wish",
        "What did you wish",
        [f"{M1}/module.en.md:33: the text of a box is indented four spaces"],
    ),
    "box without a kind": (
        f"{M1}/module.en.md",
        '!!! ask-mentor "Ask your mentor"',
        '!!! "Ask your mentor"',
        [f'{M1}/module.en.md:33: write a box as !!! kind "Title"'],
    ),
    # Case studies
    "case study: unknown key": (
        f"{M1}/cases/the-bakery.en.md",
        "summary:",
        "author: me\nsummary:",
        [f"{M1}/cases/the-bakery.en.md:3: case study: unknown key 'author'"],
    ),
    "case study: missing key": (
        f"{M1}/cases/the-bakery.nl.md",
        "summary: Een bakker van 52 die meer verdiende door minder te verkopen.\n",
        "",
        [f"{M1}/cases/the-bakery.nl.md:2: case study: missing key 'summary'"],
    ),
    # Quiz
    "quiz: unknown key": (
        f"{M1}/quiz.en.yml",
        "questions:",
        "title: Quiz\nquestions:",
        [f"{M1}/quiz.en.yml:1: quiz: unknown key 'title'"],
    ),
    "question with two options": (
        f"{M1}/quiz.en.yml",
        "  - id: c\n    text: Answer C to question 1\n"
        "    feedback: Feedback on answer C to question 1.\n",
        "",
        [f"{M1}/quiz.en.yml:5: question 'q1' needs 3 to 5 options, not 2"],
    ),
    "question with six options": (
        f"{M1}/quiz.en.yml",
        "  explanation: Explanation of question 1.",
        "  - {id: d, text: D, feedback: F}\n  - {id: e, text: E, feedback: F}\n"
        "  - {id: e, text: F, feedback: F}\n  explanation: Explanation of question 1.",
        [
            f"{M1}/quiz.en.yml:5: question 'q1' needs 3 to 5 options, not 6",
            f"{M1}/quiz.en.yml:18: question 'q1': duplicate option id 'e'",
        ],
    ),
    "question without a correct option": (
        f"{M1}/quiz.en.yml",
        "    correct: true\n",
        "",
        [f"{M1}/quiz.en.yml:5: question 'q1' needs exactly one correct option, not 0"],
    ),
    "question with two correct options": (
        f"{M1}/quiz.en.yml",
        "    feedback: Feedback on answer A to question 1.\n",
        "    feedback: Feedback on answer A to question 1.\n    correct: true\n",
        [f"{M1}/quiz.en.yml:5: question 'q1' needs exactly one correct option, not 2"],
    ),
    "correct that is not true or false": (
        f"{M1}/quiz.en.yml",
        "    correct: true\n",
        "    correct: 'yes'\n",
        [
            f"{M1}/quiz.en.yml:5: question 'q1' needs exactly one correct option, not 0",
            f"{M1}/quiz.en.yml:12: question 'q1': option 'b': correct must be true or false",
        ],
    ),
    "option without feedback": (
        f"{M1}/quiz.en.yml",
        "    feedback: Feedback on answer A to question 1.\n",
        "",
        [f"{M1}/quiz.en.yml:6: question 'q1': option 'a' has no feedback"],
    ),
    "option with empty feedback": (
        f"{M1}/quiz.nl.yml",
        "    feedback: Feedback op antwoord A bij vraag 1.\n",
        "    feedback: ''\n",
        [f"{M1}/quiz.nl.yml:8: question 'q1': option 'a': 'feedback' must be text"],
    ),
    "option: unknown key": (
        f"{M1}/quiz.en.yml",
        "    feedback: Feedback on answer A to question 1.\n",
        "    feedback: Feedback on answer A to question 1.\n    score: 1\n",
        [f"{M1}/quiz.en.yml:9: question 'q1': option 'a': unknown key 'score'"],
    ),
    "option id other than a to e": (
        f"{M1}/quiz.en.yml",
        "  - id: c\n",
        "  - id: z\n",
        [f"{M1}/quiz.en.yml:13: question 'q1': option 'z': the id must be one of a, b, c, d, e"],
    ),
    "duplicate option id": (
        f"{M1}/quiz.en.yml",
        "  - id: b\n",
        "  - id: a\n",
        [f"{M1}/quiz.en.yml:9: question 'q1': duplicate option id 'a'"],
    ),
    "duplicate question id": (
        f"{M1}/quiz.en.yml",
        "- id: q2\n",
        "- id: q1\n",
        [f"{M1}/quiz.en.yml:17: duplicate question id 'q1'"],
    ),
    "question id with spaces": (
        f"{M1}/quiz.en.yml",
        "- id: q2\n",
        "- id: Q 2\n",
        [f"{M1}/quiz.en.yml:17: question id 'Q 2' may use only a-z, 0-9 and hyphens"],
    ),
    "question: missing key": (
        f"{M1}/quiz.nl.yml",
        "  explanation: Uitleg bij vraag 1.\n",
        "",
        [f"{M1}/quiz.nl.yml:2: question 'q1': missing key 'explanation'"],
    ),
    "question: unknown key": (
        f"{M1}/quiz.en.yml",
        "  explanation: Explanation of question 1.",
        "  explanation: Explanation of question 1.\n  hint: Think.",
        [f"{M1}/quiz.en.yml:17: question 'q1': unknown key 'hint'"],
    ),
    "question about a section that does not exist": (
        f"{M1}/quiz.en.yml",
        "section: first-steps",
        "section: nowhere",
        [f"{M1}/quiz.en.yml:3: question 'q1': section 'nowhere' is not a section of this module"],
    ),
    # What must be the same in every language
    "section slug differs between languages": (
        f"{M1}/module.nl.md",
        "{#third-steps}",
        "{#derde-stappen}",
        [f"{M1}/module.nl.md:49: section slug 'derde-stappen' is 'third-steps' in module.en.md"],
    ),
    "question id differs between languages": (
        f"{M1}/quiz.nl.yml",
        "- id: q2\n",
        "- id: q-two\n",
        [f"{M1}/quiz.nl.yml:17: question id 'q-two' is 'q2' in quiz.en.yml"],
    ),
    "option id differs between languages": (
        f"{M1}/quiz.nl.yml",
        "  - id: c\n",
        "  - id: d\n",
        [f"{M1}/quiz.nl.yml:13: question 'q1': option id 'd' is 'c' in quiz.en.yml"],
    ),
    "correct option differs between languages": (
        f"{M1}/quiz.nl.yml",
        "    correct: true\n  - id: c\n    text: Antwoord C op vraag 1\n",
        "  - id: c\n    correct: true\n    text: Antwoord C op vraag 1\n",
        [f"{M1}/quiz.nl.yml:13: question 'q1': correct option is 'c', but 'b' in quiz.en.yml"],
    ),
    "question section differs between languages": (
        f"{M1}/quiz.nl.yml",
        "section: first-steps",
        "section: second-steps",
        [
            f"{M1}/quiz.nl.yml:3: question 'q1': section is 'second-steps', "
            "but 'first-steps' in quiz.en.yml"
        ],
    ),
    "assignment key differs between languages": (
        f"{M1}/logbook.nl.yml",
        "key: first-notes",
        "key: eerste-notities",
        [
            f"{M1}/logbook.nl.yml:11: "
            "assignment key 'eerste-notities' is 'first-notes' in logbook.en.yml"
        ],
    ),
    # Books
    "books: empty list": (
        f"{M1}/books.nl.yml",
        "books:\n",
        "books: []\nold:\n",
        [
            f"{M1}/books.nl.yml:1: books must be a list of at least one book",
            f"{M1}/books.nl.yml:2: book list: unknown key 'old'",
        ],
    ),
    "book: missing key": (
        f"{M1}/books.en.yml",
        "  why: Why this book helps in the first module.\n",
        "",
        [f"{M1}/books.en.yml:2: book 'A real book 1': missing key 'why'"],
    ),
    "book: unknown key": (
        f"{M1}/books.en.yml",
        "  year: 2011\n",
        "  year: 2011\n  pages: 300\n",
        [f"{M1}/books.en.yml:5: book 'A real book 1': unknown key 'pages'"],
    ),
    "book: year as text": (
        f"{M1}/books.en.yml",
        "  year: 2011\n",
        "  year: '2011'\n",
        [f"{M1}/books.en.yml:4: book 'A real book 1': year must be a year like 2011"],
    ),
    "book: isbn not quoted": (
        f"{M1}/books.en.yml",
        "  year: 2011\n",
        "  year: 2011\n  isbn: 9780307887894\n",
        [f"{M1}/books.en.yml:5: book 'A real book 1': isbn must be quoted, like \"9780307887894\""],
    ),
    "book: isbn with a wrong check digit": (
        f"{M1}/books.en.yml",
        "  year: 2011\n",
        "  year: 2011\n  isbn: '9780307887895'\n",
        [
            f"{M1}/books.en.yml:5: book 'A real book 1': "
            "isbn '9780307887895' is not a valid ISBN-10 or ISBN-13"
        ],
    ),
    # Logbook
    "duplicate assignment key": (
        f"{M1}/logbook.en.yml",
        "key: first-notes",
        "key: first-plan",
        [f"{M1}/logbook.en.yml:11: duplicate assignment key 'first-plan'"],
    ),
    "assignment key used in another module": (
        f"{M2}/logbook.en.yml",
        "key: second-plan",
        "key: first-plan",
        [f"{M2}/logbook.en.yml:2: assignment key 'first-plan' is already used in 01-first-module"],
    ),
    "assignment key with spaces": (
        f"{M1}/logbook.en.yml",
        "key: first-notes",
        "key: First notes",
        [f"{M1}/logbook.en.yml:11: assignment key 'First notes' may use only a-z, 0-9 and hyphens"],
    ),
    "assignment: unknown key": (
        f"{M1}/logbook.en.yml",
        "  guidance: Take your time with first-notes.",
        "  guidance: Take your time with first-notes.\n  due: tomorrow",
        [f"{M1}/logbook.en.yml:15: assignment 'first-notes': unknown key 'due'"],
    ),
    "assignment: missing key": (
        f"{M1}/logbook.en.yml",
        "  guidance: Take your time with first-notes.\n",
        "",
        [f"{M1}/logbook.en.yml:11: assignment 'first-notes': missing key 'guidance'"],
    ),
    "assignment: template not text": (
        f"{M1}/logbook.en.yml",
        "  guidance: Take your time with first-notes.",
        "  guidance: Take your time with first-notes.\n  template: [a]",
        [f"{M1}/logbook.en.yml:15: assignment 'first-notes': 'template' must be text"],
    ),
    "assignment: minutes not above 0": (
        f"{M1}/logbook.en.yml",
        "  minutes: 45",
        "  minutes: 0",
        [
            f"{M1}/logbook.en.yml:15: assignment 'first-notes': "
            "minutes must be a whole number above 0"
        ],
    ),
    "assignment: minutes as words": (
        f"{M1}/logbook.en.yml",
        "  minutes: 45",
        "  minutes: an hour",
        [
            f"{M1}/logbook.en.yml:15: assignment 'first-notes': "
            "minutes must be a whole number above 0"
        ],
    ),
    "assignment: minutes differ between languages": (
        f"{M1}/logbook.nl.yml",
        "  minutes: 45",
        "  minutes: 50",
        [
            f"{M1}/logbook.nl.yml:15: assignment 'first-notes': minutes is '50', "
            "but '45' in logbook.en.yml"
        ],
    ),
    # Lessons (required with --strict, below)
    "lesson of another module": (
        f"{M1}/quiz.en.yml",
        "  section: first-steps",
        "  lesson: m2-fear\n  section: first-steps",
        [
            f"{M1}/quiz.en.yml:3: question 'q1': lesson 'm2-fear' must be m1-<topic>, "
            "like m1-break-even"
        ],
    ),
    "lesson that is not an id": (
        f"{M1}/quiz.en.yml",
        "  section: first-steps",
        "  lesson: Fear of failure\n  section: first-steps",
        [
            f"{M1}/quiz.en.yml:3: question 'q1': lesson 'Fear of failure' must be m1-<topic>, "
            "like m1-break-even"
        ],
    ),
    # Dates of the rules a file states
    "checked: not a date": (
        f"{M1}/module.en.md",
        "minutes: 30",
        "minutes: 30\nchecked: last year",
        [f"{M1}/module.en.md:4: checked must be a date like 2026-12-01"],
    ),
    "checked: a date and time": (
        f"{M1}/cases/the-bakery.en.md",
        "summary:",
        "checked: 2026-01-01 10:00:00\nsummary:",
        [f"{M1}/cases/the-bakery.en.md:3: checked must be a date like 2026-12-01"],
    ),
    # The your-situation guide
    "guide: missing key": (
        f"{C}/guide.en.md",
        "summary: What to arrange first, by where your income comes from today.\n",
        "",
        [f"{C}/guide.en.md:2: guide: missing key 'summary'"],
    ),
    "guide: unknown key": (
        f"{C}/guide.nl.md",
        "title: Jouw situatie",
        "title: Jouw situatie\nauthor: me",
        [f"{C}/guide.nl.md:3: guide: unknown key 'author'"],
    ),
    "guide: link to a section it does not have": (
        f"{C}/guide.en.md",
        "(#i-receive-a-benefit)",
        "(#benefits)",
        [f"{C}/guide.en.md:9: link or image points nowhere: #benefits"],
    ),
    "guide: two sections with one slug": (
        f"{C}/guide.nl.md",
        "## Ik heb een uitkering {#i-receive-a-benefit}",
        "## Ik heb een baan",
        [
            f"{C}/guide.nl.md:9: link or image points nowhere: #i-receive-a-benefit",
            f"{C}/guide.nl.md:11: duplicate section slug 'ik-heb-een-baan': "
            "write {#another-slug}",
        ],
    ),
    "guide: a slug that is not an id": (
        f"{C}/guide.en.md",
        "{#i-receive-a-benefit}",
        "{#Benefit}",
        [
            f"{C}/guide.en.md:9: link or image points nowhere: #i-receive-a-benefit",
            f"{C}/guide.en.md:11: section slug 'Benefit' may use only a-z, 0-9 and hyphens",
        ],
    ),
    "guide: raw HTML": (
        f"{C}/guide.en.md",
        "### In Belgium",
        "<b>In Belgium</b>",
        [
            f"{C}/guide.en.md:15: raw HTML is not allowed in course Markdown: <b>; "
            "write it in Markdown"
        ],
    ),
    "module links to a guide section": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "(/courses/test-course/your-situation#i-receive-a-benefit)",
        [],
    ),
    "Dutch module links to a Dutch guide section": (
        f"{M1}/module.nl.md",
        "(#second-steps)",
        "(/courses/test-course/your-situation#ik-heb-een-baan)",
        [],
    ),
    "module links to a guide section that does not exist": (
        f"{M1}/module.en.md",
        "(#second-steps)",
        "(/courses/test-course/your-situation#ik-heb-een-baan)",
        [
            f"{M1}/module.en.md:18: link or image points nowhere: "
            "/courses/test-course/your-situation#ik-heb-een-baan"
        ],
    ),
    "module links to another course's guide": (
        f"{M2}/cases/the-bakery.en.md",
        "(#second-steps)",
        "(/courses/other-course/your-situation)",
        [
            f"{M2}/cases/the-bakery.en.md:7: link or image points nowhere: "
            "/courses/other-course/your-situation"
        ],
    ),
}


@pytest.mark.parametrize("relative, old, new, expected", BROKEN.values(), ids=BROKEN.keys())
def test_each_rule_prints_its_problem(courses, relative, old, new, expected):
    edit(courses, relative, old, new)
    if expected is None:  # the line depends on the file: found from the edit
        line = (courses.parent / relative).read_text().splitlines().index(new.split("\n")[0]) + 1
        expected = [f"{relative}:{line}: a <script> is never allowed in course Markdown"]
    assert problems(courses) == expected


def test_valid_isbn_10_and_13_pass(courses):
    edit(courses, f"{M1}/books.en.yml", "  year: 2011\n", "  year: 2011\n  isbn: '080442957X'\n")
    edit(courses, f"{M1}/books.en.yml", "  year: 2012\n", "  year: 2012\n  isbn: '9780307887894'\n")
    assert problems(courses) == []


def test_html_in_code_and_autolinks_pass(courses):
    edit(
        courses,
        f"{M1}/module.en.md",
        "Look at what",
        "Write `<b>` or <https://example.org> or a < b.\n\n```html\n<script>x</script>\n<div>\n"
        "```\n\nLook at what",
    )
    assert problems(courses) == []


def test_a_course_folder_without_course_yml(courses):
    (courses / "draft-course" / "01-first").mkdir(parents=True)
    (courses / ".git").mkdir()
    assert problems(courses) == [
        "courses/draft-course:1: course.yml is missing: every course folder needs one"
    ]


def test_links_to_files_that_exist_pass(courses):
    (courses / "test-course/01-first-module/forms").mkdir()
    (courses / "test-course/01-first-module/forms/plan.pdf").write_bytes(b"%PDF")
    edit(
        courses, f"{M1}/module.en.md", "Look at what", "See [the plan](forms/plan.pdf#page=2).\n\n"
    )
    edit(courses, f"{M1}/cases/the-bakery.en.md", "Marga, 52", "Marga ([plan](forms/plan.pdf))")
    assert problems(courses) == []


def test_section_order_differs_between_languages(courses):
    module = courses / "test-course/01-first-module/module.nl.md"
    text = module.read_text().replace("{#second-steps}", "{#x}").replace("{#third-steps}", "{#y}")
    module.write_text(text.replace("{#x}", "{#third-steps}").replace("{#y}", "{#second-steps}"))
    assert problems(courses) == [
        f"{M1}/module.nl.md:36: section slugs are not in the same order as in module.en.md"
    ]


def test_module_without_sections(courses):
    module = courses / "test-course/02-second-module/module.en.md"
    module.write_text(module.read_text().replace("## ", "### "))
    assert problems(courses) == [
        f"{M2}/module.en.md:10: the module needs at least one '## ' section",
        f"{M2}/module.en.md:23: link or image points nowhere: #first-steps",
    ]


def test_quiz_without_ten_questions(courses):
    quiz = courses / "test-course/01-first-module/quiz.en.yml"
    quiz.write_text(quiz.read_text().split("- id: q10")[0])
    assert problems(courses) == [f"{M1}/quiz.en.yml:1: a quiz has exactly 10 questions, not 9"]


def test_module_listed_without_module_en_md(courses):
    for language in ("en", "nl"):
        (courses / f"test-course/02-second-module/module.{language}.md").unlink()
    assert problems(courses) == [
        f"{C}/course.yml:16: module '02-second-module' has no module.en.md"
    ]


def test_english_file_missing_is_an_error(courses):
    (courses / "test-course/01-first-module/quiz.en.yml").unlink()
    assert problems(courses) == [f"{M1}/module.en.md:1: quiz.en.yml is missing"]


@pytest.mark.parametrize(
    "missing, expected",
    [
        (
            "module.nl.md",
            f"{M1}/module.en.md:1: warning: no nl translation: module.nl.md is missing",
        ),
        ("quiz.nl.yml", f"{M1}/quiz.en.yml:1: warning: no nl translation: quiz.nl.yml is missing"),
        (
            "books.nl.yml",
            f"{M1}/books.en.yml:1: warning: no nl translation: books.nl.yml is missing",
        ),
        (
            "logbook.nl.yml",
            f"{M1}/logbook.en.yml:1: warning: no nl translation: logbook.nl.yml is missing",
        ),
        (
            "cases/the-bakery.nl.md",
            f"{M1}/cases/the-bakery.en.md:1: warning: "
            "no nl translation: cases/the-bakery.nl.md is missing",
        ),
    ],
)
def test_missing_translation_is_a_warning_and_still_loads(courses, missing, expected):
    (courses / "test-course/01-first-module" / missing).unlink()
    assert problems(courses) == [expected]
    assert load_catalogue(courses).course("test-course") is not None


def test_case_study_without_english_version(courses):
    cases = courses / "test-course/01-first-module/cases"
    (cases / "the-bakery.nl.md").rename(cases / "de-bakkerij.nl.md")
    assert problems(courses) == [
        f"{M1}/cases/de-bakkerij.nl.md:1: case 'de-bakkerij' has no en version",
        f"{M1}/cases/the-bakery.en.md:1: warning: "
        "no nl translation: cases/the-bakery.nl.md is missing",
    ]


def test_case_study_file_named_without_a_slug(courses):
    cases = courses / "test-course/01-first-module/cases"
    shutil.copy(cases / "the-bakery.en.md", cases / "The Bakery.en.md")
    assert problems(courses) == [
        f"{M1}/cases/The Bakery.en.md:1: a case study file is named <case-slug>.<language>.md"
    ]


@pytest.mark.parametrize("name", ["quiz.de.yml", "cases/the-bakery.de.md"])
def test_file_in_a_language_the_course_does_not_list(courses, name):
    module = courses / "test-course/01-first-module"
    shutil.copy(module / name.replace(".de.", ".en."), module / name)
    assert problems(courses) == [
        f"{M1}/{name}:1: language 'de' is not in the languages of course.yml"
    ]


def test_file_that_is_not_utf8(courses):
    (courses / "test-course/01-first-module/books.en.yml").write_bytes(b"\xff books")
    assert problems(courses) == [
        f"{M1}/books.en.yml:1: cannot read file: 'utf-8' codec can't decode byte 0xff "
        "in position 0: invalid start byte"
    ]


def test_every_problem_is_reported_at_once_grouped_by_file(courses):
    edit(courses, f"{M2}/quiz.en.yml", "section: first-steps", "section: nowhere")
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    edit(courses, f"{M1}/module.en.md", "title: First module", "title: ''")
    (courses / "test-course/01-first-module/books.nl.yml").unlink()
    assert problems(courses) == [
        f"{M1}/module.en.md:2: front matter: 'title' must be text",
        f"{M1}/module.en.md:3: minutes must be a whole number above 0",
        f"{M1}/books.en.yml:1: warning: no nl translation: books.nl.yml is missing",
        f"{M2}/quiz.en.yml:3: question 'q1': section 'nowhere' is not a section of this module",
    ]


def test_a_folder_that_does_not_exist(tmp_path):
    assert problems(tmp_path / "courses") == ["courses:1: no such folder"]


def test_strict_adds_the_readmes_editorial_ranges():
    found = problems(TEST_COURSES, strict=True)
    assert f"{M1}/module.en.md:12: a module has 4 to 6 sections, not 3" in found
    assert f"{M1}/books.en.yml:1: books: write 3 to 5, not 2" in found
    assert f"{M1}/logbook.nl.yml:1: assignments: write 3 to 6, not 2" in found
    assert f"{M2}/cases/the-bakery.en.md:5: a case study has 400 to 800 words, not 63" in found


def test_strict_checks_boxes_case_endings_and_https(courses):
    edit(courses, f"{M1}/module.nl.md", '"Vraag het je mentor"', '"Vraag je mentor"')
    edit(courses, f"{M1}/module.en.md", '!!! tip "Keep it small"', '!!! note "Keep it small"')
    edit(courses, f"{M2}/module.en.md", "!!! you-bring", "!!! tip")
    edit(courses, f"{M2}/module.en.md", "(cases/the-bakery)", "(http://example.com)")
    edit(courses, f"{M1}/cases/the-bakery.en.md", "### Questions to think about", "### Questions")
    edit(courses, f"{M1}/cases/the-bakery.nl.md", "2. Wie", "Wie")
    found = problems(courses, strict=True)
    assert f'{M1}/module.nl.md:33: the ask-mentor box is titled "Vraag het je mentor"' in found
    assert f"{M1}/module.en.md:53: box 'note' is not one of ask-mentor, you-bring, tip" in found
    assert f"{M2}/module.en.md:10: a module has at least one you-bring box" in found
    assert (
        f"{M2}/module.en.md:15: an external link is a full https:// address: http://example.com"
        in found
    )
    assert (
        f'{M1}/cases/the-bakery.en.md:9: the questions heading is "### Questions to think about"'
        in found
    )
    assert (
        f"{M1}/cases/the-bakery.nl.md:9: a case study ends with a '### ' heading "
        "and two questions as a numbered list"
    ) in found


# Start-up and the command line ----------------------------------------------------------------


def test_loading_invalid_content_raises_with_every_problem_one_per_line(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    edit(courses, f"{M2}/quiz.en.yml", "section: first-steps", "section: nowhere")
    with pytest.raises(ContentError) as raised:
        load_catalogue(courses)
    assert str(raised.value).splitlines() == [
        f"{M1}/module.en.md:3: minutes must be a whole number above 0",
        f"{M2}/quiz.en.yml:3: question 'q1': section 'nowhere' is not a section of this module",
    ]
    assert [p.line for p in raised.value.problems] == [3, 3]


def _cli(root_setting: Path | None = None):
    app = Flask("check")
    if root_setting is not None:
        app.config["COURSES_ROOT"] = str(root_setting)
    app.cli.add_command(courses_cli)
    return app.test_cli_runner()


def test_cli_check_prints_problems_and_a_summary_and_fails(courses):
    edit(courses, f"{M1}/module.en.md", "minutes: 30", "minutes: 0")
    (courses / "test-course/01-first-module/books.nl.yml").unlink()
    result = _cli().invoke(args=["courses", "check", "--root", str(courses)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{M1}/module.en.md:3: minutes must be a whole number above 0",
        f"{M1}/books.en.yml:1: warning: no nl translation: books.nl.yml is missing",
        f"1 error, 1 warning in {courses}",
    ]


def test_cli_check_passes_with_warnings_only(courses):
    (courses / "test-course/01-first-module/books.nl.yml").unlink()
    result = _cli().invoke(args=["courses", "check", "--root", str(courses)])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        0,
        f"0 errors, 1 warning in {courses}",
    )


def test_cli_check_reads_courses_root_from_the_config():
    result = _cli(TEST_COURSES).invoke(args=["courses", "check"])
    assert (result.exit_code, result.output) == (0, f"0 errors, 0 warnings in {TEST_COURSES}\n")


def test_cli_check_defaults_to_courses_in_the_working_folder(courses, monkeypatch):
    monkeypatch.chdir(courses.parent)
    result = _cli().invoke(args=["courses", "check", "--strict"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].endswith(" in courses")


def test_cli_check_is_a_command_of_the_app(runner):
    result = runner.invoke(args=["courses", "check"])
    assert (result.exit_code, result.output) == (0, f"0 errors, 0 warnings in {TEST_COURSES}\n")


@pytest.mark.skipif(
    not (ROOT / "courses/entrepreneurship-mindset/06-launch/module.en.md").exists(),
    reason="the course content is still being written",
)
def test_real_courses_are_valid():
    """The only test that reads courses/: no errors, no warnings, the README's ranges kept."""
    assert problems(ROOT / "courses", strict=True) == []


# Issue 16: quiz rules, lessons, logbook time, dated rules, the register, the glossary, the guide


def write_quiz(root: Path, questions: list[tuple[int, str, list[str]]], lessons=True) -> None:
    """Module 1's English quiz: per question (position of the right option, its text, the wrong
    options' texts)."""
    lines = ["questions:"]
    for n, (position, right, wrong) in enumerate(questions, 1):
        lines += [f"- id: q{n}", "  section: first-steps", f"  text: Question {n}?"]
        if lessons:
            lines.append(f"  lesson: m1-topic-{n}")
        lines.append("  options:")
        texts = [*wrong[: position - 1], right, *wrong[position - 1 :]]
        for option, text in zip("abcde", texts, strict=False):
            lines += [f"  - id: {option}", f"    text: {text}", "    feedback: Because."]
            if text is right:
                lines.append("    correct: true")
        lines.append("  explanation: Why.")
    for language in ("en", "nl"):
        path = root / f"test-course/01-first-module/quiz.{language}.yml"
        path.write_text("\n".join(lines) + "\n")


def quiz_problems(root: Path) -> list[str]:
    return [p for p in problems(root, strict=True) if p.startswith(f"{M1}/quiz.en.yml")]


SAME = "a" * 20
FAIR = [(1 + n % 3, SAME, ["b" * 20, "c" * 20]) for n in range(10)]


def test_a_fair_quiz_passes_the_quiz_rules(courses):
    longer = [(p, SAME + "x", wrong) for p, _, wrong in FAIR[:3]]  # 3 longest: allowed
    write_quiz(courses, longer + FAIR[3:])
    assert quiz_problems(courses) == []


def test_right_option_longest_in_four_questions(courses):
    longer = [(p, SAME + "x", wrong) for p, _, wrong in FAIR[:4]]
    write_quiz(courses, longer + FAIR[4:])
    assert quiz_problems(courses) == [
        f"{M1}/quiz.en.yml:1: the right option is the longest in 4 of 10 questions "
        "(q1, q2, q3, q4): at most 3"
    ]


def test_right_option_much_longer_than_the_wrong_ones_on_average(courses):
    # Never strictly the longest, yet half again as long as the mean wrong option.
    write_quiz(courses, [(p, "r" * 30, ["w" * 30, "w" * 10]) for p, _, _ in FAIR])
    assert quiz_problems(courses) == [
        f"{M1}/quiz.en.yml:1: the right option is on average 1.50 times as long as a wrong one: "
        "keep it under 1.25"
    ]


def test_right_option_in_the_same_position_too_often(courses):
    write_quiz(courses, [(1 + n // 5, SAME, ["b" * 20, "c" * 20]) for n in range(10)])
    assert quiz_problems(courses) == [
        f"{M1}/quiz.en.yml:1: the right option is option 1 in 5 of 10 questions: "
        "at most 4 in one position",
        f"{M1}/quiz.en.yml:1: the right option is option 2 in 5 of 10 questions: "
        "at most 4 in one position",
    ]


def test_quiz_rules_are_for_strict_only(courses):
    write_quiz(courses, [(2, SAME + "longer", ["b", "c"]) for _ in range(10)], lessons=False)
    assert problems(courses) == []


def test_strict_asks_every_question_for_a_lesson(courses):
    write_quiz(courses, FAIR, lessons=False)
    found = quiz_problems(courses)
    assert f"{M1}/quiz.en.yml:2: question 'q1': missing key 'lesson'" in found
    assert len(found) == 10


def test_two_questions_with_one_lesson(courses):
    write_quiz(courses, FAIR)
    edit(courses, f"{M1}/quiz.en.yml", "lesson: m1-topic-2\n", "lesson: m1-topic-1\n")
    assert problems(courses) == [
        f"{M1}/quiz.en.yml:21: question 'q2': lesson 'm1-topic-1' is already tested by "
        "question 'q1' of 01-first-module"
    ]


def test_lesson_differs_between_languages(courses):
    edit(
        courses,
        f"{M1}/quiz.en.yml",
        "  section: first-steps",
        "  lesson: m1-first\n  section: first-steps",
    )
    edit(
        courses,
        f"{M1}/quiz.nl.yml",
        "  section: first-steps",
        "  lesson: m1-eerste\n  section: first-steps",
    )
    assert problems(courses) == [
        f"{M1}/quiz.nl.yml:3: question 'q1': lesson is 'm1-eerste', but 'm1-first' in quiz.en.yml"
    ]


def test_strict_asks_every_assignment_for_its_minutes():
    found = problems(TEST_COURSES, strict=True)
    assert f"{M1}/logbook.en.yml:2: assignment 'first-plan': missing key 'minutes'" in found
    assert not any(p.startswith(f"{M2}/logbook.en.yml") and "minutes" in p for p in found)


# Dated rules


@pytest.mark.parametrize(
    "days_ago, expected",
    [
        (0, []),
        (365, []),
        (
            366,
            [
                f"{M1}/module.en.md:4: warning: checked on {{date}}, more than a year ago: check "
                "the rules and figures against the official sources and update the date"
            ],
        ),
        (-1, [f"{M1}/module.en.md:4: checked: {{date}} is in the future"]),
    ],
)
def test_checked_date_is_not_older_than_a_year_nor_in_the_future(courses, days_ago, expected):
    checked = (date.today() - timedelta(days=days_ago)).isoformat()
    edit(courses, f"{M1}/module.en.md", "minutes: 30", f"minutes: 30\nchecked: {checked}")
    assert problems(courses) == [e.format(date=checked) for e in expected]


def test_checked_date_of_the_guide(courses):
    checked = (date.today() - timedelta(days=400)).isoformat()
    edit(courses, f"{C}/guide.nl.md", "title:", f"checked: {checked}\ntitle:")
    assert problems(courses) == [
        f"{C}/guide.nl.md:2: warning: checked on {checked}, more than a year ago: check the "
        "rules and figures against the official sources and update the date"
    ]


# The your-situation guide


def test_guide_in_a_language_the_course_does_not_list(courses):
    shutil.copy(courses / "test-course/guide.en.md", courses / "test-course/guide.de.md")
    assert problems(courses) == [
        f"{C}/guide.de.md:1: language 'de' is not in the languages of course.yml"
    ]


def test_guide_translation_without_the_english_guide(courses):
    (courses / "test-course/guide.en.md").unlink()
    edit(courses, f"{M1}/module.en.md", "(#second-steps)", "(/courses/test-course/your-situation)")
    assert problems(courses) == [
        f"{C}/guide.nl.md:1: guide.nl.md has no en version: guide.en.md",
        f"{M1}/module.en.md:18: warning: links to the course's guide, but guide.en.md is "
        "missing: /courses/test-course/your-situation",
    ]


def test_a_course_without_a_guide_is_valid(courses):
    for path in (courses / "test-course").glob("guide.*.md"):
        path.unlink()
    assert problems(courses, strict=True) == problems(TEST_COURSES, strict=True)


def test_guide_without_its_translation_is_a_warning(courses):
    (courses / "test-course/guide.nl.md").unlink()
    assert problems(courses) == [
        f"{C}/guide.en.md:1: warning: no nl translation: guide.nl.md is missing"
    ]


def test_strict_guide_translation_has_the_same_sections(courses):
    edit(courses, f"{C}/guide.nl.md", "### In België", "## In België")
    assert f"{C}/guide.nl.md:5: the guide has 3 sections, but 2 in guide.en.md" in problems(
        courses, strict=True
    )


# The register of named people

MARGA = (
    "- {name: Marga, age: 52, place: Gent, trade: baker, role: protagonist, where: the-bakery}\n"
)


def people(root: Path, module: str, text: str) -> None:
    (root / "test-course" / module / "people.yml").write_text(text)


def register_problems(root: Path) -> list[str]:
    found = problems(root, strict=True)
    return [p for p in found if "people" in p or "protagonist" in p]


def test_a_valid_register(courses):
    people(courses, "01-first-module", MARGA)
    people(courses, "02-second-module", "people:\n" + MARGA)  # a `people:` key also works
    assert problems(courses) == []
    assert register_problems(courses) == []


def test_register_fields_are_checked_whenever_the_file_is_there(courses):
    people(
        courses,
        "01-first-module",
        MARGA + "- name: Piet\n  age: fifty\n  place: Gent\n  trade: ''\n  role: hero\n"
        "  where: the-shop\n  note: x\n- Marga\n",
    )
    assert problems(courses) == [
        f"{M1}/people.yml:3: person 'Piet': age must be a whole number of years",
        f"{M1}/people.yml:5: person 'Piet': 'trade' must be text",
        f"{M1}/people.yml:6: person 'Piet': role must be one of protagonist, mentor, other",
        f"{M1}/people.yml:7: person 'Piet': where must be 'module' or a case slug of this module",
        f"{M1}/people.yml:8: person 'Piet': unknown key 'note'",
        f"{M1}/people.yml:9: person must be a mapping of keys",
    ]


def test_strict_wants_a_register_per_module(courses):
    people(courses, "01-first-module", MARGA)
    assert register_problems(courses) == [
        f"{M2}/module.en.md:1: people.yml is missing: every module lists the people it names"
    ]


def test_strict_finds_a_name_missing_from_the_file_the_register_names(courses):
    people(
        courses,
        "01-first-module",
        MARGA + MARGA.replace("Marga", "Greet").replace("protagonist", "mentor"),
    )
    people(courses, "02-second-module", MARGA)
    assert register_problems(courses) == [
        f"{M1}/people.yml:2: people: 'Greet' does not occur in the-bakery.en.md",
        f"{M1}/people.yml:2: people: 'Greet' does not occur in the-bakery.nl.md",
    ]


def test_strict_refuses_one_name_for_two_people(courses):
    people(courses, "01-first-module", MARGA)
    people(courses, "02-second-module", MARGA.replace("52", "61"))
    assert register_problems(courses) == [
        f"{M2}/people.yml:1: people: 'Marga' is already someone else in 01-first-module "
        "(52, Gent, baker): give one of them another name"
    ]


def test_strict_wants_a_protagonist_for_every_case(courses):
    people(courses, "01-first-module", MARGA)
    people(courses, "02-second-module", MARGA.replace("protagonist", "other"))
    assert register_problems(courses) == [
        f"{M2}/people.yml:1: people: case 'the-bakery' has no protagonist in the register"
    ]


# The glossary


def glossary(root: Path, text: str) -> None:
    (root / "test-course/glossary.yml").write_text(text)


GLOSSARY = """\
nl:
  terms:
    - use: praktijkverhaal
      avoid: [casus, casestudy]
    - use: je
      avoid: [u, uw]
      in_speech: true
  regional:
    - words: [marktkraam, marktkramen]
      gloss: kraam op de markt
"""


def glossary_problems(root: Path) -> list[str]:
    found = problems(root, strict=True)
    return [p for p in found if "write '" in p or "regional word" in p or "glossary" in p]


def test_glossary_flags_an_avoided_term_in_dutch_files_only(courses):
    glossary(courses, GLOSSARY)
    edit(courses, f"{M1}/module.nl.md", "## ", "Lees de Casus.\n\n## ")
    edit(courses, f"{M1}/module.en.md", "## ", "Read the casus.\n\n## ")
    assert glossary_problems(courses) == [
        f"{M1}/module.nl.md:15: write 'praktijkverhaal', not 'Casus'",
        f"{M1}/cases/the-bakery.nl.md:6: 'marktkraam' is a regional word: gloss its first use, "
        "like 'marktkraam (kraam op de markt)', or keep it in direct speech",
    ]


def test_a_regional_word_glossed_once_or_in_direct_speech_passes(courses):
    glossary(courses, GLOSSARY)
    case = f"{M1}/cases/the-bakery.nl.md"
    edit(courses, case, "elke marktkraam", "elke marktkraam (kraam op de markt)")
    edit(courses, case, "Binnen een jaar", "Op de marktkraam verkocht ze nu meer. Binnen een jaar")
    edit(
        courses, f"{M2}/cases/the-bakery.nl.md", "Marga's", "“Mijn marktkraam,” zei Marga. Marga's"
    )
    assert glossary_problems(courses) == []


def test_the_glossary_is_for_strict_only(courses):
    glossary(courses, GLOSSARY)
    assert problems(courses) == []


def test_a_glossary_with_a_language_the_course_does_not_list(courses):
    glossary(courses, GLOSSARY.replace("nl:", "de:") + "nl:\n  terms:\n    - use: x\n")
    assert glossary_problems(courses) == [
        f"{C}/glossary.yml:1: glossary: 'de' is not one of the languages",
        f"{C}/glossary.yml:13: glossary: nl: terms: missing key 'avoid'",
    ]


def test_an_avoided_term_allowed_in_direct_speech(courses):
    glossary(courses, GLOSSARY)
    edit(courses, f"{M1}/module.nl.md", "## ", 'Zij vroeg: "Wilt u koffie?" Kies uw stap.\n\n## ')
    found = [p for p in glossary_problems(courses) if "module.nl.md" in p]
    assert found == [f"{M1}/module.nl.md:15: write 'je', not 'uw'"]


# Plan chapters ----------------------------------------------------------------------------------


def test_an_assignment_whose_chapter_does_not_exist(courses):
    edit(courses, f"{M1}/logbook.en.yml", "  chapter: idea\n- key", "  chapter: ideas\n- key")
    edit(courses, f"{M1}/logbook.nl.yml", "  chapter: idea\n- key", "  chapter: ideas\n- key")
    assert problems(courses) == [
        f"{M1}/logbook.en.yml:10: assignment 'first-plan': chapter 'ideas' is not a plan "
        "chapter of course.yml (finance, idea)",
        f"{M1}/logbook.nl.yml:10: assignment 'first-plan': chapter 'ideas' is not a plan "
        "chapter of course.yml (finance, idea)",
    ]


def test_a_chapter_no_assignment_feeds_in_any_language(courses):
    for language in ("en", "nl"):
        relative = f"{M2}/logbook.{language}.yml"
        edit(courses, relative, "  chapter: finance\n- key", "  chapter: idea\n- key")
        last = "  minutes: 60\n  chapter: "
        edit(courses, relative, f"{last}finance", f"{last}idea")
    assert problems(courses) == [
        f"{C}/course.yml:12: plan chapter 'finance' has no assignment in en: "
        "name it as the chapter of at least one assignment in logbook.en.yml",
        f"{C}/course.yml:12: plan chapter 'finance' has no assignment in nl: "
        "name it as the chapter of at least one assignment in logbook.nl.yml",
    ]


def test_a_chapter_covered_in_english_only(courses):
    relative = f"{M2}/logbook.nl.yml"
    edit(courses, relative, "  chapter: finance\n- key", "  chapter: idea\n- key")
    edit(courses, relative, "  minutes: 60\n  chapter: finance", "  minutes: 60\n  chapter: idea")
    assert problems(courses) == [
        f"{M2}/logbook.nl.yml:11: assignment 'second-plan': chapter is 'idea', "
        "but 'finance' in logbook.en.yml",
        f"{M2}/logbook.nl.yml:17: assignment 'second-notes': chapter is 'idea', "
        "but 'finance' in logbook.en.yml",
        f"{C}/course.yml:12: plan chapter 'finance' has no assignment in nl: "
        "name it as the chapter of at least one assignment in logbook.nl.yml",
    ]


def test_an_untranslated_logbook_covers_its_chapters_with_english(courses):
    (courses / "test-course" / "02-second-module" / "logbook.nl.yml").unlink()
    assert problems(courses) == [
        f"{M2}/logbook.en.yml:1: warning: no nl translation: logbook.nl.yml is missing"
    ]


def test_a_course_with_chapters_needs_a_chapter_on_every_assignment(courses):
    edit(courses, f"{M1}/logbook.en.yml", "  minutes: 45\n  chapter: idea\n", "  minutes: 45\n")
    assert problems(courses) == [
        f"{M1}/logbook.en.yml:11: assignment 'first-notes': missing key 'chapter'"
    ]


def test_a_chapter_without_plan_chapters_in_the_course(courses):
    path = courses / "test-course" / "course.yml"
    text = path.read_text()
    path.write_text(text[: text.index("plan_chapters:")] + text[text.index("modules:") :])
    found = problems(courses)
    assert len(found) == 8  # every assignment of both modules, in both languages
    assert found[0] == (
        f"{M1}/logbook.en.yml:10: assignment 'first-plan': chapter 'idea', "
        "but course.yml has no plan_chapters"
    )


def test_a_plan_chapter_listed_twice_and_without_a_title(courses):
    edit(courses, f"{C}/course.yml", "  - key: finance\n", "  - key: idea\n")
    edit(courses, f"{C}/course.yml", "{en: The idea, nl: Het idee}", "{nl: Het idee}")
    found = problems(courses)
    assert f"{C}/course.yml:11: plan chapter 'idea': title needs an 'en' text" in found
    assert f"{C}/course.yml:12: plan chapter 'idea' is listed twice" in found


def test_the_loaded_course_has_its_chapters_and_each_assignment_its_chapter():
    course = load_catalogue(TEST_COURSES).course("test-course")
    assert [c.key for c in course.plan_chapters] == ["idea", "finance"]
    assert course.plan_chapter("finance").title("nl") == "Het financieel plan"
    assert {a.key: a.chapter for a in course.assignments("nl")} == {
        "first-plan": "idea",
        "first-notes": "idea",
        "second-plan": "finance",
        "second-notes": "finance",
    }
