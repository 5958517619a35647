"""The shared-quote engine: which quotations appear in two or more articles.

Every article's quotations are extracted (`quote_extract`), their word
shingles go into an inverted index, and each new quotation is aligned
(`quote_align`) only against the quotations its shingles touch, never against
all pairs. Matches are edges of a graph; quote groups are its components, with
one guard: a short quotation ("the American people") that fits inside two
unrelated long quotes does not merge them. For each group the engine reports
the exact spans every article prints, the words that differ between versions,
the speaker the articles name, and a stable id.

The index is incremental: adding an article aligns only its own quotations,
and only the groups it touches are rebuilt. Where the index lives is a
`QuoteStore`; `MemoryStore` keeps it in dicts, `quote_cache` in the library.

No Textual and no SQLite here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from hashlib import blake2b
from itertools import chain
from typing import Collection, Iterable, NamedTuple, Protocol

from rapidfuzz.distance import Indel

from .quote_align import LONG_MATCH, SHINGLE, TOKEN_RE, Quote, align, best_region, normalise_word
from .quote_extract import Quotation, extract_quotations

__all__ = [
    "Quotation", "QuoteMember", "QuoteGroup", "Edge", "QuoteStore", "MemoryStore",
    "QuoteIndex", "extract_quotations", "find_shared_quotes", "prepare_quotes",
    "assemble_groups", "at_least",
]

# A shingle shared by more quotations than this stops collecting new ones:
# candidates come from the rarer shingles, and a popular quote is still found
# through its first MAX_POSTING occurrences.
MAX_POSTING = 256
# A new quotation links to at most this many matches, the most similar first.
# A quote reprinted a thousand times stays one connected group, with edges
# growing linearly rather than with every pair.
MAX_LINKS = 16
_DISPLAY = str.maketrans("’‘ʼ", "'''")


@dataclass(frozen=True, slots=True)
class QuoteMember:
    """Where one article prints (part of) a shared quote.

    `start`/`end` are offsets into the article body, `text == body[start:end]`;
    `diffs` holds the (start, end) offsets of the words that differ from the
    group's other versions (case, wording, words left out or added).
    """

    article_id: str
    start: int
    end: int
    text: str
    diffs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One quote and every place it is printed.

    `id` is a hash of the normalised canonical text: the same articles always
    give the same ids, in any order (an article printing a fuller version of
    the quote changes its canonical text, and so its id). `text` is the fullest
    version printed, parts cut by narration joined by " … "; `speaker` is the
    one most articles name ("" when none does). An article that splits a quote
    has one member per part.
    """

    id: str
    text: str
    speaker: str
    members: tuple[QuoteMember, ...]

    @property
    def articles(self) -> list[str]:
        return sorted({m.article_id for m in self.members})


class Edge(NamedTuple):
    """Quotation `a` words [a0, a1) match quotation `b` words [b0, b1)."""

    a: int
    b: int
    a0: int
    a1: int
    b0: int
    b1: int
    matched: int


class QuoteStore(Protocol):
    """Where a `QuoteIndex` keeps its quotations, shingle postings, match edges
    and assembled groups. Quotation ids are ints the store hands out."""

    def article_quotes(self, article_id: str) -> list[int]: ...
    def add_quote(self, quote: Quote) -> int: ...
    def remove_quotes(self, ids: Collection[int]) -> set[int]:
        """Forget quotations, their postings, edges and groups; return their
        remaining neighbours, whose groups need rebuilding."""
    def candidates(self, shingles: Collection[int]) -> list[int]:
        """Quotations sharing at least min(2, len(shingles), their own shingle
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
    groups touched since the last call.
    """

    def __init__(self, min_words: int = 3, store: QuoteStore | None = None) -> None:
        self.min_words = max(min_words, SHINGLE)
        self.store: QuoteStore = store if store is not None else MemoryStore()
        self._dirty: set[int] = set()

    def add(self, article_id: str, body: str) -> None:
        """Index an article's quotations, replacing any earlier version of it."""
        self.remove(article_id)
        store = self.store
        own: set[int] = set()
        printed: set[bytes] = set()  # an article repeating a quote word for word counts it once
        for quote in prepare_quotes(article_id, body, self.min_words):
            words = quote.hashes.tobytes()
            if words in printed:
                continue
            printed.add(words)
            ranked = [c for c in store.candidates(set(quote.shingles)) if c not in own]
            found = store.quotes(ranked)
            qid = store.add_quote(quote)
            own.add(qid)
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
        groups = assemble_groups(self.store.quotes(ids), edges)
        self.store.replace_groups(ids, groups)
        self._dirty.clear()

    def groups(self) -> list[QuoteGroup]:
        """Every shared quote, most widely printed first."""
        self.flush()
        return self.store.groups()


def find_shared_quotes(articles: Iterable[tuple[str, str]], min_words: int = 3) -> list[QuoteGroup]:
    """The quote groups of (article_id, body) pairs, most widely printed first."""
    index = QuoteIndex(min_words)
    for article_id, body in articles:
        index.add(article_id, body)
    return index.groups()


