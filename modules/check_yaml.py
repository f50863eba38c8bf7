"""The rules for a module's YAML files: quiz, books and logbook."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from . import check_strict
from .check_report import Context, Ids, Report, Shape, is_text
from .markup import MODULE_FOLDER, SLUG, SOURCE
from .yaml_lines import LineDict, LineList

QUESTION_KEYS = {"id", "section", "text", "options", "explanation"}
OPTION_KEYS = {"id", "text", "feedback"}
BOOK_KEYS = {"title", "author", "year", "why"}
ASSIGNMENT_KEYS = {"key", "title", "prompt", "guidance"}
LESSON = re.compile(r"^m(\d+)-[a-z0-9]+(?:-[a-z0-9]+)*$")
OPTION_IDS = ("a", "b", "c", "d", "e")
QUESTIONS = 10


# Quiz -----------------------------------------------------------------------------------------


def quiz(report: Report, path: Path, context: Context) -> Shape:
    data = report.read_yaml(path)
    if data is None or not report.keys(path, data, {"questions"}, set(), "quiz"):
        return {}
    questions = data["questions"]
    if not isinstance(questions, LineList):
        report.error(path, data.line_of("questions"), "questions must be a list")
        return {}
    if len(questions) != QUESTIONS:
        message = f"a quiz has exactly {QUESTIONS} questions, not {len(questions)}"
        report.error(path, data.line_of("questions"), message)
    shape: Shape = {"question id": Ids(questions.line)}
    for question in questions:
        qid = question.get("id") if isinstance(question, LineDict) else None
        what = "question" if qid is None else f"question '{qid}'"
        required = QUESTION_KEYS | ({"lesson"} if report.strict else set())
        if not report.keys(path, question, required, {"lesson"}, what) and qid is None:
            continue
        line = question.line_of("id")
        if not isinstance(qid, str) or not SLUG.match(qid):
            report.error(path, line, f"question id '{qid}' may use only a-z, 0-9 and hyphens")
            continue
        if qid in shape["question id"].values:
            report.error(path, line, f"duplicate question id '{qid}'")
            continue
        shape["question id"].items.append((qid, line))
        report.text(path, question, "text", what)
        report.text(path, question, "explanation", what)
        if "section" in question:
            section, line = question["section"], question.line_of("section")
            if context.sections is not None and section not in context.sections:
                message = f"{what}: section '{section}' is not a section of this module"
                report.error(path, line, message)
            shape[f"{what}: section"] = Ids(line, [(str(section), line)], single=True)
        if "lesson" in question:
            shape.update(_lesson(report, path, question, qid, context))
        if "options" in question:
            shape.update(_options(report, path, question, what))
    if report.strict:
        check_strict.quiz(report, path, data.line_of("questions"), questions)
    return shape


def _lesson(report: Report, path: Path, question: LineDict, qid: str, context: Context) -> Shape:
    """`m<module number>-<topic>`, the same in every language, one question per lesson."""
    lesson, line = question["lesson"], question.line_of("lesson")
    what = f"question '{qid}'"
    folder = MODULE_FOLDER.match(context.folder.name)
    number = int(folder.group(1)) if folder else 0
    match = LESSON.match(lesson) if isinstance(lesson, str) else None
    if match is None or int(match.group(1)) != number:
        message = f"{what}: lesson '{lesson}' must be m{number}-<topic>, like m{number}-break-even"
        report.error(path, line, message)
        return {}
    if context.language == SOURCE:
        here = f"question '{qid}' of {context.folder.name}"
        if lesson in context.lessons:
            message = f"{what}: lesson '{lesson}' is already tested by {context.lessons[lesson]}"
            report.error(path, line, message)
        else:
            context.lessons[lesson] = here
    return {f"{what}: lesson": Ids(line, [(lesson, line)], single=True)}


def _options(report: Report, path: Path, question: LineDict, what: str) -> Shape:
    options, line = question["options"], question.line_of("options")
    if not isinstance(options, LineList):
        report.error(path, line, f"{what}: options must be a list")
        return {}
    if not 3 <= len(options) <= 5:
        report.error(path, line, f"{what} needs 3 to 5 options, not {len(options)}")
    ids, correct = Ids(line), Ids(line, single=True)
    for option in options:
        oid = option.get("id") if isinstance(option, LineDict) else None
        label = f"{what}: option '{oid}'"
        if isinstance(option, LineDict) and "feedback" not in option:
            report.error(path, option.line, f"{label} has no feedback")
        optional = {"correct", "feedback"}  # no feedback has its own message, above
        if not report.keys(path, option, OPTION_KEYS - optional, optional, label) and oid is None:
            continue
        if oid not in OPTION_IDS:
            message = f"{label}: the id must be one of {', '.join(OPTION_IDS)}"
            report.error(path, option.line_of("id"), message)
        elif oid in ids.values:
            report.error(path, option.line_of("id"), f"{what}: duplicate option id '{oid}'")
        else:
            ids.items.append((oid, option.line_of("id")))
        report.text(path, option, "text", label)
        report.text(path, option, "feedback", label)
        if option.get("correct") is True:
            correct.items.append((str(oid), option.line_of("correct")))
        elif option.get("correct", False) is not False:
            report.error(path, option.line_of("correct"), f"{label}: correct must be true or false")
    if len(correct.items) != 1:
        message = f"{what} needs exactly one correct option, not {len(correct.items)}"
        report.error(path, line, message)
    return {f"{what}: option id": ids, f"{what}: correct option": correct}


# Books and logbook ----------------------------------------------------------------------------


def books(report: Report, path: Path, context: Context) -> Shape:
    data = report.read_yaml(path)
    if data is None or not report.keys(path, data, {"books"}, set(), "book list"):
        return {}
    if not isinstance(data["books"], LineList) or not data["books"]:
        report.error(path, data.line_of("books"), "books must be a list of at least one book")
        return {}
    this_year = date.today().year
    for book in data["books"]:
        if not isinstance(book, LineDict):
            report.keys(path, book, BOOK_KEYS, {"isbn", "lang"}, "book")
            continue
        what = f"book '{book['title']}'" if is_text(book.get("title")) else "book"
        report.keys(path, book, BOOK_KEYS, {"isbn", "lang"}, what)
        for key in ("title", "author", "why"):
            report.text(path, book, key, what)
        year = book.get("year", 2000)
        if not isinstance(year, int) or isinstance(year, bool) or not 1450 <= year <= this_year:
            report.error(path, book.line_of("year"), f"{what}: year must be a year like 2011")
        isbn, line = book.get("isbn", "9780307887894"), book.line_of("isbn")
        if not isinstance(isbn, str):
            report.error(path, line, f'{what}: isbn must be quoted, like "9780307887894"')
        elif not valid_isbn(isbn):
            report.error(path, line, f"{what}: isbn '{isbn}' is not a valid ISBN-10 or ISBN-13")
        _title_language(report, path, book, what, context.language)
    if report.strict:
        check_strict.count(report, path, data, "books", 3, 5)
    return {}


def _title_language(report: Report, path: Path, book: LineDict, what: str, language: str) -> None:
    """`lang:` names the language of a title in another language than the file (an English title
    on a Dutch list), so the page can mark it with `lang` for screen readers (WCAG 3.1.2)."""
    if "lang" not in book:
        return
    value, line = book["lang"], book.line_of("lang")
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2,3}", value):
        report.error(path, line, f"{what}: lang must be a language code like en or nl")
    elif value == language:
        report.error(
            path, line, f"{what}: lang is only for a title in another language than {language}"
        )


def valid_isbn(value: str) -> bool:
    """ISBN-10 or ISBN-13, digits only, with a correct check digit."""
    if re.fullmatch(r"\d{13}", value):
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(value)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", value):
        digits = [10 if d == "X" else int(d) for d in value]
        return sum(d * (10 - i) for i, d in enumerate(digits)) % 11 == 0
    return False


def logbook(report: Report, path: Path, context: Context) -> Shape:
    data = report.read_yaml(path)
    if data is None or not report.keys(path, data, {"assignments"}, set(), "logbook"):
        return {}
    assignments = data["assignments"]
    if not isinstance(assignments, LineList) or not assignments:
        message = "assignments must be a list of at least one assignment"
        report.error(path, data.line_of("assignments"), message)
        return {}
    keys = Ids(assignments.line)
    shape: Shape = {"assignment key": keys}
    for assignment in assignments:
        key = assignment.get("key") if isinstance(assignment, LineDict) else None
        what = "assignment" if key is None else f"assignment '{key}'"
        required = ASSIGNMENT_KEYS | ({"minutes"} if report.strict else set())
        required |= {"chapter"} if context.chapters is not None else set()
        optional = {"template", "minutes", "chapter"}
        if not report.keys(path, assignment, required, optional, what) and key is None:
            continue
        line = assignment.line_of("key")
        used_in = context.course_keys.get(key) if isinstance(key, str) else None
        if not isinstance(key, str) or not SLUG.match(key):
            report.error(path, line, f"assignment key '{key}' may use only a-z, 0-9 and hyphens")
        elif key in keys.values:
            report.error(path, line, f"duplicate assignment key '{key}'")
        elif used_in is not None and used_in != context.folder.name:
            report.error(path, line, f"assignment key '{key}' is already used in {used_in}")
        else:
            keys.items.append((key, line))
            if context.language == SOURCE:
                context.course_keys[key] = context.folder.name
        for field in ("title", "prompt", "guidance"):
            report.text(path, assignment, field, what)
        if "template" in assignment and not is_text(assignment["template"]):
            report.error(path, assignment.line_of("template"), f"{what}: 'template' must be text")
        if "minutes" in assignment:
            minutes, line = assignment["minutes"], assignment.line_of("minutes")
            if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
                report.error(path, line, f"{what}: minutes must be a whole number above 0")
            else:
                shape[f"{what}: minutes"] = Ids(line, [(str(minutes), line)], single=True)
        if "chapter" in assignment:
            _chapter(report, path, assignment, what, context, shape)
    if report.strict:
        check_strict.count(report, path, data, "assignments", 3, 6)
    return shape


def _chapter(
    report: Report, path: Path, assignment: LineDict, what: str, context: Context, shape: Shape
) -> None:
    """The plan chapter an assignment feeds: one that course.yml declares."""
    chapter, line = assignment["chapter"], assignment.line_of("chapter")
    if context.chapters is None:
        message = f"{what}: chapter '{chapter}', but course.yml has no plan_chapters"
        report.error(path, line, message)
    elif chapter not in context.chapters:
        known = ", ".join(sorted(context.chapters))
        message = f"{what}: chapter '{chapter}' is not a plan chapter of course.yml ({known})"
        report.error(path, line, message)
    else:
        uses = context.chapter_uses.setdefault((context.language, context.folder.name), set())
        uses.add(chapter)
        shape[f"{what}: chapter"] = Ids(line, [(str(chapter), line)], single=True)
