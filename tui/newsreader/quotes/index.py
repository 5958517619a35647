"""The incremental index of many articles' quotations (or passages), and its stores.

Every article's quotations are extracted (`extract`), their word shingles go
into an inverted index, and each new quotation is aligned (`align`) only against
the quotations its shingles touch, never against all pairs. Matches are edges;
`groups` cuts and groups them into stretches several articles print.

Adding an article aligns only its own quotations, and only the groups it
touches are rebuilt. Where the index lives is a `QuoteStore`; `MemoryStore`
keeps it in dicts, `cache` in the library. The same index finds wire copy when
given `passages.prepare_passages` as its units.

No Textual and no SQLite here.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain, count
from typing import NamedTuple, Protocol

from .align import Quote, align
from .extract import extract_quotations
from .groups import Edge, assemble_groups
from .model import Kind, QuoteGroup, free_id, sort_groups
from .words import SHINGLE

__all__ = [
    "MAX_POSTING",
    "MemoryStore",
    "Prepared",
    "QuoteIndex",
    "QuoteStore",
    "collector_paused",
    "find_shared_quotes",
    "prepare",
    "prepare_quotes",
]

# A shingle shared by more quotations than this stops collecting new ones:
# candidates come from the rarer shingles, and a popular quote is still found
# through its first MAX_POSTING occurrences.
MAX_POSTING = 256
# A new quotation links to at most this many matches, the most similar first.
# A quote reprinted a thousand times stays one connected group, with edges
# growing linearly rather than with every pair.
MAX_LINKS = 16

Units = Callable[[str, str, int], list[Quote]]


class QuoteStore(Protocol):
    """Where a `QuoteIndex` keeps its quotations, shingle postings, match edges
    and assembled groups. Quotation ids are ints the store hands out."""

    def article_quotes(self, article_id: str) -> list[int]: ...
    def add_quote(self, quote: Quote) -> int: ...
    def remove_quotes(self, ids: Collection[int]) -> set[int]:
        """Forget quotations, their postings, edges and groups; return their
        remaining neighbours, whose groups need rebuilding."""

    def candidates(self, shingles: Collection[int], need: int = 2) -> list[int]:
        """Quotations sharing at least min(need, len(shingles), their own shingle
        count) of these distinct shingles, those sharing most first (then by id)."""

    def quotes(self, ids: Iterable[int]) -> dict[int, Quote]: ...
    def add_edges(self, edges: list[Edge]) -> None: ...
    def component(self, ids: Collection[int]) -> tuple[set[int], list[Edge]]:
        """Every quotation connected to `ids`, and the edges among them."""

    def replace_groups(self, ids: Collection[int], groups: list[tuple[QuoteGroup, list[int]]]) -> None:
        """Drop the groups holding any of `ids` and keep `groups` (with their quotation ids)."""

    def groups(self) -> list[QuoteGroup]: ...


def prepare_quotes(article_id: str, body: str, min_words: int) -> list[Quote]:
    """The article's quotations of at least `min_words` words, ready to index."""
    quotes = []
    for q in extract_quotations(body):
        quote = Quote.build(article_id, q.spans, [body[s:e] for s, e in q.spans], q.speaker)
        if quote.size >= min_words:
            quotes.append(quote)
    return quotes


