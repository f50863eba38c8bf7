"""Building the content objects from checked course files: no rule is checked here again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from . import yaml_lines
from .content import (
    Assignment,
    AssignmentList,
    Book,
    BookList,
    CaseStudy,
    CaseText,
    Course,
    GuideSection,
    GuideText,
    Module,
    ModuleText,
    Option,
    PlanChapter,
    Question,
    Quiz,
    Section,
)
from .markup import (
    MODULE_FOLDER,
    SOURCE,
    Renderer,
    count_words,
    from_cases_folder,
    guide_slug,
    promote_headings,
    relink,
    split_sections,
)

T = TypeVar("T")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
    front, body, _ = yaml_lines.split_front_matter(_read(path))
    return yaml_lines.load_plain(front or ""), body


def _text(value: Any) -> str:
    return str(value).strip()


def load_course(folder: Path) -> Course:
    data = yaml_lines.load_plain(_read(folder / "course.yml"))
    languages = tuple(data["languages"])
    return Course(
        slug=data["slug"],
        titles=MappingProxyType({k: _text(v) for k, v in data["title"].items()}),
        summaries=MappingProxyType({k: _text(v) for k, v in data["summary"].items()}),
        languages=languages,
        modules=tuple(load_module(folder / name, languages) for name in data["modules"]),
        guides=_guides(folder, languages),
        plan_chapters=tuple(
            PlanChapter(c["key"], MappingProxyType({k: _text(v) for k, v in c["title"].items()}))
            for c in data.get("plan_chapters") or ()
        ),
    )


def _guides(folder: Path, languages: tuple[str, ...]) -> Mapping[str, GuideText]:
    """The guide in each language it is written in; none without the English one."""
    if not (folder / f"guide.{SOURCE}.md").is_file():
        return MappingProxyType({})
    guides: dict[str, GuideText] = {}
    for language in languages:
        path = folder / f"guide.{language}.md"
        if path.is_file():
            guides[language] = _guide_text(path, language)
    return MappingProxyType(guides)


def _guide_text(path: Path, language: str) -> GuideText:
    meta, body = _front_matter(path)
    intro, parts = split_sections(body)
    slugs = [guide_slug(slug, title) for slug, title, _, _ in parts]
    renderer = Renderer(frozenset(), reserved=frozenset(slugs))  # one page: #links stay
    sections = tuple(
        GuideSection(slug, title, renderer.render(source))
        for slug, (_, title, source, _) in zip(slugs, parts, strict=True)
    )
    return GuideText(
        language=language,
        fallback=False,
        title=_text(meta["title"]),
        summary=_text(meta["summary"]),
        checked=meta.get("checked"),
        intro_html=renderer.render(intro),
        sections=sections,
    )


def load_module(folder: Path, languages: tuple[str, ...]) -> Module:
    match = MODULE_FOLDER.match(folder.name)
    assert match is not None  # checked
    number, slug = match.groups()
    case_slugs = sorted({p.name.split(".")[0] for p in folder.glob("cases/*.md")})
    texts: dict[str, ModuleText] = {}
    case_texts: dict[str, dict[str, CaseText]] = {case: {} for case in case_slugs}
    for language in sorted(languages, key=lambda lang: lang != SOURCE):  # English first
        path = folder / f"module.{language}.md"
        if path.is_file():
            meta, body = _front_matter(path)
            intro, parts = split_sections(body)
            renderer = Renderer(frozenset(slug for slug, _, _, _ in parts))
            texts[language] = _module_text(meta, intro, parts, language, renderer)
        else:  # a case study translated before its module: links as in English
            renderer = Renderer(frozenset(s.slug for s in texts[SOURCE].sections))
        for case in case_slugs:
            case_path = folder / "cases" / f"{case}.{language}.md"
            if case_path.is_file():
                case_texts[case][language] = _case_text(case_path, language, renderer)
    return Module(
        slug=slug,
        number=int(number),
        folder=folder.name,
        texts=MappingProxyType(texts),
        cases=tuple(CaseStudy(s, MappingProxyType(case_texts[s])) for s in case_slugs),
        book_lists=_per_language(folder, "books", languages, _book_list),
        assignment_lists=_same_minutes(
            _per_language(
                folder, "logbook", languages, lambda data, lang: _assignments(data, lang, slug)
            )
        ),
        quizzes=_per_language(folder, "quiz", languages, _quiz),
    )


def _per_language(
    folder: Path,
    name: str,
    languages: tuple[str, ...],
    build: Callable[[dict[str, Any], str], T],
) -> Mapping[str, T]:
    found: dict[str, T] = {}
    for language in languages:
        path = folder / f"{name}.{language}.yml"
        if path.is_file():
            found[language] = build(yaml_lines.load_plain(_read(path)), language)
    return MappingProxyType(found)


def _module_text(
    meta: dict[str, Any],
    intro: str,
    parts: list[tuple[str, str, str, int]],
    language: str,
    renderer: Renderer,
) -> ModuleText:
    sections = []
    for slug, title, source, _ in parts:
        html = renderer.render(source)
        sections.append(Section(slug, title, html, promote_headings(html), count_words(html)))
    return ModuleText(
        language=language,
        fallback=False,
        title=_text(meta["title"]),
        minutes=meta["minutes"],
        objectives=tuple(_text(o) for o in meta["objectives"]),
        outcomes=tuple(_text(o) for o in meta["outcomes"]),
        entrecomp=tuple(meta["entrecomp"]),
        intro_html=renderer.render(intro),
        sections=tuple(sections),
    )


def _case_text(path: Path, language: str, renderer: Renderer) -> CaseText:
    meta, body = _front_matter(path)
    html = renderer.render(body)
    return CaseText(
        language=language,
        fallback=False,
        title=_text(meta["title"]),
        summary=_text(meta["summary"]),
        html=html,
        page_html=promote_headings(relink(html, from_cases_folder)),
        words=count_words(html),
    )


def _same_minutes(lists: Mapping[str, AssignmentList]) -> Mapping[str, AssignmentList]:
    """A translation without an assignment's estimate takes the English one: time is not text."""
    english = {a.key: a.minutes for a in lists[SOURCE].assignments} if SOURCE in lists else {}
    return MappingProxyType(
        {
            language: replace(
                found,
                assignments=tuple(
                    a if a.minutes is not None else replace(a, minutes=english.get(a.key))
                    for a in found.assignments
                ),
            )
            for language, found in lists.items()
        }
    )


