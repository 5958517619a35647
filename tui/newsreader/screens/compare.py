"""The compare screen: two articles side by side, shared quotes in matching colours and
shared passages (wire copy) marked apart."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, Static

from newsreader.comparison import Comparison, level_rows, quotation_spans
from newsreader.screens.reader import ANNOTATION_BINDINGS, EDIT_BINDING, ReaderScreen
from newsreader.textlayout import clip, one_line
from newsreader.widgets.article_pane import ArticlePane
from newsreader.widgets.article_view import ArticleView
from newsreader.widgets.marks import MARK_LEGEND, Mark

SIDES = ("left", "right")


def other(side: str) -> str:
    return "right" if side == "left" else "left"


class CompareScreen(ReaderScreen):
    BINDING_GROUP_TITLE = "Compare"
    AUTO_FOCUS = "#left .pane-text"

    BINDINGS = [
        Binding("n", "next_quote", "Next quote", id="compare.next_quote"),
        Binding("p", "previous_quote", "Previous quote", id="compare.previous_quote"),
        Binding("w", "next_passage", "Next passage", id="compare.next_passage"),
        Binding("W", "previous_passage", "Previous passage", show=False, id="compare.previous_passage"),
        Binding("tab", "switch_pane", "Switch pane", id="compare.switch_pane"),
        Binding("x", "swap", "Swap", id="compare.swap"),
        Binding("Q", "quote_index", "Quote index", id="compare.quote_index"),
        EDIT_BINDING,
        *ANNOTATION_BINDINGS,
        Binding("escape,q", "back", "Back", id="compare.back"),
    ]

    selected: reactive[int | None] = reactive(None, init=False, always_update=True)
    """The shared quote selected (into ``comparison.shared``, kept in range by
    ``validate_selected``); its watcher draws the focus and the status line."""

    def __init__(self, left_id: str = "", right_id: str = "", *, group_id: str | None = None) -> None:
        super().__init__()
        self.ids = {"left": left_id, "right": right_id}
        self.initial_group = group_id
        self.comparison: Comparison | None = None
        self.selected_passage: int | None = None
        self._quotations: dict[str, tuple[tuple[int, int], ...]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticlePane(id="left", classes="pane")
            yield ArticlePane(id="right", classes="pane")
        yield Static(id="compare-status", classes="status")
        yield Footer()

    def pane(self, side: str) -> ArticlePane:
        return self.query_one(f"#{side}", ArticlePane)

    def view(self, side: str) -> ArticleView:
        return self.pane(side).view

    @property
    def focused_side(self) -> str:
        right = self.view("right")
        return "right" if self.focused is right else "left"

    # ------------------------------------------------------------------ loading

    def show_pair(self, left_id: str, right_id: str, *, group_id: str | None = None) -> None:
        """Compare another pair. The app keeps one compare screen and reuses it: building a
        screen's widgets costs more than everything else that opening a comparison does."""
        self.ids = {"left": left_id, "right": right_id}
        self.initial_group = group_id
        self.comparison = None
        self.set_reactive(CompareScreen.selected, None)  # the panes are drawn anew next
        self.selected_passage = None
        if self.is_mounted:
            self._open()

    def on_mount(self) -> None:
        for side in SIDES:
            self.view(side).overscroll = True
        self.app.quotes_changed.subscribe(self, lambda model: self._compare())
        self._open()

    def _open(self) -> None:
        if not self.ids["left"]:
            return  # built ahead of time, nothing to show yet
        self._load()
        self.set_focus(self.view("left"))
        if self.app.quotes is None:
            self.set_status("Indexing quotes… the highlights appear when it is done.")
        else:
            self._compare()

    def _load(self) -> None:
        library = self.app.library
        for side in SIDES:
            article = library.article(self.ids[side])
            if article is None:
                self.notify("That article is no longer in the library.", severity="error")
                self.app.pop_screen()
                return
            self.pane(side).show(article)
            self._quotations[side] = quotation_spans(article.body)
        self.load_annotations()

    def _compare(self) -> None:
        quotes = self.app.quotes
        if quotes is None or not self._quotations:
            return
        self.comparison = quotes.compare(
            self.ids["left"], self.ids["right"], self._quotations["left"], self._quotations["right"]
        )
        self.set_reactive(CompareScreen.selected, None)  # drawn with the marks, next
        self.selected_passage = None
        self._draw_marks()
        if self.initial_group is not None:
            index = next(
                (i for i, q in enumerate(self.comparison.shared) if q.group.id == self.initial_group), None
            )
            self.initial_group = None
            if index is not None:
                self.call_after_refresh(self.select, index, "left")
        self._update_status()

    def _draw_marks(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        for side in SIDES:
            view = self.view(side)
            view.set_marks(
                "quote",
                [
                    Mark(piece.start, piece.end, f"group-{quote.colour}")
                    for quote in comparison.shared
                    for piece in quote.pieces(side)
                ],
            )
            only = comparison.only_left if side == "left" else comparison.only_right
            view.set_marks("quiet", [Mark(start, end, "quiet") for start, end in only])
            view.set_marks(
                "passage",
                [
                    Mark(piece.start, piece.end, "passage")
                    for passage in comparison.passages
                    for piece in passage.pieces(side)
                ],
            )
            view.set_marks(
                "diff",
                [
                    Mark(start, end, "diff")
                    for start, end in (
                        span for item in comparison.shared + comparison.passages for span in item.diffs(side)
                    )
                ],
            )
        self._draw_focus()

    def _draw_focus(self) -> None:
        comparison = self.comparison
        for side in SIDES:
            view = self.view(side)
            if comparison is None or self.selected is None:
                view.clear_marks("focus")
            else:
                quote = comparison.shared[self.selected]
                view.set_marks("focus", [Mark(p.start, p.end, "focus") for p in quote.pieces(side)])

    # ------------------------------------------------------------------ status

    def _update_status(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        detail = ""
        if self.selected is not None:
            quote = comparison.shared[self.selected]
            speaker = one_line(quote.group.speaker) or "unattributed"
            wording = clip(one_line(quote.group.text), 70)
            detail = f"quote {self.selected + 1}/{len(comparison.shared)} · {speaker} · “{wording}”" + (
                " · wording differs" if quote.differs else ""
            )
        else:
            detail = MARK_LEGEND
        self.set_status(comparison.status, detail)

    # ------------------------------------------------------------------ selecting

    def validate_selected(self, index: int | None) -> int | None:
        shared = self.comparison.shared if self.comparison is not None else ()
        if index is None or not shared:
            return None
        return min(max(index, 0), len(shared) - 1)

    def watch_selected(self) -> None:
        self._draw_focus()
        self._update_status()

    def select(self, index: int, side: str | None = None) -> None:
        """Select shared quote ``index``; scroll ``side``'s pane to it and level the other."""
        comparison = self.comparison
        if comparison is None or not comparison.shared:
            return
        side = side or self.focused_side
        self.selected = index
        quote = comparison.shared[self.selected]
        here, there = self.view(side), self.view(other(side))
        mine, theirs = quote.side(side), quote.side(other(side))
        side_by_side = not self.has_class("-narrow")
        here_row, there_row = level_rows(
            here.line_of(mine.start),
            there.line_of(theirs.start),
            here.size.height,
            here.content_region.y if side_by_side else 0,
            there.content_region.y if side_by_side else 0,
        )
        here.scroll_to_offset(mine.start, here_row)
        there.scroll_to_offset(theirs.start, there_row)
        here.set_cursor_at(mine.start, scroll=False)
        there.set_cursor_at(theirs.start, scroll=False)

    def step_quote(self, delta: int) -> None:
        comparison = self.comparison
        if comparison is None:
            self.notify("Quotes are still being indexed.", timeout=2)
            return
        if not comparison.shared:
            self.notify("These two articles share no quotes.", timeout=2)
            return
        side = self.focused_side
        view = self.view(side)
        span = view.cursor_span
        offset = span.start if span is not None else view.offset_at_row(0)
        index = comparison.step(side, self.selected, delta, offset)
        if index is not None:
            self.select(index, side)

    def step_passage(self, delta: int) -> None:
        """Bring the next (or previous) shared passage into view in both panes."""
        comparison = self.comparison
        if comparison is None:
            self.notify("Quotes are still being indexed.", timeout=2)
            return
        if not comparison.passages:
            self.notify("These two articles share no passage outside quotation marks.", timeout=2)
            return
        side = self.focused_side
        here, there = self.view(side), self.view(other(side))
        span = here.cursor_span
        offset = span.start if span is not None else here.offset_at_row(0)
        index = comparison.step(side, self.selected_passage, delta, offset, "passage")
        if index is None:
            return
        self.selected_passage = index
        passage = comparison.passages[index]
        mine, theirs = passage.side(side), passage.side(other(side))
        here_row, there_row = level_rows(
            here.line_of(mine.start), there.line_of(theirs.start), here.size.height
        )
        here.scroll_to_offset(mine.start, here_row)
        there.scroll_to_offset(theirs.start, there_row)
        here.set_cursor_at(mine.start, scroll=False)
        there.set_cursor_at(theirs.start, scroll=False)
        count = len(comparison.passages)
        wording = clip(one_line(passage.group.text), 70)
        self.set_status(
            comparison.status,
            f"passage {index + 1}/{count} · “{wording}”" + (" · wording differs" if passage.differs else ""),
        )

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        """Moving the reading cursor onto a shared quote selects it (without scrolling)."""
        comparison = self.comparison
        if comparison is None or event.span is None or event.span != event.view.cursor_span:
            return  # no cursor, or a stale report (the cursor moved again since: n n n)
        side = "right" if event.view is self.view("right") else "left"
        if self.selected is not None and any(
            p.start < event.span.end and event.span.start < p.end
            for p in comparison.shared[self.selected].pieces(side)
        ):
            return  # the selected quote is in this sentence: keep it
        index = comparison.at_offset(side, event.span.start, event.span.end)
        if index is not None and index != self.selected:
            self.selected = index

    # ------------------------------------------------------------------ actions

    def action_next_passage(self) -> None:
        self.step_passage(1)

    def action_previous_passage(self) -> None:
        self.step_passage(-1)

    def action_switch_pane(self) -> None:
        # At once (not after a refresh), so keys right after tab act on the new pane.
        self.set_focus(self.view(other(self.focused_side)))

    def action_swap(self) -> None:
        side = self.focused_side
        group = None
        if self.comparison is not None and self.selected is not None:
            group = self.comparison.shared[self.selected].group.id
        self.ids = {"left": self.ids["right"], "right": self.ids["left"]}
        self._load()
        if self.comparison is not None:
            self.comparison = self.comparison.swapped()
            self.set_reactive(CompareScreen.selected, None)  # drawn with the marks, next
            self.selected_passage = None
            self._draw_marks()
            self._update_status()
            if group is not None:
                index = next(i for i, q in enumerate(self.comparison.shared) if q.group.id == group)
                self.call_after_refresh(self.select, index, side)
        self.set_focus(self.view(side))

    def action_quote_index(self) -> None:
        group = None
        if self.comparison is not None and self.selected is not None:
            group = self.comparison.shared[self.selected].group.id
        self.app.open_quote_index(group)

    def action_back(self) -> None:
        self.app.pop_screen()
