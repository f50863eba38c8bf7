"""The rules of courses/README.md, checked; shared by start-up and `flask courses check`.

`check_catalogue` reports every problem at once as `path:line: message`, the path relative to
the folder above the courses folder. A missing translation is a warning: the app shows English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from . import check_chapters, check_glossary, check_guide, check_markdown, check_people, check_yaml
from .check_report import Context, Ids, Problem, Report, Shape
from .markup import MODULE_FOLDER, SOURCE
from .yaml_lines import LineDict, LineList

LANGUAGE = re.compile(r"^[a-z]{2,3}$")
MODULE_FILE = re.compile(r"^(?:module|quiz|books|logbook)\.([^.]+)\.(?:md|yml)$")
COURSE_KEYS = {"slug", "title", "summary", "languages", "modules"}
KINDS: tuple[tuple[str, str, Callable[[Report, Path, Context], Shape]], ...] = (
    ("module", "md", check_markdown.module_file),
    ("quiz", "yml", check_yaml.quiz),
    ("books", "yml", check_yaml.books),
    ("logbook", "yml", check_yaml.logbook),
)


def check_catalogue(root: Path, strict: bool = False) -> list[Problem]:
    """Every problem in every course under `root`, grouped by file, in line order.

    `strict` adds the README's editorial ranges (4 to 6 sections, 3 to 5 books, boxes, case
    length, ...): for the real course, not for the tiny test course.
    """
    root = Path(root).resolve()
    report = Report(root.parent, strict)
    if not root.is_dir():
        report.error(root, 1, "no such folder")
    else:
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if (folder / "course.yml").is_file():
                check_course(report, folder)
            elif not folder.name.startswith((".", "_")):  # .git, __pycache__: not courses
                report.error(folder, 1, "course.yml is missing: every course folder needs one")
    return report.in_file_order()


def check_course(report: Report, folder: Path) -> None:
    path = folder / "course.yml"
    data = report.read_yaml(path)
    if data is None or not report.keys(path, data, COURSE_KEYS, {"plan_chapters"}, "course"):
        return
    if data["slug"] != folder.name:
        message = f"course: slug '{data['slug']}' must be the folder name '{folder.name}'"
        report.error(path, data.line_of("slug"), message)
    languages = _languages(report, path, data)
    for key in ("title", "summary"):
        _per_language_text(report, path, data, key, languages)
    modules = data["modules"]
    if not isinstance(modules, LineList) or not modules:
        report.error(path, data.line_of("modules"), "course: modules must list module folders")
        return
    slugs: dict[str, str] = {}
    # What a module's check learns for the next: assignment keys, lessons, guide sections.
    shared = Context(folder, SOURCE, None, frozenset(), {}, {}, None, folder.name)
    guide = check_guide.guide(report, shared, languages)
    shared = replace(shared, guide_sections=guide or None)
    chapters = None
    if "plan_chapters" in data:
        chapters = check_chapters.declared(report, path, data, languages)
        shared = replace(shared, chapters=frozenset(chapters))
    checked: list[Path] = []
    people: dict[str, check_people.Person] = {}
    for index, name in enumerate(modules):
        line = modules.line_at(index)
        match = MODULE_FOLDER.match(name) if isinstance(name, str) else None
        if match is None:
            report.error(path, line, f"module '{name}' must be a folder name like 01-first-steps")
        elif name in modules[:index]:
            report.error(path, line, f"module '{name}' is listed twice")
        elif match.group(2) in slugs:
            other = slugs[match.group(2)]
            report.error(path, line, f"module '{name}' has the same slug as '{other}'")
        elif not (folder / name).is_dir():
            report.error(path, line, f"module '{name}' has no folder")
        elif not (folder / name / f"module.{SOURCE}.md").is_file():
            report.error(path, line, f"module '{name}' has no module.{SOURCE}.md")
        else:
            slugs[match.group(2)] = name
            check_module(report, folder / name, languages, shared, people)
            checked.append(folder / name)
    if chapters and len(checked) == len(modules):  # a module not checked: coverage only echoes
        check_chapters.covered(report, path, chapters, checked, languages, shared)
    if report.strict:
        check_glossary.glossary(report, folder, languages)


def _languages(report: Report, path: Path, data: LineDict) -> list[str]:
    """The course's languages, English first; after an error, the codes that can be used."""
    languages, line = data["languages"], data.line_of("languages")
    if not isinstance(languages, list):
        report.error(path, line, "course: languages must be a list like [en, nl]")
        return [SOURCE]
    if SOURCE not in languages:
        report.error(path, line, f"course: languages must include '{SOURCE}'")
    usable: list[str] = []
    for code in languages:
        if not isinstance(code, str) or not LANGUAGE.match(code):
            report.error(path, line, f"course: language '{code}' must be a code like 'nl'")
        elif code in usable:
            report.error(path, line, f"course: language '{code}' is listed twice")
        else:
            usable.append(code)
    return [SOURCE, *(code for code in usable if code != SOURCE)]


