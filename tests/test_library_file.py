"""The library file under hostile conditions (issue 11): other programs' databases, damaged
bytes, read-only files and folders, a full disk. Each case is one line for the user, and
the file is never changed by a refusal."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsreader import notes
from newsreader.corpus import load_paths
from newsreader.store import (
    APPLICATION_ID,
    DamagedLibrary,
    Library,
    ReadOnlyLibrary,
    StoreError,
)
from newsreader.store.migrations import LATEST


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args], capture_output=True, text=True, timeout=120
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def annotated(library_path: Path, sample_corpus: Path) -> list[str]:
    """A library with the sample corpus, its quotes indexed, and three annotations;
    everything checkpointed into the main file. Returns the annotation ids."""
    from newsreader.quotes import cache as quote_cache

    with Library.open(library_path) as library:
        ids = [article_id for _, article_id in library.import_many(load_paths([sample_corpus]))]
        quote_cache.sync(library)
        made = [notes.create(library, ids[n], 0, 40, ["kept"], f"note {n}").id for n in range(3)]
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return made


# ---------------------------------------------------------------------------- whose file


def test_a_new_library_says_it_is_one_in_its_header(library_path: Path) -> None:
    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_another_programs_database_with_a_schema_version_table_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    db = Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (1)")
    db["users"].insert({"name": "Ada"})
    db.conn.commit()
    db.close()
    before = digest(path)
    with pytest.raises(StoreError, match="not a newsreader library"):
        Library.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]  # no .bak either


def test_a_schema_version_that_is_not_a_number_is_refused_not_a_crash(library_path: Path) -> None:
    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    conn.execute("UPDATE schema_version SET version = 'two'")
    conn.commit()
    conn.close()
    before = digest(library_path)
    with pytest.raises(StoreError, match="schema_version is not one number"):
        Library.open(library_path)
    assert digest(library_path) == before


def test_a_database_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1179211844")  # another program's id
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another program"):
        Library.open(path)
    assert digest(path) == before


def test_a_library_from_before_the_application_id_is_still_opened_and_marked(library_path: Path) -> None:
    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    with Library.open(library_path) as library:
        assert library.schema_version == LATEST
        assert library.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert not list(library_path.parent.glob("*.bak"))  # marking it is not a schema upgrade


# ---------------------------------------------------------------------------- damaged


def damage(path: Path, pages: list[int], seed: int = 7) -> None:
    """Overwrite whole pages of the file with random bytes (no connection is open)."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    noise = random.Random(seed)
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes(noise.randrange(256) for _ in range(size)))


def root_pages(path: Path, prefix: str) -> list[int]:
    conn = sqlite3.connect(path)
    pages = [
        row[0]
        for row in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name LIKE ? AND rootpage > 0", (prefix + "%",)
        )
    ]
    conn.close()
    return pages


@pytest.mark.parametrize("command", [["list"], ["export"], ["quotes"], ["import", "sample_corpus"]])
def test_random_bytes_inside_the_library_are_one_line_and_leave_the_file_as_it_was(
    library_path: Path, annotated: list[str], command: list[str], sample_corpus: Path
) -> None:
    pages = sorted(set(root_pages(library_path, "articles")) | set(root_pages(library_path, "annotation")))
    damage(library_path, pages)
    before = digest(library_path)
    args = [str(sample_corpus) if arg == "sample_corpus" else arg for arg in command]
    done = run_cli(*args)
    assert done.returncode != 0
    line = one_line_error(done)
    assert str(library_path) in line and "damaged" in line
    assert digest(library_path) == before


def test_a_damaged_quote_index_never_blocks_exporting_the_annotations(
    library_path: Path, annotated: list[str]
) -> None:
    damage(library_path, root_pages(library_path, "quote_"))
    done = run_cli("export")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "quote index" in done.stderr
    for number in range(3):
        assert f"note {number}" in done.stdout
    quotes = run_cli("quotes", "--json")
    assert quotes.returncode == 0, quotes.stderr
    assert '"groups"' in quotes.stdout and "damaged" in quotes.stderr


# ---------------------------------------------------------------------------- read-only


def test_a_read_only_library_file_can_be_listed_exported_and_read(
    library_path: Path, annotated: list[str], make_read_only
) -> None:
    make_read_only(library_path)
    assert run_cli("list").returncode == 0
    export = run_cli("export")
    assert export.returncode == 0, export.stderr
    assert all(f"note {n}" in export.stdout for n in range(3))
    with Library.open(library_path) as library:
        assert library.read_only and library.article_count() == 5
        article_id = library.articles()[0].id
        with pytest.raises(ReadOnlyLibrary, match="read-only"):
            notes.create(library, article_id, 0, 10, ["x"], "")
    done = run_cli("import", str(library_path.parent))
    assert done.returncode == 1 and "read-only" in one_line_error(done)


def test_a_library_in_a_read_only_folder_can_be_read(
    library_path: Path, annotated: list[str], make_read_only
) -> None:
    make_read_only(library_path.parent)
    export = run_cli("export")
    assert export.returncode == 0, export.stderr
    assert all(f"note {n}" in export.stdout for n in range(3))
    assert run_cli("list").stdout.count("\n") == 6


def test_no_library_can_be_made_in_a_read_only_folder(tmp_path: Path, make_read_only) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    with pytest.raises(ReadOnlyLibrary, match=r"folder .* is read-only"):
        Library.open(folder / "library.db")


# ---------------------------------------------------------------------------- full disk


def test_a_full_disk_says_so_and_keeps_the_library_consistent(
    library_path: Path, annotated: list[str]
) -> None:
    with Library.open(library_path) as library:
        article_id = library.articles()[0].id
        pages = library.conn.execute("PRAGMA page_count").fetchone()[0]
        library.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # as if the disk filled up
        with pytest.raises(StoreError, match="disk is full") as raised:
            notes.create(library, article_id, 0, 30, ["big"], "x" * 200_000)
        assert "no transaction" not in str(raised.value)
        assert not library.conn.in_transaction
        library.conn.execute(f"PRAGMA max_page_count = {2**31}")
        assert {a.id for a in notes.for_article(library, article_id)} >= {annotated[0]}
        assert all(a.note != "x" * 200_000 for a in notes.for_article(library, article_id))
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes.create(library, article_id, 0, 30, ["after"], "space again")  # and it goes on


def test_a_damaged_page_met_while_saving_is_reported_as_damage(
    library_path: Path, annotated: list[str]
) -> None:
    damage(library_path, root_pages(library_path, "annotations"))
    with Library.open(library_path) as library, pytest.raises(DamagedLibrary, match="damaged"):
        notes.create(library, library.articles()[0].id, 0, 30, ["x"], "y")
