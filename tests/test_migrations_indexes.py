"""Migration 0031_indexes: the list indexes come with the upgrade and go with the downgrade,
on SQLite and PostgreSQL (TEST_DATABASE_URL)."""

import importlib.util
import os
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from extensions import db
from migrating import init_migrations

MIGRATION = Path(__file__).parent.parent / "migrations/versions/0031_indexes_add_list_indexes.py"


def _indexes() -> tuple:
    spec = importlib.util.spec_from_file_location("indexes_migration", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.INDEXES


def _present(names: set[str]) -> set[str]:
    inspector = sa.inspect(db.engine)
    tables = {table for _, table, _ in _indexes()}
    found = {ix["name"] for table in tables for ix in inspector.get_indexes(table)}
    return names & found


def test_the_indexes_come_and_go_with_the_migration(tmp_path, config):
    url = os.environ.get("TEST_DATABASE_URL")
    schema = f"indexes_{os.getpid()}"
    if url:
        base = url.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = sa.create_engine(base)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        target = f"{base}?options=-csearch_path%3D{schema}"
    else:
        target = f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    names = {name for name, _, _ in _indexes()}
    assert "ix_logbook_entries_organisation_state" in names
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": target})
    init_migrations(app)
    try:
        with app.app_context():
            upgrade(directory="migrations", revision="0031_indexes")
            assert _present(names) == names
            downgrade(directory="migrations", revision="0030_ageband")
            assert _present(names) == set()
            upgrade(directory="migrations", revision="0031_indexes")
            assert _present(names) == names
            db.engine.dispose()
    finally:
        if url:
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()
