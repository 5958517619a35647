"""What a loaded article is, the error a file that cannot be one raises, what every report
reads of an article (:class:`ArticleFacts`), and the one rule for naming its source
(:func:`known_source`).

Kept free of any parsing so that the library (``store``), the lists and the reports can
use it without paying for the loaders. No Textual import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol


class CorpusError(Exception):
    """A file or page that cannot be read as an article; the message names it and says why."""

    def __init__(self, path: Path | str, reason: str):
        self.path = path if isinstance(path, str) and "://" in path else Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # sent back from the worker processes of a large import
        return type(self), (self.path, self.reason)


@dataclass
class Metadata:
    """What a parser (plain text, front matter, a web page) found beside the body, before
    it becomes an :class:`Article`: ``extra`` is the front matter's other keys, and
    ``warnings`` what the reader should be told about the file."""

    title: str = ""
    source: str = ""
    date: str = ""
    author: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    """One loaded article. ``body`` is cleaned text; paragraphs are separated by one blank line.

    ``path`` is the file it came from, or ``None`` for a page fetched from the web, which
    ``url`` (its canonical address) and ``fetched_url`` (the address asked for) identify.
    ``date`` is ISO 8601 (a date, or a date-time with its offset) or empty. ``metadata``
    holds whatever else the file's front matter said, as it said it.
    """

    path: Path | None
    title: str
    body: str
    source: str = ""
    date: str = ""
    url: str = ""
    author: str = ""
    tags: tuple[str, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)
    fetched_url: str = ""
    warnings: tuple[str, ...] = field(default=())

    @cached_property
    def id(self) -> str:
        """The body's `content_id`, hashed once: every listing and report asks for it."""
        return content_id(self.body)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def origin(self) -> str:
        """Where it came from, for messages: the file, else the page's address."""
        return str(self.path) if self.path is not None else (self.fetched_url or self.url)


class ArticleFacts(Protocol):
    """What the reports and stories read of an article: a loaded file's `Article` or the
    library's `ArticleInfo` (read-only: the library's are frozen)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def date(self) -> str: ...


def content_id(body: str) -> str:
    """A stable id from the text itself, so the same article imported twice is one article."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()


def known_source(source: str) -> str:
    """The source as a name to show, or "" when it is empty or the placeholder "unknown"
    (an outlet nobody named is not an outlet called Unknown)."""
    return source if source and source.casefold() != "unknown" else ""