def at_least(groups: Iterable[QuoteGroup], min_words: int) -> list[QuoteGroup]:
    """Keep the members printing at least `min_words` words, and the groups
    still printed by two or more articles."""
    kept = []
    for group in groups:
        members = tuple(m for m in group.members if len(TOKEN_RE.findall(m.text)) >= min_words)
        if len({m.article_id for m in members}) >= 2:
            kept.append(QuoteGroup(group.id, group.text, group.speaker, members))
    return kept


def sort_groups(groups: Iterable[QuoteGroup]) -> list[QuoteGroup]:
    """Most widely printed first, then by text: the order every listing uses."""
    return sorted(groups, key=lambda g: (-len(g.articles), g.text.casefold(), g.id))


def group_id(normalised_words: Iterable[str]) -> str:
    """Stable id of a quote: a hash of its normalised words."""
    return "q" + blake2b(" ".join(normalised_words).encode(), digest_size=6).hexdigest()


def assemble_groups(quotes: dict[int, Quote], edges: Iterable[Edge]) -> list[tuple[QuoteGroup, list[int]]]:
    """Turn quotations and their match edges into quote groups.

    Long quotations (LONG_MATCH words or more) join through their matches, and
    short ones through theirs; a cluster of short quotations then joins the
    long group it matches, but only if it matches exactly one, so a common
    phrase never merges two different quotes. Returns each group with the ids
    of its quotations.
    """
    edges = [e for e in edges if e.a in quotes and e.b in quotes]
    parent = {q: q for q in quotes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    long = {q for q, quote in quotes.items() if quote.size >= LONG_MATCH}
    for e in edges:
        if (e.a in long) == (e.b in long):
            union(e.a, e.b)
    reaches: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        if (e.a in long) != (e.b in long):
            short, other = (e.b, e.a) if e.a in long else (e.a, e.b)
            reaches[find(short)].add(find(other))
    for root, targets in reaches.items():
        if len(targets) == 1:
            union(root, targets.pop())

    regions: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for e in edges:
        if find(e.a) == find(e.b):
            regions[e.a].append((e.a0, e.a1))
            regions[e.b].append((e.b0, e.b1))
    components: dict[int, list[int]] = defaultdict(list)
    for q in sorted(regions, key=lambda q: quotes[q].key):
        components[find(q)].append(q)
    return [
        (_group(quotes, ids, regions), ids)
        for ids in components.values()
        if len({quotes[q].article_id for q in ids}) >= 2
    ]


class _Range(NamedTuple):
    qid: int
    start: int  # word indices into the quotation
    end: int


def _group(quotes: dict[int, Quote], ids: list[int], regions: dict[int, list[tuple[int, int]]]) -> QuoteGroup:
    words = {q: quotes[q].words() for q in ids}
    ranges = [_Range(q, s, e) for q in ids for s, e in _merge(regions[q])]

    def pieces(r: _Range) -> list[tuple[int, int]]:
        """The range cut where narration splits the quotation, as word ranges."""
        bounds = quotes[r.qid].bounds + (quotes[r.qid].size,)
        cuts = [(max(r.start, lo), min(r.end, hi)) for lo, hi in zip(bounds, bounds[1:])]
        return [(lo, hi) for lo, hi in cuts if lo < hi]

    def text(qid: int, lo: int, hi: int) -> str:
        quote, start, end = quotes[qid], words[qid][lo][0], words[qid][hi - 1][1]
        (offset, _), part = next((span, t) for span, t in zip(quote.spans, quote.texts)
                                 if span[0] <= start and end <= span[1])
        return part[start - offset:end - offset]

    # The fullest version is the group's text; a version cut by narration reads
    # worse, so each cut counts as two words less.
    canonical = min(ranges, key=lambda r: (
        r.start - r.end + 2 * len(pieces(r)), quotes[r.qid].article_id, words[r.qid][r.start][0]))
    flagged = _differing_words(quotes, words, ranges, canonical)
    members = []
    for r in ranges:
        w = words[r.qid]
        for lo, hi in pieces(r):
            diffs = tuple((w[i][0], w[i][1]) for i in range(lo, hi) if i in flagged[r])
            members.append(QuoteMember(quotes[r.qid].article_id, w[lo][0], w[hi - 1][1],
                                       text(r.qid, lo, hi), diffs))
    members.sort(key=lambda m: (m.article_id, m.start))
    canon_text = " … ".join(text(canonical.qid, lo, hi) for lo, hi in pieces(canonical))
    canon_words = words[canonical.qid][canonical.start:canonical.end]
    gid = group_id(normalise_word(w) for _, _, w in canon_words)
    return QuoteGroup(gid, canon_text, _speaker(quotes, ids), tuple(members))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges merged."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _differing_words(quotes: dict[int, Quote], words: dict[int, list[tuple[int, int, str]]],
                     ranges: list[_Range], canonical: _Range) -> dict[_Range, set[int]]:
    """For each range, the word indices that differ from another version.

    Every range is aligned to the canonical one; at each canonical word we
    collect the spellings the versions print there. A word is flagged when the
    versions print it differently (case, wording), when it is missing from a
    version that spans it, or when it has no counterpart in the canonical one.
    """
    hc = quotes[canonical.qid].hashes[canonical.start:canonical.end]
    spellings: dict[int, set[str]] = defaultdict(set)
    missing: set[int] = set()
    placed: dict[_Range, list[tuple[int, int]]] = {}
    flagged: dict[_Range, set[int]] = {}
    for r in ranges:
        w = words[r.qid]
        hm = quotes[r.qid].hashes[r.start:r.end]
        placed[r], flagged[r] = [], set()
        region = best_region(hm, hc)
        if region is None:
            continue
        for op in Indel.opcodes(hm[region.a0:region.a1], hc[region.b0:region.b1]):
            src = range(r.start + region.a0 + op.src_start, r.start + region.a0 + op.src_end)
            dest = range(region.b0 + op.dest_start, region.b0 + op.dest_end)
            if op.tag == "equal":
                for i, j in zip(src, dest):
                    placed[r].append((i, j))
                    spellings[j].add(w[i][2].translate(_DISPLAY))
            else:
                flagged[r].update(src)
                missing.update(dest)
    for r in ranges:
        flagged[r].update(i for i, j in placed[r] if j in missing or len(spellings[j]) > 1)
    return flagged


