"""The single-article screen and the quote index."""

from __future__ import annotations

from newsreader.screens.article import ArticleScreen, CarrierList
from newsreader.screens.compare import CompareScreen
from newsreader.screens.quote_index import GroupList, QuoteIndexScreen, VersionList

from .conftest import open_reader, sample_file, settle


async def open_most_quoted(pilot) -> ArticleScreen:
    """From the library just opened: the article sharing the most quotes."""
    await pilot.press("s", "s")  # sort by shared quotes
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


async def test_article_shows_its_shared_quotes_and_who_else_prints_them(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        assert sample_file(app, screen.article_id) == "000"  # Reuters
        # In reading order: the staffers' letter in two stretches, Musk's post, Trump.
        assert [group.text[:24] for group in screen.groups] == [
            "We will not use our skil",
            "dismantle critical publi",
            "Subject to the discretio",
            "sort of semi-fired",
        ]
        assert len(screen.view.marks("quote")) >= len(screen.groups)
        await pilot.press("n")
        await pilot.pause()
        assert screen.selected == 0
        group = screen.groups[0]
        carriers = screen.query_one(CarrierList)
        ids = [carriers.get_option_at_index(i).id for i in range(carriers.option_count)]
        assert [sample_file(app, article_id) for article_id in ids] == ["003"]  # the letter, whole
        piece = group.members_of(screen.article_id)[0]
        assert 0 <= screen.view.row_of(piece.start) < screen.view.size.height
        await pilot.press("n", "p")
        await pilot.pause()
        assert screen.selected == 0


async def test_enter_on_a_carrier_compares_at_that_quote(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("n")
        await pilot.pause()
        group = screen.groups[screen.selected]
        other = screen.query_one(CarrierList).highlighted_option.id
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.ids == {"left": screen.article_id, "right": other}
        assert compare.comparison.shared[compare.selected].group.id == group.id
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("tab")  # to the list of other articles
        assert isinstance(app.focused, CarrierList)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)


async def test_reading_cursor_moves_by_sentence_and_paragraph(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_most_quoted(pilot)
        view = screen.view
        await pilot.press("j")
        first = view.cursor_index
        await pilot.press("j", "j")
        assert view.cursor_index == first + 2
        await pilot.press("k")
        assert view.cursor_index == first + 1
        await pilot.press("right_curly_bracket")
        span = view.cursor_span
        assert any(p.start == span.start for p in view.paragraph_spans)
        assert [m.style for m in view.marks("cursor")] == ["cursor"]


async def test_quote_index_lists_groups_by_reach_with_every_wording(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("Q")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteIndexScreen)
        sizes = [group.size for group in screen.groups]
        assert sizes == [3, 3, 3, 2, 2, 2]  # the six quotes of tests/test_quotes.py, widest first
        groups = screen.query_one(GroupList)
        assert groups.option_count == len(screen.groups)
        versions = screen.query_one(VersionList)
        assert versions.option_count == screen.groups[0].size
        await pilot.press("j")
        await pilot.pause()
        assert versions.option_count == screen.groups[1].size
        group = screen.groups[1]
        await pilot.press("enter")  # to the versions
        assert app.focused is versions
        await pilot.press("enter")  # compare this version
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.ids["left"] == screen.versions[0].article_id
        assert compare.comparison.shared[compare.selected].group.id == group.id
