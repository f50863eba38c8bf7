"""The rules for a module's Markdown files: the module text and its case studies."""

from __future__ import annotations

import re
from pathlib import Path

from . import check_strict
from .check_report import SECTION_SLUG, Context, Ids, Report, Shape, is_text
from .markup import EXTERNAL, SLUG, SOURCE, guide_address, link_targets, split_sections
from .yaml_lines import LineDict, LineList

MODULE_KEYS = {"title", "minutes", "objectives", "outcomes", "entrecomp"}
CASE_KEYS = {"title", "summary"}
RESERVED_SECTIONS = {"books", "cases", "print", "quiz"}  # pages of their own next to sections
ENTRECOMP = re.compile(r"^[1-3]\.[1-5]$")
BOX = re.compile(r"^!!!")
BOX_HEADER = re.compile(r'^!!! +[a-z][a-z0-9-]*(?: +"[^"]+")?\s*$')
NO_SPACE_HEADING = re.compile(r"^##[^#\s]")
# Raw HTML as CommonMark knows it: a tag, a closing tag, a comment, a declaration or a
# processing instruction. Autolinks (<https://...>, <name@example.org>) are not HTML.
RAW_HTML = re.compile(r"(?<!\\)<(?:(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])|!--|![A-Za-z\[]|\?)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def module_file(report: Report, path: Path, context: Context) -> Shape:
    parsed = report.read_front_matter(path)
    if parsed is None:
        return {}
    meta, body, start = parsed
    if meta is not None:
        report.keys(path, meta, MODULE_KEYS, {"checked"}, "front matter")
        _module_front_matter(report, path, meta)
        report.checked_date(path, meta)
    _, parts = split_sections(body, start)
    sections, problems = Ids(start), len(report.problems)
    for slug, title, _, line in parts:
        if not title:
            report.error(path, line, "section heading needs a title before its {#slug}")
        if not slug:
            report.error(path, line, "section heading needs a slug: end it with {#some-slug}")
        elif not SLUG.match(slug):
            report.error(path, line, f"section slug '{slug}' may use only a-z, 0-9 and hyphens")
        elif slug in RESERVED_SECTIONS:
            report.error(path, line, f"section slug '{slug}' is reserved for a page of its own")
        elif slug in sections.values:
            report.error(path, line, f"duplicate section slug '{slug}'")
        else:
            sections.items.append((slug, line))
    if not parts:
        report.error(path, start, "the module needs at least one '## ' section")
    headings_ok = len(report.problems) == problems
    for number, text in enumerate(body.split("\n"), start):
        if NO_SPACE_HEADING.match(text):
            report.error(path, number, "a section heading starts with '## ' (with a space)")
    body_rules(report, path, body, start, context, frozenset(sections.values))
    if report.strict:
        check_strict.module(report, path, meta, parts, body, start, context.language)
    # After a heading problem, what refers to sections would only repeat it.
    return {SECTION_SLUG: sections} if headings_ok else {}


def _module_front_matter(report: Report, path: Path, meta: LineDict) -> None:
    """The keys that are there; missing ones are reported with the other keys."""
    report.text(path, meta, "title", "front matter")
    minutes = meta.get("minutes", 1)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        report.error(path, meta.line_of("minutes"), "minutes must be a whole number above 0")
    for key in ("objectives", "outcomes"):
        items = meta.get(key, ["-"])
        if not isinstance(items, list) or not items or not all(is_text(i) for i in items):
            report.error(path, meta.line_of(key), f"{key} must be a list of texts")
    codes = meta.get("entrecomp", LineList())
    if not isinstance(codes, LineList):
        report.error(path, meta.line_of("entrecomp"), 'entrecomp must be a list like ["2.1"]')
        return
    for index, code in enumerate(codes):
        if not isinstance(code, str) or not ENTRECOMP.match(code):
            message = f'entrecomp code {code!r} must be a quoted EntreComp code like "2.1"'
            report.error(path, codes.line_at(index), message)


def body_rules(
    report: Report,
    path: Path,
    body: str,
    start: int,
    context: Context,
    sections: frozenset[str] | None,
) -> None:
    """Links that point nowhere, raw HTML, and '!!!' boxes without an indented text."""
    _raw_html(report, path, body, start)
    for target, line in link_targets(body, start):
        if target.startswith(EXTERNAL):
            continue
        if context.guide_sections is None and target.startswith(guide_address(context.course)):
            message = f"links to the course's guide, but guide.{SOURCE}.md is missing: {target}"
            report.warn(path, line, message)
        elif not _points_somewhere(target, context, sections):
            report.error(path, line, f"link or image points nowhere: {target or '(empty)'}")
    lines = body.split("\n")
    for index, text in enumerate(lines):
        if not BOX.match(text):
            continue
        if not BOX_HEADER.match(text):
            report.error(path, start + index, 'write a box as !!! kind "Title"')
        following = next((t for t in lines[index + 1 :] if t.strip()), "")
        if not following.startswith(("    ", "\t")):
            report.error(path, start + index, "the text of a box is indented four spaces")


def _raw_html(report: Report, path: Path, body: str, start: int) -> None:
    """Course text is Markdown only: HTML would pass into every page as it is. Code (fenced
    blocks and `code spans`) may show HTML; each other line is reported once."""
    fence = ""
    for number, text in enumerate(body.split("\n"), start):
        opening = FENCE.match(text)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        found = [_shown(m) for m in RAW_HTML.finditer(CODE_SPAN.sub("", text))]
        if any(tag.lower() in ("<script>", "</script>") for tag in found):
            report.error(path, number, "a <script> is never allowed in course Markdown")
        elif found:
            tag = found[0]
            message = f"raw HTML is not allowed in course Markdown: {tag}; write it in Markdown"
            report.error(path, number, message)


def _shown(match: re.Match[str]) -> str:
    """`<div>` for a tag, `<!--`, `<!` or `<?` for the rest."""
    if match.group(1):
        return f"<{match.group(1)}>"
    return match.group(0) if match.group(0) in ("<!--", "<?") else "<!"


def _points_somewhere(target: str, context: Context, sections: frozenset[str] | None) -> bool:
    """Allowed: `#<section>`, `cases/<case>`, files of the module, relative to its folder, and
    the course's guide, `/courses/<course>/your-situation` with an optional `#<section>`."""
    if target.startswith("#"):
        return sections is None or target[1:] in sections  # None: unreadable, said already
    address = re.split(r"[#?]", target, maxsplit=1)[0]
    if address == guide_address(context.course) and context.guide_sections is not None:
        fragment = target.partition("#")[2]
        here = context.guide_sections.get(context.language, context.guide_sections.get(SOURCE))
        return not fragment or here is None or fragment in here
    if not address or address.startswith("/"):
        return False
    if address.startswith("cases/") and address.removeprefix("cases/") in context.cases:
        return True
    return (context.folder / address).is_file()


def cases(report: Report, context: Context, languages: list[str]) -> None:
    """Every case study file; a case without its English file is an error, the reverse a warning."""
    found: dict[str, set[str]] = {language: set() for language in languages}
    for path in sorted(context.folder.glob("cases/*.md")):
        parts = path.name.split(".")
        if len(parts) != 3 or not SLUG.match(parts[0]):
            report.error(path, 1, "a case study file is named <case-slug>.<language>.md")
        elif parts[1] not in languages:
            report.error(path, 1, f"language '{parts[1]}' is not in the languages of course.yml")
        else:
            found[parts[1]].add(parts[0])
            _case_file(report, path, context.speaking(parts[1]))
    english = found[SOURCE]
    cases_folder = context.folder / "cases"
    for language, slugs in found.items():
        for slug in sorted(slugs - english):
            message = f"case '{slug}' has no {SOURCE} version"
            report.error(cases_folder / f"{slug}.{language}.md", 1, message)
        for slug in sorted(english - slugs):
            message = f"no {language} translation: cases/{slug}.{language}.md is missing"
            report.warn(cases_folder / f"{slug}.{SOURCE}.md", 1, message)


def _case_file(report: Report, path: Path, context: Context) -> None:
    parsed = report.read_front_matter(path)
    if parsed is None:
        return
    meta, body, start = parsed
    if meta is not None:
        report.keys(path, meta, CASE_KEYS, {"checked"}, "case study")
        report.checked_date(path, meta)
        report.text(path, meta, "title", "case study")
        report.text(path, meta, "summary", "case study")
    body_rules(report, path, body, start, context, context.sections)
    if report.strict:
        check_strict.case(report, path, body, start, context.language)
