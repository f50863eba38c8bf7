from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .checks import check_catalogue

courses_cli = AppGroup("courses", help="Installed courses.")


@courses_cli.command("check")
@click.option("--root", type=click.Path(path_type=Path), help="Folder of courses to check.")
def check(root: Path | None) -> None:
    """Validate every course file; print each problem as path:line: message."""
    root = root or Path(current_app.config["COURSES_ROOT"])
    problems = check_catalogue(root)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.level == "error")
    warnings = len(problems) - errors
    click.echo(f"{errors} errors, {warnings} warnings in {root}")
    if errors:
        raise SystemExit(1)
