"""reports: indexes for ranking quiz attempts and finding an entry's first feedback

Revision ID: 0014_reports
Revises: 0013_outcomes
Create Date: 2026-12-02 15:10:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_reports"
down_revision = "0013_outcomes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_quiz_attempts_person_submitted",
        "quiz_attempts",
        ["user_id", "course", "module", "submitted_at"],
    )
    op.create_index(
        "ix_logbook_messages_entry_kind", "logbook_messages", ["entry_id", "kind", "created_at"]
    )


def downgrade():
    op.drop_index("ix_logbook_messages_entry_kind", table_name="logbook_messages")
    op.drop_index("ix_quiz_attempts_person_submitted", table_name="quiz_attempts")
