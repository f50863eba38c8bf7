"""`flask db ...`: Flask-Migrate's commands (upgrade, migrate, ...) and `flask db backup`.

Flask-Migrate brings Alembic: about 11 MiB and a quarter of a second for every worker that
imports it, and a worker serving pages never runs a migration. So `create_app` registers only
this small `db` group; Flask-Migrate is imported and wired to the app when a `flask db` command
runs. Code that calls Flask-Migrate's functions directly (a test that upgrades a database)
calls `init_migrations(app)` first.
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import ScriptInfo


def init_migrations(app: Flask) -> None:
    """Wire Flask-Migrate to this app, once; `flask db backup` joins its `db` group."""
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate
    from flask_migrate.cli import db as migrate_commands

    from backup import backup_command
    from extensions import db
    from helpcentre.models import include_name

    Migrate(app, db, render_as_batch=True, include_name=include_name)
    migrate_commands.add_command(backup_command)  # `flask db backup PATH`, beside `upgrade`


class _MigrationCommands(click.Group):
    """Stands in for Flask-Migrate's `db` group until a `flask db` command is asked for."""

    def _commands(self, ctx: click.Context) -> click.Group:
        init_migrations(ctx.ensure_object(ScriptInfo).load_app())
        from flask_migrate.cli import db as migrate_commands

        return migrate_commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Takes on Flask-Migrate's own options (--directory, --x-arg) and what they set."""
        commands = self._commands(ctx)
        self.params, self.callback = commands.params, commands.callback
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._commands(ctx).list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._commands(ctx).get_command(ctx, cmd_name)


db_cli = _MigrationCommands("db", help="Perform database migrations, and `flask db backup`.")
