"""The accounts migration keeps everyone who already had an account able to sign in: each counts
as confirmed and gets a session token of their own."""

import os

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from extensions import db
from migrating import init_migrations


def _empty_database(tmp_path) -> tuple[str, sa.Engine | None, str | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path / 'accounts.sqlite'}", None, None
    schema = f"accounts_migration_{os.getpid()}"
    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    return f"{base}?options=-csearch_path%3D{schema}", engine, schema


def test_people_from_before_count_as_confirmed_with_their_own_tokens(tmp_path, config):
    target, engine, schema = _empty_database(tmp_path)
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": target})
    init_migrations(app)
    try:
        with app.app_context():
            upgrade(directory="migrations", revision="0006_outbox")
            with db.engine.begin() as conn:
                for n in (1, 2):
                    conn.execute(
                        sa.text(
                            "INSERT INTO users (email, name, password_hash, text_size, contrast,"
                            " is_admin, created_at) VALUES (:email, 'P', 'x', 'normal', 'normal',"
                            " false, '2026-01-01 10:00:00')"
                        ),
                        {"email": f"p{n}@example.org"},
                    )
            upgrade(directory="migrations", revision="0009_accounts")
            with db.engine.connect() as conn:
                rows = conn.execute(sa.text("SELECT confirmed_at, session_token FROM users")).all()
            db.engine.dispose()
        assert all(confirmed is not None for confirmed, _ in rows)
        tokens = {token for _, token in rows}
        assert len(tokens) == 2 and all(len(token) >= 40 for token in tokens)
    finally:
        if engine is not None:
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()
