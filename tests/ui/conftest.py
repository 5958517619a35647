"""Fixtures for the reader's Pilot and snapshot tests: libraries built from files."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from newsreader.app import NewsreaderApp
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
    """A fresh copy of a library holding the five sample articles, quotes and stories found."""
    target = tmp_path / "library.db"
    with Library.open(_sample_template) as source:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(_sample_template, target)
    return target


async def settle(pilot: Pilot) -> None:
    """Wait until the background work is done and the screen has caught up: each worker
    may start the next (an import, then the quote index, then the stories)."""
    workers = pilot.app.workers
    while True:
        await workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in workers):
            break
    await pilot.pause()


@asynccontextmanager
async def open_reader(library: Path | NewsreaderApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot]:
    """The reader running on ``library`` (a file, or an app set up beforehand) in a
    terminal of ``size``, settled: the library on screen, its quotes and stories found."""
    app = library if isinstance(library, NewsreaderApp) else NewsreaderApp(library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


def key_for(character: str) -> str:
    """The name of the key that types ``character``, as Textual names it ("a", "comma",
    "space", "minus"); a newline is ``enter``."""
    if character == "\n":
        return "enter"
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return {"hyphen_minus": "minus", "solidus": "slash"}.get(name, name)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused field as a fast typist (or tmux send-keys) does: the
    keys all at once, then one wait until they are taken in. Pressing them one by one
    would wait for the screen after each key, a tenth of a second a character."""
    for character in text:
        key = key_for(character)
        pilot.app.post_message(events.Key(key, None if key == "enter" else character))
    await settle(pilot)


def sample_file(app, article_id: str) -> str:
    """The number ("000"…"004") of the sample corpus file ``article_id`` was imported from."""
    return Path(app.library.article(article_id).path).name[:3]


def notifications(app) -> list[tuple[str, str]]:
    """The (title, message) of every notification ``app`` shows from now on."""
    told: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, **options):
        told.append((options.get("title") or "", message))
        return notify(message, **options)

    app.notify = recording
    return told
