"""flow: a staff check-in says when the next one is due

Revision ID: 0020_flow
Revises: 0019_meetings
Create Date: 2026-12-03 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020_flow"
down_revision = "0019_meetings"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("mentoring_checkins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_check_in_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("mentoring_checkins", schema=None) as batch_op:
        batch_op.drop_column("next_check_in_on")