def _book_list(data: dict[str, Any], language: str) -> BookList:
    books = tuple(
        Book(
            title=_text(b["title"]),
            author=_text(b["author"]),
            year=b["year"],
            why=_text(b["why"]),
            isbn=b.get("isbn"),
            lang=b.get("lang"),
        )
        for b in data["books"]
    )
    return BookList(language, False, books)


def _assignments(data: dict[str, Any], language: str, module: str) -> AssignmentList:
    renderer = Renderer(frozenset())  # one Markdown parser for the list, built once at start-up
    assignments = tuple(
        Assignment(
            key=a["key"],
            title=_text(a["title"]),
            prompt=_text(a["prompt"]),
            guidance=_text(a["guidance"]),
            template=a.get("template"),
            module=module,
            minutes=a.get("minutes"),
            guidance_html=renderer.render(_text(a["guidance"])),
            chapter=a.get("chapter"),
        )
        for a in data["assignments"]
    )
    return AssignmentList(language, False, assignments)


def _quiz(data: dict[str, Any], language: str) -> Quiz:
    questions = tuple(
        Question(
            id=q["id"],
            section=q["section"],
            text=_text(q["text"]),
            options=tuple(
                Option(o["id"], _text(o["text"]), _text(o["feedback"]), o.get("correct") is True)
                for o in q["options"]
            ),
            explanation=_text(q["explanation"]),
        )
        for q in data["questions"]
    )
    return Quiz(language, False, questions)
