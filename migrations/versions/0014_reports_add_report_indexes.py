"""reports: each self-assessment's first score, and an index to find an entry's first feedback

Revision ID: 0014_reports
Revises: 0013_outcomes
Create Date: 2026-12-02 15:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_reports"
down_revision = "0013_outcomes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_score", sa.Integer(), nullable=True))
    # The score of each person's first submitted attempt, from the attempts kept so far.
    op.execute(
        """
        UPDATE self_assessments SET first_score = (
            SELECT a.score FROM quiz_attempts a
            WHERE a.user_id = self_assessments.user_id
              AND a.course = self_assessments.course
              AND a.module = self_assessments.module
              AND a.state = 'submitted'
            ORDER BY a.submitted_at, a.id
            LIMIT 1
        )
        """
    )
    op.create_index(
        "ix_logbook_messages_entry_kind", "logbook_messages", ["entry_id", "kind", "created_at"]
    )


def downgrade():
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.drop_column("first_score")
    op.drop_index("ix_logbook_messages_entry_kind", table_name="logbook_messages")
