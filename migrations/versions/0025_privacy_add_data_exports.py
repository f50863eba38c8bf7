"""privacy: the "Download my data" archives, kept until they expire

Revision ID: 0025_privacy
Revises: 0024_credentials
Create Date: 2026-12-03 12:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0025_privacy"
down_revision = "0024_credentials"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "privacy_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("ready_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("privacy_exports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_privacy_exports_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("privacy_exports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_exports_user_id"))
    op.drop_table("privacy_exports")
