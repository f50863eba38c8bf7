"""What the content checks share: the problems found so far, reading files, common rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import yaml

from . import yaml_lines
from .yaml_lines import LineDict

Level = Literal["error", "warning"]
CHECKED_MAX_DAYS = 365  # a dated rule is checked again every year
SECTION_SLUG = "section slug"  # the kind of id that quizzes and links refer to


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the folder above the courses folder: courses/<course>/...
    line: int  # 1-based
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass
class Ids:
    """Ids of one kind in one file, each with its line; `line` is where the list is."""

    line: int
    items: list[tuple[str, int]] = field(default_factory=list)
    single: bool = False  # one value, such as a question's correct option

    @property
    def values(self) -> list[str]:
        return [value for value, _ in self.items]


Shape = dict[str, Ids]  # what a translation must share with the English file, by kind


@dataclass(frozen=True)
class Context:
    """What checking one file of a module needs to know about the rest of the course."""

    folder: Path
    language: str
    sections: frozenset[str] | None  # section slugs of the English module text, None: unknown
    cases: frozenset[str]  # case slugs with an English file
    course_keys: dict[str, str]  # assignment key -> module folder, over the modules so far
    lessons: dict[str, str] = field(default_factory=dict)  # lesson id -> "question 'q' of <folder>"
    guide_sections: dict[str, frozenset[str]] | None = None  # per language; None: no guide
    course: str = ""  # the course's slug, for links to its pages
    chapters: frozenset[str] | None = None  # the plan chapters of course.yml; None: none declared
    # (language, module folder) -> the chapters its assignments feed, for the coverage check
    chapter_uses: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def speaking(self, language: str) -> Context:
        return replace(self, language=language)

    def with_sections(self, shape: Shape) -> Context:
        ids = shape.get(SECTION_SLUG)
        return replace(self, sections=frozenset(ids.values) if ids else None)


class Report:
    """Collects problems, with paths relative to `base`, the folder above the courses folder."""

    def __init__(self, base: Path, strict: bool = False) -> None:
        self.base = base
        self.strict = strict
        self.problems: list[Problem] = []

    def error(self, path: Path, line: int, message: str, level: Level = "error") -> None:
        where = path.relative_to(self.base) if path.is_relative_to(self.base) else path
        self.problems.append(Problem(where.as_posix(), line, message, level))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.error(path, line, message, "warning")

    def in_file_order(self) -> list[Problem]:
        """Grouped by file, files in the order first met, each file's problems by line."""
        first = {p.path: i for i, p in reversed(list(enumerate(self.problems)))}
        return sorted(self.problems, key=lambda p: (first[p.path], p.line))

    # Reading ----------------------------------------------------------------------------------

    def _read(self, path: Path) -> str | None:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.error(path, 1, f"cannot read file: {error}")
            return None

    def read_yaml(self, path: Path, text: str | None = None, offset: int = 0) -> Any:
        """The file's YAML with lines (LineDict, LineList), or None after saying why."""
        text = self._read(path) if text is None else text
        if text is None:
            return None
        what = "front matter" if offset else "YAML"
        try:
            data = yaml_lines.load(text, offset)
        except yaml.YAMLError as error:
            line = yaml_lines.error_line(error, offset)
            self.error(path, line, f"cannot read {what}: {yaml_lines.error_text(error)}")
            return None
        if not isinstance(data, LineDict):
            self.error(path, offset + 1, f"{what} must be a mapping of keys")
            return None
        return data

    def read_front_matter(self, path: Path) -> tuple[LineDict | None, str, int] | None:
        """(front matter, body, line where the body starts); the front matter is None when it
        cannot be read, the whole result None when the file cannot be read."""
        text = self._read(path)
        if text is None:
            return None
        front, body, start = yaml_lines.split_front_matter(text)
        if front is None:
            if text.startswith("---"):
                self.error(path, 1, "front matter has no closing line '---'")
            else:
                self.error(path, 1, "front matter missing: start the file with a line '---'")
            return None, body, start
        return self.read_yaml(path, front, offset=1), body, start

    # Rules for every mapping ------------------------------------------------------------------

    def keys(
        self, path: Path, data: Any, required: set[str], optional: set[str], what: str
    ) -> bool:
        """Report missing, unknown and repeated keys; True when every required key is there."""
        if not isinstance(data, LineDict):
            self.error(path, getattr(data, "line", 1), f"{what} must be a mapping of keys")
            return False
        for key in sorted(required - data.keys()):
            self.error(path, data.line, f"{what}: missing key '{key}'")
        for key in data.keys() - required - optional:
            self.error(path, data.line_of(key), f"{what}: unknown key '{key}'")
        for key, line in data.duplicates:
            self.error(path, line, f"{what}: key '{key}' is written twice")
        return required <= data.keys()

    def text(self, path: Path, data: LineDict, key: str, what: str) -> None:
        """A key that is there holds text (a missing key is reported by `keys`)."""
        value = data.get(key, "-")
        if not isinstance(value, str) or not value.strip():
            self.error(path, data.line_of(key), f"{what}: '{key}' must be text")

    def checked_date(self, path: Path, data: LineDict) -> None:
        """`checked:` says when the rules and figures of a file were last checked against the
        official sources: a date, not in the future; older than a year is a warning."""
        if "checked" not in data:
            return
        value, line = data["checked"], data.line_of("checked")
        today = date.today()
        if not isinstance(value, date) or isinstance(value, datetime):
            self.error(path, line, "checked must be a date like 2026-12-01")
        elif value > today:
            self.error(path, line, f"checked: {value.isoformat()} is in the future")
        elif (today - value).days > CHECKED_MAX_DAYS:
            message = (
                f"checked on {value.isoformat()}, more than a year ago: check the rules and "
                "figures against the official sources and update the date"
            )
            self.warn(path, line, message)


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
