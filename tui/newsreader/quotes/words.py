"""The one tokeniser of the quote engine: what a word is and how words compare.

Outlets print the same words with different case, apostrophes, compatibility
characters (ligatures, full-width letters) and punctuation, so a word is a run
of letters and digits with apostrophes inside it, compared NFKC-normalised,
case-folded and without apostrophes; each compared word is a stable 63-bit hash
(stable across processes, so hashes and shingles can be stored in the library).
The engine, the cache, the compare view and the quote index all split text here.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from hashlib import blake2b

__all__ = [
    "MIN_WORDS",
    "SHINGLE",
    "TOKEN_RE",
    "count_words",
    "normalise_word",
    "shingles",
    "spelling",
    "tokens",
    "winnowed_shingles",
    "word_hashes",
]

MIN_WORDS = 3
"""Quotations shorter than this many words are not quotes: not to the engine, the cache,
the compare view or its status line."""

# A word: letters and digits, with apostrophes inside it (don’t, O'Brien).
TOKEN_RE = re.compile(r"[^\W_]+(?:[’'‘ʼ]+[^\W_]+)*")
SHINGLE = 3  # words per shingle, so a three-word quote still has a seed

_APOSTROPHES = str.maketrans("", "", "’'‘ʼ")
_DISPLAY = str.maketrans("’‘ʼ", "'''")
_MASK = (1 << 63) - 1
_P1, _P2 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F
_P3, _P4 = 0x165667B19E3779F9, 0x27D4EB2F165667C5
# Distinct words whose hashes are remembered (about 40 MB at most); past it the
# memory starts over: hashing again is only slower.
_CACHED_WORDS = 1 << 18


def normalise_word(token: str) -> str:
    """The form words are compared in: NFKC, case-folded, apostrophes dropped."""
    if not token.isascii():
        token = unicodedata.normalize("NFKC", token)
    return token.translate(_APOSTROPHES).casefold()


def spelling(token: str) -> str:
    """How a word is printed, up to compatibility characters and apostrophe shapes:
    two versions spelling it differently (case included) differ there."""
    if not token.isascii():
        token = unicodedata.normalize("NFKC", token).translate(_DISPLAY)
    return token


class _HashCache(dict[str, int]):
    """Word -> its stable hash, computed on first sight: a lookup is what makes
    hashing every word of a large corpus affordable."""

    def __missing__(self, token: str) -> int:
        if len(self) >= _CACHED_WORDS:
            self.clear()
        digest = blake2b(normalise_word(token).encode(), digest_size=8).digest()
        value = self[token] = int.from_bytes(digest, "little") & _MASK
        return value


_HASHES = _HashCache()


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, word as printed) of each word, offsets shifted by `offset`."""
    return [(offset + m.start(), offset + m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def word_hashes(text: str) -> list[int]:
    """The normalised words of `text` as stable hashes."""
    return list(map(_HASHES.__getitem__, TOKEN_RE.findall(text)))


def count_words(text: str) -> int:
    return sum(1 for _ in TOKEN_RE.finditer(text))


def shingles(hashes: Sequence[int]) -> array:
    """Stable 63-bit hashes of each run of SHINGLE (3) consecutive words."""
    h = hashes
    return array("q", [(a * _P1 + b * _P2 + c) & _MASK for a, b, c in zip(h, h[1:], h[2:])])


def winnowed_shingles(units: Sequence[array], width: int, window: int) -> list[array]:
    """For each unit's word hashes (`array("q")`), its winnowed `width`-word shingles:
    the smallest shingle of every `window` consecutive ones, each kept once (Schleimer
    et al., "Winnowing", 2003), so any run of `window` shingles two units share holds
    one they both keep, at about 2 / (window + 1) of the postings; a unit of `window`
    shingles or fewer keeps its smallest.

    A shingle of words a, b, c… is (a·P1 + b·P2 + c·P3…) mod 2^63, the same whatever
    computes it. Passages are most of every article's words, so the units of one
    article are done in one pass of numpy (unsigned arithmetic wraps modulo 2^64,
    which keeps the low 63 bits exact) instead of word by word in Python.
    """
    import numpy as np

    if not 2 <= width <= 5:
        raise ValueError(f"shingles of {width} words")
    words = np.frombuffer(b"".join(unit.tobytes() for unit in units), dtype=np.uint64)
    count = len(words) - width + 1  # shingles of the concatenation, some across units
    if count <= 0:
        return [array("q") for _ in units]
    runs = words[:count] * np.uint64(_P1)
    for k, factor in enumerate((_P2, _P3, _P4)[: width - 2], 1):
        runs += words[k : k + count] * np.uint64(factor)
    runs += words[width - 1 : width - 1 + count]
    runs &= np.uint64(_MASK)
    lows = runs[: max(count - window + 1, 0)].copy()
    for k in range(1, window):
        np.minimum(lows, runs[k : k + len(lows)], out=lows)
    # A window's low is kept where it differs from the one before, and at the first
    # window of each unit; the windows of a unit are those at [start, stop) in `lows`.
    lengths = np.fromiter(map(len, units), dtype=np.int64, count=len(units))
    starts = np.cumsum(lengths) - lengths
    windows = np.maximum(lengths - (width + window - 2), 0)
    keep = np.empty(len(lows), dtype=bool)
    keep[:1] = True
    np.not_equal(lows[1:], lows[:-1], out=keep[1:])
    inside = np.zeros(len(lows) + 1, dtype=np.int64)
    long = windows > 0
    inside[starts[long]] += 1  # each unit's first window and the one after its last,
    inside[starts[long] + windows[long]] -= 1  # both rising: no index twice in one step
    keep[starts[long]] = True
    keep &= np.cumsum(inside[:-1]) > 0
    ends = np.cumsum(keep)
    picked = lows[keep].tobytes()
    seeds = []
    for unit, start, stop, own in zip(units, starts.tolist(), (starts + windows).tolist(), windows.tolist()):
        if own:
            first = int(ends[start - 1]) if start else 0
            seeds.append(array("q", picked[8 * first : 8 * int(ends[stop - 1])]))
        elif len(unit) >= width:  # `window` shingles or fewer: the smallest
            seeds.append(array("q", [int(runs[start : start + len(unit) - width + 1].min())]))
        else:
            seeds.append(array("q"))
    return seeds
