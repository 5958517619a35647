"""Where an annotation sits in an article's text, and finding it again when the text changes.

An annotation is anchored twice, as in the W3C Web Annotation model: by character offsets
into the cleaned body (TextPositionSelector) and by the passage itself with 32 characters
of context on each side (TextQuoteSelector). Offsets are fast and exact while the text is
unchanged; the quote lets the passage be found again after a correction. When neither finds
it with confidence the annotation is flagged orphaned, never dropped. A pure algorithm on
texts: saving the new places is the notes' business (``notes.reanchor_article``). No
Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
MIN_PASSAGE_SCORE = 80.0
"""A fuzzy placement must be at least this similar (0-100) to the saved passage."""
MIN_CONTEXT_SCORE = 60.0
"""…and its surroundings this similar to the saved context: articles repeat near-identical
sentences, and a lightly edited passage keeps its neighbours."""
SURE_PASSAGE_SCORE = 95.0
"""A passage at least this similar needs no matching context, unless it is short."""
SHORT_PASSAGE = 40


@dataclass(frozen=True)
class TextQuoteSelector:
    """The passage and its surroundings, which survive edits elsewhere in the text."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "type": "TextQuoteSelector",
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }


@dataclass(frozen=True)
class TextPositionSelector:
    """Character offsets (Unicode code points) into the cleaned body, end exclusive."""

    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        return {"type": "TextPositionSelector", "start": self.start, "end": self.end}


def quote_selector(body: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuoteSelector:
    """The quote selector for ``body[start:end]``."""
    return TextQuoteSelector(
        body[start:end], body[max(0, start - context) : start], body[end : end + context]
    )


def reanchor(
    old_body: str, new_body: str, position: TextPositionSelector, quote: TextQuoteSelector
) -> tuple[int, int] | None:
    """Where a passage saved against ``old_body`` (at ``position``, reading ``quote``) is in
    ``new_body``, or None.

    Tries, in order: the same offsets if they still hold the passage; an exact search,
    choosing among several occurrences by how well their context matches and how near they
    are to the old position; a fuzzy search using passage and context, accepted only when
    both are similar enough (see :data:`MIN_PASSAGE_SCORE` and the scores after it).
    """
    exact = quote.exact
    if not exact:
        return None
    start, end = position.start, position.end
    if new_body[start:end] == exact:
        return start, end
    # The old offsets are only a hint when they still describe the passage in the old text
    # (an annotation orphaned earlier points into an older version).
    hint = start if old_body[start:end] == exact else None
    found = _exact_search(new_body, quote, hint)
    if found is not None:
        return found
    return _fuzzy_search(new_body, quote)


def _exact_search(body: str, quote: TextQuoteSelector, hint: int | None) -> tuple[int, int] | None:
    positions = []
    at = body.find(quote.exact)
    while at != -1:
        positions.append(at)
        at = body.find(quote.exact, at + 1)
    if not positions:
        return None
    length = len(quote.exact)

    def score(position: int) -> tuple[float, float]:
        context = _context_score(body, position, position + length, quote)
        distance = abs(position - hint) / max(len(body), 1) if hint is not None else 0.0
        return context, -distance

    best = max(positions, key=score)
    return best, best + length


def _context_score(body: str, start: int, end: int, quote: TextQuoteSelector) -> float:
    """How well the text around ``body[start:end]`` matches the saved context (0-100)."""
    from rapidfuzz import fuzz

    scores = []
    if quote.prefix:
        scores.append(fuzz.ratio(quote.prefix, body[max(0, start - len(quote.prefix)) : start]))
    if quote.suffix:
        scores.append(fuzz.ratio(quote.suffix, body[end : end + len(quote.suffix)]))
    return sum(scores) / len(scores) if scores else 100.0


def _fuzzy_search(body: str, quote: TextQuoteSelector) -> tuple[int, int] | None:
    """Best approximate match of the passage, with its edges refined and its confidence checked."""
    from rapidfuzz import fuzz  # not loaded at start-up: only re-anchoring needs it

    exact = quote.exact
    if len(body) < len(exact) // 2:
        return None
    rough = _best_window(body, quote)
    if rough is None:
        return None
    start, end = _refine(body, quote, *rough)
    passage = fuzz.ratio(exact, body[start:end])
    if passage < MIN_PASSAGE_SCORE:
        return None
    sure = passage >= SURE_PASSAGE_SCORE and len(exact) >= SHORT_PASSAGE
    if not sure and _context_score(body, start, end, quote) < MIN_CONTEXT_SCORE:
        return None
    return start, end


def _best_window(body: str, quote: TextQuoteSelector) -> tuple[int, int] | None:
    """Roughly where the passage is: aligned on passage-with-context, then on the passage alone.

    Context makes a short passage findable among look-alikes; the passage alone still finds
    it when the surrounding text was rewritten.
    """
    from rapidfuzz import fuzz  # not loaded at start-up: only re-anchoring needs it

    exact = quote.exact
    with_context = quote.prefix + exact + quote.suffix
    aligned = fuzz.partial_ratio_alignment(with_context, body)
    if aligned is not None and aligned.score >= MIN_PASSAGE_SCORE:
        window = body[aligned.dest_start : aligned.dest_end]
        inner = fuzz.partial_ratio_alignment(exact, window)
        if inner is not None and inner.score >= MIN_PASSAGE_SCORE:
            return aligned.dest_start + inner.dest_start, aligned.dest_start + inner.dest_end
    aligned = fuzz.partial_ratio_alignment(exact, body, score_cutoff=MIN_PASSAGE_SCORE)
    if aligned is None or aligned.score < MIN_PASSAGE_SCORE:
        return None
    return aligned.dest_start, aligned.dest_end


def _refine(body: str, quote: TextQuoteSelector, start: int, end: int) -> tuple[int, int]:
    """Move each edge within a small slack to where passage and context fit best.

    The context pins an edge even when the words at the edge itself were edited.
    """
    from rapidfuzz import fuzz  # not loaded at start-up: only re-anchoring needs it

    exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
    slack = max(8, len(exact) // 4)

    def fit_end(e: int) -> tuple[float, int]:
        around = fuzz.ratio(suffix, body[e : e + len(suffix)]) if suffix else 0.0
        return fuzz.ratio(exact, body[start:e]) + around, -abs(e - end)

    def fit_start(s: int) -> tuple[float, int]:
        around = fuzz.ratio(prefix, body[max(0, s - len(prefix)) : s]) if prefix else 0.0
        return fuzz.ratio(exact, body[s:end]) + around, -abs(s - start)

    for _ in range(2):
        end = max(range(max(start + 1, end - slack), min(len(body), end + slack) + 1), key=fit_end)
        start = max(range(max(0, start - slack), min(end - 1, start + slack) + 1), key=fit_start)
    return start, end
