"""The search index of the help pages: one row per page and language, rebuilt from the files.

On SQLite the words are also kept in an FTS5 table (`help_search_fts`, rowid = the row's id);
on PostgreSQL the rows are searched with to_tsvector in the page's language. The table is a
copy of content/help: it can be emptied at any time and is rebuilt on the next search.
"""

from __future__ import annotations

from sqlalchemy import DDL, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db

FTS_TABLE = "help_search_fts"
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)


class HelpSearchPage(db.Model):
    __tablename__ = "help_search_pages"
    __table_args__ = (UniqueConstraint("slug", "language", name="uq_help_search_pages_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    roles: Mapped[str] = mapped_column(String(40))  # "learner mentor"
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(64))  # HelpLibrary.version it was built from


# create_all (tests, a fresh database) makes the FTS5 table too; the migration does the same.
_table = HelpSearchPage.__table__
event.listen(_table, "after_create", DDL(FTS_CREATE).execute_if(dialect="sqlite"))
event.listen(
    _table, "before_drop", DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite")
)


def include_name(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's `include_name`: leave out SQLite's FTS5 table and its shadow tables, which no
    model describes, so autogenerate and the schema test do not ask to drop them."""
    return not (type_ == "table" and bool(name) and str(name).startswith(FTS_TABLE))
