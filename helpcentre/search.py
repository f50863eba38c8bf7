"""Searching the help pages: one service, SQLite FTS5 or PostgreSQL full-text search.

The index is the table `help_search_pages`, built from the loaded help files. `search` first
checks that the index holds the pages the app loaded (one small query) and rebuilds it when it
is empty or older, so a fresh database, a test or new content after a deploy needs no extra
step; `flask help index` rebuilds it by hand. A Dutch query finds Dutch pages, an English one
English pages: each page is searched in its own language; the reader's language comes first.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

from sqlalchemy import delete, select, text

from extensions import db

from .models import FTS_TABLE, HelpSearchPage
from .pages import HelpLibrary

logger = logging.getLogger(__name__)

MAX_WORDS = 8
MAX_RESULTS = 20
START, STOP = "\u27e6", "\u27e7"  # snippet marks, never in help text; become <mark>
PG_CONFIG = {"nl": "dutch", "en": "english"}
# Words that say nothing about the topic; PostgreSQL drops its own, SQLite needs a list.
STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from how i in is it me my of on or so the to "
    "what when where which who why with you your de het een en van ik je jij mijn is in op "
    "te met voor hoe wat waar wie waarom kan kun moet dat die dit er aan bij of als".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Result:
    slug: str
    language: str
    title: str
    snippet_html: str


def query_words(query: str) -> list[str]:
    """The words of the query worth searching for, without duplicates, at most MAX_WORDS."""
    words: list[str] = []
    for word in _WORD.findall(query.lower()):
        if len(word) > 1 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def build_index(library: HelpLibrary) -> int:
    """Replace the index with the library's pages; returns how many rows it holds. Flushes."""
    session = db.session
    sqlite = session.get_bind().dialect.name == "sqlite"
    if not sqlite:  # two first searches at once: the second waits, then finds the index built
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('help_search_pages'))"))
        if _index_version() == library.version:
            return len(library.pages)
    session.execute(delete(HelpSearchPage))
    if sqlite:
        session.execute(text(f"DELETE FROM {FTS_TABLE}"))
    rows = [
        HelpSearchPage(
            slug=p.slug,
            language=p.language,
            roles=" ".join(p.roles),
            title=p.title,
            body=p.text,
            version=library.version,
        )
        for p in library.pages.values()
    ]
    session.add_all(rows)
    session.flush()
    if sqlite:
        session.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (:id, :title, :body)"),
            [{"id": r.id, "title": r.title, "body": r.body} for r in rows],
        )
    logger.info("help search index built: %d pages", len(rows))
    return len(rows)


def _index_version() -> str | None:
    return db.session.scalar(select(HelpSearchPage.version).limit(1))


def search(library: HelpLibrary, query: str, language: str) -> list[Result]:
    """Pages whose words match the query, the reader's language first, best matches first."""
    words = query_words(query)
    if not words or not library.pages:
        return []
    if _index_version() != library.version:
        build_index(library)
    dialect = db.session.get_bind().dialect.name
    rows = _sqlite(words, language) if dialect == "sqlite" else _postgresql(words, language)
    return [Result(slug, lang, title, _marked(snippet)) for slug, lang, title, snippet in rows]


def _sqlite(words: list[str], language: str) -> list[tuple[str, str, str, str]]:
    match = " OR ".join(f'"{word}"*' for word in words)  # each word quoted: no FTS5 syntax
    sql = text(
        f"SELECT p.slug, p.language, p.title, "
        f"snippet({FTS_TABLE}, 1, :start, :stop, '…', 16) "
        f"FROM {FTS_TABLE} JOIN help_search_pages p ON p.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH :match "
        f"ORDER BY p.language != :language, bm25({FTS_TABLE}, 5.0, 1.0) LIMIT :limit"
    )
    params = {"match": match, "language": language, "start": START, "stop": STOP}
    return [tuple(r) for r in db.session.execute(sql, {**params, "limit": MAX_RESULTS})]


def _postgresql(words: list[str], language: str) -> list[tuple[str, str, str, str]]:
    config = (
        "CASE p.language "
        + " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in PG_CONFIG.items())
        + " ELSE 'simple'::regconfig END"
    )
    query = f"to_tsquery({config}, :terms)"
    document = f"setweight(to_tsvector({config}, p.title), 'A') || to_tsvector({config}, p.body)"
    options = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"
    sql = text(
        f"SELECT p.slug, p.language, p.title, ts_headline({config}, p.body, {query}, :options) "
        f"FROM help_search_pages p WHERE {document} @@ {query} "
        f"ORDER BY p.language != :language, ts_rank({document}, {query}) DESC, p.title "
        "LIMIT :limit"
    )
    terms = " | ".join(f"{word}:*" for word in words)  # \w only: nothing tsquery reads as syntax
    params = {"terms": terms, "language": language, "options": options, "limit": MAX_RESULTS}
    return [tuple(r) for r in db.session.execute(sql, params)]


def _marked(snippet: str) -> str:
    """The snippet as safe HTML, the matched words in <mark>."""
    escaped = html.escape(snippet or "")
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")
