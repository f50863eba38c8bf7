"""The rules for a course's "your situation" guide, `guide.<lang>.md` beside course.yml.

The guide is optional: a course without it has no guide page. Its sections are `## ` headings;
a heading's slug is its `{#slug}` or is made from its title (`markup.guide_slug`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .check_markdown import body_rules
from .check_report import Context, Report
from .markup import SLUG, SOURCE, guide_slug, split_sections

GUIDE_KEYS = {"title", "summary"}
GUIDE_FILE = re.compile(r"^guide\.([^.]+)\.md$")


def guide(report: Report, context: Context, languages: list[str]) -> dict[str, frozenset[str]]:
    """Check every guide file; the section slugs per language (empty: the course has none)."""
    folder = context.folder
    english = folder / f"guide.{SOURCE}.md"
    for path in sorted(folder.glob("guide.*.md")):
        match = GUIDE_FILE.match(path.name)
        language = match.group(1) if match else ""
        if language not in languages:
            message = f"language '{language}' is not in the languages of course.yml"
            report.error(path, 1, message)
        elif not english.is_file():
            report.error(path, 1, f"{path.name} has no {SOURCE} version: guide.{SOURCE}.md")
    if not english.is_file():
        return {}
    sections: dict[str, frozenset[str]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for language in languages:  # English first
        path = folder / f"guide.{language}.md"
        if not path.is_file():
            message = f"no {language} translation: {path.name} is missing"
            report.warn(english, 1, message)
            continue
        found = _guide_file(report, path, replace(context, language=language), sections)
        if found is not None:
            sections[language], counts[language] = found[0], (found[1], found[2])
    if report.strict and SOURCE in counts:
        for language, (count, line) in counts.items():
            if count != counts[SOURCE][0]:
                message = f"the guide has {count} sections, but {counts[SOURCE][0]} in guide.en.md"
                report.error(folder / f"guide.{language}.md", line, message)
    return sections


def _guide_file(
    report: Report, path: Path, context: Context, sections: dict[str, frozenset[str]]
) -> tuple[frozenset[str], int, int] | None:
    parsed = report.read_front_matter(path)
    if parsed is None:
        return None
    meta, body, start = parsed
    if meta is not None:
        report.keys(path, meta, GUIDE_KEYS, {"checked"}, "guide")
        report.text(path, meta, "title", "guide")
        report.text(path, meta, "summary", "guide")
        report.checked_date(path, meta)
    _, parts = split_sections(body, start)
    slugs: list[str] = []
    for slug, title, _, line in parts:
        if not title:
            report.error(path, line, "section heading needs a title")
            continue
        made = guide_slug(slug, title)
        if not SLUG.match(made):
            report.error(path, line, f"section slug '{made}' may use only a-z, 0-9 and hyphens")
        elif made in slugs:
            report.error(path, line, f"duplicate section slug '{made}': write {{#another-slug}}")
        else:
            slugs.append(made)
    if not parts:
        report.error(path, start, "the guide needs at least one '## ' section")
    own = frozenset(slugs)
    here = replace(context, guide_sections={**sections, context.language: own})
    body_rules(report, path, body, start, here, own)
    return own, len(parts), start
