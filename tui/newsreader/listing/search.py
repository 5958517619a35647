"""Full-text search hits, ready to list and to open the article at the match.

No Textual import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.store import SearchHit


@dataclass(frozen=True)
class Hit:
    """A full-text search hit, ready to list and to open at the match."""

    article_id: str
    title: str
    snippet: str
    """The context, plain (markers removed)."""
    matches: tuple[tuple[int, int], ...]
    """Where the matched words are in ``snippet``."""
    offset: int | None = None
    """Where the first match is in the article body, when it could be found."""
    length: int = 0


def parse_snippet(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split an FTS snippet (matches between ``\\x02`` and ``\\x03``) into text and spans."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    start = None
    for piece in re.split(r"([\x02\x03])", snippet):
        if piece == "\x02":
            start = position
        elif piece == "\x03":
            if start is not None:
                spans.append((start, position))
            start = None
        else:
            plain.append(piece)
            position += len(piece)
    return "".join(plain), tuple(spans)


def locate_hit(hit: SearchHit, body: str | None) -> Hit:
    """Turn a store search hit into a :class:`Hit`, finding the match's offset in ``body``."""
    text, matches = parse_snippet(hit.snippet)
    offset = None
    length = 0
    if body and matches:
        first_start, first_end = matches[0]
        core = text.strip("…").strip()
        lead = len(text) - len(text.lstrip("…").lstrip())
        found = body.find(core) if core else -1
        if found >= 0:
            offset = found + first_start - lead
            length = first_end - first_start
        else:
            word = text[first_start:first_end]
            found = body.casefold().find(word.casefold())
            if found >= 0:
                offset, length = found, len(word)
    return Hit(hit.article_id, hit.title, text, matches, offset, length)
