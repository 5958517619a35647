"""The library list's logic: rows, sorting, filtering, search hits, compare partners.

Kept apart from the widgets so it can be tested directly and stays fast with tens of
thousands of articles. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from newsreader.notes import ArticleSummary, ListedAnnotation, obsidian_tag, tag_key
from newsreader.quotes.model import QuoteGroup
from newsreader.quotes.words import count_words
from newsreader.store import ArticleInfo, SearchHit
from newsreader.stories.grouping import StoryIndex

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
    notes: int = 0
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
    def tag_forms(self) -> frozenset[str]:
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
    names = {
        row.id: row.info.source if row.info.source and row.info.source != "unknown" else row.info.title
        for row in rows
    }
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
        same = added == (row.tags, row.notes, row.annotation_tags)
        result.append(row if same else replace(row, tags=added[0], notes=added[1], annotation_tags=added[2]))
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
                not row.info.source or row.info.source == "unknown",
                row.info.source.casefold(),
                row.info.title.casefold(),
            ),
        )
    if sort == "quotes":
        return sorted(rows, key=lambda row: (-(row.quotes or 0), row.info.title.casefold()))
    raise ValueError(f"unknown sort {sort!r}")


def next_sort(sort: str) -> str:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)] if sort in SORTS else SORTS[0]


def word_cutoff(word: str) -> float:
    """How alike (0-100) a word must be: exact for up to 3 letters, then one typo per word,
    two for words of 8 letters or more."""
    if len(word) <= 3:
        return 100.0
    edits = 1 if len(word) < 8 else 2
    return 100.0 - 100.0 * edits / len(word) - 0.5


def tag_forms(labels: Iterable[str]) -> frozenset[str]:
    """What a ``#tag`` filter term may be to match one of ``labels``: the tag case-folded,
    or its hyphenated form (``#needs-source`` for "Needs source", as the export writes it)."""
    forms = set()
    for label in labels:
        forms.add(tag_key(label))
        forms.add(obsidian_tag(label).casefold())
    forms.discard("")
    return frozenset(forms)


def tag_term(label: str) -> str:
    """``label`` as a filter term: ``#climate``; ``#Needs-source`` when it has spaces."""
    return "#" + (obsidian_tag(label) if any(ch.isspace() for ch in label) else label)


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


def split_query(query: str) -> tuple[list[str], list[str]]:
    """``(tags, words)`` of a filter: ``#tag`` terms (without the ``#``) and the other words.

    A lone ``#`` (a tag still being typed) is ignored.
    """
    tags, words = [], []
    for term in query.split():
        if term.startswith("#"):
            if term.strip("#"):
                tags.append(tag_key(term.lstrip("#")))
        else:
            words.append(term)
    return tags, words


STORY_PREFIX = "story:"


def split_story(query: str, story_ids: Iterable[str] = ()) -> tuple[str | None, list[str], str]:
    """``(story_id, title_words, rest)`` of a filter holding a ``story:`` term.

    ``story:ID`` names a story by its id (one of ``story_ids``), and the words after it
    are ordinary filter words; otherwise the words after ``story:`` (up to the end, ``#tag``
    terms aside) are words of the story's title. Without a ``story:`` term, or with
    nothing after it yet, ``(None, [], query)``.
    """
    terms = query.split()
    at = next((i for i, term in enumerate(terms) if term.casefold().startswith(STORY_PREFIX)), None)
    if at is None:
        return None, [], query
    before, after = terms[:at], terms[at + 1 :]
    first = terms[at][len(STORY_PREFIX) :]
    if first and first.casefold() in {story_id.casefold() for story_id in story_ids}:
        return first.casefold(), [], " ".join(before + after)
    words = ([first] if first else []) + [term for term in after if not term.startswith("#")]
    rest = before + [term for term in after if term.startswith("#")]
    return None, [word.casefold() for word in words], " ".join(rest)


def title_has_words(title: str, words: Sequence[str]) -> bool:
    """Whether every word begins a word of ``title`` (case-folded, punctuation ignored):
    ``story:key bri`` finds "Key Bridge collapses" while the reader types."""
    from rapidfuzz import utils

    title_words = utils.default_process(title).split()
    return all(
        any(tw.startswith(w) for tw in title_words)
        for word in words
        for w in utils.default_process(word).split()
    )


def filter_rows(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows matching ``query``: a ``story:`` term, every ``#tag`` term exactly, the other
    words fuzzily.

    ``story:ID`` keeps the articles of that story, ``story:words`` those of the stories
    whose titles have those words (:func:`split_story`, :func:`title_has_words`). A ``#tag``
    term keeps the articles carrying that tag themselves or on an annotation
    (case-folded). Each other word must match the title, source or tags somewhere
    (rapidfuzz's partial ratio, so part of a word matches, with a typo or two allowed:
    :func:`word_cutoff`); the best matches come first. Without words, the order is kept.
    """
    story_ids = {row.story_id for row in rows if row.story_id} if STORY_PREFIX in query.casefold() else ()
    story_id, story_words, query = split_story(query, story_ids)
    if story_id is not None:
        rows = [row for row in rows if row.story_id == story_id]
    elif story_words:
        titles = {row.story_title for row in rows if row.story_id}
        wanted = {title for title in titles if title_has_words(title, story_words)}
        rows = [row for row in rows if row.story_id and row.story_title in wanted]
    tags, words = split_query(query.casefold())
    if tags:
        rows = [row for row in rows if all(tag in row.tag_forms for tag in tags)]
    if not words:
        return list(rows)
    from rapidfuzz import fuzz, process, utils

    choices = [row.needle for row in rows]
    scores: dict[int, float] | None = None
    for word in words:
        matches = process.extract(
            utils.default_process(word),
            choices,
            scorer=fuzz.partial_ratio,
            limit=None,
            score_cutoff=word_cutoff(word),
        )
        found = {index: score for _, score, index in matches}
        scores = (
            found
            if scores is None
            else {index: min(score, found[index]) for index, score in scores.items() if index in found}
        )
    assert scores is not None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [rows[index] for index, _ in ranked]


# --------------------------------------------------------------------------- grouped by story


@dataclass(frozen=True)
class Heading:
    """A story's line in the grouped view, its articles folded under it or not."""

    story_id: str
    """"" for the heading of the articles in no story."""
    title: str
    count: int
    """How many of its articles the filter keeps."""
    sources: int
    first: str
    last: str
    open: bool

    @property
    def id(self) -> str:
        """Where the cursor is kept across a refresh (never an article id)."""
        return STORY_PREFIX + self.story_id


def group_rows(rows: Sequence[Row], stories: StoryIndex, unfolded: Collection[str]) -> list[Row | Heading]:
    """``rows`` under a heading per story (largest story first, each story's rows in the
    order given), the articles in no story last; a story's rows are listed only when its id
    is in ``unfolded`` ("" unfolds the articles in no story). A story none of whose
    articles are in ``rows`` is left out."""
    kept: dict[str, list[Row]] = {}
    loose: list[Row] = []
    for row in rows:
        story_id = stories.of.get(row.id)
        if story_id:
            kept.setdefault(story_id, []).append(row)
        else:
            loose.append(row)
    listed: list[Row | Heading] = []
    for story in stories.stories:
        members = kept.get(story.id)
        if not members:
            continue
        sources = len({row.info.source for row in members if row.info.source not in ("", "unknown")})
        listed.append(
            Heading(
                story.id, story.title, len(members), sources, story.first, story.last, story.id in unfolded
            )
        )
        if story.id in unfolded:
            listed += members
    if loose:
        listed.append(Heading("", "In no story", len(loose), 0, "", "", "" in unfolded))
        if "" in unfolded:
            listed += loose
    return listed


def filter_annotations(items: Sequence[ListedAnnotation], query: str) -> list[ListedAnnotation]:
    """Annotations matching ``query``: every ``#tag`` term exactly (case-folded), every other
    word as part of the passage, note, tags or the article's title or source."""
    tags, words = split_query(query.casefold())
    if not tags and not words:
        return list(items)
    kept = []
    for item in items:
        if tags and not all(tag in tag_forms(item.tags) for tag in tags):
            continue
        if words:
            text = "\n".join(
                (item.exact, item.note, item.article_title, item.article_source, *item.tags)
            ).casefold()
            if not all(word in text for word in words):
                continue
        kept.append(item)
    return kept


# --------------------------------------------------------------------------- search hits


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


# --------------------------------------------------------------------------- marks and partners


@dataclass
class Marks:
    """Articles marked with ``space``, in the order they were marked."""

    ids: list[str] = field(default_factory=list)

    def toggle(self, article_id: str) -> bool:
        """Mark or unmark ``article_id``; return whether it is now marked."""
        if article_id in self.ids:
            self.ids.remove(article_id)
            return False
        self.ids.append(article_id)
        return True

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def clear(self) -> None:
        self.ids.clear()


def compare_pair(
    highlighted: str | None,
    marks: Sequence[str],
    partners: Mapping[str, Sequence[tuple[str, int]]],
) -> tuple[str, str] | str:
    """Which two articles ``c`` compares, or a one-line reason why it cannot.

    Two or more marked: the last two marked. One marked: it and the highlighted one. None
    marked: the highlighted one and the article sharing the most quotes with it.
    """
    if len(marks) >= 2:
        return marks[-2], marks[-1]
    if highlighted is None:
        return "No article is highlighted."
    if len(marks) == 1:
        if marks[0] == highlighted:
            return "Highlight a second article to compare with the marked one."
        return marks[0], highlighted
    ranked = partners.get(highlighted) or ()
    if not ranked:
        return "This article shares no quotes with another; mark two articles with space to compare them."
    return highlighted, ranked[0][0]