def _per_language_text(
    report: Report, path: Path, data: LineDict, key: str, languages: list[str]
) -> None:
    texts, line = data[key], data.line_of(key)
    if not isinstance(texts, LineDict):
        report.error(path, line, f"course: {key} must give a text per language: {{en: ...}}")
        return
    if SOURCE not in texts:
        report.error(path, line, f"course: {key} needs an '{SOURCE}' text")
    for language in texts.keys() - set(languages):
        message = f"course: {key}: '{language}' is not one of the languages"
        report.error(path, texts.line_of(language), message)
    for language in languages:
        if language in texts:
            report.text(path, texts, language, f"course: {key}")
        elif language != SOURCE:
            report.warn(path, line, f"no {language} translation of the course {key}")


def check_module(
    report: Report,
    folder: Path,
    languages: list[str],
    course: Context,
    people: dict[str, check_people.Person],
) -> None:
    """Each file of the module in each language, then what must be the same in every language.

    `course` carries what the modules share (assignment keys, lessons, the guide's sections);
    `people` the register of named people so far."""
    _files_in_unknown_languages(report, folder, languages)
    cases = {p.name.split(".")[0] for p in folder.glob(f"cases/*.{SOURCE}.md")}
    context = replace(course, folder=folder, sections=frozenset(), cases=frozenset(cases))
    for kind, extension, check in KINDS:
        english = folder / f"{kind}.{SOURCE}.{extension}"
        if not english.is_file():
            report.error(folder / f"module.{SOURCE}.md", 1, f"{english.name} is missing")
        shapes: dict[str, Shape] = {}
        for language in languages:  # English first
            path = folder / f"{kind}.{language}.{extension}"
            if not path.is_file():
                if language != SOURCE and english.is_file():
                    message = f"no {language} translation: {path.name} is missing"
                    report.warn(english, 1, message)
                continue
            before = len(report.problems)
            shapes[language] = check(report, path, context.speaking(language))
            if kind == "module" and language == SOURCE:
                context = context.with_sections(shapes[SOURCE])
            elif language == SOURCE and len(report.problems) > before:
                del shapes[SOURCE]  # translations compared with a broken file: only echoes
        compare_translations(report, folder, f"{kind}.{{}}.{extension}", shapes)
    check_markdown.cases(report, context, languages)
    check_people.register(report, context, languages, people)


def _files_in_unknown_languages(report: Report, folder: Path, languages: list[str]) -> None:
    for path in sorted(folder.iterdir()):
        match = MODULE_FILE.match(path.name)
        if match and match.group(1) not in languages:
            message = f"language '{match.group(1)}' is not in the languages of course.yml"
            report.error(path, 1, message)


def compare_translations(
    report: Report, folder: Path, pattern: str, shapes: dict[str, Shape]
) -> None:
    """Slugs, ids and keys of every translation against the English file, each at its line."""
    source = shapes.get(SOURCE)
    if source is None:
        return
    source_name = pattern.format(SOURCE)
    for language, shape in shapes.items():
        if language == SOURCE:
            continue
        path = folder / pattern.format(language)
        for kind, english in source.items():
            if kind in shape:
                for line, message in _differences(kind, english, shape[kind], source_name):
                    report.error(path, line, message)


def _differences(kind: str, english: Ids, here: Ids, source: str) -> Iterable[tuple[int, str]]:
    theirs, mine = english.values, here.values
    if theirs == mine:
        return
    if english.single:  # a wrong count is reported with the file itself
        if len(theirs) == len(mine) == 1:
            yield here.items[0][1], f"{kind} is '{mine[0]}', but '{theirs[0]}' in {source}"
        return
    renamed = {
        i
        for i, (a, b) in enumerate(zip(theirs, mine, strict=False))
        if b not in theirs and a not in mine and len(theirs) == len(mine)
    }
    for i in sorted(renamed):
        yield here.items[i][1], f"{kind} '{mine[i]}' is '{theirs[i]}' in {source}"
    extra = [
        (v, line) for i, (v, line) in enumerate(here.items) if v not in theirs and i not in renamed
    ]
    missing = [v for i, v in enumerate(theirs) if v not in mine and i not in renamed]
    for value, line in extra:
        yield line, f"{kind} '{value}' is not in {source}"
    for value in missing:
        yield here.line, f"{kind} '{value}' of {source} is missing"
    if not renamed and not extra and not missing and len(set(mine)) == len(theirs):
        first = next(i for i, (a, b) in enumerate(zip(theirs, mine, strict=True)) if a != b)
        yield here.items[first][1], f"{kind}s are not in the same order as in {source}"


__all__ = ["Problem", "check_catalogue"]
