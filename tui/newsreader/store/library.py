"""The library: one SQLite file holding articles, their old versions, notes and settings.

The same text imported twice is one article; a changed file or page is a new version of
it, with its annotations re-anchored in the same transaction. No Textual import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from newsreader.store.connection import LibraryConnection, now

if TYPE_CHECKING:
    from newsreader.corpus import Article


class ImportOutcome(str, Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata without its body: cheap enough to list ten thousand."""

    id: str
    path: str
    title: str
    source: str
    date: str
    url: str
    author: str
    version: int
    word_count: int


@dataclass(frozen=True)
class StoredArticle(ArticleInfo):
    body: str


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str
    snippet: str
    """Context around the match, with the matched words between ``\\x02`` and ``\\x03``."""


INFO_COLUMNS = "id, path, title, source, date, url, author, version, word_count"


class Library(LibraryConnection):
    """An open library file and the articles in it. Open one per thread: a connection is
    not shared across threads."""

    # ------------------------------------------------------------------ articles

    def import_article(self, article: Article) -> tuple[ImportOutcome, str]:
        """Store ``article``; the same text twice is one article, a changed file a new version
        (with its annotations re-anchored to the new text in the same transaction)."""
        with self.transaction():
            return self._import_one(article)

    def import_many(
        self, articles: Iterable[Article], batch: int = 200
    ) -> Iterator[tuple[ImportOutcome, str]]:
        """Import in batches of ``batch`` per transaction: fast for thousands of files."""
        pending = iter(articles)
        while True:
            with self.transaction():
                outcomes = []
                for article in pending:
                    outcomes.append(self._import_one(article))
                    if len(outcomes) >= batch:
                        break
            yield from outcomes
            if len(outcomes) < batch:
                return

    def _import_one(self, article: Article) -> tuple[ImportOutcome, str]:
        path = str(article.path) if article.path is not None else ""
        stamp = now()
        row = self._existing(article, path)
        fields = {
            "title": article.title,
            "source": article.source,
            "date": article.date,
            "url": article.url,
            "author": article.author,
            "body": article.body,
            "word_count": article.word_count,
            "updated_at": stamp,
            "metadata": json.dumps(dict(article.metadata), ensure_ascii=False, sort_keys=True),
        }
        if row is None:
            existing = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article.id,)).fetchone()
            if existing:
                return ImportOutcome.UNCHANGED, article.id
            self.db.table("articles").insert(
                {
                    "id": article.id,
                    "path": path,
                    "version": 1,
                    "imported_at": stamp,
                    "fetched_url": article.fetched_url,
                    **fields,
                }
            )
            self._add_tags(article.id, article.tags)
            return ImportOutcome.IMPORTED, article.id
        article_id, old_body, version = row
        if old_body == article.body:
            return self._refresh_metadata(article_id, fields), article_id
        self.db.table("article_versions").insert(
            {"article_id": article_id, "version": version, "body": old_body, "replaced_at": stamp}
        )
        self.db.table("articles").update(article_id, {**fields, "version": version + 1})
        from newsreader.notes import reanchor_article  # notes build on the library: imported late

        reanchor_article(self, article_id, old_body, article.body, version + 1)
        self._add_tags(article_id, article.tags)
        return ImportOutcome.UPDATED, article_id

    _METADATA = ("title", "source", "date", "url", "author", "metadata")

    def _refresh_metadata(self, article_id: str, fields: dict[str, object]) -> ImportOutcome:
        """The same text with other metadata (a better importer, an edited front matter):
        the fields are brought up to date, without a new version of the text."""
        stored = self.conn.execute(
            f"SELECT {', '.join(self._METADATA)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        fresh = tuple(fields[name] for name in self._METADATA)
        if stored == fresh:
            return ImportOutcome.UNCHANGED
        self.db.table("articles").update(
            article_id, {**dict(zip(self._METADATA, fresh)), "updated_at": fields["updated_at"]}
        )
        return ImportOutcome.UPDATED

    def _existing(self, article: Article, path: str) -> tuple[str, str, int] | None:
        """The stored article this one is a version of: same file, or for a web page the
        same address (the one asked for, or its canonical URL)."""
        if path:
            return self.conn.execute(
                "SELECT id, body, version FROM articles WHERE path = ? ORDER BY imported_at LIMIT 1",
                (path,),
            ).fetchone()
        addresses = [url for url in {article.url, article.fetched_url} if url]
        if not addresses:
            return None
        marks = ", ".join("?" * len(addresses))
        return self.conn.execute(
            f"SELECT id, body, version FROM articles WHERE path = '' AND "
            f"(url IN ({marks}) OR fetched_url IN ({marks})) ORDER BY imported_at LIMIT 1",
            (*addresses, *addresses),
        ).fetchone()

    def _add_tags(self, article_id: str, tags: Iterable[str]) -> None:
        """The file's own tags (front matter) join the article's, never replacing the user's."""
        if not tags:
            return
        from newsreader.notes import AnnotationError, article_tags, clean_tags, set_article_tags

        usable = []
        for tag in tags:
            try:
                usable += clean_tags([tag])
            except AnnotationError:  # a comma or an over-long tag: not one the reader can show
                continue
        if usable:
            set_article_tags(self, article_id, article_tags(self, article_id) + usable)

    def article_metadata(self) -> dict[str, dict]:
        """Each article's further metadata (front matter beyond the known fields), by id."""
        rows = self.conn.execute("SELECT id, metadata FROM articles WHERE metadata != '{}'")
        return {article_id: json.loads(text) for article_id, text in rows}

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self) -> list[ArticleInfo]:
        """Every article's metadata (no bodies), oldest import first."""
        rows = self.conn.execute(f"SELECT {INFO_COLUMNS} FROM articles ORDER BY imported_at, rowid")
        return [ArticleInfo(*row) for row in rows]

    def article_infos(self, article_ids: Iterable[str]) -> dict[str, ArticleInfo]:
        """The metadata of ``article_ids`` (those in the library), without bodies."""
        wanted = list(dict.fromkeys(article_ids))
        found: dict[str, ArticleInfo] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.conn.execute(
                f"SELECT {INFO_COLUMNS} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update((row[0], ArticleInfo(*row)) for row in rows)
        return found

    def article(self, article_id: str) -> StoredArticle | None:
        row = self.conn.execute(
            f"SELECT {INFO_COLUMNS}, body FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return StoredArticle(*row) if row else None

    def bodies(self) -> Iterator[tuple[str, str]]:
        """``(article_id, body)`` for every article, streamed."""
        yield from self.conn.execute("SELECT id, body FROM articles ORDER BY rowid")

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search of titles and bodies; the user's words are matched as plain terms."""
        match = _fts_query(query)
        if not match:
            return []
        rows = self.conn.execute(
            """SELECT articles.id, articles.title,
                      snippet(articles_fts, 1, char(2), char(3), '…', 16)
               FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid
               WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
            (match, limit),
        )
        return [SearchHit(*row) for row in rows]


def _fts_query(query: str) -> str:
    """Quote each word so FTS5 syntax in the user's text is matched literally."""
    words = [word.replace('"', '""') for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))
