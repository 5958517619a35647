"""Fixtures for the reader's Pilot and snapshot tests: libraries built from files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.corpus import load_paths
from newsreader.store import Library

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "sample_corpus"
SIZE = (140, 40)


def build_library(path: Path, sources: list[Path]) -> Path:
    with Library.open(path) as library:
        for article in load_paths(sources):
            if not isinstance(article, Exception):
                library.import_article(article)
    return path


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = build_library(folder / "library.db", [SAMPLE_CORPUS])
    from newsreader import stories
    from newsreader.comparison import load_quote_groups

    with Library.open(path) as library:  # index once; each test reads the caches
        stories.sync(library, load_quote_groups(library))
    return path


@pytest.fixture
def sample_library(_sample_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a library holding the five sample articles, quotes indexed."""
    target = tmp_path / "library.db"
    with Library.open(_sample_template) as source:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(_sample_template, target)
    return target


async def settle(pilot) -> None:
    """Wait for background work (quote indexing) and the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def notifications(app) -> list[tuple[str, str]]:
    """The (title, message) of every notification ``app`` shows from now on."""
    told: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, **options):
        told.append((options.get("title") or "", message))
        return notify(message, **options)

    app.notify = recording
    return told
