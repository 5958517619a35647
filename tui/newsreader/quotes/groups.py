"""Turning quotations and their match edges into groups of one stretch of words each.

A match edge says that words [a0, a1) of one quotation are words [b0, b1) of
another. Grouping whole quotations along edges would chain a speech that one
outlet prints at length into one group with every sentence others quote from
it. Instead each quotation is cut where any match begins or ends, the cuts are
carried across the edges to the quotations they match (so a long quotation
quoted in three pieces is cut in three, and so is any other version of it),
and the pieces are grouped: every member of a group prints the same stretch.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .align import LONG_MATCH, MAX_GAP, Quote, best_region
from .model import Kind, QuoteGroup, QuoteMember, group_id
from .words import SHINGLE, normalise_word, spelling

__all__ = ["Edge", "assemble_groups"]

# A cut closer than this many words to another makes no piece of its own.
MIN_PIECE = SHINGLE
# Cuts carried from quotation to quotation, at most, in one rebuild (a safety net).
MAX_CUTS = 200_000


class Edge(NamedTuple):
    """Quotation `a` words [a0, a1) match quotation `b` words [b0, b1)."""

    a: int
    b: int
    a0: int
    a1: int
    b0: int
    b1: int
    matched: int


class _Range(NamedTuple):
    qid: int
    start: int  # word indices into the quotation
    end: int


def assemble_groups(
    quotes: dict[int, Quote], edges: Iterable[Edge], kind: Kind = "quote", min_words: int = SHINGLE
) -> list[tuple[QuoteGroup, list[int]]]:
    """The groups of these quotations, each with the ids of the quotations in it.

    A short quotation (under LONG_MATCH words) that matches inside two long ones
    not matching each other is a common phrase, not a quote they share: it
    links to neither. A group needs two articles and a stretch of `min_words`.
    """
    edges = _guarded([_to_ends(e, quotes) for e in edges if e.a in quotes and e.b in quotes], quotes)
    maps = {e: _word_map(quotes[e.a], quotes[e.b], e) for e in edges}
    cuts = _cuts(quotes, edges, maps)
    pieces = {q: list(itertools.pairwise(c)) for q, c in cuts.items()}

    # Pieces are numbered in (quotation id, piece) order, so that the union-find runs
    # on a list and the smallest number of a component is its smallest (id, piece).
    first: dict[int, int] = {}
    nodes: list[Node] = []
    for q in sorted(pieces):
        first[q] = len(nodes)
        nodes.extend((q, i) for i in range(len(pieces[q])))
    parent = list(range(len(nodes)))
    linked = bytearray(len(nodes))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in edges:
        base_a, base_b = first[e.a], first[e.b]
        for i, j in _linked(pieces[e.a], pieces[e.b], e, maps[e]):
            ra, rb = find(base_a + i), find(base_b + j)
            linked[base_a + i] = linked[base_b + j] = 1
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

    components: dict[Node, list[Node]] = defaultdict(list)
    for n in sorted((n for n in range(len(nodes)) if linked[n]), key=lambda n: (quotes[nodes[n][0]].key, n)):
        components[nodes[find(n)]].append(nodes[n])
    _lend_short_pieces(components, pieces, quotes, min_words)
    result = []
    words: dict[int, list[tuple[int, int, str]]] = {}
    for nodes in components.values():
        if len({quotes[q].article_id for q, _ in nodes}) < 2:
            continue
        ranges = _ranges(nodes, pieces)
        for r in ranges:
            if r.qid not in words:
                words[r.qid] = quotes[r.qid].words()
        group = _group(quotes, words, ranges, kind, min_words)
        if group is not None:
            result.append((group, list(dict.fromkeys(q for q, _ in nodes))))
    return result


Node = tuple[int, int]  # (quotation id, index of one of its pieces)


def _lend_short_pieces(
    components: dict[Node, list[Node]],
    pieces: dict[int, list[tuple[int, int]]],
    quotes: dict[int, Quote],
    min_words: int,
) -> None:
    """Give the words of a stretch too short to be a group to the stretch next to it.

    A page printing only the middle of a shared sentence cuts it for everyone: three
    reprints sharing "Kittinger's record jump came on Aug. 16, 1960, in the New Mexico
    desert", one of them also with a fourth page from "Aug." on, leave two pieces of 5
    and 8 words, each too short to keep. A short stretch joins the neighbouring one on
    one side when every version of that neighbour has the short piece beside it (so
    every member still prints the same words) and two articles remain; versions
    printing only the short piece are left out. Preferred: a join long enough to keep,
    then a neighbour that is itself short (both are kept), then more versions, then the
    stretch before.
    """
    where = {node: root for root, nodes in components.items() for node in nodes}

    def size(node: Node) -> int:
        start, end = pieces[node[0]][node[1]]
        return end - start

    def words(nodes: Iterable[Node]) -> int:
        per_quote: dict[int, int] = defaultdict(int)
        for node in nodes:
            per_quote[node[0]] += size(node)
        return max(per_quote.values(), default=0)

    queue = deque(sorted(r for r, nodes in components.items() if words(nodes) < min_words))
    while queue:
        root = queue.popleft()
        mine = set(components[root])
        best: tuple[tuple[bool, bool, int, bool], Node, int] | None = None
        for side in (-1, 1):
            for other in {where.get((q, i + side)) for q, i in mine} - {None, root}:
                assert other is not None
                theirs = components[other]
                if len({quotes[q].article_id for q, _ in theirs}) < 2 or not all(
                    (q, j - side) in mine for q, j in theirs
                ):
                    continue
                joined = words([*theirs, *((q, j - side) for q, j in theirs)])
                rank = (joined >= min_words, words(theirs) < min_words, len(theirs), side < 0)
                if best is None or rank > best[0]:
                    best = (rank, other, side)
        if best is None:
            continue
        _, other, side = best
        lent = {(q, j - side) for q, j in components[other]}
        components[other].extend(sorted(lent))
        for node in lent:
            where[node] = other
        components[root] = [node for node in components[root] if node not in lent]
        if len({quotes[q].article_id for q, _ in components[root]}) >= 2:
            queue.append(root)  # what is left may still join the stretch on its other side


def _to_ends(e: Edge, quotes: dict[int, Quote]) -> Edge:
    """The match stretched over the few words that differ before both quotations
    end (or after both begin): "…on the contracts next month" and "…on the deals
    next week" are one stretch with differences, not a stretch and a stub."""
    a0, a1, b0, b1 = e.a0, e.a1, e.b0, e.b1
    size_a, size_b = quotes[e.a].size, quotes[e.b].size
    if 0 < a0 <= MAX_GAP and 0 < b0 <= MAX_GAP:
        a0 = b0 = 0
    if 0 < size_a - a1 <= MAX_GAP and 0 < size_b - b1 <= MAX_GAP:
        a1, b1 = size_a, size_b
    return e._replace(a0=a0, a1=a1, b0=b0, b1=b1)


