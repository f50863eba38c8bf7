"""notice: versions of each organisation's privacy notice and which version each person saw

Revision ID: 0029_notice
Revises: 0028_erasure
Create Date: 2026-12-03 13:15:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0029_notice"
down_revision = "0028_erasure"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "privacy_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_nl", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_privacy_notices_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_privacy_notices_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_notices")),
        sa.UniqueConstraint(
            "organisation_id", "version", name=op.f("uq_privacy_notices_organisation_id")
        ),
    )
    with op.batch_alter_table("privacy_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_privacy_notices_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "privacy_notices_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_privacy_notices_seen_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_privacy_notices_seen_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_notices_seen")),
    )
    with op.batch_alter_table("privacy_notices_seen", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_privacy_notices_seen_user_id"), ["user_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("privacy_notices_seen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_notices_seen_user_id"))
    op.drop_table("privacy_notices_seen")
    with op.batch_alter_table("privacy_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_notices_organisation_id"))
    op.drop_table("privacy_notices")