class QuoteIndex:
    """Incremental index of the quotations of many articles.

    `min_words` is the fewest words two quotations must share to count (at
    least 3: a shared three-word shingle seeds every match). Adding an article
    aligns only its quotations against the candidates their shingles find, and
    links each to at most MAX_LINKS matches; `groups()` rebuilds only the
    groups touched since the last call. `units` turns an article body into what
    is indexed (its quotations by default; `passages.prepare_passages` for wire
    copy), and `kind` names the groups they make.
    """

    def __init__(
        self,
        min_words: int = 3,
        store: QuoteStore | None = None,
        units: Units | None = None,
        kind: Kind = "quote",
    ) -> None:
        self.min_words = max(min_words, SHINGLE)
        self.store: QuoteStore = store if store is not None else MemoryStore()
        self.units, self.kind = units or prepare_quotes, kind
        # Quotes need two shared shingles; passages one of their sparse, winnowed seeds.
        self.need = 2 if kind == "quote" else 1
        self._dirty: set[int] = set()

    def add(self, article_id: str, body: str) -> None:
        """Index an article's quotations, replacing any earlier version of it."""
        self.add_units(article_id, self.units(article_id, body, self.min_words))

    def add_units(self, article_id: str, units: Iterable[Quote]) -> None:
        """Index an article's units as `units` makes them (perhaps made in another
        process, see `prepare`), replacing any earlier version of it."""
        self.remove(article_id)
        store = self.store
        own: set[int] = set()
        printed: set[bytes] = set()  # an article repeating a quote word for word counts it once
        for quote in units:
            words = quote.hashes.tobytes()
            if words in printed:
                continue
            printed.add(words)
            ranked = [c for c in store.candidates(set(quote.seeds), self.need) if c not in own]
            qid = store.add_quote(quote)
            own.add(qid)
            if not ranked:  # most passages and many quotes: nothing printed before shares a seed
                continue
            found = store.quotes(ranked)
            edges: list[Edge] = []
            links = 0
            for cid in ranked:
                other = found[cid]
                if other.article_id == article_id:
                    continue
                regions = align(quote, other, self.min_words)
                edges.extend(Edge(qid, cid, *region) for region in regions)
                links += bool(regions)
                if links == MAX_LINKS:
                    break
            if edges:  # a quotation matching none is in no group, until another matches it
                store.add_edges(edges)
                self._dirty.add(qid)

    def remove(self, article_id: str) -> None:
        """Forget an article; the groups it was part of are rebuilt without it.

        A group whose quotations were linked only through this article splits.
        With MAX_LINKS links per quotation that takes a quote reprinted more than
        MAX_LINKS times whose every link went to this one article: in practice never.
        """
        ids = self.store.article_quotes(article_id)
        if ids:
            self._dirty.difference_update(ids)
            self._dirty |= self.store.remove_quotes(ids)

    def flush(self) -> None:
        """Rebuild the groups touched by adds and removes since the last flush."""
        if not self._dirty:
            return
        ids, edges = self.store.component(self._dirty)
        # One connected part at a time: what grouping builds is freed between parts,
        # so a first index of the whole library needs little more than the index.
        # A quotation matching none makes no group: those are dropped from groups at once.
        alone: set[int] = set()
        for part_ids, part_edges in _parts(ids, edges):
            if not part_edges:
                alone |= part_ids
                continue
            groups = assemble_groups(self.store.quotes(part_ids), part_edges, self.kind, self.min_words)
            self.store.replace_groups(part_ids, groups)
        if alone:
            self.store.replace_groups(alone, [])
        self._dirty.clear()

    def groups(self) -> list[QuoteGroup]:
        """Every shared quote, most widely printed first."""
        self.flush()
        return self.store.groups()


def _ids(posting: int | list[int]) -> Iterable[int]:
    return (posting,) if isinstance(posting, int) else posting


