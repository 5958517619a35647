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


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_library,
]

LATEST = len(MIGRATIONS)
