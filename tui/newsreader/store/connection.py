"""A library file opened safely: recognised before anything is written, migrated with a
backup, in WAL mode with a busy timeout, every change in its own short transaction.

Files that are not libraries, or come from a newer newsreader, are refused and left
exactly as they were. What a library holds is :class:`~newsreader.store.library.Library`'s
business; this is the file. No Textual import.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Self

from newsreader.store.errors import ReadOnlyLibrary, StoreError, is_storage_error, library_error
from newsreader.store.migrations import LATEST, MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

APP_NAME = "newsreader"
ENV_VAR = "NEWSREADER_DB"
BUSY_TIMEOUT_S = 10.0
APPLICATION_ID = 0x6E777372
"""SQLite's ``application_id`` header field of a newsreader library ("nwsr")."""
LIBRARY_TABLES = frozenset({"schema_version", "articles", "annotations", "settings"})
"""Tables every library has had since schema 1: how one from before ``APPLICATION_ID`` is known."""


def default_path() -> Path:
    """Where the library lives: ``$NEWSREADER_DB``, else the platform's user data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "library.db"


def now() -> str:
    """The time stamp written with every change: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class LibraryConnection:
    """An open library file, checked and up to date; the base of
    :class:`~newsreader.store.library.Library`."""

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
    def open(cls, path: Path | str | None = None, *, create: bool = True) -> Self:
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

    def __enter__(self) -> Self:
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

    def __init__(self, library: LibraryConnection):
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
        if is_storage_error(exc):
            raise library_error(self.library.path, exc) from exc
        if exc_type is None and exc is not None:
            raise exc


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
