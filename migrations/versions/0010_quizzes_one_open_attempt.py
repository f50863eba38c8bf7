"""one quiz attempt in progress per learner per module

Revision ID: 0010_quizzes
Revises: 0009_accounts
Create Date: 2026-12-02 06:00:00

A double "Start" could open two attempts. Before the unique index, each learner's extra open
attempts on one module are folded into the newest one (the one the pages resume): answers it
lacks are taken over from the older ones, then the older ones go. Nothing the learner could
reach is lost.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010_quizzes'
down_revision = '0009_accounts'
branch_labels = None
depends_on = None

OPEN = "state = 'in_progress'"


def _fold_duplicate_open_attempts() -> None:
    attempts = sa.table(
        "quiz_attempts",
        sa.column("id", sa.Integer),
        sa.column("user_id", sa.Integer),
        sa.column("course", sa.String),
        sa.column("module", sa.String),
        sa.column("state", sa.String),
        sa.column("option_order", sa.JSON),
        sa.column("answers", sa.JSON),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(attempts)
        .where(attempts.c.state == "in_progress")
        .order_by(attempts.c.id.desc())
    ).all()
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault((row.user_id, row.course, row.module), []).append(row)
    for newest, *older in groups.values():
        if not older:
            continue
        answers = dict(newest.answers or {})
        options = newest.option_order or {}
        for row in older:  # newest first: the latest answer to a question wins
            for question, option in (row.answers or {}).items():
                if question not in answers and option in options.get(question, ()):
                    answers[question] = option
        conn.execute(
            attempts.update().where(attempts.c.id == newest.id).values(answers=answers)
        )
        conn.execute(attempts.delete().where(attempts.c.id.in_([r.id for r in older])))


def upgrade():
    _fold_duplicate_open_attempts()
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "uq_quiz_attempts_user_id",
            ["user_id", "course", "module"],
            unique=True,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )


def downgrade():
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("uq_quiz_attempts_user_id")
