"""move the logbook's own notifications into the notification centre

Unread items move with a sentence and a link (the assignment key stands in for its title, which
lives in the course files); read ones are history the centre never showed, and go.

Revision ID: 0016_centre
Revises: 0015_notifications
Create Date: 2026-12-03 08:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0016_centre"
down_revision = "0015_notifications"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT n.user_id, n.kind, n.created_at, e.id, e.course, e.key, e.organisation_id,"
            " learner.name,"
            " (SELECT u.name FROM logbook_messages m JOIN users u ON u.id = m.author_id"
            "  WHERE m.entry_id = e.id AND m.kind = 'feedback' ORDER BY m.id DESC LIMIT 1)"
            " FROM logbook_notifications n"
            " JOIN logbook_entries e ON e.id = n.entry_id"
            " JOIN users learner ON learner.id = e.user_id"
            " WHERE n.read_at IS NULL"
        )
    ).all()
    notifications = sa.table(
        "notifications",
        sa.column("user_id", sa.Integer),
        sa.column("organisation_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("params", sa.JSON),
        sa.column("link", sa.String),
        sa.column("subject", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("emailed_at", sa.DateTime),
        sa.column("frequency", sa.String),
    )
    moved = []
    for user_id, kind, created_at, entry_id, course, key, org_id, learner, mentor in rows:
        submitted = kind == "submitted"
        moved.append(
            {
                "user_id": user_id,
                "organisation_id": org_id,
                "kind": "entry_submitted" if submitted else "feedback_given",
                "params": {"name": learner if submitted else (mentor or ""), "title": key},
                "link": f"/mentor/entries/{entry_id}" if submitted else f"/logbook/{course}/{key}",
                "subject": f"entry:{entry_id}",
                "created_at": created_at,
                "emailed_at": created_at,  # the logbook emailed it when it happened
                "frequency": "at_once",
            }
        )
    if moved:
        op.bulk_insert(notifications, moved)
    with op.batch_alter_table("logbook_notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logbook_notifications_user_id"))
        batch_op.drop_index(batch_op.f("ix_logbook_notifications_entry_id"))
    op.drop_table("logbook_notifications")


def downgrade():
    op.create_table(
        "logbook_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["logbook_entries.id"],
            name=op.f("fk_logbook_notifications_entry_id_logbook_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_logbook_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_notifications")),
    )
    with op.batch_alter_table("logbook_notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_logbook_notifications_entry_id"), ["entry_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_logbook_notifications_user_id"), ["user_id"], unique=False
        )
