"""Pairing two articles' quotes for the compare view, and the library-wide quote model.

Given the quote groups (one group per quotation that several articles carry, with each
article's version as a *member*), this module answers what the reader screens ask:

* :class:`QuoteModel` — per article, how many shared quotes and with whom (ranked), the
  groups sorted for the quote index, the versions of a group with their differing words;
* :class:`Comparison` — for two articles, the quotes they share (each in its colour, the
  same on both sides), where the words differ between the two versions, the quotes only
  one of them has, and walking from one shared quote to the next in either pane.

No Textual import; tested directly in ``tests/test_comparison.py``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsreader.quotes.model import QuoteGroup, QuoteMember
from newsreader.quotes.words import MIN_WORDS
from newsreader.textlayout import counted

COLOURS = 8
"""Shared quotes cycle through this many colours (the reader's ``group-0`` … ``group-7``)."""

Spans = tuple[tuple[int, int], ...]


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class SharedQuote:
    """A quote both articles carry, with its colour and each side's span and changed words."""

    group: QuoteGroup
    colour: int
    left: QuoteMember
    right: QuoteMember
    left_diffs: Spans
    right_diffs: Spans
    left_pieces: tuple[QuoteMember, ...] = ()
    right_pieces: tuple[QuoteMember, ...] = ()
    """Every piece of the quote in each article (``left``/``right`` are the first)."""

    def side(self, side: str) -> QuoteMember:
        return self.left if side == "left" else self.right

    def pieces(self, side: str) -> tuple[QuoteMember, ...]:
        pieces = self.left_pieces if side == "left" else self.right_pieces
        return pieces or (self.side(side),)

    def diffs(self, side: str) -> Spans:
        return self.left_diffs if side == "left" else self.right_diffs

    @property
    def differs(self) -> bool:
        return bool(self.left_diffs or self.right_diffs)

    def flipped(self) -> SharedQuote:
        """The same quote with the two sides exchanged."""
        return SharedQuote(
            self.group,
            self.colour,
            self.right,
            self.left,
            self.right_diffs,
            self.left_diffs,
            self.right_pieces,
            self.left_pieces,
        )


@dataclass(frozen=True)
class Comparison:
    """Two articles' quotes side by side. ``shared`` is in the left article's reading order."""

    left_id: str
    right_id: str
    shared: tuple[SharedQuote, ...]
    only_left: Spans
    only_right: Spans
    _right_order: tuple[int, ...] = field(default=(), repr=False)
    passages: tuple[SharedQuote, ...] = ()
    """Wire copy both print outside quotation marks, in the left article's reading order."""
    _right_passage_order: tuple[int, ...] = field(default=(), repr=False)

    @property
    def status(self) -> str:
        """e.g. ``4 shared quotes · 1 shared passage · 2 only left · 3 only right``."""
        count = len(self.shared)
        passages = len(self.passages)
        shared_passages = f"{counted(passages, 'shared passage')} · " if passages else ""
        return (
            f"{counted(count, 'shared quote')} · {shared_passages}"
            f"{len(self.only_left)} only left · {len(self.only_right)} only right"
        )

    def items(self, kind: str = "quote") -> tuple[SharedQuote, ...]:
        return self.shared if kind == "quote" else self.passages

    def order(self, side: str, kind: str = "quote") -> tuple[int, ...]:
        """Indexes into ``items(kind)`` in reading order of ``side``."""
        if side == "left":
            return tuple(range(len(self.items(kind))))
        return self._right_order if kind == "quote" else self._right_passage_order

    def step(
        self, side: str, current: int | None, delta: int, offset: int | None = None, kind: str = "quote"
    ) -> int | None:
        """The shared quote (or passage) ``delta`` steps from ``current`` in ``side``'s
        reading order.

        With no current quote, start from ``offset`` (e.g. the reading position): the first
        quote at or after it going forward, the last before it going back. Stops at the
        ends (returns the same quote) rather than wrapping.
        """
        order = self.order(side, kind)
        items = self.items(kind)
        position = step_in_reading_order(
            [items[i].side(side).start for i in order],
            order.index(current) if current in order else None,
            delta,
            offset,
        )
        return None if position is None else order[position]

    def at_offset(self, side: str, start: int, end: int | None = None, kind: str = "quote") -> int | None:
        """The shared quote (or passage) with a piece on ``side`` holding ``start`` (or
        overlapping ``[start, end)``)."""
        end = start + 1 if end is None else end
        for index, quote in enumerate(self.items(kind)):
            if any(m.start < end and start < m.end for m in quote.pieces(side)):
                return index
        return None

    def swapped(self) -> Comparison:
        shared, right_order = _in_order(tuple(q.flipped() for q in self.shared))
        passages, right_passages = _in_order(tuple(q.flipped() for q in self.passages))
        return Comparison(
            self.right_id,
            self.left_id,
            shared,
            self.only_right,
            self.only_left,
            right_order,
            passages,
            right_passages,
        )


def step_in_reading_order(
    starts: Sequence[int], current: int | None, delta: int, offset: int | None = None
) -> int | None:
    """The position ``delta`` steps from ``current`` among items starting at ``starts``
    (ascending: reading order); ``None`` when there are none.

    With no current item, start from ``offset`` (e.g. the reading position): the first
    item at or after it going forward, the last before it going back. Stops at the ends
    rather than wrapping.
    """
    if not starts:
        return None
    if current is None:
        position = 0 if offset is None else bisect.bisect_left(starts, offset)
        return min(position, len(starts) - 1) if delta > 0 else max(position - 1, 0)
    return min(max(current + delta, 0), len(starts) - 1)


def _in_order(items: tuple[SharedQuote, ...]) -> tuple[tuple[SharedQuote, ...], tuple[int, ...]]:
    """The items in the left article's reading order, and their order on the right."""
    items = tuple(sorted(items, key=lambda q: (q.left.start, q.right.start)))
    return items, tuple(sorted(range(len(items)), key=lambda i: items[i].right.start))


def compare(
    left_id: str,
    right_id: str,
    groups: Iterable[QuoteGroup],
    left_quotes: Sequence[tuple[int, int]] = (),
    right_quotes: Sequence[tuple[int, int]] = (),
    passages: Iterable[QuoteGroup] = (),
) -> Comparison:
    """Pair the quotes (and the shared passages) of two articles.

    ``groups`` are the shared-quote groups (those not holding both articles are ignored);
    ``left_quotes``/``right_quotes`` are every quotation span in each article (shared or
    not), so the ones the other article lacks can be shown quieter. Colours are given in
    the left article's reading order, so neighbouring quotes never share a colour.
    """
    shared = _pairs(left_id, right_id, groups)
    shared = tuple(
        SharedQuote(
            q.group,
            index % COLOURS,
            q.left,
            q.right,
            q.left_diffs,
            q.right_diffs,
            q.left_pieces,
            q.right_pieces,
        )
        for index, q in enumerate(shared)
    )
    _, right_order = _in_order(shared)
    shared_passages, right_passages = _in_order(_pairs(left_id, right_id, passages))
    only_left = _unshared(left_quotes, [m for q in shared for m in q.pieces("left")])
    only_right = _unshared(right_quotes, [m for q in shared for m in q.pieces("right")])
    return Comparison(
        left_id, right_id, shared, only_left, only_right, right_order, shared_passages, right_passages
    )


def _pairs(left_id: str, right_id: str, groups: Iterable[QuoteGroup]) -> tuple[SharedQuote, ...]:
    """The groups both articles print, in the left article's reading order (colour 0),
    with the engine's differing words: the same on every screen."""
    pairs = []
    for group in groups:
        lefts = group.members_of(left_id)
        rights = group.members_of(right_id)
        if not lefts or not rights:
            continue
        left_diffs = tuple(span for m in lefts for span in m.diffs)
        right_diffs = tuple(span for m in rights for span in m.diffs)
        pairs.append(SharedQuote(group, 0, lefts[0], rights[0], left_diffs, right_diffs, lefts, rights))
    pairs.sort(key=lambda q: (q.left.start, q.right.start))
    return tuple(pairs)


def level_rows(
    here_line: int, there_line: int, height: int, here_top: int = 0, there_top: int = 0
) -> tuple[int, int]:
    """Rows (from the top of each pane's text) to scroll two versions of a quote to, so they
    sit level: ``here_line``/``there_line`` are the lines the versions start on.

    ``here_top``/``there_top`` are where each pane's text starts on the terminal: side by
    side, the versions land on the same terminal row even when one pane's title wraps to
    two lines; stacked, pass 0 for both (the same row of each pane). Aims a third of the
    way down ``height``, and never asks to scroll above the start of an article (near the
    top the versions go as high as the one nearer its start allows).
    """
    target = here_top + max(1, height // 3)
    row = min(target, here_top + here_line, there_top + there_line)
    row = max(row, here_top, there_top)
    return row - here_top, row - there_top


def _unshared(quotes: Sequence[tuple[int, int]], shared: Sequence[QuoteMember]) -> Spans:
    spans = sorted((m.start, m.end) for m in shared)
    result = []
    for start, end in sorted(quotes):
        if not any(s < end and start < e for s, e in spans):
            result.append((start, end))
    return tuple(result)


# --------------------------------------------------------------------------- library model


def _tally(article_id: str, groups: Iterable[QuoteGroup]) -> list[tuple[str, int]]:
    """The other articles of ``groups`` with how many of them each is in, most first."""
    tally: dict[str, int] = {}
    for group in groups:
        for other in group.articles:
            if other != article_id:
                tally[other] = tally.get(other, 0) + 1
    return sorted(tally.items(), key=lambda item: (-item[1], item[0]))


class QuoteModel:
    """Every shared quote in the library, indexed for the reader screens."""

    def __init__(self, groups: Iterable[QuoteGroup]):
        groups = [group for group in groups if group.size >= 2]
        self.groups: list[QuoteGroup] = sorted(
            (group for group in groups if group.kind == "quote"),
            key=lambda g: (-g.size, -len(g.text), g.id),
        )
        self.passages: dict[str, list[QuoteGroup]] = {}
        """Article id -> the shared passages (wire copy) it prints."""
        for group in groups:
            if group.kind == "passage":
                for article_id in group.articles:
                    self.passages.setdefault(article_id, []).append(group)
        self.by_id: dict[str, QuoteGroup] = {group.id: group for group in self.groups}
        self._by_article: dict[str, list[QuoteGroup]] = {}
        for group in self.groups:
            for article_id in group.articles:
                self._by_article.setdefault(article_id, []).append(group)
        self.counts: dict[str, int] = {aid: len(gs) for aid, gs in self._by_article.items()}
        self._partners: dict[str, list[tuple[str, int]]] = {}

    def count(self, article_id: str) -> int:
        return self.counts.get(article_id, 0)

    def groups_of(self, article_id: str) -> list[QuoteGroup]:
        """The shared quotes of one article, in its reading order."""
        groups = self._by_article.get(article_id, [])
        return sorted(groups, key=lambda g: g.member(article_id).start)  # type: ignore[union-attr]

    def partners(self, article_id: str) -> list[tuple[str, int]]:
        """Other articles sharing quotes with ``article_id``, most shared first."""
        cached = self._partners.get(article_id)
        if cached is None:
            cached = _tally(article_id, self._by_article.get(article_id, []))
            self._partners[article_id] = cached
        return cached

    def wire_partners(self, article_id: str) -> list[tuple[str, int]]:
        """Other articles sharing passages (wire copy) with ``article_id``, most shared first."""
        return _tally(article_id, self.passages.get(article_id, []))

    def compare_partners(self, article_id: str) -> list[tuple[str, int]]:
        """Whom ``c`` compares an article with: those sharing its quotes, else (wire copy
        reprinted without a quotation) those sharing its passages."""
        return self.partners(article_id) or self.wire_partners(article_id)

    def carriers(self, group_id: str, besides: str | None = None) -> list[str]:
        group = self.by_id.get(group_id)
        if group is None:
            return []
        return [aid for aid in group.articles if aid != besides]

    def compare(
        self,
        left_id: str,
        right_id: str,
        left_quotes: Sequence[tuple[int, int]] = (),
        right_quotes: Sequence[tuple[int, int]] = (),
    ) -> Comparison:
        groups = [g for g in self._by_article.get(left_id, []) if g.member(right_id)]
        passages = [g for g in self.passages.get(left_id, []) if g.member(right_id)]
        return compare(left_id, right_id, groups, left_quotes, right_quotes, passages)


@dataclass(frozen=True)
class Version:
    """One article's wording of a shared quote (its pieces joined by `` … ``)."""

    article_id: str
    text: str
    diffs: Spans
    """Offsets into ``text`` of the words that differ from the other versions."""
    start: int
    """Where the first piece is in the article body."""


def versions(group: QuoteGroup) -> list[Version]:
    """Every article's wording of ``group``, fullest first, with the differing words
    (as the quote engine flagged them) located in the joined text."""
    result = []
    for article_id in group.articles:
        pieces = group.members_of(article_id)
        parts: list[str] = []
        diffs: list[tuple[int, int]] = []
        position = 0
        for index, piece in enumerate(pieces):
            if index:
                parts.append(" … ")
                position += 3
            parts.append(piece.text)
            diffs.extend(
                (s - piece.start + position, e - piece.start + position)
                for s, e in piece.diffs
                if piece.start <= s and e <= piece.end
            )
            position += len(piece.text)
        result.append(Version(article_id, "".join(parts), tuple(diffs), pieces[0].start))
    result.sort(key=lambda v: (-len(v.text), v.article_id))
    return result


# --------------------------------------------------------------------------- loading


ProgressCallback = Callable[[int, int], None]


def load_quote_groups(library, progress: ProgressCallback | None = None) -> list[QuoteGroup]:
    """The library's shared quotes and passages, from its cached, incremental index.

    Runs in a worker thread with its own ``library``. A read-only or busy library gives
    them as last indexed; a damaged index is bypassed.
    """
    from newsreader.quotes import cache

    groups, _ = cache.shared_quotes_anyway(library, progress=progress, kind=None)
    return groups


def quotation_spans(body: str) -> Spans:
    """Every quotation in ``body`` the quote engine would consider (shared or not), one span
    per quoted stretch."""
    from newsreader.quotes import prepare_quotes

    return tuple(span for quote in prepare_quotes("", body, MIN_WORDS) for span in quote.spans)
