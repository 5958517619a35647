"""Nothing saved is lost: not to ``kill -9``, not to a second reader writing at the same time."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader import annotations
from newsreader.corpus import load_paths
from newsreader.store import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SAVE_AND_REPORT = """
import os, sys, time
from newsreader import annotations
from newsreader.store import Library
library = Library.open(sys.argv[1])
while not os.path.exists(sys.argv[6]):
    time.sleep(0.002)
for number in range(int(sys.argv[4])):
    made = annotations.create(library, sys.argv[2], number, number + 20, [sys.argv[3]], f"note {number}")
    print(made.id, flush=True)
if sys.argv[5] == "hang":
    time.sleep(60)
"""


def child(library_path: Path, article_id: str, tag: str, count: int, then: str,
          go: Path | None = None) -> subprocess.Popen[str]:
    """A reader saving ``count`` annotations, printing each id once saved; it starts when ``go`` exists."""
    go = go or library_path
    return subprocess.Popen(
        [sys.executable, "-c", SAVE_AND_REPORT, str(library_path), article_id, tag, str(count), then,
         str(go)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


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
        found = annotations.get(library, saved)
        assert found is not None and found.tags == ["survivor"] and found.note == "note 0"
    assert integrity(library_path) == "ok"


def test_every_reported_save_survives_a_kill_in_the_middle_of_a_burst(library_path: Path, article_id: str) -> None:
    process = child(library_path, article_id, "burst", 10_000, "exit")
    reported = [process.stdout.readline().strip() for _ in range(25)]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL, "the child finished before it was killed"
    with Library.open(library_path) as library:
        stored = {a.id for a in annotations.all(library, tag="burst")}
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
            stored = {a.id for a in annotations.all(library, tag=tag)}
            assert stored == set(out.split()) and len(stored) == count
        assert len(annotations.for_article(library, article_id)) == 2 * count
    assert integrity(library_path) == "ok"
