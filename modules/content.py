"""Course content, loaded once at start-up into immutable objects and served from memory.

Layout and format: courses/README.md. Structure (ids, slugs, keys) is the same in every language;
texts are per language, and a missing translation falls back to English with `fallback=True`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import markdown

from . import yaml_lines

SOURCE = "en"
WORDS_PER_MINUTE = 150  # unhurried reading, in a second language for some
MODULE_FOLDER = re.compile(r"^(\d\d)-([a-z0-9][a-z0-9-]*)$")
SECTION_HEADING = re.compile(r"^## +(.+?)\s*(?:\{#([^}\s]+)\})?\s*$")
MARKDOWN_EXTENSIONS = [
    "tables",
    "attr_list",
    "def_list",
    "footnotes",
    "admonition",
    "toc",
    "sane_lists",
]


class ContentError(Exception):
    """Invalid content: the app does not start; the message lists every problem."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def render(source: str, section_slugs: frozenset[str] = frozenset()) -> str:
    """Course Markdown (trusted) to HTML; `#slug` links to a section become links to its page."""
    html = markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    for slug in section_slugs:
        html = html.replace(f'href="#{slug}"', f'href="{slug}"')
    return html


def promote_headings(html: str) -> str:
    """One level up (h3 becomes h2): for pages where the section's own title is the h1."""
    return re.sub(r"<(/?)h([3-6])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) - 1}", html)


def words(source: str) -> int:
    return len(re.findall(r"[\w'’-]+", source))


def minutes_for(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    html: str
    words: int

    @cached_property  # computed once, on first use
    def page_html(self) -> str:
        return promote_headings(self.html)

    @property
    def minutes(self) -> int:
        return minutes_for(self.words)


@dataclass(frozen=True)
class ModuleText:
    language: str
    fallback: bool
    title: str
    minutes: int
    objectives: tuple[str, ...]
    outcomes: tuple[str, ...]
    entrecomp: tuple[str, ...]
    intro_html: str
    sections: tuple[Section, ...]

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)


@dataclass(frozen=True)
class CaseText:
    language: str
    fallback: bool
    title: str
    summary: str
    html: str
    words: int

    @property
    def minutes(self) -> int:
        return minutes_for(self.words)

    @cached_property  # computed once, on first use
    def page_html(self) -> str:
        return promote_headings(self.html)


@dataclass(frozen=True, eq=False)
class CaseStudy:
    slug: str
    texts: dict[str, CaseText]

    def text(self, language: str) -> CaseText:
        return _pick(self.texts, language)


@dataclass(frozen=True)
class Book:
    title: str
    author: str
    year: int
    why: str
    isbn: str | None = None


@dataclass(frozen=True)
class BookList:
    language: str
    fallback: bool
    books: tuple[Book, ...]


@dataclass(frozen=True)
class Assignment:
    key: str
    title: str
    prompt: str
    guidance: str
    template: str | None
    module: str  # slug of the module it belongs to


@dataclass(frozen=True)
class AssignmentList:
    language: str
    fallback: bool
    assignments: tuple[Assignment, ...]

    def get(self, key: str) -> Assignment | None:
        return next((a for a in self.assignments if a.key == key), None)


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    explanation: str
    section: str | None

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def correct_option(self) -> Option:
        return next(o for o in self.options if o.correct)


@dataclass(frozen=True)
class Quiz:
    language: str
    fallback: bool
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True, eq=False)
class Module:
    slug: str
    number: int
    folder: str
    texts: dict[str, ModuleText]
    cases: tuple[CaseStudy, ...]
    book_lists: dict[str, BookList]
    assignment_lists: dict[str, AssignmentList]
    quizzes: dict[str, Quiz]

    def text(self, language: str) -> ModuleText:
        return _pick(self.texts, language)

    def books(self, language: str) -> BookList:
        return _pick(self.book_lists, language)

    def assignments(self, language: str) -> AssignmentList:
        return _pick(self.assignment_lists, language)

    def quiz(self, language: str) -> Quiz:
        return _pick(self.quizzes, language)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections in the source language: slugs and order are the same in every language."""
        return self.texts[SOURCE].sections

    def section(self, slug: str) -> Section | None:
        return self.texts[SOURCE].section(slug)

    def _neighbour(self, slug: str, step: int) -> Section | None:
        slugs = [s.slug for s in self.sections]
        if slug not in slugs:
            return None
        index = slugs.index(slug) + step
        return self.sections[index] if 0 <= index < len(slugs) else None

    def next_section(self, slug: str) -> Section | None:
        return self._neighbour(slug, 1)

    def previous_section(self, slug: str) -> Section | None:
        return self._neighbour(slug, -1)

    def section_number(self, slug: str) -> int:
        return [s.slug for s in self.sections].index(slug) + 1

    def case(self, slug: str) -> CaseStudy | None:
        return next((c for c in self.cases if c.slug == slug), None)


@dataclass(frozen=True, eq=False)
class Course:
    slug: str
    titles: dict[str, str]
    summaries: dict[str, str]
    languages: tuple[str, ...]
    modules: tuple[Module, ...]

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[SOURCE]

    def summary(self, language: str) -> str:
        return self.summaries.get(language) or self.summaries[SOURCE]

    def module(self, slug: str) -> Module | None:
        return next((m for m in self.modules if m.slug == slug), None)

    def assignments(self, language: str) -> tuple[Assignment, ...]:
        """Every logbook assignment of the course, in module order."""
        return tuple(a for m in self.modules for a in m.assignments(language).assignments)

    @property
    def minutes(self) -> int:
        return sum(m.texts[SOURCE].minutes for m in self.modules)


@dataclass(frozen=True)
class Catalogue:
    courses: tuple[Course, ...] = field(default_factory=tuple)

    def course(self, slug: str) -> Course | None:
        return next((c for c in self.courses if c.slug == slug), None)


def _pick(texts: dict, language: str):
    if language in texts:
        return texts[language]
    from dataclasses import replace

    return replace(texts[SOURCE], fallback=True)


# Loading --------------------------------------------------------------------------------------


def load_catalogue(root: Path) -> Catalogue:
    """Validate, then load every course under `root`; raise ContentError on any error."""
    from .checks import check_catalogue

    problems = [p for p in check_catalogue(root) if p.level == "error"]
    if problems:
        raise ContentError(problems)
    courses = []
    for folder in sorted(p for p in root.iterdir() if (p / "course.yml").is_file()):
        courses.append(_load_course(folder))
    return Catalogue(tuple(courses))


def _read_yaml(path: Path):
    return yaml_lines.load(path.read_text(encoding="utf-8"))


def _load_course(folder: Path) -> Course:
    data = _read_yaml(folder / "course.yml")
    languages = tuple(data["languages"])
    modules = tuple(_load_module(folder / name, languages) for name in data["modules"])
    return Course(
        slug=data["slug"],
        titles=dict(data["title"]),
        summaries={k: v.strip() for k, v in data["summary"].items()},
        languages=languages,
        modules=modules,
    )


def split_sections(body: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(introduction, [(slug, title, markdown)]) from a module body."""
    intro: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    for line in body.split("\n"):
        heading = SECTION_HEADING.match(line)
        if heading:
            sections.append((heading.group(2) or "", heading.group(1).strip(), []))
        elif sections:
            sections[-1][2].append(line)
        else:
            intro.append(line)
    return "\n".join(intro), [(s, t, "\n".join(lines)) for s, t, lines in sections]


