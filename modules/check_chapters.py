"""The business plan's chapters: declared in course.yml, each fed by at least one assignment.

`plan_chapters` lists the chapters in the order a lender reads them, each a `key` and a `title`
per language; every logbook assignment names the chapter it feeds with `chapter: <key>`.
"""

from __future__ import annotations

from pathlib import Path

from .check_report import Context, Report
from .markup import SLUG, SOURCE
from .yaml_lines import LineDict, LineList


def declared(report: Report, path: Path, data: LineDict, languages: list[str]) -> dict[str, int]:
    """The chapter keys of course.yml, in order, each with its line; empty when none are valid."""
    chapters, line = data["plan_chapters"], data.line_of("plan_chapters")
    if not isinstance(chapters, LineList) or not chapters:
        report.error(path, line, "course: plan_chapters must list chapters, each a key and a title")
        return {}
    keys: dict[str, int] = {}
    for index, chapter in enumerate(chapters):
        key = chapter.get("key") if isinstance(chapter, LineDict) else None
        what = "plan chapter" if key is None else f"plan chapter '{key}'"
        if not report.keys(path, chapter, {"key", "title"}, set(), what):
            continue
        line = chapter.line_of("key")
        if not isinstance(key, str) or not SLUG.match(key):
            report.error(path, line, f"plan chapter key '{key}' may use only a-z, 0-9 and hyphens")
        elif key in keys:
            report.error(path, line, f"plan chapter '{key}' is listed twice")
        else:
            keys[key] = chapters.line_at(index)
        _titles(report, path, chapter, what, languages)
    return keys


def _titles(report: Report, path: Path, chapter: LineDict, what: str, languages: list[str]) -> None:
    titles, line = chapter["title"], chapter.line_of("title")
    if not isinstance(titles, LineDict):
        report.error(path, line, f"{what}: title must give a text per language: {{en: ...}}")
        return
    for language in titles.keys() - set(languages):
        message = f"{what}: title: '{language}' is not one of the languages"
        report.error(path, titles.line_of(language), message)
    for language in languages:
        if language in titles:
            report.text(path, titles, language, f"{what}: title")
        elif language == SOURCE:
            report.error(path, line, f"{what}: title needs an '{SOURCE}' text")
        else:
            report.warn(path, line, f"no {language} translation of the title of {what}")


def covered(
    report: Report,
    path: Path,
    chapters: dict[str, int],
    modules: list[Path],
    languages: list[str],
    context: Context,
) -> None:
    """Every chapter fed by an assignment in each language; a module without a translated
    logbook counts with its English one, as the learner sees it."""
    for language in languages:
        used: set[str] = set()
        for folder in modules:
            translated = (folder / f"logbook.{language}.yml").is_file()
            speaking = language if translated else SOURCE
            used |= context.chapter_uses.get((speaking, folder.name), set())
        for key, line in chapters.items():
            if key not in used:
                message = (
                    f"plan chapter '{key}' has no assignment in {language}: "
                    f"name it as the chapter of at least one assignment in logbook.{language}.yml"
                )
                report.error(path, line, message)
