"""meetings: meetings proposed, answered and put in both calendars

Revision ID: 0019_meetings
Revises: 0018_messages
Create Date: 2026-12-03 07:15:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019_meetings"
down_revision = "0018_messages"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mentoring_meeting_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.Column("ask_to_log_at", sa.DateTime(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=100), nullable=False),
        sa.Column("ics_sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["mentoring_meeting_proposals.id"], ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["mentoring_meetings.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("mentoring_meeting_proposals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentoring_meeting_proposals_mentorship_id"), ["mentorship_id"]
        )
        batch_op.create_index("ix_meeting_proposals_state_starts", ["state", "starts_at"])


def downgrade():
    with op.batch_alter_table("mentoring_meeting_proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_proposals_state_starts")
        batch_op.drop_index(batch_op.f("ix_mentoring_meeting_proposals_mentorship_id"))
    op.drop_table("mentoring_meeting_proposals")
