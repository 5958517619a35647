"""Shared passages (wire copy) in the compare and article views: their own mark, a legend,
and w / W to walk them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.store import Library
from newsreader.widgets.article_table import ArticleTable

from .conftest import build_library, open_reader, settle

WIRE = (
    "Federal workers across several agencies were told on Monday to ignore an email from the "
    "Office of Personnel Management asking them to list their accomplishments."
)
SECOND = (
    "The union representing the workers said it would go to court on Wednesday to stop any "
    "dismissals that followed from the unanswered emails and the deadline."
)
QUOTE = "“We will fight this in every court in the land,” the union president said."


@pytest.fixture
def wire_library(tmp_path: Path) -> Path:
    for name, source, day, opening in (
        ("a", "AP", "2026-01-01", "Confusion reigned in offices across the capital."),
        ("b", "Daily", "2026-01-02", "Managers scrambled to answer anxious staff."),
    ):
        wire = WIRE if name == "a" else WIRE.replace("ignore", "disregard")
        (tmp_path / f"{name}.txt").write_text(
            f"title: {name} story\nsource: {source}\ndate: {day}\n\n{opening}\n\n{wire}\n\n"
            f"{QUOTE}\n\n{SECOND}\n",
            encoding="utf-8",
        )
    return build_library(tmp_path / "library.db", [tmp_path / "a.txt", tmp_path / "b.txt"])


def ids(path: Path) -> tuple[str, str]:
    with Library.open(path) as library:
        by_source = {a.source: a.id for a in library.articles()}
    return by_source["AP"], by_source["Daily"]


async def test_compare_marks_passages_apart_and_w_walks_them(wire_library: Path) -> None:
    left, right = ids(wire_library)
    async with open_reader(wire_library) as pilot:
        app = pilot.app
        app.open_compare(left, right)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.view("left")
        body = app.library.article(left).body
        passages = [body[m.start : m.end] for m in view.marks("passage")]
        assert passages == [WIRE.rstrip("."), SECOND.rstrip(".")]
        quotes = [body[m.start : m.end] for m in view.marks("quote")]
        assert quotes == ["We will fight this in every court in the land"]
        assert "ignore" in [body[m.start : m.end] for m in view.marks("diff")]
        status = str(screen.query_one("#compare-status").render())
        assert "2 shared passages" in status and "shared passage (w/W)" in status
        await pilot.press("w", "w")
        await pilot.pause()
        assert "passage 2/2" in str(screen.query_one("#compare-status").render())
        span = screen.view("right").cursor_span
        right_body = app.library.article(right).body
        assert span is not None and right_body[span.start :].startswith("The union representing")
        await pilot.press("W")
        await pilot.pause()
        assert "passage 1/2" in str(screen.query_one("#compare-status").render())


async def test_the_article_view_shows_its_shared_passages(wire_library: Path) -> None:
    left, _ = ids(wire_library)
    async with open_reader(wire_library) as pilot:
        app = pilot.app
        app.open_article(left)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert len(screen.view.marks("passage")) == 2
        await pilot.press("w")
        await pilot.pause()
        assert "passage 1/2 · also in 1 other article" in str(screen.query_one("#article-status").render())


async def test_the_library_says_how_much_of_an_article_was_printed_earlier(wire_library: Path) -> None:
    async with open_reader(wire_library, size=(170, 40)) as pilot:  # the Reused column needs a wide table
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        reused = {row.info.source: row.reused for row in table.rows}
        assert reused["AP"] is None  # it printed the wire copy first
        daily = reused["Daily"]
        assert daily is not None and daily.source == "AP"
        # Two passages of 25 and 26 words out of the Daily's 71.
        assert daily.label == "72% AP"
        assert "72% AP" in "".join(
            s.text for s in table.render_line(1 + [r.info.source for r in table.rows].index("Daily"))
        )
