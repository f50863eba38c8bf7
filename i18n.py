"""Translation catalogues: one per feature, so each feature's strings live beside it.

English is the source language. `flask i18n update` extracts every marked string into its
catalogue's .po files; `flask i18n compile` writes the .mo files the app reads; the test suite
fails while any string has no Dutch translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("nl",)
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
JINJA = {"**.html": {"extensions": "jinja2.ext.do"}, "**.txt": {"extensions": "jinja2.ext.do"}}


@dataclass(frozen=True)
class Source:
    """A catalogue folder and the files and folders whose strings go into it."""

    directory: str
    paths: tuple[str, ...]


# Paths are glob patterns below the project folder; a folder means every file in it.
CATALOGUES = (
    Source(
        "translations",
        (
            "app.py",
            "personal_data.py",
            "fields.py",
            "accounts",
            "outbox",
            "templates/outbox",
            "dashboard",
            "demo",
            "organisations/views.py",
            "organisations/forms.py",
            "organisations/courses.py",
            "organisations/members.py",
            "organisations/member_import.py",
            "organisations/learners.py",
            "organisations/csv_import.py",
            "organisations/services.py",
            "organisations/cli.py",
            "organisations/csv_export.py",
            "organisations/member_list.py",
            "organisations/leaving*.py",
            "organisations/reports",
            "templates/*.html",
            "templates/accounts",
            "templates/dashboard",
            "templates/errors",
            "templates/organisations/people.html",
            "templates/organisations/courses.html",
            "templates/organisations/courses_confirm.html",
            "templates/organisations/member.html",
            "templates/organisations/learner.html",
            "templates/organisations/learners.html",
            "templates/organisations/people_import*.html",
            "templates/organisations/_lists.html",
            "templates/organisations/email",
            "templates/organisations/leaving_*.html",
            "templates/organisations/reports*.html",
            "templates/organisations/_report*.html",
        ),
    ),
    Source("admin/translations", ("admin", "templates/admin")),
    Source("modules/translations", ("modules", "templates/modules")),
    Source("quizzes/translations", ("quizzes", "templates/quizzes")),
    Source("logbook/translations", ("logbook", "templates/logbook")),
    Source("outcomes/translations", ("outcomes", "templates/outcomes")),
    Source("notifications/translations", ("notifications", "templates/notifications")),
    Source("helpcentre/translations", ("helpcentre", "templates/helpcentre")),
    Source("credentials/translations", ("credentials", "templates/credentials")),
    Source("privacy/translations", ("privacy", "templates/privacy", "templates/notice")),
    Source("questions/translations", ("questions", "templates/questions")),
    Source("network/translations", ("network", "templates/network")),
    Source(
        "mentoring/translations",
        (
            "mentoring",
            "templates/mentoring",
            "organisations/programme*.py",
            "organisations/pair_lists.py",
            "templates/organisations/programme*",
            "templates/organisations/_programme*",
        ),
    ),
)


def translation_directories() -> str:
    return ";".join(source.directory for source in CATALOGUES)


def extract(source: Source) -> Catalog:
    catalog = Catalog(project="Herstart", charset="utf-8")
    paths = sorted({path for pattern in source.paths for path in ROOT.glob(pattern)})
    for path in paths:
        relative = path.parent.relative_to(ROOT) if path.is_file() else path.relative_to(ROOT)
        if path.is_dir():
            found = extract_from_dir(
                path, METHODS, JINJA, keywords=KEYWORDS, comment_tags=("Translators:",)
            )
        else:
            method = "python" if path.suffix == ".py" else "jinja2"
            found = (
                (path.name, *rest)
                for rest in extract_from_file(
                    method,
                    path,
                    keywords=KEYWORDS,
                    comment_tags=("Translators:",),
                    options=JINJA["**.html"],
                )
            )
        for filename, lineno, message, comments, context in found:
            if "translations" in Path(filename).parts:
                continue
            catalog.add(
                message,
                None,
                [(f"{relative}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_path(source: Source, language: str) -> Path:
    return ROOT / source.directory / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, project="Herstart")
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def update(only: str | None = None) -> None:
    for source in CATALOGUES:
        if only and source.directory != only:
            continue
        template = extract(source)
        for language in LANGUAGES:
            path = po_path(source, language)
            catalog = read_catalogue(path, language)
            catalog.update(template, update_header_comment=False)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(
                    handle,
                    catalog,
                    width=100,
                    omit_header=False,
                    ignore_obsolete=True,
                    include_previous=False,
                    sort_by_file=True,
                )


def compile_all() -> None:
    for source in CATALOGUES:
        for language in LANGUAGES:
            path = po_path(source, language)
            if path.exists():
                catalog = read_catalogue(path, language)
                with path.with_suffix(".mo").open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)


def missing() -> dict[str, list[str]]:
    """Every extracted string that has no Dutch translation yet, per catalogue."""
    gaps: dict[str, list[str]] = {}
    for source in CATALOGUES:
        template = extract(source)
        for language in LANGUAGES:
            catalog = read_catalogue(po_path(source, language), language)
            for message in template:
                if not message.id:
                    continue
                found = catalog.get(message.id, message.context)
                strings = found.string if found else None
                if isinstance(strings, tuple | list):
                    ok = all(strings)
                else:
                    ok = bool(strings)
                if not ok or (found is not None and found.fuzzy):
                    key = f"{source.directory} [{language}]"
                    gaps.setdefault(key, []).append(str(message.id))
    return gaps


i18n_cli = AppGroup("i18n", help="Translation catalogues.")


@i18n_cli.command("update")
@click.option("--catalogue", help="Only this catalogue folder, e.g. quizzes/translations.")
def update_command(catalogue: str | None) -> None:
    """Extract every marked string and add new ones to the .po files."""
    update(catalogue)
    for where, ids in missing().items():
        click.echo(f"{where}: {len(ids)} without translation")


@i18n_cli.command("compile")
def compile_command() -> None:
    """Write the .mo files the app reads."""
    compile_all()
