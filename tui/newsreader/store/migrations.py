"""The library's schema, as a forward-only list of migrations.

Migration N (1-based) takes a library at schema N-1 to schema N. A step is never edited
once released: a change to the schema is a new step appended at the end, so every
library ever written can be brought forward, and tests replay the list from version 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def _v1_library(db: Database) -> None:
    """Articles (with old versions kept), annotations with tags, article notes, settings."""
    db.table("articles").create(
        {
            "id": str,
            "path": str,
            "title": str,
            "source": str,
            "date": str,
            "url": str,
            "author": str,
            "body": str,
            "version": int,
            "word_count": int,
            "imported_at": str,
            "updated_at": str,
        },
        pk="id",
    )
    db.table("articles").create_index(["path"])
    db.table("article_versions").create(
        {"article_id": str, "version": int, "body": str, "replaced_at": str},
        pk=("article_id", "version"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("annotations").create(
        {
            "id": str,
            "article_id": str,
            "article_version": int,
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "note": str,
            "orphaned": int,
            "created": str,
            "updated": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        defaults={"orphaned": 0, "note": "", "prefix": "", "suffix": ""},
    )
    db.table("annotations").create_index(["article_id", "start"])
    db.execute(
        """CREATE TABLE annotation_tags (
            annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (annotation_id, key))"""
    )
    db.table("annotation_tags").create_index(["key"])
    db.table("article_notes").create(
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
    db.table("article_tags").create_index(["key"])
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("articles").enable_fts(
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


def _v3_web_articles_and_feeds(db: Database) -> None:
    """Articles keep the metadata their front matter had beyond the known fields (JSON)
    and, when fetched from the web, the address asked for; their dates become ISO 8601;
    the feeds followed, with what their last answer said for conditional requests, and
    the items already imported."""
    db.execute("ALTER TABLE articles ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE articles ADD COLUMN fetched_url TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX articles_url ON articles (url)")
    from newsreader.corpus.dates import iso_date

    # Dates as the old importer kept them ("February 26, 2025"), as ISO 8601 so they sort.
    rows = db.execute("SELECT id, date FROM articles WHERE date != ''").fetchall()
    db.conn.executemany(
        "UPDATE articles SET date = ? WHERE id = ?",
        [(iso, article_id) for article_id, date in rows if (iso := iso_date(date)) and iso != date],
    )
    db.execute(
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '', last_checked TEXT NOT NULL DEFAULT '',
            added TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE feed_items (
            feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
            item TEXT NOT NULL, article_id TEXT, seen TEXT NOT NULL,
            PRIMARY KEY (feed_url, item))"""
    )


def _v4_article_changes(db: Database) -> None:
    """When the reader first and last changed an article's own tags or note: the
    article-level annotation's ``created``/``modified`` in exports."""
    db.execute(
        """CREATE TABLE article_changes (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            created TEXT NOT NULL, updated TEXT NOT NULL)"""
    )


def _v5_stories(db: Database) -> None:
    """Stories (see ``stories.cache``): each article version's names and their LSH
    bands, the similarity links found, and the stories with their articles."""
    db.execute("""CREATE TABLE story_terms (article_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL, terms TEXT NOT NULL)""")
    db.execute("""CREATE TABLE story_bands (band INTEGER NOT NULL, key BLOB NOT NULL,
        article_id TEXT NOT NULL, PRIMARY KEY (band, key, article_id)) WITHOUT ROWID""")
    db.execute("CREATE INDEX story_bands_article ON story_bands (article_id)")
    db.execute("""CREATE TABLE story_links (a TEXT NOT NULL, b TEXT NOT NULL,
        PRIMARY KEY (a, b)) WITHOUT ROWID""")
    db.execute("CREATE INDEX story_links_b ON story_links (b)")
    db.execute("""CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL,
        first TEXT NOT NULL, last TEXT NOT NULL, sources TEXT NOT NULL, articles TEXT NOT NULL)""")
    db.execute("""CREATE TABLE story_articles (article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL)""")
    db.execute("CREATE INDEX story_articles_story ON story_articles (story_id)")


def _v6_quote_kinds(db: Database) -> None:
    """Shared passages (wire copy) beside shared quotes in the same cache tables: each
    quotation and group says which it is. The engine version changes with it, so the
    cache is rebuilt on first use."""
    db.execute("ALTER TABLE quote_quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'quote'")
    db.execute("ALTER TABLE quote_groups ADD COLUMN kind TEXT NOT NULL DEFAULT 'quote'")


def _v7_story_updates(db: Database) -> None:
    """Stories updated incrementally (see ``stories.links``): the links each quote or
    passage group gives, with what it linked (its articles) to tell when it changed, and
    the date, title and source each article's names were read with (a new date moves its
    links, a new title may retitle its story). The index lets an update find the articles
    that changed without reading their bodies (the quote cache's check of every article's
    version on each sync reads it too: the version sits after the body in the row)."""
    db.execute("CREATE TABLE story_groups (group_id TEXT PRIMARY KEY, linking TEXT NOT NULL)")
    db.execute("""CREATE TABLE story_group_links (group_id TEXT NOT NULL, a TEXT NOT NULL,
        b TEXT NOT NULL, PRIMARY KEY (group_id, a, b)) WITHOUT ROWID""")
    db.execute("CREATE INDEX story_group_links_a ON story_group_links (a)")
    db.execute("CREATE INDEX story_group_links_b ON story_group_links (b)")
    for column in ("date", "title", "source"):
        db.execute(f"ALTER TABLE story_terms ADD COLUMN {column} TEXT")
        db.execute(f"UPDATE story_terms SET {column} = (SELECT {column} FROM articles WHERE id = article_id)")
    db.execute("CREATE INDEX articles_story_facts ON articles (id, version, date, title, source)")


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_library,
    _v2_quote_index,
    _v3_web_articles_and_feeds,
    _v4_article_changes,
    _v5_stories,
    _v6_quote_kinds,
    _v7_story_updates,
]

LATEST = len(MIGRATIONS)
