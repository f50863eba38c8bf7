"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from extensions import db
from helpcentre.models import include_name
from migrating import init_migrations


def test_upgrade_from_empty_matches_the_models(tmp_path, config):
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        schema = f"migrations_{os.getpid()}"
        base = url.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = sa.create_engine(base)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        target = f"{base}?options=-csearch_path%3D{schema}"
    else:
        target = f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": target})
    init_migrations(app)
    try:
        with app.app_context():
            upgrade(directory="migrations")
            with db.engine.connect() as conn:
                context = MigrationContext.configure(
                    conn,
                    opts={
                        "compare_type": False,
                        "render_as_batch": True,
                        "include_name": include_name,  # SQLite's FTS5 tables: no model
                    },
                )
                diff = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert diff == []
    finally:
        if url:
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()
