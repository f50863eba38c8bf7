"""The help pages' search index: a table, and on SQLite its FTS5 table.

Revision ID: 0023_help
Revises: 0022_budgets
"""

import sqlalchemy as sa
from alembic import op

revision = "0023_help"
down_revision = "0022_budgets"
branch_labels = None
depends_on = None

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS help_search_fts USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)


def upgrade():
    op.create_table(
        "help_search_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("roles", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_search_pages")),
        sa.UniqueConstraint("slug", "language", name="uq_help_search_pages_slug"),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(FTS_CREATE)
    # PostgreSQL searches the rows with to_tsvector in each page's language: a few dozen pages
    # need no index of their own. The rows are filled on the first search (or `flask help index`).


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS help_search_fts")
    op.drop_table("help_search_pages")
