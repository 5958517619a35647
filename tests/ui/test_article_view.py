"""ArticleView's contract, which the annotation UI builds on: sentence cursor, selection by
sentence, mouse selection in body offsets, layers of marks, offsets ↔ screen rows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.selection import Selection

from newsreader.resources import styles_path
from newsreader.screens.reader import ReaderScreen
from newsreader.widgets.article_view import ArticleView, Mark

BODY = (
    "First sentence here. Second one follows! Third asks a question?\n\n"
    "New paragraph starts. It has two sentences."
    + "".join(f"\n\nParagraph {i} has some words in it. And another sentence." for i in range(40))
)


class ViewScreen(ReaderScreen):
    def compose(self) -> ComposeResult:
        yield ArticleView(BODY)


class ViewApp(App[None]):
    CSS_PATH = [styles_path() / "app.tcss", styles_path() / "reader.tcss"]

    def __init__(self) -> None:
        super().__init__()
        self.moves: list[tuple[int, int] | None] = []

    def on_mount(self) -> None:
        self.push_screen(ViewScreen())

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.moves.append(None if event.span is None else (event.span.start, event.span.end))


async def test_cursor_moves_by_sentence_and_paragraph_and_reports_it() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.press("j")  # the first press puts the cursor on the first sentence on screen
        assert BODY[view.cursor_span.start : view.cursor_span.end] == "First sentence here."
        await pilot.press("j", "j")
        assert BODY[view.cursor_span.start : view.cursor_span.end] == "Third asks a question?"
        await pilot.press("right_curly_bracket")
        assert BODY[view.cursor_span.start :].startswith("New paragraph starts.")
        await pilot.press("left_curly_bracket")
        assert view.cursor_span.start == 0
        await pilot.pause()
        assert app.moves[-1] == (view.cursor_span.start, view.cursor_span.end)
        await pilot.press("G")
        assert view.cursor_index == len(view.sentence_spans) - 1
        assert 0 <= view.row_of(view.cursor_span.start) < view.size.height


async def test_selection_extends_by_sentence_and_cancels() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.press("j")
        view.start_selection()
        await pilot.press("j", "j")
        span = view.selection_span
        assert BODY[span.start : span.end] == (
            "First sentence here. Second one follows! Third asks a question?"
        )
        assert [m.style for m in view.marks("selection")] == ["selection"]
        await pilot.press("k", "k", "k")  # before the anchor: still anchored at the first
        assert view.selection_span.start == 0
        assert view.cancel_selection() is True
        assert view.selection_span is None and not view.marks("selection")


async def test_mouse_selection_maps_to_body_offsets() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        start = BODY.index("Second")
        line = view.line_of(start)
        column = start - view.layout_lines.lines[line].start
        selection = Selection(Offset(column, line), Offset(column + len("Second one"), line))
        text, _ = view.get_selection(selection)
        assert text == "Second one"
        view.selection_updated(selection)
        assert view.mouse_selection_span == (start, start + len("Second one"))


async def test_annotation_layer_draws_combined_with_quotes() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        start = BODY.index("Second")
        view.set_marks("quote", [Mark(start, start + 20, "group-0")])
        view.set_marks("annotation", [Mark(start + 7, start + 10, "annotation")])
        await pilot.pause()
        strip = view.render_line(view.row_of(start))
        styles = {segment.text: segment.style for segment in strip if segment.text.strip()}
        quote_only = styles["Second "]
        both = styles["one"]
        assert quote_only.bgcolor == both.bgcolor  # the quote's colour is kept…
        assert both.underline and not quote_only.underline  # …and the annotation added
        assert strip.text.startswith("▌ ")  # the gutter marks an annotated line
        view.clear_marks("annotation")
        assert not view.marks("annotation")


async def test_scroll_to_offset_puts_it_on_the_requested_row() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        target = BODY.index("Paragraph 30")
        view.scroll_to_offset(target, 4)
        await pilot.pause()
        assert view.row_of(target) == 4
        assert view.offset_at_row(4) <= target
