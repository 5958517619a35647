"""A wide table drawn a line at a time (Textual's Line API), for the coverage screen.

Only the cells in view are rendered, each when its line is drawn, so a story printed by
thirty outlets opens as fast as one printed by five (a DataTable renders every column of
every line it draws). The first column and the header stay put while the rest scrolls;
a cell cursor moves with the keys or the mouse and says where it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1
"""Blank cells each side of a cell's text."""


class Line(NamedTuple):
    """One line of a cell: its text (already safe to show) and its own style."""

    text: str
    style: Style = Style()


Cell = tuple[Line, ...]


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class CoverageGrid(ScrollView, can_focus=True):
    """Rows of cells under a header of column titles; the first column is frozen."""

    COMPONENT_CLASSES = {
        "coverage-grid--header",
        "coverage-grid--fixed",
        "coverage-grid--even-row",
        "coverage-grid--cursor",
    }
    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False, id="coverage.up"),
        Binding("down", "move(1, 0)", "Down", show=False, id="coverage.down"),
        Binding("left", "move(0, -1)", "Left", show=False, id="coverage.left"),
        Binding("right", "move(0, 1)", "Right", show=False, id="coverage.right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="coverage.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="coverage.page-down"),
        Binding("home", "edge(0, -1)", "First column", show=False, id="coverage.home"),
        Binding("end", "edge(0, 1)", "Last column", show=False, id="coverage.end"),
        Binding("ctrl+home", "edge(-1, 0)", "First row", show=False, id="coverage.top"),
        Binding("ctrl+end", "edge(1, 0)", "Last row", show=False, id="coverage.bottom"),
    ]

    class CellHighlighted(Message):
        """The cursor moved to ``row``, ``column`` (column 0 is the frozen one)."""

        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row = row
            self.column = column

    cursor: reactive[tuple[int, int]] = reactive((0, 0), always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths: list[int] = []
        self.header: list[Cell] = []
        self.header_height = 0
        self.rows: list[list[Cell]] = []
        self._starts: list[int] = []
        """The x where each column starts, in the scrolled part (the first column's is 0)."""
        self._lines: list[tuple[int, int]] = []
        """(row, line within the row) of each line below the header."""

    def show(self, widths: Sequence[int], header: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> None:
        """Show ``rows`` of cells (a row is as tall as its tallest cell) under ``header``,
        column ``n`` being ``widths[n]`` cells wide plus the padding."""
        self.widths = [width + 2 * PADDING for width in widths]
        self.header = list(header)
        self.header_height = max((len(cell) for cell in self.header), default=0)
        self.rows = [list(row) for row in rows]
        self._starts = [0]
        for width in self.widths[1:]:
            self._starts.append(self._starts[-1] + width)
        self._lines = [
            (number, line)
            for number, row in enumerate(self.rows)
            for line in range(max(map(len, row), default=1))
        ]
        self.virtual_size = Size(self.widths[0] + self._starts[-1], self.header_height + len(self._lines))
        self.cursor = (0, 0)
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.header_height:
            return self._line(
                self.header, y, -1, self.get_component_rich_style("coverage-grid--header"), width
            )
        at = y - self.header_height + self.scroll_offset.y
        if not 0 <= at < len(self._lines):
            return Strip.blank(width, self.rich_style)
        row, line = self._lines[at]
        base = self.rich_style
        if row % 2:
            base += self.get_component_rich_style("coverage-grid--even-row")
        return self._line(self.rows[row], line, row, base, width)

    def _line(self, cells: Sequence[Cell], line: int, row: int, base: Style, width: int) -> Strip:
        """One line of a row (``row`` -1 is the header): the frozen column, then the
        columns in view from the horizontal scroll on, cut to the width."""
        fixed = base if row < 0 else base + self.get_component_rich_style("coverage-grid--fixed")
        left = self.scroll_offset.x
        right = left + max(0, width - self.widths[0])
        shown = [
            column
            for column in range(1, len(self.widths))
            if self._starts[column - 1] < right and self._starts[column] > left
        ]
        scrolled = Strip([self._cell(cells, column, line, base, row) for column in shown])
        origin = self._starts[shown[0] - 1] if shown else left
        segments = [self._cell(cells, 0, line, fixed, row), *scrolled.crop(left - origin, right - origin)]
        return Strip(segments).adjust_cell_length(width, base)

    def _cell(self, cells: Sequence[Cell], column: int, line: int, base: Style, row: int) -> Segment:
        """One line of one cell, padded; it carries its place for the mouse."""
        cell = cells[column] if column < len(cells) else ()
        text = cell[line] if line < len(cell) else Line("")
        style = base + text.style
        if row >= 0 and (row, column) == self.cursor:
            style += self.get_component_rich_style("coverage-grid--cursor")
        pad = " " * PADDING
        return Segment(
            pad + fit(text.text, self.widths[column] - 2 * PADDING) + pad,
            style + Style.from_meta({"row": row, "column": column}),
        )

    # ------------------------------------------------------------------ the cursor

    def validate_cursor(self, cursor: tuple[int, int]) -> tuple[int, int]:
        row, column = cursor
        return (
            max(0, min(row, len(self.rows) - 1)),
            max(0, min(column, len(self.widths) - 1)),
        )

    def watch_cursor(self, cursor: tuple[int, int]) -> None:
        self._keep_in_view(*cursor)
        self.refresh()
        if self.rows:
            self.post_message(self.CellHighlighted(*cursor))

    def action_move(self, rows: int, columns: int) -> None:
        row, column = self.cursor
        self.cursor = (row + rows, column + columns)

    def action_edge(self, rows: int, columns: int) -> None:
        """To the first (-1) or last (1) row or column; 0 leaves that one as it is."""
        row, column = self.cursor
        last_row, last_column = len(self.rows) - 1, len(self.widths) - 1
        self.cursor = (
            row if not rows else 0 if rows < 0 else last_row,
            column if not columns else 0 if columns < 0 else last_column,
        )

    def action_page(self, pages: int) -> None:
        """A screenful of lines up or down (rows may be two lines tall)."""
        if not self.rows:
            return
        row, column = self.cursor
        height = max(1, self.scrollable_content_region.height - self.header_height)
        at = max(0, min(self._first_line(row) + pages * height, len(self._lines) - 1))
        self.cursor = (self._lines[at][0], column)

    def _first_line(self, row: int) -> int:
        return next(at for at, (number, _) in enumerate(self._lines) if number == row)

    def _keep_in_view(self, row: int, column: int) -> None:
        if not self.rows:
            return
        top = self._first_line(row)
        bottom = top + max(map(len, self.rows[row]), default=1)
        visible = max(1, self.scrollable_content_region.height - self.header_height)
        y = min(max(self.scroll_offset.y, bottom - visible), top)
        x = 0  # the frozen column: the view back at the first columns
        if column > 0:
            start, end = self._starts[column - 1], self._starts[column]
            shown = max(1, self.scrollable_content_region.width - self.widths[0])
            x = min(max(self.scroll_offset.x, end - shown), start)
        self.scroll_to(x, y, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a cell puts the cursor there."""
        row, column = event.style.meta.get("row", -1), event.style.meta.get("column", -1)
        if row >= 0 and column >= 0:
            self.cursor = (row, column)
