"""Finding article files and reading their bytes safely.

Only regular files are read: a FIFO would block ``import`` forever and a device such as
``/dev/zero`` never ends. Reading stops at :data:`MAX_BYTES` whatever ``stat`` claims
(a file may grow while it is read, and ``/proc`` files report size 0).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsreader.corpus.article import CorpusError

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
MAX_BYTES = 8 * 1024 * 1024
"""Larger files are refused: no article is this long, and a stray dump would stall the UI."""


def iter_article_files(paths: Iterable[Path | str]) -> Iterator[Path | CorpusError]:
    """Yield article files under ``paths`` (folders recursively, sorted), or an error per bad path."""
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            yield CorpusError(path, "no such file or folder")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in SUFFIXES and not _hidden(child, path) and not child.is_dir():
                    yield child  # a FIFO or socket here is reported by read_bytes
        else:
            yield path


def _hidden(child: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``, at most :data:`MAX_BYTES`, or :class:`CorpusError`."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a file") from None
    except PermissionError:
        raise CorpusError(path, "permission denied") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(fd, "rb", buffering=0) as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise CorpusError(path, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise CorpusError(path, f"not a regular file ({_kind(mode)}); only files are read")
        if os.fstat(fd).st_size > MAX_BYTES:
            raise _too_large(path, os.fstat(fd).st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data), more=True)
    return data


def _too_large(path: Path, size: int, more: bool = False) -> CorpusError:
    return CorpusError(
        path,
        f"{'more than ' if more else ''}{size / 1e6:.1f} MB, larger than "
        f"the {MAX_BYTES // (1024 * 1024)} MB limit for one article",
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
