"""Course Markdown (trusted) to HTML, and the shape rules both the loader and the checker read."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterator

import markdown
from markdown.extensions.toc import slugify

SOURCE = "en"  # every course is written in English first; other languages are translations
WORDS_PER_MINUTE = 150  # unhurried reading, in a second language for some
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MODULE_FOLDER = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
SECTION_HEADING = re.compile(r"^## +(.*?)\s*(?:\{#([^}\s]*)\})?\s*$")
GUIDE_PAGE = "your-situation"  # a course's guide, at /courses/<course>/your-situation
EXTERNAL = ("https://", "http://", "mailto:", "tel:")
MARKDOWN_EXTENSIONS = [
    "tables",
    "attr_list",
    "def_list",
    "footnotes",
    "admonition",
    "toc",
    "sane_lists",
]
_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_HEADING_TAG = re.compile(r"<(/?)h([3-6])\b")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[\w'’-]+")


def split_sections(body: str, start: int = 1) -> tuple[str, list[tuple[str, str, str, int]]]:
    """(introduction, [(slug, title, markdown, line)]): every '## ' line starts a section.

    `line` is the heading's line in the file, counting the body's first line as `start`. A
    heading without `{#slug}` gets the slug "" (the checker reports it; loading never sees one).
    """
    intro: list[str] = []
    sections: list[tuple[str, str, list[str], int]] = []
    for number, line in enumerate(body.split("\n"), start):
        heading = SECTION_HEADING.match(line)
        if heading:
            sections.append((heading.group(2) or "", heading.group(1), [], number))
        elif sections:
            sections[-1][2].append(line)
        else:
            intro.append(line)
    parts = [(slug, title, "\n".join(lines), line) for slug, title, lines, line in sections]
    return "\n".join(intro), parts


class Renderer:
    """Renders every Markdown text shown on one module's pages in one language.

    One renderer per module and language keeps footnote and heading ids unique across the
    intro, the sections and the case studies, which the print page shows together.
    """

    def __init__(
        self, section_slugs: frozenset[str], reserved: frozenset[str] = frozenset()
    ) -> None:
        self.section_slugs = section_slugs
        self._used_ids: set[str] = set(reserved)  # ids the page gives elsewhere
        self._md = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS,
            extension_configs={"footnotes": {"UNIQUE_IDS": True}, "toc": {"slugify": self._id}},
            output_format="html",
        )

    def _id(self, value: str, separator: str) -> str:
        base = slugify(value, separator) or "heading"
        candidate, n = base, 1
        while candidate in self._used_ids:
            n += 1
            candidate = f"{base}{separator}{n}"
        self._used_ids.add(candidate)
        return candidate

    def render(self, source: str) -> str:
        """HTML with links as seen from the module page (`/<course>/<module>/`) and its sections."""
        self._md.reset()
        return wrap_tables(relink(self._md.convert(source), self._section_link))

    def _section_link(self, target: str) -> str:
        if target.startswith("#") and target[1:] in self.section_slugs:
            return target[1:]  # sections are pages of their own, next to the module page
        return target


def relink(html_text: str, change: Callable[[str], str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = html.unescape(match.group(2))
        changed = change(target)
        return match.group(0) if changed == target else f'{match.group(1)}="{html.escape(changed)}"'

    return _ATTRIBUTE.sub(replace, html_text)


_TABLE = re.compile(r"<table>.*?</table>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)


def wrap_tables(html_text: str) -> str:
    """Every table in its own labelled, focusable region that scrolls sideways by itself, so a
    wide table never makes the page scroll at 320 px (WCAG 1.4.10). The label is the table's
    column headings, in the text's own language."""

    def wrap(match: re.Match[str]) -> str:
        headers = (html.unescape(_TAG.sub("", h)).strip() for h in _HEADER_CELL.findall(match[0]))
        label = html.escape(", ".join(h for h in headers if h), quote=True)
        region = f' role="region" aria-label="{label}"' if label else ""
        return f'<div class="table-scroll"{region} tabindex="0">{match[0]}</div>'

    return _TABLE.sub(wrap, html_text)


def from_cases_folder(target: str) -> str:
    """A link from the module page, changed to work from a case page (`.../<module>/cases/x`)."""
    if target.startswith(("#", "/", "//")) or target.startswith(EXTERNAL):
        return target
    if target.startswith("cases/"):
        return target.removeprefix("cases/")
    return "../" + target


def promote_headings(html_text: str) -> str:
    """One level up (h3 becomes h2): for pages where the section's own title is the h1."""
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - 1}", html_text)


def count_words(html_text: str) -> int:
    """Words a reader reads: text of the rendered HTML, without tags or link addresses."""
    return len(_WORD.findall(html.unescape(_TAG.sub(" ", html_text))))


def minutes_for(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
_HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)


def link_targets(markdown_text: str, start: int = 1) -> Iterator[tuple[str, int]]:
    """(target, line) of every link and image written in the text: inline, reference, HTML."""
    for pattern in (_INLINE_LINK, _REFERENCE, _HTML_LINK):
        for match in pattern.finditer(markdown_text):
            line = start + markdown_text.count("\n", 0, match.start(1))
            yield match.group(1), line


def guide_slug(slug: str, title: str) -> str:
    """A guide section's slug: its `{#slug}` if written, else made from the title, as the
    Markdown table of contents makes heading ids ("I have a job" gives `i-have-a-job`)."""
    return slug or slugify(title, "-")


def guide_address(course: str) -> str:
    """The guide's address, as course text links to it."""
    return f"/courses/{course}/{GUIDE_PAGE}"
