"""Stories updated incrementally (issue 14): after adding, editing or removing articles
one at a time, a library holds the same stories as one that found them all at once,
and the stories an update does not touch keep their ids and are not rewritten."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from newsreader import stories
from newsreader.corpus import Article, load_file, load_paths
from newsreader.quotes import cache as quote_cache
from newsreader.store import Library

FIXTURES = Path(__file__).parent / "fixtures" / "stories"


def sync(library: Library) -> list[stories.Story]:
    groups, _ = quote_cache.shared_quotes_anyway(library, kind=None)
    return stories.sync(library, groups)


def by_path(library: Library, found: list[stories.Story]) -> list[tuple]:
    """The stories as a reader sees them, with articles named by file (an edited article
    keeps its first id, one imported edited has another)."""
    paths = {info.id: Path(info.path).name for info in library.articles()}
    return sorted(
        (story.title, story.first, story.last, tuple(story.sources), tuple(paths[i] for i in story.articles))
        for story in found
    )


def from_scratch(folder: Path, tmp_path: Path) -> list[tuple]:
    with Library.open(tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}.db") as library:
        list(library.import_many(load_paths([folder])))
        return by_path(library, sync(library))


def test_real_coverage_added_one_article_at_a_time_gives_the_stories_found_at_once(
    library: Library, sample_corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    files = [
        *sorted(sample_corpus.glob("*.txt")),
        *sorted((FIXTURES / "philippines-quake").glob("*.txt")),
        *sorted((FIXTURES / "alaska-door-plug").glob("*.txt")),
    ]
    for number, file in enumerate(files):  # interleaved: each story grows while the others wait
        copy = folder / f"{number % 5}-{number:02d}-{file.name}"
        shutil.copy(file, copy)
    for copy in sorted(folder.iterdir()):
        library.import_article(load_file(copy))
        found = sync(library)
    assert len(found) == 3
    assert by_path(library, found) == from_scratch(folder, tmp_path)

    removed = next(path for path in sorted(folder.iterdir()) if "npr" in path.name)
    library.conn.execute(
        "DELETE FROM articles WHERE path = ?", (str(removed),)
    )  # as a tool outside newsreader would
    removed.unlink()
    assert by_path(library, sync(library)) == from_scratch(folder, tmp_path)

    edited = next(path for path in sorted(folder.iterdir()) if "devdiscourse" in path.name)
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAn update: more aftershocks.\n", encoding="utf-8"
    )
    library.import_article(load_file(edited))
    assert by_path(library, sync(library)) == from_scratch(folder, tmp_path)


@dataclass(frozen=True)
class Member:
    article_id: str


@dataclass(frozen=True)
class Group:
    id: str
    text: str
    members: tuple[Member, ...]
    kind: str = "quote"


QUOTES = {
    "q1": "the levee held through the night and the water fell",
    "q2": "we will rebuild every school that the flood took",
    "q3": "the bridge will stay closed until the engineers are sure",
}


class Made:
    """A library of made-up articles linked only by the quotes the test says they print."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.prints: dict[str, set[str]] = {quote: set() for quote in QUOTES}

    def add(self, name: str, *quotes: str, date: str = "2025-05-01") -> str:
        _, article_id = self.library.import_article(
            Article(
                path=Path(f"/made-up/{name}.txt"), title=name, body=f"Report {name}.", source=name, date=date
            )
        )
        for quote in quotes:
            self.prints[quote].add(article_id)
        return article_id

    def groups(self) -> list[Group]:
        return [
            Group(quote, QUOTES[quote], tuple(Member(i) for i in sorted(ids)))
            for quote, ids in self.prints.items()
            if len(ids) > 1
        ]

    def sync(self) -> dict[frozenset[str], str]:
        """The stories, as the set of their articles → their id."""
        return {frozenset(story.articles): story.id for story in stories.sync(self.library, self.groups())}

    def scratch(self, tmp_path: Path) -> set[frozenset[str]]:
        """The stories a fresh library finds in the same articles printing the same quotes."""
        with Library.open(tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}.db") as fresh:
            for info in self.library.articles():
                fresh.import_article(
                    Article(
                        path=Path(info.path),
                        title=info.title,
                        body=f"Report {info.title}.",
                        source=info.source,
                        date=info.date,
                    )
                )
            return {frozenset(story.articles) for story in stories.sync(fresh, self.groups())}

    def rows(self) -> dict[str, tuple]:
        """The stored stories by id, with the rowid each was written at."""
        return {row[1]: row for row in self.library.conn.execute("SELECT rowid, * FROM stories")}


def test_an_article_joins_a_story_merges_two_or_stays_alone_and_the_rest_is_left_alone(
    library: Library, tmp_path: Path
) -> None:
    made = Made(library)
    a, b = made.add("a", "q1"), made.add("b", "q1")
    c, d = made.add("c", "q2"), made.add("d", "q2")
    e, f = made.add("e", "q3"), made.add("f", "q3")
    first = made.sync()
    assert set(first) == {frozenset({a, b}), frozenset({c, d}), frozenset({e, f})} == made.scratch(tmp_path)
    untouched = made.rows()[first[frozenset({e, f})]]

    x = made.add("x", "q1")  # joins a and b
    joined = made.sync()
    assert set(joined) == made.scratch(tmp_path)
    assert joined[frozenset({a, b, x})] == first[frozenset({a, b})]
    assert joined[frozenset({c, d})] == first[frozenset({c, d})]
    assert made.rows()[first[frozenset({e, f})]] == untouched  # not rewritten

    y = made.add("y", "q1", "q2")  # prints both quotes: one story of six, the larger one's id
    merged = made.sync()
    assert set(merged) == made.scratch(tmp_path)
    assert merged[frozenset({a, b, x, y, c, d})] == first[frozenset({a, b})]
    assert made.rows()[first[frozenset({e, f})]] == untouched

    rows = made.rows()
    made.add("z")  # prints nothing: no story, nothing rewritten
    assert made.sync() == merged and made.rows() == rows


def test_removing_or_redating_an_article_splits_its_story_as_from_scratch(
    library: Library, tmp_path: Path
) -> None:
    made = Made(library)
    a, b = made.add("a", "q1"), made.add("b", "q1", "q2")
    c = made.add("c", "q2")
    e, f = made.add("e", "q3"), made.add("f", "q3")
    before = made.sync()
    assert frozenset({a, b, c}) in before
    untouched = made.rows()[before[frozenset({e, f})]]

    library.conn.execute("DELETE FROM articles WHERE id = ?", (b,))
    made.prints["q1"].discard(b)
    made.prints["q2"].discard(b)
    after = made.sync()
    assert set(after) == made.scratch(tmp_path) == {frozenset({e, f})}  # a and c alone now
    assert made.rows()[before[frozenset({e, f})]] == untouched

    g = made.add("g", "q3", date="2025-05-03")
    assert made.sync()[frozenset({e, f, g})] == before[frozenset({e, f})]
    library.import_article(  # the same text, dated a year later: out of the window
        Article(path=Path("/made-up/g.txt"), title="g", body="Report g.", source="g", date="2026-05-03")
    )
    redated = made.sync()
    assert set(redated) == made.scratch(tmp_path)
    assert redated == {frozenset({e, f}): before[frozenset({e, f})]}
