"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252;
binary files are recognised and refused."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from newsreader.corpus.article import CorpusError

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(path: Path | str, data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM) or BOM-marked UTF-16, falling back to
    cp1252 with a warning; raise :class:`CorpusError` for empty or binary files."""
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):  # before the NUL check: UTF-16 is half NUL bytes
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise CorpusError(path, "marked as UTF-16 but not valid UTF-16") from None
            return _checked(path, text), []
    if not data.strip():
        raise CorpusError(path, "empty file")
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise CorpusError(path, f"binary file ({kind}), not text")
    warnings: list[str] = []
    sample = data[:8192]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise CorpusError(path, "binary file (contains NUL bytes), not text")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
        warnings.append("removed NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not valid UTF-8; read as Windows-1252 (cp1252)")
    return _checked(path, text), warnings


def _checked(path: Path | str, text: str) -> str:
    if not text.strip():
        raise CorpusError(path, "empty file")
    if _control_ratio(text) > 0.05:
        raise CorpusError(path, "binary file (mostly control characters), not text")
    return text


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    """Share of control characters (other than line breaks, tabs and form feeds) in
    the first 8 KiB: counted by one regex scan, not a loop over characters."""
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROLS.findall(sample)) / len(sample)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(path: Path | str, data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode a web page: UTF-8 when it is, else the charset the server (``declared``)
    or the page's ``<meta>`` names, else as :func:`decode` does."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(path, data.decode("utf-8-sig")), []
        except UnicodeDecodeError:
            pass
        meta = _CHARSET.search(data[:4096])
        for name in (declared, meta.group(1).decode("ascii") if meta else None):
            if not name:
                continue
            try:
                return _checked(path, data.decode(codecs.lookup(name).name, errors="replace")), []
            except LookupError:
                continue
    return decode(path, data)
