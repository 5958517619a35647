"""Shared fixtures: the bundled sample corpus, the raw scrapes it was made from, a fresh library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.store import Library

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "sample_corpus"
#: The SHA-256 of each raw scrape, as taken, by file name (``sha256sum`` output).
RAW_SCRAPES = REPO / "tests" / "fixtures" / "raw-scrapes.sha256"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never read the config (keymap) of whoever runs them; a test may write this one."""
    path = tmp_path_factory.mktemp("config") / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    return path


@pytest.fixture
def sample_corpus() -> Path:
    return SAMPLE_CORPUS


@pytest.fixture
def raw_scrapes() -> dict[str, str]:
    """File name -> SHA-256 of the five raw scrapes the sample corpus ships."""
    lines = RAW_SCRAPES.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines)}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The raw scrapes in a folder of their own: the sample corpus's bytes at another path."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SAMPLE_CORPUS.glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture
def library_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library file in a temporary folder, also set as $NEWSREADER_DB for the CLI."""
    path = tmp_path / "library.db"
    monkeypatch.setenv("NEWSREADER_DB", str(path))
    return path


@pytest.fixture
def library(library_path: Path):
    with Library.open(library_path) as opened:
        yield opened


@pytest.fixture
def make_read_only():
    """Make a file or folder read-only for this process, root included (``chattr +i``
    where the process is root, ``chmod`` otherwise); undone after the test."""
    import os
    import stat
    import subprocess

    done: list[tuple[Path, int]] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if (
                shutil.which("chattr") is None
                or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0
            ):
                pytest.skip("root, and this file system cannot make a file immutable")
        else:
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        done.append((path, path.stat().st_mode))

    yield make
    for path, mode in done:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        else:
            path.chmod(mode | stat.S_IWUSR)


@pytest.fixture
def web():
    """A local web server (127.0.0.1, a free port) serving what the test puts in it."""
    from webserver import serve

    server, site = serve()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: connecting is refused."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
