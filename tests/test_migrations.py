"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from extensions import db
from helpcentre.models import include_name
from migrating import init_migrations


def test_upgrade_from_empty_matches_the_models(blank_database_url, config):
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": blank_database_url})
    init_migrations(app)
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
