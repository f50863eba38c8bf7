"""The accounts migration keeps everyone who already had an account able to sign in: each counts
as confirmed and gets a session token of their own."""

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from extensions import db
from migrating import init_migrations


def test_people_from_before_count_as_confirmed_with_their_own_tokens(blank_database_url, config):
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": blank_database_url})
    init_migrations(app)
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
