"""The coverage screen (issue 14): S on an article shows every outlet of its story, one row
per shared quote, and enter on a cell compares that outlet with the fullest version."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from newsreader.screens.compare import CompareScreen
from newsreader.screens.coverage import CoverageScreen
from newsreader.widgets.article_table import ArticleTable

from .conftest import notifications, open_reader, settle
from .test_library_stories import with_a_lone_article


async def open_coverage(pilot) -> CoverageScreen:
    """From the library just opened: ``S``, the story of the first article."""
    await pilot.press("S")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CoverageScreen)
    return screen


async def test_s_shows_the_story_with_a_column_per_outlet_and_a_row_per_quote(sample_library: Path) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_coverage(pilot)
        story = app.stories.stories[0]
        table = screen.query_one(DataTable)
        assert len(table.columns) == 1 + len(story.articles) == 6
        shared = [g for g in app.quotes.groups if len(set(g.articles) & set(story.articles)) >= 2]
        assert table.row_count == len(screen.report.rows) == len(shared) >= 3
        statuses = {cell.status for row in screen.report.rows for cell in row.cells}
        assert {"full", "absent"} <= statuses
        timeline = str(screen.query_one("#coverage-timeline", Static).render())
        assert timeline.count("\n") == len(story.articles)  # a heading and a line per article


async def test_enter_on_a_cell_compares_that_outlet_with_the_fullest_version(sample_library: Path) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_coverage(pilot)
        row = next(r for r in screen.report.rows if sum(c.status != "absent" for c in r.cells) >= 2)
        target = next(c for c in row.cells if c.status != "absent" and c.article_id != row.fullest)
        table = screen.query_one(DataTable)
        table.move_cursor(row=screen.report.rows.index(row), column=1 + row.cells.index(target))
        await pilot.pause()
        status = str(screen.query_one("#coverage-status", Static).render())
        assert "prints" in status and target.text[:20] in status
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert (compare.ids["left"], compare.ids["right"]) == (row.fullest, target.article_id)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_an_article_in_no_story_says_so(sample_library: Path, tmp_path: Path) -> None:
    app = with_a_lone_article(sample_library, tmp_path)
    told = notifications(app)
    async with open_reader(app) as pilot:
        assert app.stories is not None
        table = app.screen.query_one(ArticleTable)
        assert table.select_id(next(row.id for row in table.rows if row.info.title == "A bakery wins"))
        await pilot.press("S")
        await pilot.pause()
        assert not isinstance(app.screen, CoverageScreen)
        assert "This article is in no story" in told[-1][1]
