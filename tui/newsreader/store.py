"""The library: one SQLite file holding articles, their old versions, notes and settings.

Every change a user makes is committed in its own short transaction the moment it is
made, in WAL mode with a busy timeout, so a killed reader loses nothing and two readers
can share one library. Files that are not libraries, or come from a newer newsreader,
are refused and left exactly as they were. No Textual import.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.migrations import LATEST, MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

    from newsreader.corpus import Article

APP_NAME = "newsreader"
ENV_VAR = "NEWSREADER_DB"
BUSY_TIMEOUT_S = 10.0
APPLICATION_ID = 0x6E777372
"""SQLite's ``application_id`` header field of a newsreader library ("nwsr")."""
LIBRARY_TABLES = frozenset({"schema_version", "articles", "annotations", "settings"})
"""Tables every library has had since schema 1: how one from before ``APPLICATION_ID`` is known."""


class StoreError(Exception):
    """The library cannot be used; the message is one line meant for the user."""


class ReadOnlyLibrary(StoreError):
    """A change was asked of a library this process cannot write."""


class DamagedLibrary(StoreError):
    """SQLite found the library file damaged; nothing is written to it."""


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
    return datetime.now(UTC).isoformat(timespec="seconds")


class Library:
    """An open library file. Open one per thread: a connection is not shared across threads."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        """Opened read-only (the file or its folder cannot be written): reading works, and
        every change is refused with :class:`ReadOnlyLibrary` before it starts."""

    @cached_property
    def db(self) -> Database:
        """``sqlite-utils`` on this connection, for migrations and imports. Made when first
        needed: importing sqlite-utils costs tens of milliseconds (hundreds where pandas is
        installed, which it imports if it can), and reading needs none of it."""
        from sqlite_utils import Database

        return Database(self.conn)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True) -> Library:
        """Open (creating if needed) and migrate the library at ``path``.

        Raises :class:`StoreError` with a one-line reason for anything that is not a usable
        newsreader library; such a file is never modified. The file is only ever touched
        through SQLite: a stray descriptor's ``close()`` would drop this process's locks on
        it and let another process delete the write-ahead log under our feet.
        """
        path = Path(path).expanduser() if path is not None else default_path()
        if path.is_dir():
            raise StoreError(f"{path}: is a folder; give the path of a library file")
        exists = path.exists()
        if not exists:
            if not create:
                raise StoreError(f"{path}: no library here")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"cannot create the library folder {path.parent}: {error.strerror or error}"
                ) from None
            if not os.access(path.parent, os.W_OK | os.X_OK):
                raise ReadOnlyLibrary(
                    f"{path}: cannot create a library here: the folder {path.parent} is read-only"
                )
        read_only = exists and not _writable(path)
        conn = _connect(path, read_only=read_only)
        library = cls(path, conn, read_only=read_only)
        try:
            library._configure()
            library._recognise()
            if read_only:
                library._check_current()
            else:
                library._use_wal()
                library._migrate()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise library_error(path, error) from None
        except StoreError:
            conn.close()
            raise
        return library

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")

    def _use_wal(self) -> None:
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")  # a saved note survives a power cut too

    @property
    def schema_version(self) -> int:
        if (
            self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()
            is None
        ):
            return 0
        rows = self.conn.execute("SELECT version FROM schema_version").fetchall()
        if len(rows) != 1 or type(rows[0][0]) is not int or rows[0][0] < 0:
            raise StoreError(
                f"{self.path}: an SQLite database, but not a newsreader library "
                "(its schema_version is not one number); left untouched"
            )
        return rows[0][0]

    def _recognise(self) -> None:
        """Refuse, before anything is written, files this version must not change.

        A library says it is one in SQLite's ``application_id`` header field; libraries
        written before that field was set are recognised by their own tables.
        """
        application_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id not in (0, APPLICATION_ID):
            raise StoreError(
                f"{self.path}: an SQLite database of another program, not a "
                "newsreader library; left untouched"
            )
        if application_id == 0 and tables and not tables >= LIBRARY_TABLES:
            raise StoreError(f"{self.path}: an SQLite database, but not a newsreader library; left untouched")
        version = self.schema_version
        if tables and version == 0:
            raise StoreError(f"{self.path}: an SQLite database, but not a newsreader library; left untouched")
        if version > LATEST:
            raise StoreError(
                f"{self.path}: written by a newer newsreader (schema {version}, "
                f"this version knows up to {LATEST}); left untouched"
            )

    def _check_current(self) -> None:
        """A read-only library can be read as it is, but not created or upgraded."""
        version = self.schema_version
        if version < LATEST:
            what = "empty" if version == 0 else f"at schema {version} and needs an upgrade to {LATEST}"
            raise ReadOnlyLibrary(
                f"{self.path}: the library is read-only and {what}; make it writable once to use it"
            )

    def _migrate(self) -> None:
        if self.schema_version == LATEST and self._application_id() == APPLICATION_ID:
            return
        if 0 < self.schema_version < LATEST:
            self._backup(f"schema{self.schema_version}")
        with self.transaction():
            version = self.schema_version  # again under the write lock: another process may have won
            if version == 0:
                self.conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                self.conn.execute("INSERT INTO schema_version VALUES (0)")
            for step in range(version, LATEST):
                MIGRATIONS[step](self.db)
                self.conn.execute("UPDATE schema_version SET version = ?", (step + 1,))
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _application_id(self) -> int:
        return self.conn.execute("PRAGMA application_id").fetchone()[0]

    def _backup(self, label: str) -> Path:
        """Copy the library aside before a migration changes it, with SQLite's backup API."""
        target = self.path.with_name(f"{self.path.name}.{label}.bak")
        if not target.exists():
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
        return target

    # ------------------------------------------------------------------ transactions

    def transaction(self) -> _Transaction:
        """``with library.transaction():`` commits the block at once, or rolls it back.

        SQLite's failures inside it (disk full, I/O error, busy, damaged file) come out as
        :class:`StoreError` saying so in one line, after the block is rolled back.
        """
        if self.read_only:
            raise ReadOnlyLibrary(f"{self.path}: the library is read-only; nothing was saved")
        return _Transaction(self)

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
            self.db["articles"].insert(
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
        self.db["article_versions"].insert(
            {"article_id": article_id, "version": version, "body": old_body, "replaced_at": stamp}
        )
        self.db["articles"].update(article_id, {**fields, "version": version + 1})
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
        self.db["articles"].update(
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

    def __init__(self, library: Library):
        self.library = library
        self.conn = library.conn
        self.nested = False

    def __enter__(self) -> None:
        self.nested = self.conn.in_transaction
        if not self.nested:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as error:
                raise library_error(self.library.path, error) from error

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: object
    ) -> None:
        if self.nested:
            return
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.DatabaseError as error:
                exc = error
        # SQLite may have rolled back already (a full disk, an I/O error): rolling back
        # again would hide the real error behind "no transaction is active".
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute("ROLLBACK")
        if _is_storage_error(exc):
            raise library_error(self.library.path, exc) from exc
        if exc_type is None and exc is not None:
            raise exc


def _is_storage_error(error: BaseException | None) -> bool:
    """SQLite saying something about the file or the disk, not about our SQL."""
    return isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError


def library_error(path: Path, error: BaseException) -> StoreError:
    """SQLite's error as one line that names the library and says what to do."""
    text = str(error)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return ReadOnlyLibrary(f"{path}: the library is read-only; nothing was saved")
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return StoreError(
            f"{path}: the disk is full; the change was not saved (free some space and try again)"
        )
    if "disk i/o error" in lowered:
        return StoreError(
            f"{path}: the disk reported an I/O error ({text}); the change was not "
            "saved, and the library is as it was before it"
        )
    if "locked" in lowered or "busy" in lowered:
        return StoreError(f"{path}: the library is busy (another newsreader is writing to it); try again")
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return DamagedLibrary(
            f"{path}: the library file is damaged ({text}); it was left as it "
            f"is: restore a backup, or try `sqlite3 {path} .recover`"
        )
    if "unable to open" in lowered:
        return StoreError(
            f"{path}: cannot open the library ({text}); check the file and its folder can be read"
        )
    return StoreError(f"{path}: cannot use this library ({text})")


def _writable(path: Path) -> bool:
    """Whether this process may write the library and create its ``-wal`` file beside it
    (``access(2)``: a check of permissions, no descriptor on the file)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Connect through SQLite only. A read-only library in WAL mode whose folder cannot be
    written has no ``-shm`` to share, so it is opened immutable: read as it is on disk."""
    target = "file:" + urllib.parse.quote(str(path.resolve() if path.exists() else path))
    modes = ["mode=ro", "mode=ro&immutable=1"] if read_only else ["mode=rwc"]
    for number, mode in enumerate(modes, start=1):
        try:
            conn = sqlite3.connect(
                f"{target}?{mode}",
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
                isolation_level=None,
            )
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header: fails here if unusable
            return conn
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                raise StoreError(
                    f"{path}: not a newsreader library (not an SQLite database); left untouched"
                ) from None
            if number == len(modes):
                raise library_error(path, error) from None
    raise AssertionError("unreachable")


def _fts_query(query: str) -> str:
    """Quote each word so FTS5 syntax in the user's text is matched literally."""
    words = [word.replace('"', '""') for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))
