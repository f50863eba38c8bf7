"""The take-away: "My business plan: first draft" from every entry, in module order, as DOCX,
Markdown or a print page. The outline is built once; each format only lays it out."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from flask_babel import gettext as _

from modules.content import Assignment, Course

from .models import Entry


@dataclass(frozen=True)
class Part:
    assignment: Assignment
    text: str  # the learner's text; empty when not written yet


@dataclass(frozen=True)
class Chapter:
    course: Course
    number: int
    heading: str  # "Module 3: Testing the idea", with the course's title if there are several
    parts: tuple[Part, ...]


def outline(
    courses: list[Course], entries: dict[tuple[str, str], Entry], lang: str
) -> list[Chapter]:
    chapters = []
    several = len([c for c in courses if c.assignments(lang)]) > 1
    for course in courses:
        for module in course.modules:
            assignments = module.assignments(lang).assignments
            if not assignments:
                continue
            found = [(a, entries.get((course.slug, a.key))) for a in assignments]
            parts = tuple(Part(a, entry.text if entry else "") for a, entry in found)
            heading = _(
                "Module %(number)s: %(title)s", number=module.number, title=module.text(lang).title
            )
            if several:
                heading = f"{course.title(lang)}: {heading}"
            chapters.append(Chapter(course, module.number, heading, parts))
    return chapters


def title() -> str:
    return _("My business plan: first draft")


def as_markdown(chapters: list[Chapter], author: str) -> str:
    lines = [f"# {title()}", "", author, ""]
    for chapter in chapters:
        lines += [f"## {chapter.heading}", ""]
        for part in chapter.parts:
            lines += [f"### {part.assignment.title}", "", f"*{part.assignment.prompt.strip()}*", ""]
            lines += [part.text.strip() or _("(Not written yet.)"), ""]
    return "\n".join(lines).rstrip() + "\n"


# Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates, U+FFFE/F):
# python-docx refuses them, so the DOCX leaves them out and keeps everything else.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text)


def _add_text(document, text: str) -> None:
    """The learner's Markdown as Word paragraphs: headings, bullets, numbered lists, paragraphs."""
    paragraph: list[str] = []

    def flush():
        if paragraph:
            document.add_paragraph(_plain(" ".join(paragraph)))
            paragraph.clear()

    for line in xml_safe(text).split("\n"):
        if not line.strip():
            flush()
        elif match := _HEADING.match(line):
            flush()
            document.add_heading(_plain(match.group(2)), level=min(len(match.group(1)) + 2, 9))
        elif match := _BULLET.match(line):
            flush()
            document.add_paragraph(_plain(match.group(1)), style="List Bullet")
        elif match := _NUMBERED.match(line):
            flush()
            document.add_paragraph(_plain(match.group(1)), style="List Number")
        else:
            paragraph.append(line.strip())
    flush()


def as_docx(chapters: list[Chapter], author: str) -> bytes:
    document = Document()
    document.core_properties.title = title()
    author = xml_safe(author)
    document.core_properties.author = author
    document.add_heading(title(), level=0)
    document.add_paragraph(author)
    for chapter in chapters:
        document.add_heading(chapter.heading, level=1)
        for part in chapter.parts:
            document.add_heading(part.assignment.title, level=2)
            prompt = document.add_paragraph()
            prompt.add_run(part.assignment.prompt.strip()).italic = True
            if part.text.strip():
                _add_text(document, part.text)
            else:
                document.add_paragraph(_("(Not written yet.)"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
