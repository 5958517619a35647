"""The library: one SQLite file holding articles, their old versions, notes and settings.

Every change a user makes is committed in its own short transaction the moment it is
made, in WAL mode with a busy timeout, so a killed reader loses nothing and two readers
can share one library. Files that are not libraries, or come from a newer newsreader,
are refused and left exactly as they were. No Textual import.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from sqlite_utils import Database

from newsreader.anchors import reanchor_article
from newsreader.migrations import LATEST, MIGRATIONS

if TYPE_CHECKING:
    from newsreader.corpus import Article

APP_NAME = "newsreader"
ENV_VAR = "NEWSREADER_DB"
BUSY_TIMEOUT_S = 10.0
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The library cannot be used; the message is one line meant for the user."""


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


def default_path() -> Path:
    """Where the library lives: ``$NEWSREADER_DB``, else the platform's user data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "library.db"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Library:
    """An open library file. Open one per thread: a connection is not shared across threads."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.db = Database(conn)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True) -> "Library":
        """Open (creating if needed) and migrate the library at ``path``.

        Raises :class:`StoreError` with a one-line reason for anything that is not a usable
        newsreader library; such a file is never modified.
        """
        path = Path(path).expanduser() if path is not None else default_path()
        _check_is_library_file(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no library here")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the library folder {path.parent}: "
                                 f"{error.strerror or error}") from None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False,
                                   isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the library {path}: {error}") from None
        library = cls(path, conn)
        try:
            library._configure()
            library._check_schema()
            library._use_wal()
            library._migrate()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(f"{path}: cannot use this library ({error})") from None
        except StoreError:
            conn.close()
            raise
        return library

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")

    def _use_wal(self) -> None:
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                if "readonly" in str(error) or "read-only" in str(error):
                    raise StoreError(f"{self.path}: the library is read-only") from None
                raise
        self.conn.execute("PRAGMA synchronous = NORMAL")

    @property
    def schema_version(self) -> int:
        if not self.db["schema_version"].exists():
            return 0
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def _check_schema(self) -> None:
        """Refuse, before anything is written, files this version must not change."""
        version = self.schema_version
        if version == 0 and self.db.table_names():
            raise StoreError(f"{self.path}: an SQLite database, but not a newsreader library; "
                             "left untouched")
        if version > LATEST:
            raise StoreError(f"{self.path}: written by a newer newsreader (schema {version}, "
                             f"this version knows up to {LATEST}); left untouched")

    def _migrate(self) -> None:
        version = self.schema_version
        if version == LATEST:
            return
        if version > 0:
            self._backup(f"schema{version}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if version == 0:
                self.conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                self.conn.execute("INSERT INTO schema_version VALUES (0)")
            for step in range(version, LATEST):
                MIGRATIONS[step](self.db)
                self.conn.execute("UPDATE schema_version SET version = ?", (step + 1,))
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _backup(self, label: str) -> Path:
        """Copy the library aside before a migration changes it."""
        target = self.path.with_name(f"{self.path.name}.{label}.bak")
        if not target.exists():
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
        return target

    # ------------------------------------------------------------------ transactions

    def transaction(self) -> "_Transaction":
        """``with library.transaction():`` commits the block at once, or rolls it back."""
        return _Transaction(self.conn)

    # ------------------------------------------------------------------ articles

    def import_article(self, article: Article) -> tuple[ImportOutcome, str]:
        """Store ``article``; the same text twice is one article, a changed file a new version
        (with its annotations re-anchored to the new text in the same transaction)."""
        with self.transaction():
            return self._import_one(article)

    def import_many(self, articles: Iterable[Article], batch: int = 200) -> Iterator[tuple[ImportOutcome, str]]:
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
            "title": article.title, "source": article.source, "date": article.date,
            "url": article.url, "author": article.author, "body": article.body,
            "word_count": article.word_count, "updated_at": stamp,
            "metadata": json.dumps(dict(article.metadata), ensure_ascii=False, sort_keys=True),
        }
        if row is None:
            existing = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article.id,)).fetchone()
            if existing:
                return ImportOutcome.UNCHANGED, article.id
            self.db["articles"].insert(
                {"id": article.id, "path": path, "version": 1, "imported_at": stamp,
                 "fetched_url": article.fetched_url, **fields}
            )
            self._add_tags(article.id, article.tags)
            return ImportOutcome.IMPORTED, article.id
        article_id, old_body, version = row
        if old_body == article.body:
            return self._refresh_metadata(article_id, fields), article_id
        self.db["article_versions"].insert(
            {"article_id": article_id, "version": version, "body": old_body, "replaced_at": stamp}
        )
        self.db["articles"].update(article_id, {**fields, "version": version + 1})
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
        self.db["articles"].update(article_id, {**dict(zip(self._METADATA, fresh)),
                                                "updated_at": fields["updated_at"]})
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
        from newsreader.annotations import AnnotationError, article_tags, clean_tags, set_article_tags

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

    # ------------------------------------------------------------------ settings

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: takes the write lock up front so it never deadlocks."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.nested = False

    def __enter__(self) -> None:
        self.nested = self.conn.in_transaction
        if not self.nested:
            self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.nested:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _fts_query(query: str) -> str:
    """Quote each word so FTS5 syntax in the user's text is matched literally."""
    words = [word.replace('"', '""') for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))


def _check_is_library_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of a library file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StoreError(f"{path}: cannot read the library ({error.strerror or error})") from None
    if header != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a newsreader library (not an SQLite database); left untouched")

