"""The coverage screen (issue 14): S on an article shows every outlet of its story, one row
per shared quote, and enter on a cell compares that outlet with the fullest version."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from newsreader.screens.compare import CompareScreen
from newsreader.screens.coverage import CoverageScreen
from newsreader.widgets.article_table import ArticleTable
from newsreader.widgets.coverage_grid import CoverageGrid

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
        table = screen.query_one(CoverageGrid)
        assert len(table.widths) == 1 + len(story.articles) == 6
        every = [*app.quotes.groups, *{g.id: g for gs in app.quotes.passages.values() for g in gs}.values()]
        shared = [g for g in every if len(set(g.articles) & set(story.articles)) >= 2]
        assert len(table.rows) == len(screen.report.rows) == len(shared) >= 3
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
        table = screen.query_one(CoverageGrid)
        table.cursor = (screen.report.rows.index(row), 1 + row.cells.index(target))
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


def thirty_outlets(folder: Path) -> Path:
    """A library of one story printed by thirty outlets: each quotes the mayor, and the
    first fifteen the engineer too (their narration is alike: passages too), a minute apart."""
    from newsreader.corpus import load_paths
    from newsreader.store import Library

    for n in range(30):
        engineer = (
            ' "The bridge will stay closed until the engineers are sure," said Ana Ruiz.' if n < 15 else ""
        )
        (folder / f"outlet{n:02d}.txt").write_text(
            f"title: Flood report {n}\nsource: Outlet {n:02d}\ndate: 2025-05-01T08:{n:02d}\n\n"
            f'Mayor Jana Kovar spoke on day {n}. "We will rebuild every school that the flood '
            f"took from this town,\" she said.{engineer} Paragraph {n} is this outlet's own.\n",
            encoding="utf-8",
        )
    path = folder / "library.db"
    with Library.open(path) as library:
        list(library.import_many(load_paths([folder])))
    return path


async def test_thirty_outlets_scroll_sideways_under_a_frozen_quote_column(tmp_path: Path) -> None:
    async with open_reader(thirty_outlets(tmp_path)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.query_one(CoverageGrid)
        assert len(grid.widths) == 31 and len(grid.rows) == len(screen.report.rows)
        assert [row.text[:15] for row in screen.report.rows[:2]] == ["We will rebuild", "The bridge will"]
        assert "Outlet 00" in grid.render_line(0).text and "Outlet 29" not in grid.render_line(0).text
        await pilot.press("end")  # the last outlet's column
        await pilot.pause()
        header = grid.render_line(0).text
        assert header.lstrip().startswith("Quote") and "Outlet 29" in header and "Outlet 00" not in header
        assert grid.render_line(grid.header_height).text.lstrip().startswith("We will rebuild")
        assert "Outlet 29" in str(screen.query_one("#coverage-status", Static).render())
        await pilot.press("down")  # the engineer's quote: outlet 29 does not print it
        await pilot.pause()
        assert "does not print it" in str(screen.query_one("#coverage-status", Static).render())
        await pilot.press("ctrl+end", "home")  # the last row's quote, the view back at the left
        await pilot.pause()
        assert grid.cursor == (len(grid.rows) - 1, 0) and "Outlet 00" in grid.render_line(0).text


async def test_a_click_on_a_cell_moves_the_cursor_there(sample_library: Path) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.query_one(CoverageGrid)
        quote, outlet = grid.widths[0], grid.widths[1]
        await pilot.click(CoverageGrid, offset=(quote + outlet + 2, grid.header_height + 2))
        await pilot.pause()
        assert grid.cursor == (1, 2)
        column = screen.report.articles[1]
        assert screen.report.rows[1].cells[1].article_id == column