def _speaker(quotes: dict[int, Quote], ids: list[int]) -> str:
    """The speaker most of the group's articles name; longer names win ties."""
    names: dict[str, str] = {}
    votes: Counter[str] = Counter()
    named = sorted({(quotes[q].article_id, quotes[q].speaker) for q in ids})  # one vote per article
    for _, speaker in named:
        if speaker:
            key = speaker.casefold()
            names.setdefault(key, speaker)
            votes[key] += 1
    if not votes:
        return ""
    best = max(votes, key=lambda k: (votes[k], len(k), k))
    return names[best]


class MemoryStore:
    """A `QuoteStore` in plain dicts: the engine's state for one process.

    Its attributes are read by `quote_cache` to write a whole index at once:
    `quote_by_id`, `postings` (shingle -> ids, at most MAX_POSTING), `singles`
    (shingle -> ids of one-shingle quotations, uncapped), `links` (id -> its
    edges), `assembled` (group id -> (group, quotation ids)).
    """

    def __init__(self) -> None:
        self.next_id = 1
        self.quote_by_id: dict[int, Quote] = {}
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[int, list[int]] = {}
        self.singles: dict[int, list[int]] = {}
        self.links: dict[int, list[Edge]] = defaultdict(list)
        self.assembled: dict[str, tuple[QuoteGroup, list[int]]] = {}
        self.group_of: dict[int, str] = {}

    def article_quotes(self, article_id: str) -> list[int]:
        return list(self.by_article.get(article_id, ()))

    def add_quote(self, quote: Quote) -> int:
        qid = self.next_id
        self.next_id += 1
        self.quote_by_id[qid] = quote
        self.by_article[quote.article_id].append(qid)
        distinct = set(quote.shingles)
        for s in distinct:
            posting = self.postings.setdefault(s, [])
            if len(posting) < MAX_POSTING:
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
            for s in set(quote.shingles):
                for table in (self.postings, self.singles):
                    posting = table.get(s)
                    if posting and qid in posting:
                        posting.remove(qid)
                        if not posting:
                            del table[s]
            for e in self.links.pop(qid, ()):
                other = e.b if e.a == qid else e.a
                if other not in gone:
                    neighbours.add(other)
                    self.links[other] = [x for x in self.links[other] if qid not in (x.a, x.b)]
        return neighbours

    def candidates(self, shingles: Collection[int]) -> list[int]:
        counts = Counter(chain.from_iterable(self.postings[s] for s in shingles if s in self.postings))
        need = 1 if len(shingles) <= 1 else 2
        found = {qid: n for qid, n in counts.items() if n >= need}
        for qid in chain.from_iterable(self.singles.get(s, ()) for s in shingles):
            found.setdefault(qid, 1)
        return sorted(found, key=lambda qid: (-found[qid], qid))

    def quotes(self, ids: Iterable[int]) -> dict[int, Quote]:
        return {qid: self.quote_by_id[qid] for qid in ids}

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
                group = QuoteGroup(gid, group.text, group.speaker, group.members)
            self.assembled[gid] = (group, members)
            for qid in members:
                self.group_of[qid] = gid

    def groups(self) -> list[QuoteGroup]:
        return sort_groups(group for group, _ in self.assembled.values())

    def _drop_groups(self, ids: Iterable[int]) -> None:
        for gid in {self.group_of[q] for q in ids if q in self.group_of}:
            for qid in self.assembled.pop(gid)[1]:
                self.group_of.pop(qid, None)


def free_id(gid: str, taken: Collection[str]) -> str:
    """`gid`, or `gid-2`, `gid-3`… when two unrelated groups print the same words."""
    n = 1
    candidate = gid
    while candidate in taken:
        n += 1
        candidate = f"{gid}-{n}"
    return candidate
