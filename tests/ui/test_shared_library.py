"""The reader and the command line on one library at once, each in its own process
(issue 11): what the reader saves is in the file every other process reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import open_reader, settle
from .test_annotate import annotate_cursor
from .test_article import open_most_quoted


def newsreader(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEWSREADER_DB": str(library)},
    )
    assert done.returncode == 0, done.stderr
    return done


def exported_notes(library: Path) -> list[str]:
    collection = json.loads(newsreader(library, "export", "--format", "json").stdout)
    items = collection.get("first", {}).get("items", [])
    return [
        body["value"]
        for item in items
        for body in item.get("body", [])
        if isinstance(body, dict) and body.get("purpose") == "commenting"
    ]


async def test_what_the_reader_saves_is_seen_by_other_processes(sample_library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    for number in range(30):
        (folder / f"{number}.txt").write_text(f"Headline {number}\n\n" + f"Text {number}. " * 50)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_most_quoted(pilot)
        newsreader(sample_library, "list")  # another shell lists the library, and closes it
        await annotate_cursor(pilot, "first", "saved after a list")
        newsreader(sample_library, "import", str(folder))
        newsreader(sample_library, "list")
        await annotate_cursor(pilot, "second", "saved after an import")
        await settle(pilot)
        assert Path(f"{sample_library}-wal").exists(), "another process deleted the reader's log"
        notes = exported_notes(sample_library)
        assert "saved after a list" in notes and "saved after an import" in notes
        await app.action_quit()
    assert "saved after an import" in exported_notes(sample_library)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
            ".execute('PRAGMA integrity_check').fetchone()[0])",
            str(sample_library),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "ok"
