"""Migrations 0031_indexes and 0032_entryindex: the list indexes come with the upgrade and go
with the downgrade, on SQLite and PostgreSQL (TEST_DATABASE_URL)."""

import importlib.util
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from extensions import db
from migrating import init_migrations

VERSIONS = Path(__file__).parent.parent / "migrations/versions"
MIGRATIONS = {  # revision: (file, the revision before it, an index it must add)
    "0031_indexes": ("0031_indexes_add_list_indexes.py", "0030_ageband",
                     "ix_logbook_entries_organisation_state"),
    "0032_entryindex": ("0032_entryindex_add_entries_by_person_index.py", "0031_indexes",
                        "ix_logbook_entries_user_organisation_state"),
}  # fmt: skip


def _indexes(revision: str) -> tuple:
    spec = importlib.util.spec_from_file_location(
        "indexes_migration", VERSIONS / MIGRATIONS[revision][0]
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.INDEXES


def _present(revision: str, names: set[str]) -> set[str]:
    inspector = sa.inspect(db.engine)
    tables = {table for _, table, _ in _indexes(revision)}
    found = {ix["name"] for table in tables for ix in inspector.get_indexes(table)}
    return names & found


@pytest.mark.parametrize("revision", sorted(MIGRATIONS))
def test_the_indexes_come_and_go_with_the_migration(revision, blank_database_url, config):
    _file, before, expected = MIGRATIONS[revision]
    names = {name for name, _, _ in _indexes(revision)}
    assert expected in names
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": blank_database_url})
    init_migrations(app)
    with app.app_context():
        upgrade(directory="migrations", revision=revision)
        assert _present(revision, names) == names
        downgrade(directory="migrations", revision=before)
        assert _present(revision, names) == set()
        upgrade(directory="migrations", revision=revision)
        assert _present(revision, names) == names
        db.engine.dispose()
