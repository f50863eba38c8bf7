"""Course content: immutable objects, loaded and rendered once at start-up, served from memory.

The file format is courses/README.md. Structure (section slugs, case slugs, question and option
ids, assignment keys) is the same in every language; texts are per language. Asking for a
language without its own file gives the English text with `fallback=True`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from .markup import SOURCE, minutes_for

if TYPE_CHECKING:
    from .checks import Problem

__all__ = [
    "SOURCE",
    "Assignment",
    "AssignmentList",
    "Book",
    "BookList",
    "CaseStudy",
    "CaseText",
    "Catalogue",
    "ContentError",
    "Course",
    "GuideSection",
    "GuideText",
    "Module",
    "ModuleText",
    "Option",
    "PlanChapter",
    "Question",
    "Quiz",
    "Section",
    "load_catalogue",
]


class ContentError(Exception):
    """Invalid content: the app does not start. The message is every problem, one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Translated(Protocol):
    @property
    def fallback(self) -> bool: ...


T = TypeVar("T", bound=_Translated)


def _in_language(texts: Mapping[str, T], language: str) -> T:
    """The language's own texts, else the English ones marked as a fallback."""
    if language in texts:
        return texts[language]
    return replace(texts[SOURCE], fallback=True)  # type: ignore[type-var]


# Module text and sections ---------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    html: str  # links work from the module page and from the section's own page
    page_html: str  # the same, headings one level up, for the page where the title is the h1
    words: int

    @property
    def minutes(self) -> int:
        return minutes_for(self.words)


@dataclass(frozen=True)
class ModuleText:
    language: str
    fallback: bool
    title: str
    minutes: int  # the whole module, as the author estimates it
    objectives: tuple[str, ...]
    outcomes: tuple[str, ...]
    entrecomp: tuple[str, ...]
    intro_html: str
    sections: tuple[Section, ...]

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)


# Case studies, books, logbook assignments -----------------------------------------------------


@dataclass(frozen=True)
class CaseText:
    language: str
    fallback: bool
    title: str
    summary: str
    html: str  # links work from the module page (used on the print page)
    page_html: str  # links work from the case's own page, headings one level up
    words: int

    @property
    def minutes(self) -> int:
        return minutes_for(self.words)


@dataclass(frozen=True, eq=False)
class CaseStudy:
    slug: str
    texts: Mapping[str, CaseText]

    def text(self, language: str) -> CaseText:
        return _in_language(self.texts, language)


@dataclass(frozen=True)
class Book:
    title: str
    author: str
    year: int
    why: str
    isbn: str | None = None
    lang: str | None = None  # the title's language when not the list's (an English title in Dutch)


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
    minutes: int | None = None  # the author's honest estimate of the work; None: not given
    guidance_html: str = ""  # the guidance rendered (authors write numbered steps in Markdown)
    chapter: str | None = None  # key of the plan chapter it feeds; None: the course has none


@dataclass(frozen=True)
class AssignmentList:
    language: str
    fallback: bool
    assignments: tuple[Assignment, ...]

    def get(self, key: str) -> Assignment | None:
        return next((a for a in self.assignments if a.key == key), None)


# Quiz -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    section: str  # slug of the section that covers it
    text: str
    options: tuple[Option, ...]
    explanation: str

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


