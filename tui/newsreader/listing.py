"""The library list's logic: rows, sorting, fuzzy filtering, search hits, compare partners.

Kept apart from the widgets so it can be tested directly and stays fast with tens of
thousands of articles. No Textual import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from newsreader.store import ArticleInfo, SearchHit

SORTS = ("date", "source", "quotes")
SORT_LABELS = {"date": "date (newest first)", "source": "source", "quotes": "shared quotes"}


@dataclass(frozen=True)
class Row:
    """One line of the library table."""

    info: ArticleInfo
    quotes: int | None = None
    """Shared quotes in this article; ``None`` while the quote index is being built."""
    tags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def haystack(self) -> str:
        """What the fuzzy filter matches against: title, source and tags."""
        return " ".join((self.info.title, self.info.source, *self.tags))

    @cached_property
    def needle(self) -> str:
        """The haystack as rapidfuzz compares it (lower case, no punctuation), worked out once."""
        from rapidfuzz import utils

        return utils.default_process(self.haystack)


def build_rows(
    infos: Iterable[ArticleInfo],
    quote_counts: Mapping[str, int] | None = None,
    tags: Mapping[str, Sequence[str]] | None = None,
) -> list[Row]:
    tags = tags or {}
    return [
        Row(info, None if quote_counts is None else quote_counts.get(info.id, 0),
            tuple(tags.get(info.id, ())))
        for info in infos
    ]


def with_counts(rows: Sequence[Row], quote_counts: Mapping[str, int]) -> list[Row]:
    return [replace(row, quotes=quote_counts.get(row.id, 0)) for row in rows]


def sort_rows(rows: Sequence[Row], sort: str) -> list[Row]:
    """Rows in ``sort`` order: date newest first, source A–Z, or most shared quotes first.

    Ties keep a stable, sensible order (title), and undated or unsourced articles go last.
    """
    if sort == "date":
        dated = sorted(rows, key=lambda row: row.info.title.casefold())
        dated.sort(key=lambda row: row.info.date or "", reverse=True)
        return dated
    if sort == "source":
        return sorted(rows, key=lambda row: (not row.info.source or row.info.source == "unknown",
                                             row.info.source.casefold(), row.info.title.casefold()))
    if sort == "quotes":
        return sorted(rows, key=lambda row: (-(row.quotes or 0), row.info.title.casefold()))
    raise ValueError(f"unknown sort {sort!r}")


def next_sort(sort: str) -> str:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)] if sort in SORTS else SORTS[0]


def word_cutoff(word: str) -> float:
    """How alike (0-100) a word must be: exact for up to 3 letters, then one typo per word,
    two for words of 8 letters or more."""
    if len(word) <= 3:
        return 100.0
    edits = 1 if len(word) < 8 else 2
    return 100.0 - 100.0 * edits / len(word) - 0.5


def filter_rows(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows whose title, source or tags fuzzily match ``query``, best match first.

    Every word of the query must match somewhere (rapidfuzz's partial ratio, so part of a
    word matches, with a typo or two allowed: :func:`word_cutoff`). Case-insensitive. An
    empty query keeps every row in its order.
    """
    words = query.casefold().split()
    if not words:
        return list(rows)
    from rapidfuzz import fuzz, process, utils

    choices = [row.needle for row in rows]
    scores: dict[int, float] | None = None
    for word in words:
        matches = process.extract(utils.default_process(word), choices, scorer=fuzz.partial_ratio,
                                  limit=None, score_cutoff=word_cutoff(word))
        found = {index: score for _, score, index in matches}
        scores = found if scores is None else {
            index: min(score, found[index]) for index, score in scores.items() if index in found
        }
    assert scores is not None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    ranked = [(score, index) for index, score in ranked]
    return [rows[index] for _, index in ranked]


# --------------------------------------------------------------------------- search hits


@dataclass(frozen=True)
class Hit:
    """A full-text search hit, ready to list and to open at the match."""

    article_id: str
    title: str
    snippet: str
    """The context, plain (markers removed)."""
    matches: tuple[tuple[int, int], ...]
    """Where the matched words are in ``snippet``."""
    offset: int | None = None
    """Where the first match is in the article body, when it could be found."""
    length: int = 0


def parse_snippet(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split an FTS snippet (matches between ``\\x02`` and ``\\x03``) into text and spans."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    start = None
    for piece in re.split(r"([\x02\x03])", snippet):
        if piece == "\x02":
            start = position
        elif piece == "\x03":
            if start is not None:
                spans.append((start, position))
            start = None
        else:
            plain.append(piece)
            position += len(piece)
    return "".join(plain), tuple(spans)


def locate_hit(hit: SearchHit, body: str | None) -> Hit:
    """Turn a store search hit into a :class:`Hit`, finding the match's offset in ``body``."""
    text, matches = parse_snippet(hit.snippet)
    offset = None
    length = 0
    if body and matches:
        first_start, first_end = matches[0]
        core = text.strip("…").strip()
        lead = len(text) - len(text.lstrip("…").lstrip())
        found = body.find(core) if core else -1
        if found >= 0:
            offset = found + first_start - lead
            length = first_end - first_start
        else:
            word = text[first_start:first_end]
            found = body.casefold().find(word.casefold())
            if found >= 0:
                offset, length = found, len(word)
    return Hit(hit.article_id, hit.title, text, matches, offset, length)


# --------------------------------------------------------------------------- marks and partners


@dataclass
class Marks:
    """Articles marked with ``space``, in the order they were marked."""

    ids: list[str] = field(default_factory=list)

    def toggle(self, article_id: str) -> bool:
        """Mark or unmark ``article_id``; return whether it is now marked."""
        if article_id in self.ids:
            self.ids.remove(article_id)
            return False
        self.ids.append(article_id)
        return True

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def clear(self) -> None:
        self.ids.clear()


def compare_pair(
    highlighted: str | None,
    marks: Sequence[str],
    partners: Mapping[str, Sequence[tuple[str, int]]],
) -> tuple[str, str] | str:
    """Which two articles ``c`` compares, or a one-line reason why it cannot.

    Two or more marked: the last two marked. One marked: it and the highlighted one. None
    marked: the highlighted one and the article sharing the most quotes with it.
    """
    if len(marks) >= 2:
        return marks[-2], marks[-1]
    if highlighted is None:
        return "No article is highlighted."
    if len(marks) == 1:
        if marks[0] == highlighted:
            return "Highlight a second article to compare with the marked one."
        return marks[0], highlighted
    ranked = partners.get(highlighted) or ()
    if not ranked:
        return "This article shares no quotes with another; mark two articles with space to compare them."
    return highlighted, ranked[0][0]
