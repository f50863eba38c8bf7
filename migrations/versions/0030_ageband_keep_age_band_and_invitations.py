"""ageband: an erased account's participant record keeps an age band instead of the year of birth

Revision ID: 0030_ageband
Revises: 0029_notice
Create Date: 2026-12-03 15:10:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0030_ageband"
down_revision = "0029_notice"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("entry_statuses") as batch:
        batch.add_column(sa.Column("age_band", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("entry_statuses") as batch:
        batch.drop_column("age_band")
