"""The alignment of two quotations (or two passages) as sequences of words.

Words come from `words` (normalised, hashed). Word 3-shingles seed the
alignment: runs of shared shingles give exact blocks, blocks are chained across
small edits, the chain is extended over a changed, added or dropped word at
either end, and rapidfuzz scores the aligned window (LCS over word hashes).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz.distance import LCSseq

from .words import SHINGLE, shingles, tokens, winnowed_shingles, word_hashes

__all__ = ["LONG_MATCH", "Quote", "Region", "align", "align_words", "best_region"]

LONG_MATCH = 8  # words in common that make a match on their own, whatever else differs
MAX_GAP = 3  # words inserted or changed between two exact blocks of one match
MIN_DENSITY = 0.7  # share of the aligned window's words that must match
MIN_COVERAGE = 0.8  # share of a quotation a short match must cover
# A shingle repeated more often than this in one quotation says nothing about
# where the two match ("we will, we will, we will…"), so it seeds nothing.
MAX_REPEAT = 8
MAX_REGIONS = 8  # separate regions looked at for one pair of quotations
# Wider seeds (passages) are winnowed over this many: any 12 words two passages
# share verbatim (the shortest passage) give them a seed in common, at about a
# fifth of the postings.
SEED_WINDOW = 8


@dataclass(slots=True)
class Quote:
    """A quotation prepared for matching: where it is and its words.

    `spans` are the quotation's parts as offsets into the article body and
    `texts` the body slices they cover, so words and their offsets can be
    recomputed without the body.
    """

    article_id: str
    spans: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]
    speaker: str
    hashes: array
    shingles: array  # 3-word shingles; empty for passages until one is aligned (`word_shingles`)
    bounds: tuple[int, ...]  # index of the first word of each part
    seeds: array  # the shingles candidates are looked up by (wider, winnowed ones for passages)

    @classmethod
    def build(
        cls,
        article_id: str,
        spans: Sequence[tuple[int, int]],
        texts: Sequence[str],
        speaker: str,
        seed_width: int = SHINGLE,
    ) -> Quote:
        """A quotation ready to match: its words, and its seeds (its 3-word shingles, or
        for a passage its winnowed wider ones)."""
        quote = cls.words_of(article_id, spans, texts, speaker)
        if seed_width == SHINGLE:
            quote.shingles = quote.seeds = shingles(quote.hashes)
        else:
            cls.seed_passages([quote], seed_width)
        return quote

    @classmethod
    def words_of(
        cls, article_id: str, spans: Sequence[tuple[int, int]], texts: Sequence[str], speaker: str
    ) -> Quote:
        """The quotation with its words hashed, and no shingles or seeds yet."""
        bounds: tuple[int, ...] = (0,)
        if len(texts) == 1:  # most quotations and passages: one part
            hashes = word_hashes(texts[0])
        else:
            hashes, starts = [], []
            for text in texts:
                starts.append(len(hashes))
                hashes.extend(word_hashes(text))
            bounds = tuple(starts)
        spans = tuple((start, end) for start, end in spans)
        return cls(article_id, spans, tuple(texts), speaker, array("q", hashes), _NONE, bounds, _NONE)

    @staticmethod
    def seed_passages(passages: Sequence[Quote], seed_width: int) -> None:
        """Give passages (made by `words_of`) their winnowed seeds, all in one pass;
        most are never aligned, so they get no 3-word shingles."""
        for passage, seeds in zip(
            passages, winnowed_shingles([p.hashes for p in passages], seed_width, SEED_WINDOW)
        ):
            passage.seeds = seeds

    def __reduce__(self) -> tuple[type[Quote], tuple]:
        """Pickled as its fields in order: worker processes send prepared quotations
        back by the hundred thousand, and this is half the default's cost."""
        return Quote, (
            self.article_id,
            self.spans,
            self.texts,
            self.speaker,
            self.hashes,
            self.shingles,
            self.bounds,
            self.seeds,
        )

    def word_shingles(self) -> array:
        """The 3-word shingles, made the first time a passage is aligned and kept: a
        paragraph found through a common seed is aligned again and again."""
        if not self.shingles and len(self.hashes) >= SHINGLE:
            self.shingles = shingles(self.hashes)
        return self.shingles

    @property
    def size(self) -> int:
        return len(self.hashes)

    @property
    def key(self) -> tuple[str, int]:
        """Order of quotations, so that aligning a pair never depends on which came first."""
        return self.article_id, self.spans[0][0]

    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, word as printed) for each word, offsets into the body."""
        return [word for (start, _), text in zip(self.spans, self.texts) for word in tokens(text, start)]


_NONE = array("q")  # shared by every quotation without shingles: never written to


class Region(NamedTuple):
    """Matching word ranges [a0, a1) of one quotation and [b0, b1) of another."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: int

    def swapped(self) -> Region:
        return Region(self.b0, self.b1, self.a0, self.a1, self.matched)


