"""The rules of content/help/README.md, checked; shared by start-up and `flask help check`.

Every problem is reported at once as `path:line: message`, the path relative to the folder
above the help folder, in the same form as `flask courses check`.
"""

from __future__ import annotations

import re
from pathlib import Path

from modules.check_report import Problem, Report
from modules.markup import EXTERNAL, link_targets
from modules.yaml_lines import LineDict, LineList

from .pages import FILE_NAME, LANGUAGES, ROLES

REQUIRED = {"title", "summary", "roles"}
OPTIONAL = {"order"}
HELP_PATH = "/help/"
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s|>|/)|<!--")
_WORD = re.compile(r"\w+")
_TITLE_HEADING = re.compile(r"^ {0,3}# ")


def check_help(root: Path) -> list[Problem]:
    """Every problem in every help page under `root`, grouped by file, in line order."""
    root = Path(root).resolve()
    report = Report(root.parent)
    if not root.is_dir():
        report.error(root, 1, "no such folder")
        return report.in_file_order()
    files: dict[str, dict[str, Path]] = {}  # slug -> language -> path
    roles: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}
    links: list[tuple[Path, str, int]] = []
    for path in sorted(root.iterdir()):
        if path.name.startswith((".", "_")) or path.name == "README.md":
            continue
        match = FILE_NAME.match(path.name)
        if not path.is_file() or match is None:
            report.error(path, 1, "name a help page <slug>.<language>.md, like logbook.en.md")
            continue
        slug, language = match.groups()
        if language not in LANGUAGES:
            report.error(path, 1, f"language '{language}' must be one of: {', '.join(LANGUAGES)}")
            continue
        files.setdefault(slug, {})[language] = path
        found = _check_page(report, path, links)
        if found is not None:
            roles[(slug, language)] = found
    _check_languages(report, files, roles)
    for path, target, line in links:
        slug = _help_slug(target)
        if slug is not None and slug not in files:
            report.error(path, line, f"link '{target}': there is no help page '{slug}'")
    return report.in_file_order()


def _check_page(
    report: Report, path: Path, links: list[tuple[Path, str, int]]
) -> tuple[tuple[str, ...], int] | None:
    """The page's roles and their line when they can be read; every problem reported."""
    read = report.read_front_matter(path)
    if read is None:
        return None
    meta, body, start = read
    _check_body(report, path, body, start)
    links.extend((path, target, line) for target, line in link_targets(body, start))
    if meta is None:
        return None
    report.keys(path, meta, REQUIRED, OPTIONAL, "help page")
    for key in ("title", "summary"):
        if key in meta:
            report.text(path, meta, key, "help page")
    if "order" in meta and (not isinstance(meta["order"], int) or isinstance(meta["order"], bool)):
        report.error(path, meta.line_of("order"), "help page: order must be a whole number")
    return _roles(report, path, meta) if "roles" in meta else None


def _roles(report: Report, path: Path, meta: LineDict) -> tuple[tuple[str, ...], int] | None:
    value, line = meta["roles"], meta.line_of("roles")
    if not isinstance(value, LineList) or not value:
        report.error(path, line, f"help page: roles must list one or more of: {', '.join(ROLES)}")
        return None
    known = True
    for index, role in enumerate(value):
        if role not in ROLES:
            message = f"help page: unknown role '{role}': use {', '.join(ROLES)}"
            report.error(path, value.line_at(index), message)
            known = False
    if not known:
        return None
    return tuple(sorted(str(r) for r in value)), line


def _check_body(report: Report, path: Path, body: str, start: int) -> None:
    if not _WORD.search(body):
        report.error(path, start, "the page has no text")
        return
    fenced = False
    for number, line in enumerate(body.split("\n"), start):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if _HTML.search(_CODE_SPAN.sub("", line)):
            report.error(path, number, "HTML is not allowed in help pages: write Markdown")
        if _TITLE_HEADING.match(line):
            report.error(path, number, "the title is the page's only '# ' heading: use '## '")


def _check_languages(
    report: Report,
    files: dict[str, dict[str, Path]],
    roles: dict[tuple[str, str], tuple[tuple[str, ...], int]],
) -> None:
    """Every page exists in every language, for the same roles."""
    for slug, languages in files.items():
        for language in LANGUAGES:
            if language not in languages:
                path = next(iter(languages.values()))
                report.error(path, 1, f"no {language} page: write {slug}.{language}.md too")
        english = roles.get((slug, LANGUAGES[0]))
        for language in LANGUAGES[1:]:
            other = roles.get((slug, language))
            if english and other and english[0] != other[0]:
                message = f"roles differ from {slug}.{LANGUAGES[0]}.md: {', '.join(english[0])}"
                report.error(languages[language], other[1], message)


def _help_slug(target: str) -> str | None:
    """The help page a link points at, or None when it points elsewhere (an app page, the web)."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or target.startswith(EXTERNAL) or target.startswith("//"):
        return None
    if target.startswith(HELP_PATH):
        slug = target[len(HELP_PATH) :].strip("/")
        return slug if slug and slug != "search" else None
    if target.startswith("/"):
        return None
    return target  # relative: from /help/<slug>, a sibling page


__all__ = ["Problem", "check_help"]
