"""members: deactivation, last seen and group label on memberships; name and group on invitations

Revision ID: 0012_members
Revises: 0011_admin
Create Date: 2026-12-02 05:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012_members'
down_revision = '0011_admin'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deactivated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("group_label", sa.String(length=60), nullable=True))
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("group_label", sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("group_label")
        batch_op.drop_column("name")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("group_label")
        batch_op.drop_column("last_seen_at")
        batch_op.drop_column("deactivated_at")
