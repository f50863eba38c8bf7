"""mentoring: one open pair per mentee per organisation

A partial unique index over the pairs that are proposed, accepted or active: a mentee paired by
hand with two mentors at once gets one pair, on SQLite and PostgreSQL alike.

Revision ID: 0007_mentoring
Revises: 0006_outbox
Create Date: 2026-12-02 05:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_mentoring"
down_revision = "0006_outbox"
branch_labels = None
depends_on = None

OPEN = sa.text("state IN ('proposed', 'accepted', 'active')")


def upgrade():
    op.create_index(
        "ix_mentorships_one_open_per_mentee",
        "mentorships",
        ["organisation_id", "mentee_id"],
        unique=True,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )


def downgrade():
    op.drop_index("ix_mentorships_one_open_per_mentee", table_name="mentorships")
