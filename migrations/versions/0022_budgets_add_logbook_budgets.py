"""budgets: the five budgets of a learner's plan as data, and every saved version of them

Revision ID: 0022_budgets
Revises: 0021_replies
Create Date: 2026-12-03 08:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022_budgets"
down_revision = "0021_replies"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "logbook_budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "course", "kind"),
    )
    with op.batch_alter_table("logbook_budgets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logbook_budgets_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_logbook_budgets_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "logbook_budget_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["budget_id"], ["logbook_budgets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("budget_id", "version"),
    )
    with op.batch_alter_table("logbook_budget_revisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_logbook_budget_revisions_budget_id"), ["budget_id"], unique=False
        )


def downgrade():
    op.drop_table("logbook_budget_revisions")
    op.drop_table("logbook_budgets")
