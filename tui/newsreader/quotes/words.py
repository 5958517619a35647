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
from collections.abc import Iterator, Sequence
from functools import lru_cache
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
    "winnow",
    "word_hash",
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


@lru_cache(maxsize=1 << 17)
def word_hash(token: str) -> int:
    digest = blake2b(normalise_word(token).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & _MASK


def tokens(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, word as printed) of each word, offsets shifted by `offset`."""
    for m in TOKEN_RE.finditer(text):
        yield offset + m.start(), offset + m.end(), m.group()


def word_hashes(text: str) -> list[int]:
    """The normalised words of `text` as stable hashes."""
    return list(map(word_hash, TOKEN_RE.findall(text)))


def count_words(text: str) -> int:
    return sum(1 for _ in TOKEN_RE.finditer(text))


def shingles(hashes: Sequence[int], width: int = SHINGLE) -> array:
    """Stable 63-bit hashes of each run of `width` (3 or 5) consecutive words."""
    h = hashes
    if width == SHINGLE:
        return array("q", [(a * _P1 + b * _P2 + c) & _MASK for a, b, c in zip(h, h[1:], h[2:])])
    if width == 5:
        return array(
            "q",
            [
                (a * _P1 + b * _P2 + c * _P3 + d * _P4 + e) & _MASK
                for a, b, c, d, e in zip(h, h[1:], h[2:], h[3:], h[4:])
            ],
        )
    raise ValueError(f"shingles of {width} words")


def winnow(hashes: Sequence[int], window: int) -> array:
    """The smallest hash of every `window` consecutive ones, each kept once: any run
    of `window` hashes two sequences share holds one they both keep (Schleimer et
    al., "Winnowing", 2003), at about 2 / (window + 1) of the postings."""
    if len(hashes) <= window:
        return array("q", [min(hashes)] if hashes else [])
    lows = list(map(min, zip(*(hashes[k:] for k in range(window)))))
    return array("q", [low for i, low in enumerate(lows) if not i or low != lows[i - 1]])
