"""`flask db backup PATH`: a consistent copy of the database, taken while the site runs.

SQLite is copied through its online backup API: copying the file while people write gave a
corrupt copy about once in 25. PostgreSQL is dumped with `pg_dump` in its custom format, for
`pg_restore`. The copy is written beside PATH and renamed into place when complete, so PATH is
never half a backup. The README's Production section says how to restore each.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import URL

from extensions import db

logger = logging.getLogger(__name__)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH: an SQLite database file, or for
    PostgreSQL a pg_dump archive in custom format (restore it with pg_restore)."""
    dialect = db.engine.dialect.name
    partial = path.with_name(path.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        if dialect == "sqlite":
            backup_sqlite(partial)
        elif dialect == "postgresql":
            backup_postgresql(db.engine.url, partial)
        else:
            raise click.ClickException(f"No backup method for a {dialect} database.")
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"The backup could not be written: {error}") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    logger.info("database backup written dialect=%s bytes=%s", dialect, path.stat().st_size)
    click.echo(f"Backup written to {path}.")


def backup_sqlite(target: Path) -> None:
    """One step of SQLite's online backup: a snapshot of one moment, while writers go on (WAL).
    The copy is a single file (no -wal beside it) and is checked before it counts."""
    raw = db.engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(copy)  # type: ignore[union-attr]
            copy.execute("PRAGMA journal_mode = DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        raw.close()
    if verdict != "ok":
        raise click.ClickException(f"The copy failed SQLite's integrity check: {verdict}")


def backup_postgresql(url: URL, target: Path) -> None:
    """pg_dump with the connection details of DATABASE_URL; the password goes through the
    environment, never the command line. A URL that sets a search_path dumps that schema."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise click.ClickException(
            "pg_dump is not installed: install Debian's postgresql-client "
            "(the same major version as the server or newer)."
        )
    libpq_url = url.set(drivername="postgresql", password=None)
    command = [pg_dump, "--format=custom", f"--file={target}", "--no-password"]
    command += [f"--schema={schema}" for schema in _search_path(url)]
    command.append(f"--dbname={libpq_url.render_as_string(hide_password=False)}")
    environment = {**os.environ, "PGCONNECT_TIMEOUT": str(_connect_timeout())}
    if url.password:
        environment["PGPASSWORD"] = url.password
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise click.ClickException(f"The backup could not be written: {result.stderr.strip()}")


def _search_path(url: URL) -> list[str]:
    """Schemas named by `options=-csearch_path=...` in the URL (one site per schema)."""
    options = url.query.get("options") or ""
    if isinstance(options, tuple):
        options = " ".join(options)
    match = re.search(r"search_path\s*=\s*(\S+)", options)
    if not match:
        return []
    return [name.strip().strip('"') for name in match.group(1).split(",") if name.strip()]


def _connect_timeout() -> int:
    return int(current_app.config.get("DATABASE_CONNECT_TIMEOUT", 5))
