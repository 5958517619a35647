"""Stories from links between articles: a story is a connected set of articles that share
quotes or wire passages, or whose names overlap, each link within a window of dates
(but for wire copy reprinted late).

Ids are stable: a story keeps the id it had while it keeps most of its articles, so a
filter, a report or a note naming a story still means the same story after an import.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from newsreader.corpus.article import ArticleFacts, known_source

WINDOW_DAYS = 10
"""Two dated articles further apart than this are not linked directly (a running story
still grows through the articles between them)."""
RECURRING_BURSTS = 3
"""A quote or passage printed in this many bursts, each more than the window after the
last, is a recurring line and links nothing (see :func:`group_links`)."""
MIN_QUOTE_WORDS = 6
"""Shorter quotes ("we will see") are shared by unrelated stories and link nothing."""


class Member(Protocol):
    @property
    def article_id(self) -> str: ...


class Group(Protocol):
    """A quote or passage group of the quote engine (read-only: the engine's are frozen)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def members(self) -> Sequence[Member]: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    """The headline that best represents the story (its most typical article's)."""
    first: str
    """The earliest date among its articles ("" when none is dated)."""
    last: str
    sources: list[str]
    articles: list[str]
    """Its article ids, oldest first (undated last)."""

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "first": self.first,
            "last": self.last,
            "sources": self.sources,
            "articles": self.articles,
        }


class StoryIndex:
    """The stories of a library, by id and by article, for the screens."""

    def __init__(self, stories: Iterable[Story]) -> None:
        self.stories = sort_stories(stories)
        self.by_id = {story.id: story for story in self.stories}
        self.of = {article_id: story.id for story in self.stories for article_id in story.articles}

    def story_of(self, article_id: str) -> Story | None:
        story_id = self.of.get(article_id)
        return self.by_id[story_id] if story_id else None


@lru_cache(maxsize=65536)
def day(value: str) -> date | None:
    """The calendar day of an ISO 8601 date or date-time, or ``None``."""
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def close_in_time(first: str, second: str) -> bool:
    a, b = day(first), day(second)
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def group_links(groups: Iterable[Group], dates: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of articles that print the same quote (of ``MIN_QUOTE_WORDS`` or more) or
    passage, each article linked to the one before it in date order.

    A printing more than the window after the one before starts a new burst. A quote's
    bursts are not linked to each other: a speech quoted again in a retrospective a month
    later is another story, though the speech's own coverage stays one. A passage's are:
    wire copy reprinted late is the same report. A line printed in ``RECURRING_BURSTS``
    bursts or more is a recurring line (a famous saying, a stock phrase, a boilerplate
    paragraph): it links nothing, or it would chain every story that ever printed it."""
    links = []
    for group in groups:
        quote = getattr(group, "kind", "quote") == "quote"
        if quote and len(group.text.split()) < MIN_QUOTE_WORDS:
            continue
        ids = sorted(
            {m.article_id for m in group.members if m.article_id in dates},
            key=lambda i: (dates[i] == "", dates[i], i),
        )
        pairs = [(a, b, close_in_time(dates[a], dates[b])) for a, b in itertools.pairwise(ids)]
        if 1 + sum(not close for _, _, close in pairs) >= RECURRING_BURSTS:
            continue
        links += [(a, b) for a, b, close in pairs if close or not quote]
    return links


def components(links: Iterable[tuple[str, str]]) -> list[set[str]]:
    """The connected sets of two or more articles (scipy's connected components: found
    from scratch, a library's links number a few hundred thousand)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pairs = list(links)
    index: dict[str, int] = {}
    ends = np.fromiter(
        (index.setdefault(x, len(index)) for pair in pairs for x in pair),
        dtype=np.int64,
        count=2 * len(pairs),
    )
    if not index:
        return []
    graph = coo_matrix(
        (np.ones(len(pairs), dtype=np.int8), (ends[0::2], ends[1::2])), shape=(len(index), len(index))
    )
    count, labels = connected_components(graph, directed=False)
    sets: list[set[str]] = [set() for _ in range(count)]
    for article_id, label in zip(index, labels.tolist()):
        sets[label].add(article_id)
    return [members for members in sets if len(members) > 1]


def assign_ids(found: list[set[str]], previous: Mapping[str, str]) -> list[tuple[str, set[str]]]:
    """An id for each set: the previous id most of its articles had (largest sets choose
    first, each id used once), else a new one from its articles."""
    taken: set[str] = set()
    out = []
    for members in sorted(found, key=lambda m: (-len(m), min(m))):
        counts: dict[str, int] = {}
        for article_id in members:
            if article_id in previous:
                counts[previous[article_id]] = counts.get(previous[article_id], 0) + 1
        ranked = sorted(counts, key=lambda i: (-counts[i], i))
        story_id = next((i for i in ranked if i not in taken), None) or new_id(members)
        taken.add(story_id)
        out.append((story_id, members))
    return out


def new_id(members: Iterable[str]) -> str:
    digest = hashlib.blake2b(" ".join(sorted(members)).encode(), digest_size=5).hexdigest()
    return f"s{digest}"


def describe(
    story_id: str, members: set[str], facts: Mapping[str, ArticleFacts], typicality: Mapping[str, float]
) -> Story:
    """The story's title (its most typical article's headline: the one most alike the
    others, earliest on a tie), dates and sources."""
    ordered = sorted(members, key=lambda i: (facts[i].date == "", facts[i].date, i))
    dated = [facts[i].date[:10] for i in ordered if facts[i].date]
    typical = max(ordered, key=lambda i: typicality.get(i, 0.0))  # max keeps the earliest
    sources = sorted(
        {facts[i].source for i in ordered if known_source(facts[i].source)},
        key=str.casefold,
    )
    return Story(
        story_id,
        facts[typical].title,
        dated[0] if dated else "",
        dated[-1] if dated else "",
        sources,
        ordered,
    )


def sort_stories(stories: Iterable[Story]) -> list[Story]:
    """Largest first, then the most recent (undated last), then by id."""
    ordered = sorted(stories, key=lambda s: s.id)
    ordered.sort(key=lambda s: s.last, reverse=True)  # stable: ties keep the id order
    return sorted(ordered, key=lambda s: (-len(s.articles), s.last == ""))
