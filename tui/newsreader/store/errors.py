"""What can go wrong with a library file, each as one line that names the library and
says what to do. No Textual import.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TypeGuard


class StoreError(Exception):
    """The library cannot be used; the message is one line meant for the user."""


class ReadOnlyLibrary(StoreError):
    """A change was asked of a library this process cannot write."""


class DamagedLibrary(StoreError):
    """SQLite found the library file damaged; nothing is written to it."""


def is_storage_error(error: BaseException | None) -> TypeGuard[BaseException]:
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
