"""How every outlet on one story printed each shared quote and passage: the coverage table
behind the coverage screen and ``newsreader report``, and the story's timeline of who
published when and whose copy each took.

The quote engine keeps one speaker per quote (the name most articles give); the coverage
also reads each article's own attribution (:func:`attributions`), so the variants of one
speaker ("Scott", "Baltimore Mayor Brandon Scott") are shown together, the fullest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from newsreader.corpus.article import ArticleFacts
from newsreader.stories.grouping import Story

Status = Literal["full", "part", "altered", "absent"]
STATUSES: tuple[Status, ...] = ("full", "part", "altered", "absent")


class Member(Protocol):
    @property
    def article_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def diffs(self) -> Sequence[tuple[int, int]]: ...


class Group(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def speaker(self) -> str: ...
    @property
    def members(self) -> Sequence[Member]: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Cell:
    """One article's version of one quote or passage."""

    article_id: str
    status: Status
    """``full``: every word of the fullest version, as it prints them; ``part``: some of
    them, unchanged; ``altered``: words that differ from the other versions; ``absent``."""
    text: str
    """The article's words ("" when absent); pieces cut by narration joined by " … "."""
    differing: tuple[str, ...]
    start: int | None
    """Where the article's version starts in its body, to open it there."""
    speaker: str = ""
    """Whom this article says said it ("" when it names nobody, or was not read)."""


@dataclass(frozen=True)
class Row:
    group_id: str
    kind: str
    text: str
    """The fullest version printed."""
    speaker: str
    fullest: str
    """The article printing the fullest version (most shared words, unaltered first): the
    one to compare the others against."""
    cells: tuple[Cell, ...]
    """One per article of the story, in the story's (date) order."""
    speakers: tuple[str, ...] = ()
    """Every name the articles give the speaker, the fullest first (else the engine's)."""

    @property
    def reworded(self) -> bool:
        return any(cell.status == "altered" for cell in self.cells)


@dataclass(frozen=True)
class Published:
    """One line of the timeline: an article, when, and the earliest article it shares
    wire passages with (whose copy it took), if any."""

    article_id: str
    date: str
    source: str
    copied_from: str | None


@dataclass(frozen=True)
class Coverage:
    story: Story
    articles: tuple[str, ...]
    rows: tuple[Row, ...]
    timeline: tuple[Published, ...]


Attribution = tuple[int, int, str]
"""Where a quotation is in an article's body (start, end) and whom the article says said it."""


def attributions(bodies: Mapping[str, str]) -> dict[str, list[Attribution]]:
    """Each article's own attributions, from the quote extractor (one speaker per quotation)."""
    from newsreader.quotes.extract import extract_quotations

    return {
        article_id: [(q.start, q.end, q.speaker) for q in extract_quotations(body) if q.speaker]
        for article_id, body in bodies.items()
    }


def name_variants(names: Iterable[str]) -> tuple[str, ...]:
    """The distinct names (case aside), the fullest first: most capitalised words (a name
    before a description: "Trump" before "the president"), then most words, then longest."""
    distinct: dict[str, str] = {}
    for name in names:
        if name.strip():
            distinct.setdefault(" ".join(name.split()).casefold(), " ".join(name.split()))

    def fullness(name: str) -> tuple[int, int, int, str]:
        words = name.split()
        return (-sum(word[:1].isupper() for word in words), -len(words), -len(name), name.casefold())

    return tuple(sorted(distinct.values(), key=fullness))


def coverage(
    story: Story,
    facts: Mapping[str, ArticleFacts],
    groups: Iterable[Group],
    said: Mapping[str, Sequence[Attribution]] | None = None,
) -> Coverage:
    """The coverage table of ``story``: a row per quote or passage that two or more of its
    articles print (most widely printed first, quotes before passages), a cell per article.
    ``said`` (:func:`attributions`) gives each article's own name for the speaker."""
    members = set(story.articles)
    rows = []
    passages: list[set[str]] = []
    for group in groups:
        inside = [m for m in group.members if m.article_id in members]
        printing = {m.article_id for m in inside}
        if len(printing) < 2:
            continue
        kind = getattr(group, "kind", "quote")
        if kind == "passage":
            passages.append(printing)
        rows.append(_row(group, kind, inside, story.articles, said or {}))
    rows.sort(
        key=lambda row: (
            row.kind != "quote",
            -sum(cell.status != "absent" for cell in row.cells),
            row.text.casefold(),
        )
    )
    return Coverage(story, tuple(story.articles), tuple(rows), _timeline(story, facts, passages))


def _speaker_in(attributed: Sequence[Attribution], pieces: Sequence[Member]) -> str:
    """The speaker an article gives the quotation that holds its version of a quote."""
    return next(
        (
            speaker
            for piece in pieces
            for start, end, speaker in attributed
            if start < piece.end and piece.start < end
        ),
        "",
    )


def _row(
    group: Group,
    kind: str,
    inside: list[Member],
    order: Sequence[str],
    said: Mapping[str, Sequence[Attribution]],
) -> Row:
    by_article: dict[str, list[Member]] = {}
    for member in inside:
        by_article.setdefault(member.article_id, []).append(member)
    differing = {
        article_id: tuple(
            m.text[start - m.start : end - m.start]
            for m in pieces
            for start, end in m.diffs
            if m.start <= start < end <= m.end
        )
        for article_id, pieces in by_article.items()
    }
    # The words a version shares with the others: an inserted word makes it no fuller.
    shared = {
        article_id: sum(len(m.text.split()) for m in pieces)
        - sum(len(word.split()) for word in differing[article_id])
        for article_id, pieces in by_article.items()
    }
    fullest = max(  # the earliest of the fullest (max keeps the first)
        order, key=lambda article_id: (shared.get(article_id, -1), not differing.get(article_id))
    )
    cells = []
    for article_id in order:
        pieces = sorted(by_article.get(article_id, []), key=lambda m: m.start)
        if not pieces:
            cells.append(Cell(article_id, "absent", "", (), None))
            continue
        status: Status = (
            "altered" if differing[article_id] else "part" if shared[article_id] < shared[fullest] else "full"
        )
        speaker = _speaker_in(said.get(article_id, ()), pieces) if kind == "quote" else ""
        cells.append(
            Cell(
                article_id,
                status,
                " … ".join(m.text for m in pieces),
                differing[article_id],
                pieces[0].start,
                speaker,
            )
        )
    speakers = name_variants(cell.speaker for cell in cells) or name_variants([group.speaker])
    return Row(group.id, kind, group.text, group.speaker, fullest, tuple(cells), speakers)


def _timeline(
    story: Story, facts: Mapping[str, ArticleFacts], passages: list[set[str]]
) -> tuple[Published, ...]:
    order = {article_id: position for position, article_id in enumerate(story.articles)}
    lines = []
    for article_id in story.articles:
        date = facts[article_id].date
        earlier = {
            other
            for printing in passages
            if article_id in printing
            for other in printing
            if other != article_id and date and facts[other].date and facts[other].date < date
        }
        source = min(earlier, key=lambda other: (facts[other].date, order[other])) if earlier else None
        lines.append(Published(article_id, date, facts[article_id].source, source))
    return tuple(lines)
