"""Every rule course content must follow; shared by start-up and `flask courses check`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yaml_lines
from .content import MODULE_FOLDER, SECTION_HEADING, SOURCE

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ENTRECOMP = re.compile(r"^[1-3]\.[1-5]$")
RESERVED_SECTIONS = {"books", "print", "quiz", "cases"}
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = ("http://", "https://", "mailto:", "tel:")

COURSE_KEYS = ({"slug", "title", "summary", "languages", "modules"}, set())
MODULE_KEYS = ({"title", "minutes", "objectives", "outcomes", "entrecomp"}, set())
CASE_KEYS = ({"title", "summary"}, set())
QUESTION_KEYS = ({"id", "text", "options", "explanation"}, {"section"})
OPTION_KEYS = ({"id", "text", "feedback"}, {"correct"})
BOOK_KEYS = ({"title", "author", "year", "why"}, {"isbn"})
ASSIGNMENT_KEYS = ({"key", "title", "prompt", "guidance"}, {"template"})


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class Checker:
    def __init__(self, root: Path):
        self.root = root
        self.base = root.parent
        self.problems: list[Problem] = []

    def error(self, path: Path, line: int, message: str, level: str = "error") -> None:
        self.problems.append(Problem(str(path.relative_to(self.base)), line, message, level))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.error(path, line, message, "warning")

    # Reading ----------------------------------------------------------------------------------

    def yaml(self, path: Path):
        try:
            return yaml_lines.load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or "not valid YAML"
            self.error(path, yaml_lines.error_line(error), f"cannot read YAML: {problem}")
        except (OSError, UnicodeDecodeError) as error:
            self.error(path, 1, f"cannot read file: {error}")
        return None

    def front_matter(self, path: Path):
        """(meta, body, body start line) or None after reporting why."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.error(path, 1, f"cannot read file: {error}")
            return None
        front, body, start = yaml_lines.split_front_matter(text)
        if front is None:
            self.error(path, 1, "front matter missing: start the file with a line '---'")
            return None
        try:
            meta = yaml_lines.load(front)
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or "not valid YAML"
            line = yaml_lines.error_line(error) + 1
            self.error(path, line, f"cannot read front matter: {problem}")
            return None
        if not isinstance(meta, dict):
            self.error(path, 2, "front matter must be a mapping of keys")
            return None
        # Front matter lines count from the '---' line.
        meta.key_lines = {k: v + 1 for k, v in meta.key_lines.items()}
        meta.line += 1
        return meta, body, start

    def keys(self, path: Path, data, allowed: tuple[set, set], what: str) -> bool:
        if not isinstance(data, dict):
            self.error(path, getattr(data, "line", 1), f"{what} must be a mapping of keys")
            return False
        required, optional = allowed
        for key in sorted(required - data.keys()):
            self.error(path, data.line, f"{what}: missing key '{key}'")
        for key in data.keys() - required - optional:
            self.error(path, data.line_of(key), f"{what}: unknown key '{key}'")
        return required <= data.keys()

    def text(self, path: Path, data, key: str, what: str) -> None:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.error(path, data.line_of(key), f"{what}: '{key}' must be text")

    # Courses ----------------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        if not self.root.is_dir():
            self.problems.append(Problem(str(self.root), 1, "no such folder"))
            return self.problems
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if (folder / "course.yml").is_file():
                self.course(folder)
        return self.problems

    def course(self, folder: Path) -> None:
        path = folder / "course.yml"
        data = self.yaml(path)
        if data is None or not self.keys(path, data, COURSE_KEYS, "course"):
            return
        if data["slug"] != folder.name:
            self.error(
                path,
                data.line_of("slug"),
                f"slug '{data['slug']}' must be the folder name '{folder.name}'",
            )
        languages = data["languages"]
        if not isinstance(languages, list) or SOURCE not in languages:
            self.error(
                path, data.line_of("languages"), "languages must be a list that includes 'en'"
            )
            languages = [SOURCE]
        for key in ("title", "summary"):
            if not isinstance(data[key], dict) or SOURCE not in data[key]:
                self.error(path, data.line_of(key), f"{key} needs an 'en' text")
        modules = data["modules"] if isinstance(data["modules"], list) else []
        if not modules:
            self.error(
                path, data.line_of("modules"), "modules must list at least one module folder"
            )
        seen: set[str] = set()
        keys: dict[str, Path] = {}
        for index, name in enumerate(modules):
            line = modules.line + index
            if name in seen:
                self.error(path, line, f"module '{name}' is listed twice")
                continue
            seen.add(name)
            if not isinstance(name, str) or not MODULE_FOLDER.match(name):
                self.error(path, line, f"module '{name}' must be a folder name like 01-first-steps")
            elif not (folder / name).is_dir():
                self.error(path, line, f"module '{name}' has no folder")
            elif not (folder / name / "module.en.md").is_file():
                self.error(path, line, f"module '{name}' has no module.en.md")
            else:
                self.module(folder / name, languages, keys)

    # Modules ----------------------------------------------------------------------------------

    def module(self, folder: Path, languages: list[str], course_keys: dict[str, Path]) -> None:
        structure: dict[str, dict] = {}
        for language in languages:
            path = folder / f"module.{language}.md"
            if not path.is_file():
                self.warn(
                    folder / f"module.{SOURCE}.md",
                    1,
                    f"no {language} translation: module.{language}.md is missing",
                )
                continue
            structure[language] = self.module_file(path)
        sections = structure.get(SOURCE, {}).get("sections", [])
        self.same_as_source(folder, "module.{}.md", structure, "sections", "section slugs")
        self.cases(folder, languages)
        for name, check in (("quiz", self.quiz), ("books", self.books), ("logbook", self.logbook)):
            found: dict[str, dict] = {}
            for language in languages:
                path = folder / f"{name}.{language}.yml"
                if not path.is_file():
                    if language == SOURCE:
                        self.error(
                            folder / f"module.{SOURCE}.md", 1, f"{name}.{SOURCE}.yml is missing"
                        )
                    else:
                        self.warn(
                            folder / f"{name}.{SOURCE}.yml",
                            1,
                            f"no {language} translation: {name}.{language}.yml is missing",
                        )
                    continue
                found[language] = check(path, set(sections), course_keys) or {}
            for key, what in (
                ("ids", "question ids"),
                ("options", "option ids"),
                ("correct", "correct options"),
                ("qsections", "question sections"),
                ("keys", "assignment keys"),
            ):
                self.same_as_source(folder, name + ".{}.yml", found, key, what)

    def module_file(self, path: Path) -> dict:
        parsed = self.front_matter(path)
        if parsed is None:
            return {}
        meta, body, start = parsed
        if self.keys(path, meta, MODULE_KEYS, "front matter"):
            self.text(path, meta, "title", "front matter")
            if (
                not isinstance(meta["minutes"], int)
                or isinstance(meta["minutes"], bool)
                or meta["minutes"] < 1
            ):
                self.error(path, meta.line_of("minutes"), "minutes must be a whole number above 0")
            for key in ("objectives", "outcomes"):
                if (
                    not isinstance(meta[key], list)
                    or not meta[key]
                    or not all(isinstance(x, str) for x in meta[key])
                ):
                    self.error(path, meta.line_of(key), f"{key} must be a list of texts")
            codes = meta["entrecomp"]
            if not isinstance(codes, list) or not all(
                isinstance(c, str) and ENTRECOMP.match(c) for c in codes
            ):
                self.error(
                    path,
                    meta.line_of("entrecomp"),
                    'entrecomp must be a list of quoted codes like "2.1"',
                )
        slugs: list[str] = []
        for offset, line in enumerate(body.split("\n")):
            heading = SECTION_HEADING.match(line)
            if not heading:
                continue
            slug = heading.group(2)
            where = start + offset
            if not slug:
                self.error(path, where, "section heading needs a slug: end it with {#some-slug}")
            elif not SLUG.match(slug):
                self.error(path, where, f"section slug '{slug}' may use only a-z, 0-9 and hyphens")
            elif slug in RESERVED_SECTIONS:
                self.error(path, where, f"section slug '{slug}' is reserved for a page of its own")
            elif slug in slugs:
                self.error(path, where, f"duplicate section slug '{slug}'")
            else:
                slugs.append(slug)
        if not slugs:
            self.error(path, start, "the module needs at least one '## ' section")
        self.links(path, body, start, set(slugs), path.parent)
        return {"sections": slugs}

    def links(self, path: Path, body: str, start: int, sections: set[str], folder: Path) -> None:
        cases = {p.name.split(".")[0] for p in (folder / "cases").glob("*.md")}
        for offset, line in enumerate(body.split("\n")):
            for target in LINK.findall(line):
                if target.startswith(EXTERNAL):
                    continue
                if target.startswith("#"):
                    ok = target[1:] in sections
                elif target.startswith("cases/"):
                    ok = target.removeprefix("cases/") in cases
                else:
                    ok = target in sections or (folder / target).exists()
                if not ok:
                    self.error(path, start + offset, f"link or image points nowhere: {target}")

    def cases(self, folder: Path, languages: list[str]) -> set[str]:
        by_language: dict[str, set[str]] = {lang: set() for lang in languages}
        for path in sorted((folder / "cases").glob("*.md")):
            parts = path.name.split(".")
            if len(parts) != 3 or parts[1] not in languages or not SLUG.match(parts[0]):
                self.error(path, 1, "a case study file is named <case-slug>.<language>.md")
                continue
            by_language[parts[1]].add(parts[0])
            parsed = self.front_matter(path)
            if parsed is None:
                continue
            meta, body, start = parsed
            if self.keys(path, meta, CASE_KEYS, "case study"):
                self.text(path, meta, "title", "case study")
                self.text(path, meta, "summary", "case study")
            self.links(path, body, start, set(), folder)
        source = by_language.get(SOURCE, set())
        for language, slugs in by_language.items():
            for slug in sorted(slugs - source):
                self.error(
                    folder / "cases" / f"{slug}.{language}.md",
                    1,
                    f"case '{slug}' has no {SOURCE} version",
                )
            if language != SOURCE:
                for slug in sorted(source - slugs):
                    self.warn(
                        folder / "cases" / f"{slug}.{SOURCE}.md",
                        1,
                        f"no {language} translation: cases/{slug}.{language}.md is missing",
                    )
        return source

    def same_as_source(
        self, folder: Path, pattern: str, found: dict[str, dict], key: str, what: str
    ) -> None:
        source = found.get(SOURCE, {}).get(key)
        if source is None:
            return
        for language, data in found.items():
            if language != SOURCE and key in data and data[key] != source:
                self.error(
                    folder / pattern.format(language),
                    1,
                    f"{what} differ from {pattern.format(SOURCE)}",
                )

    # Quizzes, books, logbook -----------------------------------------------------------------

    def quiz(self, path: Path, sections: set[str], _keys) -> dict:
        data = self.yaml(path)
        if data is None or not self.keys(path, data, ({"questions"}, set()), "quiz"):
            return {}
        questions = data["questions"]
        if not isinstance(questions, list):
            self.error(path, data.line_of("questions"), "questions must be a list")
            return {}
        if len(questions) != 10:
            self.error(
                path,
                data.line_of("questions"),
                f"a quiz has exactly 10 questions, not {len(questions)}",
            )
        ids, options, correct, qsections = [], [], [], []
        for question in questions:
            if not self.keys(path, question, QUESTION_KEYS, "question"):
                continue
            qid = question["id"]
            if not isinstance(qid, str) or not SLUG.match(qid):
                self.error(
                    path,
                    question.line_of("id"),
                    f"question id '{qid}' may use only a-z, 0-9 and hyphens",
                )
            elif qid in ids:
                self.error(path, question.line_of("id"), f"duplicate question id '{qid}'")
            ids.append(qid)
            self.text(path, question, "text", f"question '{qid}'")
            self.text(path, question, "explanation", f"question '{qid}'")
            section = question.get("section")
            if section is not None and section not in sections:
                self.error(
                    path,
                    question.line_of("section"),
                    f"question '{qid}': section '{section}' is not a section of this module",
                )
            qsections.append(section)
            opts = question["options"]
            if not isinstance(opts, list) or not 3 <= len(opts) <= 5:
                count = len(opts) if isinstance(opts, list) else 0
                self.error(
                    path,
                    question.line_of("options"),
                    f"question '{qid}' needs 3 to 5 options, not {count}",
                )
                opts = opts if isinstance(opts, list) else []
            option_ids, right = [], []
            for option in opts:
                if not isinstance(option, dict):
                    self.error(path, opts.line, f"question '{qid}': each option is a mapping")
                    continue
                if "feedback" not in option:
                    self.error(
                        path,
                        option.line,
                        f"question '{qid}': option '{option.get('id')}' has no feedback",
                    )
                self.keys(
                    path,
                    option,
                    (OPTION_KEYS[0] - {"feedback"}, OPTION_KEYS[1] | {"feedback"}),
                    f"question '{qid}' option",
                )
                oid = str(option.get("id"))
                if oid in option_ids:
                    self.error(
                        path, option.line_of("id"), f"question '{qid}': duplicate option id '{oid}'"
                    )
                option_ids.append(oid)
                if option.get("correct") is True:
                    right.append(oid)
                elif option.get("correct") not in (None, False):
                    self.error(
                        path,
                        option.line_of("correct"),
                        f"question '{qid}': correct must be true or false",
                    )
            if len(right) != 1 and opts:
                self.error(
                    path,
                    question.line_of("options"),
                    f"question '{qid}' needs exactly one correct option, not {len(right)}",
                )
            options.append(option_ids)
            correct.append(right)
        return {"ids": ids, "options": options, "correct": correct, "qsections": qsections}

    def books(self, path: Path, _sections, _keys) -> dict:
        data = self.yaml(path)
        if data is None or not self.keys(path, data, ({"books"}, set()), "book list"):
            return {}
        if not isinstance(data["books"], list) or not data["books"]:
            self.error(path, data.line_of("books"), "books must be a list of at least one book")
            return {}
        for book in data["books"]:
            if self.keys(path, book, BOOK_KEYS, "book"):
                for key in ("title", "author", "why"):
                    self.text(path, book, key, "book")
                if not isinstance(book["year"], int) or not 1450 < book["year"] < 2100:
                    self.error(path, book.line_of("year"), "book: year must be a year like 2011")
        return {}

    def logbook(self, path: Path, _sections, course_keys: dict[str, Path]) -> dict:
        data = self.yaml(path)
        if data is None or not self.keys(path, data, ({"assignments"}, set()), "logbook"):
            return {}
        if not isinstance(data["assignments"], list) or not data["assignments"]:
            self.error(
                path,
                data.line_of("assignments"),
                "assignments must be a list of at least one assignment",
            )
            return {}
        keys = []
        language = path.name.split(".")[1]
        for assignment in data["assignments"]:
            if not self.keys(path, assignment, ASSIGNMENT_KEYS, "assignment"):
                continue
            key = assignment["key"]
            if not isinstance(key, str) or not SLUG.match(key):
                self.error(
                    path,
                    assignment.line_of("key"),
                    f"assignment key '{key}' may use only a-z, 0-9 and hyphens",
                )
            elif key in keys:
                self.error(path, assignment.line_of("key"), f"duplicate assignment key '{key}'")
            elif language == SOURCE and key in course_keys and course_keys[key] != path.parent:
                self.error(
                    path,
                    assignment.line_of("key"),
                    f"assignment key '{key}' is already used in {course_keys[key].name}",
                )
            if language == SOURCE:
                course_keys.setdefault(key, path.parent)
            keys.append(key)
            for field in ("title", "prompt", "guidance"):
                self.text(path, assignment, field, f"assignment '{key}'")
        return {"keys": keys}


def check_catalogue(root: Path) -> list[Problem]:
    """Every problem in every course under `root`, errors and warnings, in file order."""
    return Checker(root).run()
