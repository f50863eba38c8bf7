"""outcomes: status at entry, departures and follow-ups at leaving, +6 and +12 months

Revision ID: 0013_outcomes
Revises: 0012_members
Create Date: 2026-12-02 13:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013_outcomes"
down_revision = "0012_members"
branch_labels = None
depends_on = None


def _person_columns():
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
    ]


def _person_constraints():
    return [
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    ]


def _person_indexes(table: str):
    op.create_index(op.f(f"ix_{table}_user_id"), table, ["user_id"], unique=False)
    op.create_index(op.f(f"ix_{table}_organisation_id"), table, ["organisation_id"], unique=False)


def upgrade():
    op.create_table(
        "entry_statuses",
        *_person_columns(),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("situation", sa.String(length=20), nullable=True),
        sa.Column("benefit", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        *_person_constraints(),
        sa.UniqueConstraint("user_id", "organisation_id"),
    )
    _person_indexes("entry_statuses")
    op.create_table(
        "departures",
        *_person_columns(),
        sa.Column("left_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], ondelete="SET NULL"),
        *_person_constraints(),
        sa.UniqueConstraint("user_id", "organisation_id"),
    )
    _person_indexes("departures")
    op.create_table(
        "follow_ups",
        *_person_columns(),
        sa.Column("moment", sa.String(length=10), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("situation", sa.String(length=20), nullable=True),
        sa.Column("business_registered", sa.Boolean(), nullable=True),
        sa.Column("registration_number", sa.String(length=40), nullable=True),
        sa.Column("started_trading", sa.Boolean(), nullable=True),
        sa.Column("financing", sa.JSON(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("by_phone", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"], ondelete="SET NULL"),
        *_person_constraints(),
        sa.UniqueConstraint("token_hash"),
        sa.UniqueConstraint("user_id", "organisation_id", "moment"),
    )
    _person_indexes("follow_ups")


def downgrade():
    for table in ("follow_ups", "departures", "entry_statuses"):
        op.drop_index(op.f(f"ix_{table}_organisation_id"), table_name=table)
        op.drop_index(op.f(f"ix_{table}_user_id"), table_name=table)
        op.drop_table(table)
