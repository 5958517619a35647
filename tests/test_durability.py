"""Nothing saved is lost: not to ``kill -9``, not to a second reader writing at the same
time, not to other newsreader processes listing, importing and exporting the same library.

Every test here runs real separate processes: POSIX file locks belong to a process, so
two connections in one process cannot show what another process does to the library."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader import notes
from newsreader.corpus import load_paths
from newsreader.store import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SAVE_AND_REPORT = """
import os, sys, time
from newsreader import notes
from newsreader.store import Library
library = Library.open(sys.argv[1])
while not os.path.exists(sys.argv[6]):
    time.sleep(0.002)
for number in range(int(sys.argv[4])):
    if number % 5 == 0:  # as the reader's workers, search and export dialog do
        with Library.open(sys.argv[1]) as worker:
            worker.article_count()
    made = notes.create(library, sys.argv[2], number, number + 20, [sys.argv[3]], f"note {number}")
    print(made.id, flush=True)
    time.sleep(float(sys.argv[7]))
if sys.argv[5] == "hang":
    time.sleep(60)
"""


def child(
    library_path: Path,
    article_id: str,
    tag: str,
    count: int,
    then: str,
    go: Path | None = None,
    pause: float = 0.0,
) -> subprocess.Popen[str]:
    """A reader saving ``count`` annotations, printing each id once saved; it starts when
    ``go`` exists and waits ``pause`` seconds after each save."""
    go = go or library_path
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            SAVE_AND_REPORT,
            str(library_path),
            article_id,
            tag,
            str(count),
            then,
            str(go),
            str(pause),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def newsreader(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The command line, in a process of its own, on $NEWSREADER_DB."""
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", *args], capture_output=True, text=True, timeout=120
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def exported_ids(library_path: Path) -> set[str]:
    """The annotation ids another process's ``newsreader export --format json`` sees."""
    collection = json.loads(newsreader("export", "--format", "json").stdout)
    prefix = "urn:newsreader:annotation:"
    items = collection.get("first", {}).get("items", [])
    return {item["id"].removeprefix(prefix) for item in items if item["id"].startswith(prefix)}


def saved_ids(library_path: Path) -> set[str]:
    with Library.open(library_path) as library:
        return {row[0] for row in library.conn.execute("SELECT id FROM annotations")}


def article_files(folder: Path, count: int) -> Path:
    """``count`` small, distinct article files to import."""
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:04}.txt").write_text(
            f"Story number {number}\n\n"
            + f'Paragraph {number} says "something {number} happened" today. ' * 30,
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def article_id(library_path: Path, sample_corpus: Path) -> str:
    with Library.open(library_path) as library:
        return next(article_id for _, article_id in library.import_many(load_paths([sample_corpus])))


def integrity(library_path: Path) -> str:
    with Library.open(library_path) as library:
        return library.conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_an_annotation_survives_kill_9_right_after_saving(library_path: Path, article_id: str) -> None:
    process = child(library_path, article_id, "survivor", 1, "hang")
    saved = process.stdout.readline().strip()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert saved, process.stderr.read()
    with Library.open(library_path) as library:
        found = notes.get(library, saved)
        assert found is not None and found.tags == ["survivor"] and found.note == "note 0"
    assert integrity(library_path) == "ok"


def test_every_reported_save_survives_a_kill_in_the_middle_of_a_burst(
    library_path: Path, article_id: str
) -> None:
    process = child(library_path, article_id, "burst", 10_000, "exit")
    reported = [process.stdout.readline().strip() for _ in range(25)]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL, "the child finished before it was killed"
    with Library.open(library_path) as library:
        stored = {a.id for a in notes.in_library(library) if a.tags == ["burst"]}
    assert set(reported) <= stored
    assert integrity(library_path) == "ok"


def test_two_readers_annotating_at_once_keep_both_sets(library_path: Path, article_id: str) -> None:
    count = 300
    go = library_path.with_name("go")
    first = child(library_path, article_id, "first", count, "exit", go)
    second = child(library_path, article_id, "second", count, "exit", go)
    time.sleep(0.5)
    go.touch()
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), [err for _, err in outputs]
    with Library.open(library_path) as library:
        for tag, (out, _) in zip(("first", "second"), outputs):
            stored = {a.id for a in notes.in_library(library) if a.tags == [tag]}
            assert stored == set(out.split()) and len(stored) == count
        assert len(notes.for_article(library, article_id)) == 2 * count
    assert integrity(library_path) == "ok"


def test_a_reader_keeps_every_save_while_other_processes_list_import_and_export(
    library_path: Path, article_id: str, tmp_path: Path
) -> None:
    """The reader holds the library open and saves; meanwhile other processes open and close
    it. Each save must reach the file that every other process reads, and survive kill -9."""
    reader = child(library_path, article_id, "shared", 60, "hang", pause=0.01)
    newsreader("list")
    newsreader("import", str(article_files(tmp_path / "incoming", 200)))
    for _ in range(3):
        newsreader("list")
        newsreader("export", "--format", "json")
    reported = [reader.stdout.readline().strip() for _ in range(60)]
    assert all(reported), reader.stderr.read() if reader.poll() is not None else "a save was not reported"
    newsreader("list")  # the last process to close: it checkpoints if it thinks it is alone
    assert set(reported) <= exported_ids(library_path), "another process cannot see saved annotations"
    reader.send_signal(signal.SIGKILL)
    reader.wait(timeout=10)
    assert set(reported) <= saved_ids(library_path)
    assert integrity(library_path) == "ok"
    assert newsreader("list").stdout.count("\n") > 200


def test_killing_an_import_midway_keeps_the_library_and_the_notes(
    library_path: Path, article_id: str, tmp_path: Path
) -> None:
    reader = child(library_path, article_id, "before", 5, "exit")
    assert reader.communicate(timeout=60)[0].split(), "the reader saved nothing"
    before = saved_ids(library_path)
    folder = article_files(tmp_path / "many", 400)
    importer = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "import", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # well into the import: the interpreter and the first batches are in
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=10)
    assert integrity(library_path) == "ok"
    assert saved_ids(library_path) == before
    newsreader("import", str(folder))  # running it again finishes the job
    with Library.open(library_path) as library:
        assert library.article_count() == 5 + 400


def test_killing_a_reader_while_others_read_and_write_loses_only_unsaved_work(
    library_path: Path, article_id: str
) -> None:
    go = library_path.with_name("go")
    first = child(library_path, article_id, "first", 10_000, "exit", go)
    second = child(library_path, article_id, "second", 100, "exit", go)
    go.touch()
    reported = [first.stdout.readline().strip() for _ in range(30)]
    newsreader("list")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    stored = saved_ids(library_path)
    assert set(reported) <= stored and set(out.split()) <= stored
    assert set(reported) | set(out.split()) <= exported_ids(library_path)
    assert integrity(library_path) == "ok"
