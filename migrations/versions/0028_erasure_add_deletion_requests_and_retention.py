"""erasure: deletion requests with their grace period, and each organisation's retention period

Revision ID: 0028_erasure
Revises: 0027_network
Create Date: 2026-12-03 13:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0028_erasure"
down_revision = "0027_network"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "privacy_deletions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("erase_after", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_privacy_deletions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_privacy_deletions_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_privacy_deletions_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_deletions")),
    )
    with op.batch_alter_table("privacy_deletions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_privacy_deletions_user_id"), ["user_id"], unique=False
        )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retention_years", sa.Integer(), server_default="5", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("retention_years")
    with op.batch_alter_table("privacy_deletions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_deletions_user_id"))
    op.drop_table("privacy_deletions")
