"""`flask quizzes export-gift` and `flask quizzes import-gift`: Moodle interoperability."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

quizzes_cli = AppGroup("quizzes", help="Self-assessment quizzes: Moodle GIFT export and import.")


@quizzes_cli.command("export-gift")
@click.argument("course_slug")
@click.argument("module_slug")
@click.option("--lang", default="en", show_default=True, help="Language of the quiz texts.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
def export_gift_command(course_slug: str, module_slug: str, lang: str, output: Path | None) -> None:
    """Write a module's quiz in Moodle's GIFT format, with feedback on every option."""
    from modules.services import catalogue

    from .gift import export_gift

    course = catalogue().course(course_slug)
    if course is None:
        raise click.ClickException(f"no course {course_slug!r}")
    module = course.module(module_slug)
    if module is None:
        raise click.ClickException(f"no module {module_slug!r} in {course_slug}")
    if lang not in module.quizzes:
        raise click.ClickException(f"the quiz of {module_slug} has no {lang!r} version")
    text = export_gift(module.quiz(lang))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(module.quiz(lang).questions)} questions to {output}", err=True)


@quizzes_cli.command("import-gift")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="YAML to write.")
def import_gift_command(file: Path, output: Path | None) -> None:
    """Turn the multiple-choice questions of a GIFT file into quiz YAML; report the rest by
    line. A file that is not UTF-8 or has a syntax error writes nothing and exits with 1."""
    from .gift import import_gift

    raw = file.read_bytes()
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        click.echo(
            f"{file}:{line}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x}): "
            "save it as UTF-8 (Moodle exports are) and import it again",
            err=True,
        )
        _nothing_written()
    result = import_gift(source)
    for problem in result.problems:
        click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
    if result.has_errors:
        _nothing_written()
    text = result.to_yaml()
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_whole(output, text)
    click.echo(f"Imported {len(result.questions)} multiple-choice questions.", err=True)


def _nothing_written() -> None:
    click.echo("Nothing was written: fix the problem above and import the file again.", err=True)
    sys.exit(1)


def _write_whole(path: Path, text: str) -> None:
    """The whole file or, if writing fails halfway, the file as it was before."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
