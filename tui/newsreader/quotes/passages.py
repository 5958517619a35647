"""Wire copy: passages of narration several articles print outside quotation marks.

Outlets reprint agency copy with small edits. Each paragraph's words outside its
quotations become one unit for the quote index (`QuoteIndex(units=prepare_passages,
kind="passage")`), aligned with the same tolerance as quotes but seeded by wider
shingles, since prose shares short phrases everywhere. Stock lines ("did not
respond to a request for comment", "contributed to this report") are cut out
first, and a stretch of names and titles is not a passage (`groups` checks).
"""

from __future__ import annotations

import re

from .align import Quote
from .extract import extract_quotations, paragraphs
from .words import TOKEN_RE

__all__ = ["MIN_WORDS", "SEED", "prepare_passages"]

MIN_WORDS = 12  # words a shared passage needs
SEED = 5  # words per candidate shingle: rare enough in prose, and a changed word leaves runs of 5

_STOCK = re.compile(
    r"(?:"
    r"(?:did not|didn[’']t|does not|doesn[’']t) (?:immediately )?(?:respond|reply) to (?:a |an |)"
    r"(?:request|requests|email|emails|inquiry|inquiries|message|messages)(?: for comment)?"
    r"|declined to comment|could not be reached for comment|contributed (?:to )?this report"
    r"|all rights reserved|(?:reporting|writing|editing) by |sign up for |copyright ©?"
    r"|this (?:story|article) (?:has been|was) (?:updated|corrected)"
    r")",
    re.IGNORECASE,
)
# Words every stock line holds: a body without any is not searched for them.
_STOCK_WORDS = (
    "respond",
    "reply",
    "comment",
    "contributed",
    "reserved",
    "reporting by",
    "writing by",
    "editing by",
    "sign up",
    "copyright",
    "updated",
    "corrected",
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def prepare_passages(article_id: str, body: str, min_words: int) -> list[Quote]:
    """One unit per paragraph: its words outside quotation marks and stock lines."""
    cut = [span for q in extract_quotations(body) for span in q.spans]
    lowered = body.casefold()
    if any(word in lowered for word in _STOCK_WORDS):
        cut += [_sentence(body, m.start(), m.end()) for m in _STOCK.finditer(body)]
    cut.sort()
    units = []
    first = 0  # cuts before this one end before the current paragraph
    for lo, hi in paragraphs(body):
        while first < len(cut) and cut[first][1] <= lo:
            first += 1
        spans = []
        at = lo
        for k in range(first, len(cut)):  # an index, not a slice: long articles have thousands
            s, e = cut[k]
            if s >= hi:
                break
            if e <= at:
                continue
            if s > at and TOKEN_RE.search(body, at, s):
                spans.append((at, s))
            at = max(at, e)
        if at < hi and TOKEN_RE.search(body, at, hi):
            spans.append((at, hi))
        if spans:
            unit = Quote.words_of(article_id, spans, [body[s:e] for s, e in spans], "")
            if unit.size >= min_words:
                units.append(unit)
    Quote.seed_passages(units, SEED)
    return units


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding body[start:end]."""
    lo = max(body.rfind(c, 0, start) for c in ".!?\n") + 1
    m = _SENTENCE_END.search(body, end)
    return lo, m.end() if m else len(body)