# Modules, courses, the catalogue --------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Module:
    slug: str  # the folder name without its "NN-"
    number: int
    folder: str
    texts: Mapping[str, ModuleText]
    cases: tuple[CaseStudy, ...]
    book_lists: Mapping[str, BookList]
    assignment_lists: Mapping[str, AssignmentList]
    quizzes: Mapping[str, Quiz]

    def text(self, language: str) -> ModuleText:
        return _in_language(self.texts, language)

    def books(self, language: str) -> BookList:
        return _in_language(self.book_lists, language)

    def assignments(self, language: str) -> AssignmentList:
        return _in_language(self.assignment_lists, language)

    def quiz(self, language: str) -> Quiz:
        return _in_language(self.quizzes, language)

    @property
    def logbook_minutes(self) -> int | None:
        """The logbook work of the module: the sum of its assignments' estimates, or None
        while any assignment has none (a total of some would say less than the work is)."""
        minutes = [a.minutes for a in self.assignment_lists[SOURCE].assignments]
        if not minutes or any(m is None for m in minutes):
            return None
        return sum(m for m in minutes if m is not None)

    @property
    def sections(self) -> tuple[Section, ...]:
        """Sections in English: slugs and order are the same in every language."""
        return self.texts[SOURCE].sections

    def section(self, slug: str) -> Section | None:
        return self.texts[SOURCE].section(slug)

    def section_number(self, slug: str) -> int:
        """1 for the first section; 0 for a slug that is not a section."""
        slugs = [s.slug for s in self.sections]
        return slugs.index(slug) + 1 if slug in slugs else 0

    def next_section(self, slug: str) -> Section | None:
        number = self.section_number(slug)
        return self.sections[number] if 0 < number < len(self.sections) else None

    def previous_section(self, slug: str) -> Section | None:
        number = self.section_number(slug)
        return self.sections[number - 2] if number > 1 else None

    def case(self, slug: str) -> CaseStudy | None:
        return next((c for c in self.cases if c.slug == slug), None)


# The "your situation" guide ------------------------------------------------------------------


@dataclass(frozen=True)
class GuideSection:
    slug: str
    title: str
    html: str


@dataclass(frozen=True)
class GuideText:
    """The course's guide to the rules of each starting situation, in one language."""

    language: str
    fallback: bool
    title: str
    summary: str
    checked: date | None  # when its rules and figures were last checked
    intro_html: str
    sections: tuple[GuideSection, ...]


@dataclass(frozen=True)
class PlanChapter:
    """A chapter of the business plan the logbook grows into, in the order lenders read it."""

    key: str
    titles: Mapping[str, str]

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[SOURCE]


@dataclass(frozen=True, eq=False)
class Course:
    slug: str
    titles: Mapping[str, str]
    summaries: Mapping[str, str]
    languages: tuple[str, ...]
    modules: tuple[Module, ...]  # in course order
    guides: Mapping[str, GuideText] = field(default_factory=dict)  # empty: no guide
    plan_chapters: tuple[PlanChapter, ...] = ()  # in plan order; empty: none declared

    def guide(self, language: str) -> GuideText | None:
        return _in_language(self.guides, language) if self.guides else None

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[SOURCE]

    def summary(self, language: str) -> str:
        return self.summaries.get(language) or self.summaries[SOURCE]

    def module(self, slug: str) -> Module | None:
        return next((m for m in self.modules if m.slug == slug), None)

    def assignments(self, language: str = SOURCE) -> tuple[Assignment, ...]:
        """Every logbook assignment of the course, in module order: the business plan's order."""
        return tuple(a for m in self.modules for a in m.assignments(language).assignments)

    def plan_chapter(self, key: str) -> PlanChapter | None:
        return next((c for c in self.plan_chapters if c.key == key), None)

    @property
    def minutes(self) -> int:
        """Reading and the self-assessments of every module."""
        return sum(m.texts[SOURCE].minutes for m in self.modules)

    @property
    def logbook_minutes(self) -> int | None:
        """Every module's logbook work, or None while any module's is not known."""
        minutes = [m.logbook_minutes for m in self.modules]
        return None if any(m is None for m in minutes) else sum(m for m in minutes if m)


@dataclass(frozen=True)
class Catalogue:
    courses: tuple[Course, ...] = ()

    def course(self, slug: str) -> Course | None:
        return next((c for c in self.courses if c.slug == slug), None)


def load_catalogue(root: Path) -> Catalogue:
    """Check, then load every course under `root`; raise ContentError if the check finds errors."""
    from .checks import check_catalogue  # the checker reads the shape rules of this package
    from .loading import load_course

    problems = check_catalogue(root)
    if any(p.level == "error" for p in problems):
        raise ContentError(problems)
    folders = sorted(p for p in Path(root).iterdir() if (p / "course.yml").is_file())
    return Catalogue(tuple(load_course(folder) for folder in folders))
