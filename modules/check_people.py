"""The register of named people, `people.yml` per module: who is who, in the whole course.

The file is a list (or a `people:` key holding the list) of
`{name, age, place, trade, role, where}`. Its shape is checked whenever the file is there;
with --strict, every module has one, each name occurs where the register says, a name is one
person in the whole course, and every case study has a protagonist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yaml_lines
from .check_report import Context, Report, is_text
from .markup import SOURCE
from .yaml_lines import LineDict, LineList

PEOPLE_FILE = "people.yml"
PERSON_KEYS = {"name", "age", "place", "trade", "role", "where"}
ROLES = ("protagonist", "mentor", "other")
MODULE_TEXT = "module"  # `where` for the module text; any other value is a case slug


@dataclass(frozen=True)
class Person:
    name: str
    age: int
    place: str
    trade: str
    role: str
    where: str
    folder: str  # the module's folder
    line: int

    @property
    def who(self) -> str:
        return f"{self.age}, {self.place}, {self.trade}"


def register(
    report: Report, context: Context, languages: list[str], course_people: dict[str, Person]
) -> None:
    path = context.folder / PEOPLE_FILE
    if not path.is_file():
        if report.strict:
            message = f"{PEOPLE_FILE} is missing: every module lists the people it names"
            report.error(context.folder / f"module.{SOURCE}.md", 1, message)
        return
    people = _read(report, path, context)
    if people is None or not report.strict:
        return
    for person in people:
        for file in _files(context.folder, person.where, languages):
            if not re.search(rf"(?<!\w){re.escape(person.name)}(?!\w)", _text(file)):
                message = f"people: '{person.name}' does not occur in {file.name}"
                report.error(path, person.line, message)
        known = course_people.get(person.name)
        if known is None:
            course_people[person.name] = person
        elif known.who != person.who:
            message = (
                f"people: '{person.name}' is already someone else in {known.folder} "
                f"({known.who}): give one of them another name"
            )
            report.error(path, person.line, message)
    heroes = {p.where for p in people if p.role == "protagonist"}
    for case in sorted(context.cases - heroes):
        report.error(path, 1, f"people: case '{case}' has no protagonist in the register")


def _read(report: Report, path: Path, context: Context) -> list[Person] | None:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml_lines.load(text)
    except (OSError, UnicodeDecodeError) as error:
        report.error(path, 1, f"cannot read file: {error}")
        return None
    except yaml.YAMLError as error:
        message = f"cannot read YAML: {yaml_lines.error_text(error)}"
        report.error(path, yaml_lines.error_line(error), message)
        return None
    if isinstance(data, LineDict) and set(data) == {"people"}:
        data = data["people"]
    if not isinstance(data, LineList):
        report.error(path, 1, "people: write a list of people, each {name, age, place, ...}")
        return None
    people: list[Person] = []
    for index, entry in enumerate(data):
        if not isinstance(entry, LineDict):
            report.error(path, data.line_at(index), "person must be a mapping of keys")
            continue
        person = _person(report, path, entry, context)
        if person is not None:
            people.append(person)
    return people


def _person(report: Report, path: Path, entry: LineDict, context: Context) -> Person | None:
    name = entry.get("name")
    what = f"person '{name}'" if is_text(name) else "person"
    if not report.keys(path, entry, PERSON_KEYS, set(), what):
        return None
    ok = True
    for key in ("name", "place", "trade"):
        if not is_text(entry[key]):
            report.error(path, entry.line_of(key), f"{what}: '{key}' must be text")
            ok = False
    age = entry["age"]
    if not isinstance(age, int) or isinstance(age, bool) or not 16 <= age <= 110:
        report.error(path, entry.line_of("age"), f"{what}: age must be a whole number of years")
        ok = False
    if entry["role"] not in ROLES:
        message = f"{what}: role must be one of {', '.join(ROLES)}"
        report.error(path, entry.line_of("role"), message)
        ok = False
    where = entry["where"]
    if not isinstance(where, str) or (where != MODULE_TEXT and where not in context.cases):
        message = f"{what}: where must be '{MODULE_TEXT}' or a case slug of this module"
        report.error(path, entry.line_of("where"), message)
        ok = False
    if not ok:
        return None
    place, trade = entry["place"].strip(), entry["trade"].strip()
    return Person(
        name.strip(), age, place, trade, entry["role"], where, context.folder.name, entry.line
    )


def _files(folder: Path, where: str, languages: list[str]) -> list[Path]:
    """The files, in every language there is, that the register says name the person."""
    pattern = "module.{}.md" if where == MODULE_TEXT else f"cases/{where}.{{}}.md"
    return [
        folder / pattern.format(lang)
        for lang in languages
        if (folder / pattern.format(lang)).is_file()
    ]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # reported with the file itself
