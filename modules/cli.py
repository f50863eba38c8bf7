"""`flask courses ...`: commands for the people who write and install courses."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .checks import check_catalogue

courses_cli = AppGroup("courses", help="Installed courses.")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@courses_cli.command("check")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of courses to check; default: the COURSES_ROOT setting, else ./courses.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Also check the README's editorial ranges (sections, books, boxes, case length).",
)
@click.pass_context
def check(context: click.Context, root: Path | None, strict: bool) -> None:
    """Check every course file; print each problem as path:line: message."""
    root = root or Path(current_app.config.get("COURSES_ROOT") or "courses")
    problems = check_catalogue(root, strict=strict)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.level == "error")
    warnings = len(problems) - errors
    click.echo(f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {root}")
    if errors:
        context.exit(1)