def _load_module(folder: Path, languages: tuple[str, ...]) -> Module:
    number, slug = MODULE_FOLDER.match(folder.name).groups()
    texts: dict[str, ModuleText] = {}
    for language in languages:
        path = folder / f"module.{language}.md"
        if path.is_file():
            texts[language] = _module_text(path, language)
    case_slugs = sorted({p.name.split(".")[0] for p in (folder / "cases").glob("*.md")})
    cases = tuple(
        CaseStudy(
            s,
            {
                lang: _case_text(folder / "cases" / f"{s}.{lang}.md", lang)
                for lang in languages
                if (folder / "cases" / f"{s}.{lang}.md").is_file()
            },
        )
        for s in case_slugs
    )
    return Module(
        slug=slug,
        number=int(number),
        folder=folder.name,
        texts=texts,
        cases=cases,
        book_lists=_per_language(folder, "books", languages, _book_list),
        assignment_lists=_per_language(
            folder, "logbook", languages, lambda d, lang: _assignments(d, lang, slug)
        ),
        quizzes=_per_language(folder, "quiz", languages, _quiz),
    )


def _per_language(folder: Path, name: str, languages, build) -> dict:
    found = {}
    for language in languages:
        path = folder / f"{name}.{language}.yml"
        if path.is_file():
            found[language] = build(_read_yaml(path), language)
    return found


def _module_text(path: Path, language: str) -> ModuleText:
    front, body, _ = yaml_lines.split_front_matter(path.read_text(encoding="utf-8"))
    meta = yaml_lines.load(front)
    intro, parts = split_sections(body)
    slugs = frozenset(slug for slug, _, _ in parts)
    return ModuleText(
        language=language,
        fallback=False,
        title=meta["title"],
        minutes=int(meta["minutes"]),
        objectives=tuple(meta["objectives"]),
        outcomes=tuple(meta["outcomes"]),
        entrecomp=tuple(str(code) for code in meta["entrecomp"]),
        intro_html=render(intro, slugs),
        sections=tuple(
            Section(slug, title, render(source, slugs), words(source))
            for slug, title, source in parts
        ),
    )


def _case_text(path: Path, language: str) -> CaseText:
    front, body, _ = yaml_lines.split_front_matter(path.read_text(encoding="utf-8"))
    meta = yaml_lines.load(front)
    return CaseText(language, False, meta["title"], meta["summary"], render(body), words(body))


def _book_list(data, language: str) -> BookList:
    return BookList(
        language,
        False,
        tuple(
            Book(
                b["title"],
                b["author"],
                int(b["year"]),
                b["why"].strip(),
                str(b["isbn"]) if b.get("isbn") else None,
            )
            for b in data["books"]
        ),
    )


def _assignments(data, language: str, module_slug: str) -> AssignmentList:
    return AssignmentList(
        language,
        False,
        tuple(
            Assignment(
                a["key"],
                a["title"],
                a["prompt"].strip(),
                a["guidance"].strip(),
                a.get("template"),
                module_slug,
            )
            for a in data["assignments"]
        ),
    )


def _quiz(data, language: str) -> Quiz:
    return Quiz(
        language,
        False,
        tuple(
            Question(
                id=q["id"],
                text=q["text"].strip(),
                options=tuple(
                    Option(
                        str(o["id"]),
                        o["text"].strip(),
                        o["feedback"].strip(),
                        bool(o.get("correct", False)),
                    )
                    for o in q["options"]
                ),
                explanation=q["explanation"].strip(),
                section=q.get("section"),
            )
            for q in data["questions"]
        ),
    )
