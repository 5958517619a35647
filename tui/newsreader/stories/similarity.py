"""Which articles read alike: the names an article uses, a MinHash signature of them, and
the LSH bands that find its likely partners without comparing every pair; a candidate is
then checked on the names themselves (exact Jaccard similarity).

Reports of one event share their names (people, places, agencies, programmes) far more
than their wording, and names are few per article, so the signature is taken over the
capitalised phrases inside sentences. Weekdays and months name no event and are left out, as are capitalised function words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


NUM_PERM = 128
THRESHOLD = 0.15
"""Articles whose names overlap at least this much (Jaccard) are the same story: reports
of one event score 0.1 to 0.6 on real coverage, of different events below 0.08."""
MAX_BUCKET = 100
"""An LSH bucket holding more articles than this is a pair of names too common to tell
stories apart (a head of state and a weekday's news); it links nothing."""
MIN_TERMS = 3
"""An article naming fewer things than this has no signature: it would match anything."""

_NAME = re.compile(
    r"(?<![.!?:;“\"‘'(—–-]\s)(?<!^)(?<![\w’'])([A-Z][\w’'-]*[\w](?:\s+(?:of\s+|de\s+)?[A-Z][\w’'-]*[\w])*)",
    re.MULTILINE,
)
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december "
    # capitalised after a quotation or a line break the pattern cannot see
    "i a an the it its we he she they this that these those there here but and or so if as at "
    "in on of for to by with from not no yes our my his her their you your subject".split()
)
_POSSESSIVE = re.compile(r"[’']s$")


def terms(body: str) -> set[str]:
    """The names ``body`` uses inside its sentences, case-folded, and each word of them
    (``"elon musk"``, ``"elon"``, ``"musk"``, ``"opm"``): one outlet's "President Ferdinand
    Marcos Jr." is another's "Marcos"."""
    found = set()
    for match in _NAME.finditer(unicodedata.normalize("NFKC", body)):
        name = match.group(1).casefold()
        words = [_POSSESSIVE.sub("", word) for word in name.split()]
        for term in (" ".join(words), *words):
            if term not in _NOT_NAMES and len(term) > 1:
                found.add(term)
    return found


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signatures(term_sets: list[set[str]]) -> list[np.ndarray | None]:
    """One MinHash signature per set of terms (``None`` for too few terms), made in bulk."""
    from datasketch import MinHash

    wanted = [i for i, found in enumerate(term_sets) if len(found) >= MIN_TERMS]
    made = MinHash.bulk(
        [[term.encode("utf-8") for term in sorted(term_sets[i])] for i in wanted], num_perm=NUM_PERM, seed=1
    )
    import numpy as np  # with datasketch: loaded only when stories are computed

    out: list[np.ndarray | None] = [None] * len(term_sets)
    for i, minhash in zip(wanted, made):
        out[i] = np.asarray(minhash.hashvalues, dtype=np.uint64)
    return out


def band_keys(signature: np.ndarray) -> list[bytes]:
    """The signature cut into LSH bands, each hashed to a short key: two articles sharing
    a key in the same band are candidates."""
    bands, rows = _bands()
    return [
        hashlib.blake2b(signature[band * rows : (band + 1) * rows].tobytes(), digest_size=8).digest()
        for band in range(bands)
    ]


def jaccard(first: AbstractSet[str], second: AbstractSet[str]) -> float:
    """How much two articles' names overlap: shared names over all their names."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0
