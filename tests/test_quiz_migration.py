"""Migration 0010_quizzes: attempts that a double "Start" opened before the unique index are
folded into the newest one, keeping every answer; other attempts stay as they were."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from extensions import db
from migrating import init_migrations

ATTEMPT = (
    "INSERT INTO quiz_attempts (id, user_id, course, module, state, question_order, "
    "option_order, answers, started_at, updated_at) VALUES (:id, 1, 'c', :module, :state, "
    "'[\"q1\", \"q2\", \"q3\"]', :options, :answers, '2026-01-01', '2026-01-01')"
)
OPTIONS = json.dumps({"q1": ["a", "b"], "q2": ["a", "b"], "q3": ["a", "b"]})


def test_duplicate_open_attempts_are_folded_into_the_newest(tmp_path, config):
    target = f"sqlite:///{tmp_path / 'before.sqlite'}"
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": target})
    init_migrations(app)
    with app.app_context():
        upgrade(directory="migrations", revision="0006_outbox")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO users (id, email, name, password_hash, text_size, contrast, "
                    "is_admin, created_at) VALUES (1, 'a@example.org', 'A', 'x', 'normal', "
                    "'normal', false, '2026-01-01')"
                )
            )
            rows = [
                (1, "m", "in_progress", {"q1": "a", "q2": "b"}),
                (2, "m", "in_progress", {"q1": "b"}),
                (3, "m", "submitted", {"q3": "a"}),
                (4, "other", "in_progress", {"q3": "b"}),
            ]
            for id_, module, state, answers in rows:
                values = {"id": id_, "module": module, "state": state, "options": OPTIONS}
                conn.execute(sa.text(ATTEMPT), {**values, "answers": json.dumps(answers)})
        upgrade(directory="migrations", revision="0010_quizzes")
        with db.engine.connect() as conn:
            found = conn.execute(
                sa.text("SELECT id, state, answers FROM quiz_attempts ORDER BY id")
            ).all()
        db.engine.dispose()
    assert [(i, s, json.loads(a)) for i, s, a in found] == [
        (2, "in_progress", {"q1": "b", "q2": "b"}),
        (3, "submitted", {"q3": "a"}),
        (4, "in_progress", {"q3": "b"}),
    ]
