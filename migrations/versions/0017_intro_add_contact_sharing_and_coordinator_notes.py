"""intro: what each person shares with their mentoring partner; the coordinator's note on a pair
made by hand

Revision ID: 0017_intro
Revises: 0016_centre
Create Date: 2026-12-03 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017_intro"
down_revision = "0016_centre"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "share_email_with_partner", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("phone_for_partner", sa.String(length=30), nullable=False, server_default="")
        )
    op.create_table(
        "mentoring_coordinator_notes",
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["written_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("mentorship_id"),
    )


def downgrade():
    op.drop_table("mentoring_coordinator_notes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("phone_for_partner")
        batch_op.drop_column("share_email_with_partner")
