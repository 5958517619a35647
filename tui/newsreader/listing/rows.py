"""The library table's rows: what each line shows and in which order.

A row is an article's metadata with what was found about it (shared quotes, reuse,
story) and what the reader added (tags, annotations); rows are replaced, never changed, so
a refresh can tell which lines are the same. No Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from newsreader.corpus.article import known_source
from newsreader.notes import ArticleSummary
from newsreader.quotes.model import QuoteGroup
from newsreader.quotes.words import count_words
from newsreader.store import ArticleInfo
from newsreader.stories.grouping import StoryIndex
from newsreader.tags import tag_forms, tag_key

SORTS = ("date", "source", "quotes")
SORT_LABELS = {"date": "date (newest first)", "source": "source", "quotes": "shared quotes"}


@dataclass(frozen=True)
class Row:
    """One line of the library table."""

    info: ArticleInfo
    quotes: int | None = None
    """Shared quotes in this article; ``None`` while the quote index is being built."""
    tags: tuple[str, ...] = ()
    """The article's own tags."""
    annotation_count: int = 0
    """How many annotations the article has."""
    annotation_tags: tuple[str, ...] = ()
    """Tags on its annotations: a ``#tag`` filter term finds the article by these too."""
    reused: Reuse | None = None
    """How much of it is wire copy printed earlier elsewhere; ``None`` when none is."""
    story_id: str = ""
    """The story it belongs to ("" when in none, or while the stories are being found)."""
    story_title: str = ""

    @property
    def id(self) -> str:
        return self.info.id

    @cached_property
    def tag_forms(self) -> str:
        """The row's tags as a ``#tag`` filter term matches them (:func:`~newsreader.tags.tag_forms`)."""
        return tag_forms((*self.tags, *self.annotation_tags))

    @property
    def all_tags(self) -> tuple[str, ...]:
        """The article's tags, then its annotations' tags not already among them: the Tags
        column shows why a ``#tag`` filter kept the row."""
        seen = {tag_key(label) for label in self.tags}
        extra = [label for label in self.annotation_tags if tag_key(label) not in seen]
        return (*self.tags, *extra)

    @property
    def haystack(self) -> str:
        """What the fuzzy filter matches against: title, source and tags."""
        return " ".join((self.info.title, self.info.source, *self.all_tags))

    @cached_property
    def needle(self) -> str:
        """The haystack as rapidfuzz compares it (lower case, no punctuation), worked out once."""
        from rapidfuzz import utils

        return utils.default_process(self.haystack)


def build_rows(
    infos: Iterable[ArticleInfo],
    quote_counts: Mapping[str, int] | None = None,
    summaries: Mapping[str, ArticleSummary] | None = None,
) -> list[Row]:
    """A row per article, with its shared-quote count (``None``: not indexed yet) and what
    the reader added to it (``notes.summaries``)."""
    rows = [Row(info, None if quote_counts is None else quote_counts.get(info.id, 0)) for info in infos]
    return with_summaries(rows, summaries or {})


@dataclass(frozen=True)
class Reuse:
    """The share of an article's words in passages it shares with articles dated earlier
    (or, where either is undated, with any), and the article it shares most with."""

    share: float
    source_id: str
    source: str
    """That article's source, or its title when it has none."""

    @property
    def label(self) -> str:
        """e.g. ``45% AP``: the share, then the source (or title) of that article."""
        return f"{round(self.share * 100)}% {self.source}"


def with_reuse(rows: Sequence[Row], passages: Mapping[str, Sequence[QuoteGroup]]) -> list[Row]:
    """The rows with their Reused share, from the shared passages of each article."""
    dates = {row.id: row.info.date for row in rows}
    names = {row.id: known_source(row.info.source) or row.info.title for row in rows}
    result = []
    for row in rows:
        words: dict[str, int] = {}
        covered = 0
        for group in passages.get(row.id, ()):
            earlier = [
                other
                for other in group.articles
                if other != row.id
                and (not dates.get(other) or not row.info.date or dates[other] < row.info.date)
            ]
            if not earlier:
                continue
            printed = sum(count_words(m.text) for m in group.members_of(row.id))
            covered += printed
            for other in earlier:
                words[other] = words.get(other, 0) + printed
        reused = None
        if words and row.info.word_count:
            # The article it shares most with; on a tie, the earliest dated (the original).
            source = min(words, key=lambda other: (-words[other], dates.get(other) or "~", other))
            reused = Reuse(min(1.0, covered / row.info.word_count), source, names.get(source, ""))
        result.append(row if row.reused == reused else replace(row, reused=reused))
    return result


def with_counts(rows: Sequence[Row], quote_counts: Mapping[str, int]) -> list[Row]:
    return [replace(row, quotes=quote_counts.get(row.id, 0)) for row in rows]


def with_stories(rows: Sequence[Row], stories: StoryIndex) -> list[Row]:
    """The rows with the id and title of the story each belongs to."""
    result = []
    for row in rows:
        story = stories.story_of(row.id)
        found = (story.id, story.title) if story else ("", "")
        same = found == (row.story_id, row.story_title)
        result.append(row if same else replace(row, story_id=found[0], story_title=found[1]))
    return result


STORY_LABEL_WORDS = 3


def story_label(title: str) -> str:
    """A story's short name in the Story column: the first words of its title."""
    return " ".join(title.split()[:STORY_LABEL_WORDS])


def with_summaries(rows: Sequence[Row], summaries: Mapping[str, ArticleSummary]) -> list[Row]:
    """The rows with tags and annotation counts from ``summaries`` (absent: nothing added)."""
    result = []
    for row in rows:
        summary = summaries.get(row.id)
        added = (
            (tuple(summary.tags), summary.annotation_count, tuple(summary.annotation_tags))
            if summary
            else ((), 0, ())
        )
        same = added == (row.tags, row.annotation_count, row.annotation_tags)
        result.append(
            row if same else replace(row, tags=added[0], annotation_count=added[1], annotation_tags=added[2])
        )
    return result


def sort_rows(rows: Sequence[Row], sort: str) -> list[Row]:
    """Rows in ``sort`` order: date newest first, source A–Z, or most shared quotes first.

    Ties keep a stable, sensible order (title), and undated or unsourced articles go last.
    """
    if sort == "date":
        dated = sorted(rows, key=lambda row: row.info.title.casefold())
        dated.sort(key=lambda row: row.info.date or "", reverse=True)
        return dated
    if sort == "source":
        return sorted(
            rows,
            key=lambda row: (
                not known_source(row.info.source),
                row.info.source.casefold(),
                row.info.title.casefold(),
            ),
        )
    if sort == "quotes":
        return sorted(rows, key=lambda row: (-(row.quotes or 0), row.info.title.casefold()))
    raise ValueError(f"unknown sort {sort!r}")


def next_sort(sort: str) -> str:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)] if sort in SORTS else SORTS[0]


def tag_counts(rows: Iterable[Row]) -> list[tuple[str, int]]:
    """Every tag on the rows (their own or their annotations') with how many articles carry
    it, most first; a tag spelled several ways is listed once, as first seen."""
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    for row in rows:
        for label in row.all_tags:
            key = tag_key(label)
            labels.setdefault(key, label)
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return [(labels[key], counts[key]) for key in ordered]
