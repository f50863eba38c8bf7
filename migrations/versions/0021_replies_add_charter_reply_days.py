"""replies: how soon the mentor answers a logbook entry, agreed in the charter

Revision ID: 0021_replies
Revises: 0020_flow
Create Date: 2026-12-03 07:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021_replies"
down_revision = "0020_flow"
branch_labels = None
depends_on = None


def upgrade():
    # Charters written before this get the default of seven days.
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reply_days", sa.Integer(), server_default="7", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.drop_column("reply_days")
