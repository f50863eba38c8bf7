"""Help pages: immutable objects, checked, loaded and rendered once at start, served from memory.

The format (content/help/README.md): one file per page and language, `<slug>.<lang>.md`, with
front matter `title`, `summary`, `roles` (learner, mentor, staff) and optional `order`.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import markdown

from modules import yaml_lines
from modules.check_report import Problem
from modules.markup import MARKDOWN_EXTENSIONS

ROLES = ("learner", "mentor", "staff")
LANGUAGES = ("en", "nl")
SOURCE = "en"
FILE_NAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2,3})\.md$")
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h\d|br|div|table|tr|td|th|blockquote|pre|dt|dd)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class HelpContentError(Exception):
    """Invalid help files: the app does not start. The message is every problem, one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class HelpPage:
    slug: str
    language: str
    title: str
    summary: str
    roles: tuple[str, ...]
    order: int
    html: str
    text: str  # the words a reader reads, for the search index


@dataclass(frozen=True)
class HelpLibrary:
    pages: Mapping[tuple[str, str], HelpPage] = field(default_factory=dict)

    def page(self, slug: str, language: str) -> HelpPage | None:
        """The page in `language`, else in English; None when there is no such page."""
        return self.pages.get((slug, language)) or self.pages.get((slug, SOURCE))

    def for_role(self, role: str, language: str) -> list[HelpPage]:
        slugs = sorted({s for s, _ in self.pages})
        found = [p for p in (self.page(s, language) for s in slugs) if p and role in p.roles]
        return sorted(found, key=lambda p: (p.order, p.title))

    @functools.cached_property
    def version(self) -> str:
        """Changes whenever any page's words change: the search index is rebuilt then."""
        digest = hashlib.sha256()
        for key in sorted(self.pages):
            page = self.pages[key]
            digest.update("\0".join((*key, page.title, ",".join(page.roles), page.text)).encode())
        return digest.hexdigest()


def render(source: str) -> str:
    """Help Markdown is trusted like course Markdown; the check refuses raw HTML in it."""
    return markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def plain_text(html_text: str) -> str:
    """Words between blocks are apart; inline tags (<strong>, <a>) leave no space behind."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html_text)))).strip()


def load_page(path: Path) -> HelpPage:
    match = FILE_NAME.match(path.name)
    assert match is not None  # checked
    front, body, _ = yaml_lines.split_front_matter(path.read_text(encoding="utf-8"))
    meta = yaml_lines.load_plain(front or "")
    page_html = render(body)
    return HelpPage(
        slug=match.group(1),
        language=match.group(2),
        title=str(meta["title"]).strip(),
        summary=str(meta["summary"]).strip(),
        roles=tuple(meta["roles"]),
        order=int(meta.get("order", 100)),
        html=page_html,
        text=plain_text(page_html),
    )


def load_library(root: Path) -> HelpLibrary:
    """Check, then load every help page under `root`; HelpContentError when the check fails."""
    from .checks import check_help

    problems = check_help(root)
    if any(p.level == "error" for p in problems):
        raise HelpContentError(problems)
    pages = (load_page(path) for path in sorted(Path(root).iterdir()) if FILE_NAME.match(path.name))
    return HelpLibrary(MappingProxyType({(p.slug, p.language): p for p in pages}))
