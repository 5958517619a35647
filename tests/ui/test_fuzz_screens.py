"""Random key sequences at random terminal sizes, 1x1 included and resized midway, on
every screen: no exception escapes and no annotation saved before is lost.

Kept small (``max_examples``) so the suite stays fast; Hypothesis remembers a failing
sequence in its database and replays it first next time.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import notes
from newsreader.store import Library

from .conftest import open_reader, settle

#: How to reach each screen from the library (keys pressed after it is up).
START = {
    "library": (),
    "compare": ("c",),
    "article": ("enter",),
    "quote index": ("Q",),
    "annotations": ("A",),
    "annotate dialog": ("enter", "a"),
    "export dialog": ("e",),
    "help": ("question_mark",),
    "palette": ("ctrl+p",),
    "search": ("F",),
}
#: Every key the reader binds, the keys lists and fields react to, and some text. Not
#: the ones that end the test on purpose (q, ctrl+q) or delete on purpose (d).
KEYS = (
    "j",
    "k",
    "n",
    "p",
    "g",
    "G",
    "v",
    "a",
    "t",
    "N",
    "y",
    "x",
    "c",
    "s",
    "T",
    "Q",
    "A",
    "e",
    "i",
    "F",
    "slash",
    "number_sign",
    "space",
    "b",
    "left_curly_bracket",
    "right_curly_bracket",
    "tab",
    "shift+tab",
    "enter",
    "escape",
    "pageup",
    "pagedown",
    "home",
    "end",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "ctrl+s",
    "ctrl+f",
    "ctrl+y",
    "question_mark",
    "ctrl+p",
    "z",
    "1",
    "comma",
    "minus",
)

sizes = st.tuples(
    st.one_of(st.integers(1, 12), st.integers(13, 160)), st.one_of(st.integers(1, 8), st.integers(9, 50))
)
steps = st.lists(st.one_of(st.sampled_from(KEYS), sizes), min_size=1, max_size=25)


@pytest.fixture(scope="module")
def annotated_template(_sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample library with two annotations and an article note: what must survive."""
    path = tmp_path_factory.mktemp("fuzz") / "library.db"
    with Library.open(_sample_template) as source:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(_sample_template, path)
    with Library.open(path) as library:
        first, second = library.articles()[:2]
        notes.create(library, first.id, 0, 30, ["kept"], "a saved note")
        notes.create(library, second.id, 0, 20, [], "another")
        notes.set_article_note(library, first.id, "article note")
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


async def drive(path: Path, start: str, size: tuple[int, int], sequence: list) -> None:
    async with open_reader(path) as pilot:
        await pilot.press(*START[start])
        await settle(pilot)
        await pilot.resize_terminal(*size)
        for step in sequence:
            if isinstance(step, tuple):
                await pilot.resize_terminal(*step)
            else:
                await pilot.press(step)
        await settle(pilot)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(start=st.sampled_from(sorted(START)), size=sizes, sequence=steps)
def test_random_keys_and_sizes_on_every_screen(
    annotated_template: Path, start: str, size: tuple[int, int], sequence: list
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "library.db"
        shutil.copy(annotated_template, path)
        with Library.open(path) as library:
            before = {(a.id, a.exact) for a in notes.in_library(library)}
        cwd = os.getcwd()
        os.chdir(scratch)  # an export the keys write lands here
        try:
            asyncio.run(drive(path, start, size, sequence))
        finally:
            os.chdir(cwd)
        with Library.open(path) as library:
            after = {(a.id, a.exact) for a in notes.in_library(library)}
        assert before <= after, "an annotation saved before was lost"
