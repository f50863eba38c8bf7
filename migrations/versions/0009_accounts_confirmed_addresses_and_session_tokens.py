"""accounts: confirmed addresses and session tokens

Every existing person counts as confirmed (they joined by invitation, by the demo or by a code
before confirmation existed) and gets their own random session token.

Revision ID: 0009_accounts
Revises: 0008_logbook
Create Date: 2026-12-02 05:40:00.000000

"""
import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009_accounts'
down_revision = '0008_logbook'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))

    users = sa.table(
        "users",
        sa.column("id", sa.Integer()),
        sa.column("created_at", sa.DateTime()),
        sa.column("confirmed_at", sa.DateTime()),
        sa.column("session_token", sa.String()),
    )
    connection = op.get_bind()
    connection.execute(users.update().values(confirmed_at=users.c.created_at))
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_token=secrets.token_urlsafe(32))
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
        batch_op.drop_column("confirmed_at")
