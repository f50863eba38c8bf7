"""`flask help ...`: checking the help files and building their search index."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from outbox.unit import in_unit_of_work

from .checks import check_help
from .search import build_index

help_cli = AppGroup("help", help="Help pages for learners, mentors and staff.")


def help_root() -> Path:
    return Path(current_app.config["HELP_ROOT"])


@help_cli.command("check")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of help pages to check; default: the HELP_ROOT setting.",
)
@click.pass_context
def check(context: click.Context, root: Path | None) -> None:
    """Check every help page; print each problem as path:line: message."""
    root = root or help_root()
    problems = check_help(root)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.level == "error")
    click.echo(f"{errors} error{'' if errors == 1 else 's'} in {root}")
    if errors:
        context.exit(1)


@help_cli.command("index")
@in_unit_of_work
def index() -> None:
    """Rebuild the search index from the help pages (searching also rebuilds it when needed)."""
    count = build_index(current_app.extensions["help"])
    click.echo(f"{count} help pages indexed")
