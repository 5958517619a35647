"""Putting an export on disk: all at once, and never over a file that was not meant to go."""

from __future__ import annotations

import os
import secrets
import stat
from datetime import date
from pathlib import Path

from newsreader.export.errors import ExportError, ExportExists

EXTENSIONS = {"md": "md", "json": "json", "hypothesis": "json", "csv": "csv", "jsonl": "jsonl"}


def default_filename(today: date, fmt: str = "md") -> str:
    """``newsreader-notes-2026-11-24.md``: a name that sorts by date in a folder."""
    if fmt not in EXTENSIONS:
        raise ExportError(f"unknown format {fmt!r}: choose {', '.join(EXTENSIONS)}")
    return f"newsreader-notes-{today.isoformat()}.{EXTENSIONS[fmt]}"


def write_atomic(path: Path | str, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` all at once: a temporary file beside it, then a rename.

    Readers of ``path`` see the old file or the new one, never a part. An existing file
    is only replaced with ``force`` (keeping its permissions); otherwise
    :class:`ExportExists`. Returns the path written.
    """
    path = Path(path).expanduser()
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not folder.exists():
        raise ExportError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a folder")
    existing = path.stat() if path.exists() else None
    if existing is not None and not force:
        raise ExportExists(f"{path}: already exists; not overwritten")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportError(f"{folder}: cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({error.strerror or error})") from None
    return path
