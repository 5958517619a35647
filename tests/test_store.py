"""The library file: imports, versions, migrations, refusal of foreign files, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsreader.corpus import load_file, load_paths
from newsreader.store import ImportOutcome, Library, StoreError, default_path
from newsreader.store.migrations import LATEST, MIGRATIONS


def test_importing_the_same_articles_twice_keeps_one_copy(library: Library, sample_corpus: Path) -> None:
    articles = list(load_paths([sample_corpus]))
    first = [outcome for outcome, _ in library.import_many(articles)]
    second = [outcome for outcome, _ in library.import_many(articles)]
    assert first == [ImportOutcome.IMPORTED] * 5
    assert second == [ImportOutcome.UNCHANGED] * 5
    assert library.article_count() == 5


def test_same_text_at_another_path_is_the_same_article(
    library: Library, sample_corpus: Path, seeds: Path
) -> None:
    list(library.import_many(load_paths([sample_corpus])))
    outcomes = [outcome for outcome, _ in library.import_many(load_paths([seeds]))]
    assert outcomes == [ImportOutcome.UNCHANGED] * 5


def test_changed_file_is_a_new_version_of_the_same_article(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("title: Story\n\nFirst version of the text.")
    outcome, article_id = library.import_article(load_file(path))
    path.write_text("title: Story\n\nSecond, corrected version of the text.")
    outcome2, article_id2 = library.import_article(load_file(path))
    assert (outcome, outcome2) == (ImportOutcome.IMPORTED, ImportOutcome.UPDATED)
    assert article_id2 == article_id
    stored = library.article(article_id)
    assert stored is not None and stored.version == 2 and stored.body.startswith("Second")
    old = library.conn.execute(
        "SELECT version, body FROM article_versions WHERE article_id = ?", (article_id,)
    ).fetchall()
    assert old == [(1, "First version of the text.")]
    assert library.article_count() == 1


def test_library_is_in_wal_mode_with_foreign_keys_and_a_busy_timeout(library: Library) -> None:
    assert library.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert library.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_an_import_is_committed_at_once(library_path: Path, sample_corpus: Path) -> None:
    with Library.open(library_path) as writer:
        writer.import_article(load_file(sample_corpus / "000_7e9bf4c7a4496662.txt"))
        with Library.open(library_path) as reader:
            assert reader.article_count() == 1


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(b"these are my precious notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a newsreader library"):
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db"]


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    Database(path)["contacts"].insert({"name": "Ada"})
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a newsreader library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused_and_left_untouched(library_path: Path) -> None:
    Library.open(library_path).close()
    with sqlite3.connect(library_path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    conn.close()
    before = library_path.read_bytes()
    with pytest.raises(StoreError, match="newer newsreader"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


@pytest.mark.parametrize("start", range(1, LATEST + 1))
def test_every_schema_version_migrates_forward_keeping_articles(
    tmp_path: Path, sample_corpus: Path, start: int
) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (?)", (start,))
    for step in MIGRATIONS[:start]:
        step(db)
    article = load_file(sample_corpus / "000_7e9bf4c7a4496662.txt")
    db["articles"].insert(
        {
            "id": article.id,
            "path": str(article.path),
            "title": article.title,
            "body": article.body,
            "version": 1,
            "word_count": article.word_count,
            "imported_at": "2025-01-01T00:00:00+00:00",
        }
    )
    db.conn.commit()
    db.close()
    with Library.open(path) as library:
        assert library.schema_version == LATEST
        stored = library.article(article.id)
        assert stored is not None and stored.body == article.body
        assert library.search("ultimatum")[0].article_id == article.id
    if start < LATEST:
        assert (tmp_path / f"old.db.schema{start}.bak").exists()


def test_unwritable_location_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the library folder"):
        Library.open(blocker / "sub" / "library.db")


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Library.open(tmp_path)


def test_full_text_search_finds_words_and_treats_syntax_as_text(
    library: Library, sample_corpus: Path
) -> None:
    list(library.import_many(load_paths([sample_corpus])))
    hits = library.search("semi-fired")
    assert len(hits) == 3
    assert all("\x02" in hit.snippet for hit in hits)
    assert library.search('"unbalanced AND (OR') == []
    assert {hit.title for hit in library.search("Kelley")} >= {
        "Revolt! Agency bosses tell federal workers to ignore Elon Musk"
    }


def test_settings_are_remembered(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.set_setting("theme", "nord")
        library.set_setting("theme", "gruvbox")
    with Library.open(library_path) as library:
        assert library.setting("theme") == "gruvbox"
        assert library.setting("missing", "default") == "default"


def test_default_path_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("NEWSREADER_DB")
    assert default_path().name == "library.db" and "newsreader" in str(default_path())


def test_the_same_text_with_better_metadata_updates_the_fields_not_the_version(library, tmp_path) -> None:
    """A library imported with an older importer gets the titles the new one finds."""
    path = tmp_path / "scrape.md"
    path.write_text("---\ntitle: old title\nsource: unknown\n---\nThe same text.\n", encoding="utf-8")
    from newsreader.store import ImportOutcome

    _, article_id = library.import_article(load_file(path))
    path.write_text("---\ntitle: Real headline\nsource: Reuters\n---\nThe same text.\n", encoding="utf-8")
    assert library.import_article(load_file(path)) == (ImportOutcome.UPDATED, article_id)
    stored = library.article(article_id)
    assert (stored.title, stored.source, stored.version) == ("Real headline", "Reuters", 1)
    assert library.import_article(load_file(path)) == (ImportOutcome.UNCHANGED, article_id)


def test_dates_of_a_schema_2_library_become_iso_8601(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (2)")
    for step in MIGRATIONS[:2]:
        step(db)
    for number, date in enumerate(["February 26, 2025", "2025-02-25", "spring", ""]):
        db["articles"].insert(
            {
                "id": f"a{number}",
                "path": f"/{number}.txt",
                "title": "T",
                "date": date,
                "body": f"Body {number}.",
                "version": 1,
                "word_count": 2,
                "imported_at": "2025-01-01T00:00:00+00:00",
            }
        )
    db.conn.commit()
    db.close()
    with Library.open(path) as library:
        assert [info.date for info in library.articles()] == ["2025-02-26", "2025-02-25", "spring", ""]
