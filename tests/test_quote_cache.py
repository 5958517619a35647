"""The quote index kept in the library: built once, then updated one article at a time."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import newsreader.quotes.index as quotes_module
from newsreader.corpus import load_file, parse_text
from newsreader.quotes import cache as quote_cache
from newsreader.quotes import find_shared_quotes
from newsreader.store import Library


@pytest.fixture
def articles(sample_corpus: Path):
    return [load_file(path) for path in sorted(sample_corpus.glob("*.txt"))]


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch):
    """The article ids the engine extracts quotations from, in order."""
    seen: list[str] = []
    original = quotes_module.prepare_quotes

    def counting(article_id, body, min_words):
        seen.append(article_id)
        return original(article_id, body, min_words)

    monkeypatch.setattr(quotes_module, "prepare_quotes", counting)
    return seen


def expected(articles) -> list:
    return find_shared_quotes((a.id, a.body) for a in articles)


def test_the_cache_holds_what_the_engine_finds(library: Library, articles) -> None:
    for article in articles:
        library.import_article(article)
    report = quote_cache.sync(library)
    assert (report.indexed, report.removed, report.rebuilt) == (5, 0, True)
    assert quote_cache.load_groups(library.conn) == expected(articles)


def test_reopening_the_library_does_not_index_again(library_path: Path, articles, indexed) -> None:
    with Library.open(library_path) as library:
        for article in articles:
            library.import_article(article)
        first = quote_cache.shared_quotes(library)
    assert len(indexed) == 5
    with Library.open(library_path) as library:
        assert quote_cache.shared_quotes(library) == first
        assert quote_cache.sync(library).indexed == 0
    assert len(indexed) == 5


def test_adding_one_article_indexes_only_that_article(library: Library, articles, indexed) -> None:
    for article in articles[:4]:
        library.import_article(article)
    quote_cache.sync(library)
    indexed.clear()
    library.import_article(articles[4])
    report = quote_cache.sync(library)
    assert (report.indexed, report.rebuilt) == (1, False)
    assert indexed == [articles[4].id]
    assert quote_cache.load_groups(library.conn) == expected(articles)


def test_one_at_a_time_equals_all_at_once(library: Library, articles) -> None:
    for n, article in enumerate(articles, 1):
        library.import_article(article)
        quote_cache.sync(library)
        assert quote_cache.load_groups(library.conn) == expected(articles[:n])


def test_a_changed_article_is_indexed_again(library: Library, articles, tmp_path: Path) -> None:
    for article in articles:
        library.import_article(article)
    quote_cache.sync(library)
    fox = articles[4]
    changed = replace(fox, body=fox.body.replace("“", "").replace("”", "").replace('"', ""))
    library.import_article(changed)  # same path: a new version of the same article
    assert quote_cache.sync(library).indexed == 1
    fox_id = library.conn.execute("SELECT id FROM articles WHERE path = ?", (str(fox.path),)).fetchone()[0]
    groups = quote_cache.load_groups(library.conn)
    assert all(fox_id not in g.articles for g in groups)
    assert groups == expected(articles[:4])


def test_a_deleted_article_leaves_its_groups(library: Library, articles) -> None:
    for article in articles:
        library.import_article(article)
    quote_cache.sync(library)
    with library.transaction():
        library.conn.execute("DELETE FROM articles WHERE id = ?", (articles[4].id,))
    report = quote_cache.sync(library)
    assert (report.indexed, report.removed) == (0, 1)
    assert quote_cache.load_groups(library.conn) == expected(articles[:4])


def test_a_new_engine_version_rebuilds(library: Library, articles, indexed, monkeypatch) -> None:
    for article in articles:
        library.import_article(article)
    quote_cache.sync(library)
    monkeypatch.setattr(quote_cache, "ENGINE_VERSION", quote_cache.ENGINE_VERSION + ".next")
    assert quote_cache.sync(library).rebuilt
    assert len(indexed) == 10
    assert quote_cache.load_groups(library.conn) == expected(articles)


def test_groups_of_one_article(library: Library, articles) -> None:
    for article in articles:
        library.import_article(article)
    quote_cache.sync(library)
    reuters = articles[0].id
    mine = quote_cache.load_groups(library.conn, reuters)
    assert mine == [g for g in expected(articles) if reuters in g.articles]
    assert len(mine) == 4  # Musk's post, the letter in two stretches, "sort of semi-fired"
    assert quote_cache.load_groups(library.conn, articles[2].id) == []  # 002 shares no quote


def test_min_words(library: Library, articles) -> None:
    for article in articles:
        library.import_article(article)
    loose = quote_cache.shared_quotes(library)
    strict = quote_cache.shared_quotes(library, min_words=5)
    members = lambda groups: {m.text for g in groups for m in g.members}  # noqa: E731
    assert members(loose) - members(strict) == {
        "sort of semi-fired",
        "dismantle critical public services",
        "or you're fired",
        "or you’re fired",
    }


def test_incremental_updates_in_a_larger_library(library: Library) -> None:
    """Many articles, some sharing quotes: adding and changing a few at a time
    gives the same groups as indexing everything from scratch."""
    speeches = [
        f"we will publish report number {n} on the budget before the {n}th of the month" for n in range(30)
    ]
    texts = {}
    for n in range(120):
        picks = [speeches[(n * 7 + k) % 30] for k in range(3)]
        body = "\n\n".join(
            f"Narration {n} {k}. “{q.capitalize()},” said Official {k}." for k, q in enumerate(picks)
        )
        texts[f"/corpus/{n:03d}.txt"] = body
    for path, body in list(texts.items())[:100]:
        library.import_article(parse_text(path, body))
    assert quote_cache.sync(library).rebuilt
    for path, body in list(texts.items())[100:]:
        library.import_article(parse_text(path, body))
        assert not quote_cache.sync(library).rebuilt
    changed = "/corpus/005.txt"
    library.import_article(parse_text(changed, texts[changed].replace("budget", "deficit")))
    assert quote_cache.sync(library).indexed == 1
    bodies = list(library.bodies())
    assert quote_cache.load_groups(library.conn) == find_shared_quotes(bodies)


def test_a_read_only_library_still_serves_its_cached_quotes(library_path: Path, articles) -> None:
    with Library.open(library_path) as library:
        for article in articles:
            library.import_article(article)
        groups = quote_cache.shared_quotes(library)
    conn = sqlite3.connect(f"file:{library_path}?mode=ro", uri=True)
    try:
        assert quote_cache.load_groups(conn) == groups
    finally:
        conn.close()
