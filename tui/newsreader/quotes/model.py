"""The one quote model: a group of words several articles print, and where each prints them.

The engine builds these, the cache stores them, and the compare view, the quote
index, the CLI and export read them; nothing else describes a shared quote.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from hashlib import blake2b
from typing import Literal

from .words import count_words

__all__ = ["Kind", "QuoteGroup", "QuoteMember", "at_least", "free_id", "group_id", "sort_groups"]

Kind = Literal["quote", "passage"]
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class QuoteMember:
    """Where one article prints (part of) a group's words.

    `start`/`end` are offsets into the article body, `text == body[start:end]`;
    `diffs` holds the (start, end) body offsets of the words that differ from
    the group's other versions (case, wording, words left out or added): the
    only source of differing words, on every screen and in every output.
    """

    article_id: str
    start: int
    end: int
    text: str
    diffs: Spans = ()


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One stretch of words and every place it is printed.

    Any two members print the same words, allowing the usual variations. `kind`
    is "quote" for words inside quotation marks and "passage" for wire copy
    shared outside them. `id` is a hash of the normalised canonical text, so the
    same articles always give the same ids. `text` is the fullest version
    printed, parts cut by narration joined by " … "; `speaker` is the one most
    articles name ("" when none does, and always for passages). An article
    that splits a quote has one member per part; members are sorted by article
    and position.
    """

    id: str
    text: str
    speaker: str
    members: tuple[QuoteMember, ...]
    kind: Kind = "quote"

    @property
    def articles(self) -> list[str]:
        """The ids of the articles printing it, sorted."""
        return sorted({m.article_id for m in self.members})

    @property
    def size(self) -> int:
        return len(self.articles)

    def member(self, article_id: str) -> QuoteMember | None:
        """The article's first piece (a quote split by narration has several)."""
        return next((m for m in self.members if m.article_id == article_id), None)

    def members_of(self, article_id: str) -> tuple[QuoteMember, ...]:
        return tuple(m for m in self.members if m.article_id == article_id)


def sort_groups(groups: Iterable[QuoteGroup]) -> list[QuoteGroup]:
    """Most widely printed first, then by text: the order every listing uses."""
    return sorted(groups, key=lambda g: (-len(g.articles), g.text.casefold(), g.id))


def group_id(normalised_words: Iterable[str], kind: Kind = "quote") -> str:
    """Stable id of a group: a hash of its normalised words ("q…" or "p…")."""
    return kind[0] + blake2b(" ".join(normalised_words).encode(), digest_size=6).hexdigest()


def free_id(gid: str, taken: Collection[str]) -> str:
    """`gid`, or `gid-2`, `gid-3`… when two unrelated groups print the same words."""
    n = 1
    candidate = gid
    while candidate in taken:
        n += 1
        candidate = f"{gid}-{n}"
    return candidate


def at_least(groups: Iterable[QuoteGroup], min_words: int) -> list[QuoteGroup]:
    """Keep the members printing at least `min_words` words, and the groups
    still printed by two or more articles."""
    kept = []
    for group in groups:
        members = tuple(m for m in group.members if count_words(m.text) >= min_words)
        if len({m.article_id for m in members}) >= 2:
            kept.append(replace(group, members=members))
    return kept