def _guarded(edges: list[Edge], quotes: dict[int, Quote]) -> list[Edge]:
    """The edges without those of a short cluster that reaches several long groups."""
    parent = {q: q for q in quotes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    long = {q for q, quote in quotes.items() if quote.size >= LONG_MATCH}
    for e in edges:
        if (e.a in long) == (e.b in long):
            ra, rb = find(e.a), find(e.b)
            parent[max(ra, rb)] = min(ra, rb)
    reaches: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        if (e.a in long) != (e.b in long):
            short, other = (e.b, e.a) if e.a in long else (e.a, e.b)
            reaches[find(short)].add(find(other))
    ambiguous = {root for root, targets in reaches.items() if len(targets) > 1}
    return [
        e
        for e in edges
        if (e.a in long) == (e.b in long) or find(e.b if e.a in long else e.a) not in ambiguous
    ]


class _WordMap:
    """Carries a word boundary of one side of an edge to the other side.

    `ops` are the alignment's opcodes: whether the words are equal, and the word
    ranges (a start, a end, b start, b end) relative to the edge's starts.
    """

    def __init__(self, ops: list[tuple[bool, tuple[int, int, int, int]]] | None, a0: int, b0: int) -> None:
        """`ops` None: the two sides print the same words (most reprints), a shift."""
        self.ops, self.a0, self.b0 = ops, a0, b0

    def forward(self, c: int) -> int:
        if self.ops is None:
            return c - self.a0 + self.b0
        return self._carry(c - self.a0, 0, 2) + self.b0

    def backward(self, c: int) -> int:
        if self.ops is None:
            return c - self.b0 + self.a0
        return self._carry(c - self.b0, 2, 0) + self.a0

    def _carry(self, rel: int, src: int, dest: int) -> int:
        assert self.ops is not None
        for equal, ranges in self.ops:
            lo, hi = ranges[src], ranges[src + 1]
            if lo <= rel < hi:
                if equal:
                    return ranges[dest] + rel - lo
                return ranges[dest] if rel == lo else ranges[dest + 1]
        return self.ops[-1][1][dest + 1] if self.ops else 0  # the far end


def _word_map(a: Quote, b: Quote, e: Edge) -> _WordMap:
    left, right = a.hashes[e.a0 : e.a1], b.hashes[e.b0 : e.b1]
    if left == right:  # most reprints: word for word, no alignment needed
        return _WordMap(None, e.a0, e.b0)
    ops = [
        (op.tag == "equal", (op.src_start, op.src_end, op.dest_start, op.dest_end))
        for op in Indel.opcodes(left, right)
    ]
    return _WordMap(ops, e.a0, e.b0)


def _cuts(quotes: dict[int, Quote], edges: list[Edge], maps: dict[Edge, _WordMap]) -> dict[int, list[int]]:
    """Each quotation's word boundaries: its ends, every match's ends, and every
    boundary of a quotation it matches carried across to it, unless that would
    land closer than MIN_PIECE words to another boundary or the match's ends."""
    touching: dict[int, list[Edge]] = defaultdict(list)
    cuts: dict[int, set[int]] = defaultdict(set)
    queue: deque[tuple[int, int]] = deque()
    for e in edges:
        touching[e.a].append(e)
        touching[e.b].append(e)
        for q, c in ((e.a, e.a0), (e.a, e.a1), (e.b, e.b0), (e.b, e.b1)):
            if c not in cuts[q]:
                cuts[q].add(c)
                queue.append((q, c))
    carried = 0
    while queue and carried < MAX_CUTS:
        q, c = queue.popleft()
        for e in touching[q]:
            if q == e.a and e.a0 < c < e.a1:
                other, at, lo, hi = e.b, maps[e].forward(c), e.b0, e.b1
            elif q == e.b and e.b0 < c < e.b1:
                other, at, lo, hi = e.a, maps[e].backward(c), e.a0, e.a1
            else:
                continue
            near = cuts[other]
            if (
                at - lo < MIN_PIECE
                or hi - at < MIN_PIECE
                or not near.isdisjoint(range(at + 1 - MIN_PIECE, at + MIN_PIECE))
            ):
                continue
            cuts[other].add(at)
            queue.append((other, at))
            carried += 1
    return {q: sorted(cuts[q] | {0, quotes[q].size}) for q in touching}


def _linked(
    pa: list[tuple[int, int]], pb: list[tuple[int, int]], e: Edge, words: _WordMap
) -> list[tuple[int, int]]:
    """Pairs of pieces (indices into pa, pb) that this edge says print the same words."""
    if len(pa) == 1 and len(pb) == 1:  # neither quotation is cut: the whole of each
        return [(0, 0)]
    a0, a1 = e.a0, e.a1
    forward = words.forward
    pairs = []
    for i in range(max(0, bisect_right(pa, (a0, _END)) - 1), len(pa)):
        s, t = pa[i]
        if s >= a1:
            break
        s, t = max(s, a0), min(t, a1)
        if t <= s:
            continue
        ms, mt = forward(s), forward(t)
        for j in range(max(0, bisect_right(pb, (ms, _END)) - 1), len(pb)):
            u, v = pb[j]
            if u >= mt:
                break
            overlap = (mt if mt < v else v) - (ms if ms > u else u)
            if overlap > 0 and 2 * overlap >= min(mt - ms, v - u):
                pairs.append((i, j))
    return pairs


_END = 1 << 62  # sorts after any word index


def _ranges(nodes: list[tuple[int, int]], pieces: dict[int, list[tuple[int, int]]]) -> list[_Range]:
    """Each quotation's pieces in the group, neighbouring pieces joined."""
    ranges: list[_Range] = []
    for q, i in sorted(nodes):
        s, t = pieces[q][i]
        if ranges and ranges[-1].qid == q and ranges[-1].end == s:
            ranges[-1] = _Range(q, ranges[-1].start, t)
        else:
            ranges.append(_Range(q, s, t))
    return ranges


def _group(
    quotes: dict[int, Quote],
    words: dict[int, list[tuple[int, int, str]]],
    ranges: list[_Range],
    kind: Kind,
    min_words: int,
) -> QuoteGroup | None:
    ids = list(dict.fromkeys(r.qid for r in ranges))

    def pieces(r: _Range) -> list[tuple[int, int]]:
        """The range cut where narration splits the quotation, as word ranges."""
        bounds = quotes[r.qid].bounds + (quotes[r.qid].size,)
        cuts = [(max(r.start, lo), min(r.end, hi)) for lo, hi in itertools.pairwise(bounds)]
        return [(lo, hi) for lo, hi in cuts if lo < hi]

    def text(qid: int, lo: int, hi: int) -> str:
        quote, start, end = quotes[qid], words[qid][lo][0], words[qid][hi - 1][1]
        (offset, _), part = next(
            (span, t) for span, t in zip(quote.spans, quote.texts) if span[0] <= start and end <= span[1]
        )
        return part[start - offset : end - offset]

    # The fullest version is the group's text; a version cut by narration reads
    # worse, so each cut counts as two words less.
    canonical = min(
        ranges,
        key=lambda r: (
            r.start - r.end + 2 * len(pieces(r)),
            quotes[r.qid].article_id,
            words[r.qid][r.start][0],
        ),
    )
    if canonical.end - canonical.start < min_words:
        return None
    canon_words = words[canonical.qid][canonical.start : canonical.end]
    if kind == "passage" and 2 * sum(w[:1].islower() for _, _, w in canon_words) < min_words:
        return None  # names and titles ("President Donald J. Trump…"), not prose
    flagged = _differing_words(quotes, words, ranges, canonical)
    members = []
    for r in ranges:
        w = words[r.qid]
        for lo, hi in pieces(r):
            diffs = tuple((w[i][0], w[i][1]) for i in range(lo, hi) if i in flagged[r])
            members.append(
                QuoteMember(quotes[r.qid].article_id, w[lo][0], w[hi - 1][1], text(r.qid, lo, hi), diffs)
            )
    members.sort(key=lambda m: (m.article_id, m.start))
    canon_text = " … ".join(text(canonical.qid, lo, hi) for lo, hi in pieces(canonical))
    gid = group_id((normalise_word(w) for _, _, w in canon_words), kind)
    speaker = _speaker(quotes, ids) if kind == "quote" else ""
    return QuoteGroup(gid, canon_text, speaker, tuple(members), kind)


def _differing_words(
    quotes: dict[int, Quote],
    words: dict[int, list[tuple[int, int, str]]],
    ranges: list[_Range],
    canonical: _Range,
) -> dict[_Range, set[int]]:
    """For each range, the word indices that differ from another version.

    Every range is aligned to the canonical one; at each canonical word we
    collect the spellings the versions print there. A word is flagged when the
    versions print it differently (case, wording), when it is missing from a
    version that spans it, or when it has no counterpart in the canonical one.
    """
    hc = quotes[canonical.qid].hashes[canonical.start : canonical.end]
    spellings: dict[int, set[str]] = defaultdict(set)
    missing: set[int] = set()
    placed: dict[_Range, list[tuple[int, int]]] = {}
    flagged: dict[_Range, set[int]] = {}
    for r in ranges:
        printed = words[r.qid]
        hm = quotes[r.qid].hashes[r.start : r.end]
        placed[r], flagged[r] = [], set()
        if hm == hc:  # the same words: only their spelling can differ
            for k in range(len(hm)):
                placed[r].append((r.start + k, k))
                spellings[k].add(spelling(printed[r.start + k][2]))
            continue
        region = best_region(hm, hc)
        if region is None:
            continue
        for op in Indel.opcodes(hm[region.a0 : region.a1], hc[region.b0 : region.b1]):
            src = range(r.start + region.a0 + op.src_start, r.start + region.a0 + op.src_end)
            dest = range(region.b0 + op.dest_start, region.b0 + op.dest_end)
            if op.tag == "equal":
                for i, j in zip(src, dest):
                    placed[r].append((i, j))
                    spellings[j].add(spelling(printed[i][2]))
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
