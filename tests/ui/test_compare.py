"""The compare screen: matching colours, differing words, walking in step, swap, narrow."""

from __future__ import annotations

from rich.segment import Segment

from newsreader.app import NewsreaderApp
from newsreader.screens.compare import CompareScreen
from newsreader.screens.library import LibraryScreen
from newsreader.screens.quote_index import QuoteIndexScreen
from newsreader.widgets.article_view import ArticleView

from .conftest import open_reader, settle


async def open_compare(pilot) -> CompareScreen:
    """From the library just opened: ``c``, the first article and its best partner."""
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def screen_row(view: ArticleView, offset: int) -> int:
    """The terminal row showing body character ``offset``."""
    return view.content_region.y + view.row_of(offset)


def segment_at(view: ArticleView, offset: int) -> Segment:
    """The rendered segment showing body character ``offset`` (which must be on screen)."""
    row = view.row_of(offset)
    assert 0 <= row < view.size.height
    line = view.layout_lines.lines[view.line_of(offset)]
    column = 2 + offset - line.start  # after the gutter
    position = 0
    for segment in view.render_line(row):
        if position <= column < position + len(segment.text):
            return segment
        position += len(segment.text)
    raise AssertionError("offset not rendered")


async def test_shared_quotes_are_highlighted_in_the_same_colour_on_both_sides(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_compare(pilot)
        comparison = screen.comparison
        assert comparison is not None and len(comparison.shared) >= 2
        backgrounds = set()
        for _ in comparison.shared:
            await pilot.press("n")
            await pilot.pause()
            quote = comparison.shared[screen.selected]
            left = segment_at(screen.view("left"), quote.left.start + 1)
            right = segment_at(screen.view("right"), quote.right.start + 1)
            assert left.style.bgcolor == right.style.bgcolor
            assert left.style.bgcolor != screen.view("left").rich_style.bgcolor
            backgrounds.add(left.style.bgcolor)
        assert len(backgrounds) == len(comparison.shared)  # one colour per quote


async def test_n_and_p_walk_the_quotes_in_step(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_compare(pilot)
        comparison = screen.comparison
        left, right = screen.view("left"), screen.view("right")
        seen = []
        for _ in range(len(comparison.shared)):
            await pilot.press("n")
            await pilot.pause()
            quote = comparison.shared[screen.selected]
            seen.append(screen.selected)
            assert screen_row(left, quote.left.start) == screen_row(right, quote.right.start)
            assert 0 <= left.row_of(quote.left.start) < left.size.height
            assert f"quote {screen.selected + 1}/{len(comparison.shared)}" in str(
                screen.query_one("#compare-status").render()
            )
        assert seen == list(comparison.order("left"))
        await pilot.press("p")
        await pilot.pause()
        assert screen.selected == seen[-2]
        quote = comparison.shared[screen.selected]
        assert screen_row(left, quote.left.start) == screen_row(right, quote.right.start)


async def test_tab_switches_panes_and_n_follows_the_focused_pane(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_compare(pilot)
        assert screen.focused_side == "left"
        await pilot.press("tab")
        assert screen.focused_side == "right"
        assert app.focused is screen.view("right")
        await pilot.press("n")
        await pilot.pause()
        assert screen.selected == screen.comparison.order("right")[0]
        quote = screen.comparison.shared[screen.selected]
        assert screen_row(screen.view("left"), quote.left.start) == screen_row(
            screen.view("right"), quote.right.start
        )
        await pilot.press("tab")
        assert screen.focused_side == "left"


async def test_status_line_counts_quotes(sample_library) -> None:
    """Reuters (left) against 003: they share Musk's post, Trump's "sort of semi-fired"
    and the staffers' letter, in two stretches (its last words are printed by a third
    outlet too); everything Reuters quotes is shared, 003 quotes much more on its own."""
    async with open_reader(sample_library) as pilot:
        screen = await open_compare(pilot)
        assert screen.pane("left").article.source == "Reuters"
        assert screen.pane("right").article.path.endswith("003_1751e33a81287b7f.txt")

        def status() -> str:
            return str(screen.query_one("#compare-status").render())

        assert status().startswith("4 shared quotes · 0 only left · 23 only right")
        await pilot.press("n")
        await pilot.pause()
        assert "quote 1/4 · the employees · “We will not use our skills as technologists" in status()


async def test_x_swaps_the_panes_and_keeps_the_quote(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_compare(pilot)
        before = dict(screen.ids)
        await pilot.press("n")
        await pilot.pause()
        group = screen.comparison.shared[screen.selected].group.id
        await pilot.press("x")
        await settle(pilot)
        assert screen.ids == {"left": before["right"], "right": before["left"]}
        assert screen.pane("left").article.id == before["right"]
        assert screen.comparison.left_id == before["right"]
        assert screen.comparison.shared[screen.selected].group.id == group
        quote = screen.comparison.shared[screen.selected]
        assert screen_row(screen.view("left"), quote.left.start) == screen_row(
            screen.view("right"), quote.right.start
        )


async def test_differing_words_and_unshared_quotes_are_marked(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        screen = await open_compare(pilot)
        comparison = screen.comparison
        # Reuters quotes nothing 003 does not; 003 quotes 23 passages on its own.
        assert len(screen.view("left").marks("quiet")) == 0
        assert len(screen.view("right").marks("quiet")) == 23
        for side in ("left", "right"):
            view = screen.view(side)
            quiet = comparison.only_left if side == "left" else comparison.only_right
            assert [(m.start, m.end) for m in view.marks("quiet")] == list(quiet)
            diffs = [span for quote in comparison.shared for span in quote.diffs(side)]
            assert [(m.start, m.end) for m in view.marks("diff")] == sorted(diffs)
            assert {m.style for m in view.marks("quote")} == {f"group-{q.colour}" for q in comparison.shared}


async def test_escape_goes_back_and_Q_opens_the_index_at_the_quote(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_compare(pilot)
        await pilot.press("n")
        await pilot.pause()
        group = screen.comparison.shared[screen.selected].group.id
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, QuoteIndexScreen)
        assert app.screen.query_one("#groups").highlighted_option.id == group
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_narrow_terminal_stacks_the_panes(sample_library) -> None:
    async with open_reader(sample_library, size=(90, 40)) as pilot:
        screen = await open_compare(pilot)
        assert screen.has_class("-narrow")
        left, right = screen.pane("left").region, screen.pane("right").region
        assert left.x == right.x and right.y >= left.bottom
        assert left.width > 80
        await pilot.press("n")
        await pilot.pause()
        quote = screen.comparison.shared[screen.selected]
        assert screen.view("left").row_of(quote.left.start) == screen.view("right").row_of(quote.right.start)


async def test_compare_works_before_quotes_are_indexed(sample_library) -> None:
    app = NewsreaderApp(sample_library, index_quotes=False)
    async with open_reader(app) as pilot:
        await pilot.press("space", "space", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "Indexing" in str(screen.query_one("#compare-status").render())
        await pilot.press("n")  # nothing to walk yet: no crash
        app.index_quotes()
        await settle(pilot)
        assert screen.comparison is not None


async def test_keys_sent_in_a_burst_do_not_break_opening(sample_library) -> None:
    from textual import events

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        for key in ("c", "n", "tab", "n", "x"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        app.post_message(events.Key("escape", None))
        for key in ("enter", "n", "n", "enter"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert isinstance(app.screen, (CompareScreen,)) or app.screen.__class__.__name__ == "ArticleScreen"


async def test_n_pressed_in_a_burst_walks_every_step(sample_library) -> None:
    """Three n's at once (key repeat, a script) select the third quote: the cursor reports
    of the first two arrive late and must not pull the selection back."""
    from textual import events

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_compare(pilot)
        for _ in range(3):
            app.post_message(events.Key("n", "n"))
        await settle(pilot)
        assert screen.selected == screen.comparison.order("left")[2]
        quote = screen.comparison.shared[screen.selected]
        assert screen_row(screen.view("left"), quote.left.start) == screen_row(
            screen.view("right"), quote.right.start
        )