def align(a: Quote, b: Quote, min_words: int) -> list[Region]:
    """The regions in which two quotations carry the same words.

    A region counts when at least `min_words` words match, densely enough to be
    the same text with small edits, and either it covers most of one of the two
    quotations (a fragment, or the whole quote) or it is LONG_MATCH words long
    (two different cuts of one long quote). The result does not depend on the
    order of the arguments.
    """
    if b.key < a.key:
        return [r.swapped() for r in align(b, a, min_words)]
    return align_words(a.hashes, b.hashes, a.word_shingles(), b.word_shingles(), min_words)


def align_words(ha: array, hb: array, sa: Sequence[int], sb: Sequence[int], min_words: int) -> list[Region]:
    """`align` on word hashes and their shingles."""
    contained = _containment(ha, hb)
    if contained is not None:
        return [contained] if contained.matched >= min_words else []
    regions: list[Region] = []
    for r in _regions(ha, hb, sa, sb):
        if r.matched < min_words or r.matched < MIN_DENSITY * max(r.a1 - r.a0, r.b1 - r.b0):
            continue
        covers = r.a1 - r.a0 >= MIN_COVERAGE * len(ha) or r.b1 - r.b0 >= MIN_COVERAGE * len(hb)
        overlaps = any((r.a0 < k.a1 and k.a0 < r.a1) or (r.b0 < k.b1 and k.b0 < r.b1) for k in regions)
        if (covers or r.matched >= LONG_MATCH) and not overlaps:
            regions.append(r)
    regions.sort()
    return regions


def best_region(ha: array, hb: array) -> Region | None:
    """The best-anchored region two word sequences share, however small."""
    contained = _containment(ha, hb)
    if contained is not None:
        return contained
    return next(_regions(ha, hb, shingles(ha), shingles(hb)), None)


def _containment(ha: array, hb: array) -> Region | None:
    """The region when one sequence is found word for word inside the other:
    most reprints are, after normalisation, and this is a byte search."""
    short, long, swap = (ha, hb, False) if len(ha) <= len(hb) else (hb, ha, True)
    needle, haystack = short.tobytes(), long.tobytes()
    at = haystack.find(needle)
    while at > 0 and at % short.itemsize:  # a match must start on a word boundary
        at = haystack.find(needle, at + 1)
    if at < 0 or not short:
        return None
    start = at // short.itemsize
    region = Region(0, len(short), start, start + len(short), len(short))
    return region.swapped() if swap else region


def _regions(ha: Sequence[int], hb: Sequence[int], sa: Sequence[int], sb: Sequence[int]) -> Iterator[Region]:
    """Candidate regions, best first: chains of exact blocks extended at both ends."""
    blocks = _blocks(sa, sb)
    for _ in range(MAX_REGIONS):
        if not blocks:
            return
        chain = _best_chain(blocks)
        a0, b0 = chain[0][0], chain[0][1]
        a1, b1 = chain[-1][0] + chain[-1][2], chain[-1][1] + chain[-1][2]
        blocks = [
            blk
            for blk in blocks
            if blk[0] + blk[2] <= a0 or blk[0] >= a1 or blk[1] + blk[2] <= b0 or blk[1] >= b1
        ]
        a0, b0 = _extend(ha, hb, a0, b0, -1)
        a1, b1 = _extend(ha, hb, a1 - 1, b1 - 1, 1)
        a1, b1 = a1 + 1, b1 + 1
        yield Region(a0, a1, b0, b1, int(LCSseq.similarity(ha[a0:a1], hb[b0:b1])))


