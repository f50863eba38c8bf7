"""entryindex: logbook entries of a page of people, without reading the organisation's

Revision ID: 0032_entryindex
Revises: 0031_indexes
Create Date: 2026-12-03 19:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0032_entryindex"
down_revision = "0031_indexes"
branch_labels = None
depends_on = None

# (name, table, columns), as in the model's __table_args__. A mentor's inbox and the staff
# overview's 50 learners filter on user_id IN (...) and the organisation: with only the
# (organisation, state) index SQLite read every entry of the organisation (121 ms at 200,000).
INDEXES = (
    (
        "ix_logbook_entries_user_organisation_state",
        "logbook_entries",
        ["user_id", "organisation_id", "state"],
    ),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