def _parts(ids: Collection[int], edges: list[Edge]) -> list[tuple[set[int], list[Edge]]]:
    """The connected parts of a match graph: quotation ids and their edges."""
    parent = {q: q for q in ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in edges:
        if e.a in parent and e.b in parent:
            ra, rb = find(e.a), find(e.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    parts: dict[int, tuple[set[int], list[Edge]]] = {}
    for q in ids:
        parts.setdefault(find(q), (set(), []))[0].add(q)
    for e in edges:
        if e.a in parent:
            parts[find(e.a)][1].append(e)
    return list(parts.values())


def find_shared_quotes(
    articles: Iterable[tuple[str, str] | Prepared], min_words: int = 3, passages: bool = False
) -> list[QuoteGroup]:
    """The quote groups of (article_id, body) pairs, or of articles already `prepare`d
    with the same `min_words` and `passages`, most widely printed first, and with
    `passages` the shared passages after them."""
    from .passages import MIN_WORDS, prepare_passages

    indexes = [QuoteIndex(min_words)]
    if passages:
        indexes.append(QuoteIndex(MIN_WORDS, units=prepare_passages, kind="passage"))
    with collector_paused():
        for article in articles:
            if isinstance(article, Prepared):
                for index, units in zip(indexes, article.units, strict=True):
                    index.add_units(article.article_id, units)
            else:
                for index in indexes:
                    index.add(*article)
        return [group for index in indexes for group in index.groups()]


class Prepared(NamedTuple):
    """An article's quotations (and passages) ready to index: the part of indexing that
    needs only the article, so that it can be done where the article is read."""

    article_id: str
    units: tuple[list[Quote], ...]


def prepare(article_id: str, body: str, min_words: int = 3, passages: bool = False) -> Prepared:
    """The units `find_shared_quotes(…, min_words, passages)` makes of one article."""
    from .passages import MIN_WORDS, prepare_passages

    quotes = prepare_quotes(article_id, body, max(min_words, SHINGLE))
    if not passages:
        return Prepared(article_id, (quotes,))
    return Prepared(article_id, (quotes, prepare_passages(article_id, body, MIN_WORDS)))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a whole corpus is indexed.

    The index is millions of small objects (quotations, postings, edges) that hold no
    reference cycles; as they pile up the collector walks them again and again, a
    sixteenth of the time of a 10,000-article index, to free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class MemoryStore:
    """A `QuoteStore` in plain dicts: the engine's state for one process.

    Its attributes are read by `cache` to write a whole index at once:
    `quote_by_id`, `posted()` (shingle, id pairs, at most MAX_POSTING ids a
    shingle), `singles` (shingle -> ids of one-shingle quotations, uncapped),
    `links` (id -> its edges), `assembled` (group id -> (group, quotation ids)).
    A shingle posted once (most of them) maps to the id itself, not a list: a
    large library's postings take a third of the memory.
    """

    def __init__(self, ids: Iterator[int] | None = None) -> None:
        self.ids = ids if ids is not None else count(1)  # shared when two stores fill one cache
        self.quote_by_id: dict[int, Quote] = {}
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[int, int | list[int]] = {}
        self.singles: dict[int, list[int]] = {}
        self.links: dict[int, list[Edge]] = defaultdict(list)
        self.assembled: dict[str, tuple[QuoteGroup, list[int]]] = {}
        self.group_of: dict[int, str] = {}

    def article_quotes(self, article_id: str) -> list[int]:
        return list(self.by_article.get(article_id, ()))

    def add_quote(self, quote: Quote) -> int:
        qid = next(self.ids)
        self.quote_by_id[qid] = quote
        self.by_article[quote.article_id].append(qid)
        distinct = set(quote.seeds)
        postings = self.postings
        for s in distinct:
            posting = postings.get(s)
            if posting is None:
                postings[s] = qid
            elif isinstance(posting, int):
                postings[s] = [posting, qid]
            elif len(posting) < MAX_POSTING:
                posting.append(qid)
        if len(distinct) == 1:
            self.singles.setdefault(next(iter(distinct)), []).append(qid)
        return qid

    def remove_quotes(self, ids: Collection[int]) -> set[int]:
        neighbours: set[int] = set()
        gone = set(ids)
        self._drop_groups(gone)
        for qid in gone:
            quote = self.quote_by_id.pop(qid)
            self.by_article[quote.article_id].remove(qid)
            if not self.by_article[quote.article_id]:
                del self.by_article[quote.article_id]
            for s in set(quote.seeds):
                posting = self.postings.get(s)
                if posting == qid:
                    del self.postings[s]
                elif isinstance(posting, list) and qid in posting:
                    posting.remove(qid)
                    if len(posting) == 1:
                        self.postings[s] = posting[0]
                single = self.singles.get(s)
                if single and qid in single:
                    single.remove(qid)
                    if not single:
                        del self.singles[s]
            for e in self.links.pop(qid, ()):
                other = e.b if e.a == qid else e.a
                if other not in gone:
                    neighbours.add(other)
                    self.links[other] = [x for x in self.links[other] if qid not in (x.a, x.b)]
        return neighbours

    def candidates(self, shingles: Collection[int], need: int = 2) -> list[int]:
        posted = [p for p in map(self.postings.get, shingles) if p is not None]
        if not posted and self.singles.keys().isdisjoint(shingles):
            return []
        ids: list[int] = []
        for p in posted:  # a flat list for Counter's C loop
            if isinstance(p, int):
                ids.append(p)
            else:
                ids.extend(p)
        counts = Counter(ids)
        need = 1 if len(shingles) <= 1 else need
        found = {qid: n for qid, n in counts.items() if n >= need}
        for qid in chain.from_iterable(self.singles.get(s, ()) for s in shingles):
            found.setdefault(qid, 1)
        return sorted(found, key=lambda qid: (-found[qid], qid))

    def quotes(self, ids: Iterable[int]) -> dict[int, Quote]:
        return {qid: self.quote_by_id[qid] for qid in ids}

    def posted(self) -> Iterator[tuple[int, int]]:
        """Every (shingle, quotation id) posting."""
        for s, posting in self.postings.items():
            for qid in _ids(posting):
                yield s, qid

    def add_edges(self, edges: list[Edge]) -> None:
        for e in edges:
            self.links[e.a].append(e)
            self.links[e.b].append(e)

    def component(self, ids: Collection[int]) -> tuple[set[int], list[Edge]]:
        seen = set(ids)
        todo = list(ids)
        edges = set()
        while todo:
            for e in self.links.get(todo.pop(), ()):
                edges.add(e)
                for q in (e.a, e.b):
                    if q not in seen:
                        seen.add(q)
                        todo.append(q)
        return seen, sorted(edges)

    def replace_groups(self, ids: Collection[int], groups: list[tuple[QuoteGroup, list[int]]]) -> None:
        self._drop_groups(ids)
        for group, members in groups:
            gid = free_id(group.id, self.assembled)
            if gid != group.id:
                group = replace(group, id=gid)
            self.assembled[gid] = (group, members)
            for qid in members:
                self.group_of[qid] = gid

    def groups(self) -> list[QuoteGroup]:
        return sort_groups(group for group, _ in self.assembled.values())

    def _drop_groups(self, ids: Iterable[int]) -> None:
        for gid in {self.group_of[q] for q in ids if q in self.group_of}:
            for qid in self.assembled.pop(gid)[1]:
                self.group_of.pop(qid, None)
