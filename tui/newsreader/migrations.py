"""The library's schema, as a forward-only list of migrations.

Migration N (1-based) takes a library at schema N-1 to schema N. A step is never edited
once released: a change to the schema is a new step appended at the end, so every
library ever written can be brought forward, and tests replay the list from version 1.
"""

from __future__ import annotations

from typing import Callable

from sqlite_utils import Database


def _v1_library(db: Database) -> None:
    """Articles (with old versions kept), annotations with tags, article notes, settings."""
    db["articles"].create(
        {
            "id": str, "path": str, "title": str, "source": str, "date": str, "url": str,
            "author": str, "body": str, "version": int, "word_count": int,
            "imported_at": str, "updated_at": str,
        },
        pk="id",
    )
    db["articles"].create_index(["path"])
    db["article_versions"].create(
        {"article_id": str, "version": int, "body": str, "replaced_at": str},
        pk=("article_id", "version"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["annotations"].create(
        {
            "id": str, "article_id": str, "article_version": int, "start": int, "end": int,
            "exact": str, "prefix": str, "suffix": str, "note": str, "orphaned": int,
            "created": str, "updated": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        defaults={"orphaned": 0, "note": "", "prefix": "", "suffix": ""},
    )
    db["annotations"].create_index(["article_id", "start"])
    db.execute(
        """CREATE TABLE annotation_tags (
            annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (annotation_id, key))"""
    )
    db["annotation_tags"].create_index(["key"])
    db["article_notes"].create(
        {"article_id": str, "note": str, "created": str, "updated": str},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute(
        """CREATE TABLE article_tags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (article_id, key))"""
    )
    db["article_tags"].create_index(["key"])
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["articles"].enable_fts(
        ["title", "body"], fts_version="FTS5", create_triggers=True, tokenize="porter unicode61"
    )


def _v2_quote_index(db: Database) -> None:
    """The shared-quote engine's cache (see ``quotes.cache``): indexed article versions,
    quotations, shingle postings, match edges, and the assembled groups and members."""
    db.execute("CREATE TABLE quote_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE quote_articles (article_id TEXT PRIMARY KEY, version INTEGER NOT NULL)")
    db.execute(
        """CREATE TABLE quote_quotes (
            id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, spans TEXT NOT NULL,
            texts TEXT NOT NULL, speaker TEXT NOT NULL, group_id TEXT)"""
    )
    db.execute("CREATE INDEX quote_quotes_article ON quote_quotes (article_id)")
    db.execute("CREATE INDEX quote_quotes_group ON quote_quotes (group_id)")
    db.execute(
        """CREATE TABLE quote_shingles (shingle INTEGER NOT NULL, quote_id INTEGER NOT NULL,
            PRIMARY KEY (shingle, quote_id)) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE quote_singles (shingle INTEGER NOT NULL, quote_id INTEGER NOT NULL,
            PRIMARY KEY (shingle, quote_id)) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE quote_edges (
            a INTEGER NOT NULL, b INTEGER NOT NULL, a0 INTEGER NOT NULL, a1 INTEGER NOT NULL,
            b0 INTEGER NOT NULL, b1 INTEGER NOT NULL, matched INTEGER NOT NULL,
            PRIMARY KEY (a, b, a0, b0)) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX quote_edges_b ON quote_edges (b)")
    db.execute(
        """CREATE TABLE quote_groups (id TEXT PRIMARY KEY, text TEXT NOT NULL,
            speaker TEXT NOT NULL, articles INTEGER NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE quote_members (
            group_id TEXT NOT NULL, article_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            diffs TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX quote_members_group ON quote_members (group_id)")
    db.execute("CREATE INDEX quote_members_article ON quote_members (article_id)")


def _v3_quote_kinds(db: Database) -> None:
    """Shared passages (wire copy) beside shared quotes in the same cache tables: each
    quotation and group says which it is. The engine version changes with it, so the
    cache is rebuilt on first use."""
    db.execute("ALTER TABLE quote_quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'quote'")
    db.execute("ALTER TABLE quote_groups ADD COLUMN kind TEXT NOT NULL DEFAULT 'quote'")


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_library,
    _v2_quote_index,
    _v3_quote_kinds,
]

LATEST = len(MIGRATIONS)