def _blocks(sa: Sequence[int], sb: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of shared words at least SHINGLE long: (i in a, j in b, length)."""
    where: dict[int, list[int]] = {}
    for j, s in enumerate(sb):
        where.setdefault(s, []).append(j)
    open_runs: dict[int, list[int]] = {}  # diagonal j - i -> [i, j, length]
    blocks: list[list[int]] = []
    for i, s in enumerate(sa):
        seeds = where.get(s, ())
        if len(seeds) > MAX_REPEAT:
            continue
        for j in seeds:
            run = open_runs.get(j - i)
            if run is not None and run[0] + run[2] - SHINGLE + 1 == i:
                run[2] += 1
            else:
                run = open_runs[j - i] = [i, j, SHINGLE]
                blocks.append(run)
    return sorted((i, j, n) for i, j, n in blocks)


def _best_chain(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The blocks, in order on both sides with small gaps, that cover the most words.

    Blocks come sorted by position, so a block's possible predecessors, those
    ending at most MAX_GAP words before it, have all been scored already.
    """
    score = [blk[2] for blk in blocks]
    back = [-1] * len(blocks)
    ending: dict[int, list[int]] = {}  # end in a -> blocks ending there
    for k, (i, j, n) in enumerate(blocks):
        for end in range(i - MAX_GAP, i + 1):
            for p in ending.get(end, ()):
                pj, pn = blocks[p][1], blocks[p][2]
                if 0 <= j - (pj + pn) <= MAX_GAP and score[p] + n > score[k]:
                    score[k], back[k] = score[p] + n, p
        ending.setdefault(i + n, []).append(k)
    k = max(range(len(blocks)), key=lambda x: (score[x], -x))
    chain = []
    while k != -1:
        chain.append(blocks[k])
        k = back[k]
    return chain[::-1]


# Words skipped on each side to cross one small edit: changed, added, dropped, "get" for "be given".
_EDITS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (2, 0), (0, 2))


def _extend(ha: Sequence[int], hb: Sequence[int], i: int, j: int, step: int) -> tuple[int, int]:
    """Grow a match outward from (i, j) over equal words, and over one or two changed,
    added or dropped words when the next two words agree again, or all the rest of
    both quotations does ("the bridge would ever collapse" against "the bridge
    would collapse" matches to the end, with "ever" a difference)."""

    def inside(x: int, y: int) -> bool:
        return 0 <= x < len(ha) and 0 <= y < len(hb)

    def agreeing(x: int, y: int) -> int | None:
        """How many words agree from (x, y) on, if enough do to cross the edit."""
        agree = 0
        while (
            agree < 2
            and inside(x + agree * step, y + agree * step)
            and ha[x + agree * step] == hb[y + agree * step]
        ):
            agree += 1
        ends = not 0 <= x + agree * step < len(ha) and not 0 <= y + agree * step < len(hb)
        return agree if agree == 2 or ends else None

    while True:
        ni, nj = i + step, j + step
        if not inside(ni, nj):
            return i, j
        if ha[ni] == hb[nj]:
            i, j = ni, nj
            continue
        for da, db in _EDITS:
            x, y = ni + da * step, nj + db * step
            agree = agreeing(x, y)
            if agree is not None and (agree or da == db):
                i, j = x + (agree - 1) * step, y + (agree - 1) * step
                if agree == 0:  # the last word of both changed
                    i, j = x - step, y - step
                break
        else:
            return i, j
