"""messages: messages between the two people of a pair, with the recipient's read time

Revision ID: 0018_messages
Revises: 0017_intro
Create Date: 2026-12-03 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018_messages"
down_revision = "0017_intro"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pair_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sender_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pair_messages", schema=None) as batch_op:
        batch_op.create_index("ix_pair_messages_pair_created", ["pair_id", "created_at"])
        batch_op.create_index(batch_op.f("ix_pair_messages_sender_id"), ["sender_id"])


def downgrade():
    with op.batch_alter_table("pair_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pair_messages_sender_id"))
        batch_op.drop_index("ix_pair_messages_pair_created")
    op.drop_table("pair_messages")
