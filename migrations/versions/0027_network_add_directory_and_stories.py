"""network: the opt-in directory of participants, their messages, success stories and photos

Revision ID: 0027_network
Revises: 0026_questions
Create Date: 2026-12-03 12:19:00.827519

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0027_network"
down_revision = "0026_questions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "network_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=80), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.Column("offer", sa.Text(), nullable=False),
        sa.Column("looking_for", sa.Text(), nullable=False),
        sa.Column("show_email", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_network_listings_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_network_listings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_listings")),
        sa.UniqueConstraint(
            "organisation_id", "user_id", name=op.f("uq_network_listings_organisation_id")
        ),
    )
    with op.batch_alter_table("network_listings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_network_listings_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_network_listings_user_id"), ["user_id"], unique=False)

    op.create_table(
        "network_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_network_messages_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["users.id"],
            name=op.f("fk_network_messages_recipient_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"],
            ["users.id"],
            name=op.f("fk_network_messages_sender_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_messages")),
    )
    with op.batch_alter_table("network_messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_network_messages_recipient", ["recipient_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_network_messages_sender", ["sender_id", "created_at"], unique=False
        )

    op.create_table(
        "network_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_network_stories_author_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_network_stories_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_network_stories_published_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_stories")),
    )
    with op.batch_alter_table("network_stories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_network_stories_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            "ix_network_stories_org_state", ["organisation_id", "state"], unique=False
        )

    op.create_table(
        "network_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["network_stories.id"],
            name=op.f("fk_network_photos_story_id_network_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_photos")),
        sa.UniqueConstraint("story_id", name=op.f("uq_network_photos_story_id")),
    )


def downgrade():
    op.drop_table("network_photos")
    with op.batch_alter_table("network_stories", schema=None) as batch_op:
        batch_op.drop_index("ix_network_stories_org_state")
        batch_op.drop_index(batch_op.f("ix_network_stories_author_id"))

    op.drop_table("network_stories")
    with op.batch_alter_table("network_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_network_messages_sender")
        batch_op.drop_index("ix_network_messages_recipient")

    op.drop_table("network_messages")
    with op.batch_alter_table("network_listings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_network_listings_user_id"))
        batch_op.drop_index(batch_op.f("ix_network_listings_organisation_id"))

    op.drop_table("network_listings")
