"""MarkedText: an article's text, wrapped, with layers of marks, drawn a line at a time.

Only the lines on screen are rendered (Line API, like Toolong's LogLines), and rendered
lines are cached, so a 5,000-word article opens and scrolls instantly. The text is always
drawn as literal characters: control characters are shown as visible stand-ins and
nothing in the article is parsed as markup. Marks come in named layers
(:mod:`newsreader.widgets.marks`, which also draws a line with them); their styles are
component classes of the hosting screen (``screens.reader.ReaderScreen``). Textual's mouse
selection is reported in body offsets (``mouse_selection_span``).

The reading cursor and the keys are :class:`~newsreader.widgets.article_view.ArticleView`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from newsreader.textlayout import Layout, display_text
from newsreader.widgets.marks import GUTTER_WIDTH, Mark, MarkLayers, draw_line
from newsreader.widgets.styling import layered_style


class MarkedText(ScrollView):
    """A scrollable, wrapped text with layers of marks."""

    overscroll: reactive[bool] = reactive(False)
    """Allow scrolling the last line to the top, so any line can be levelled with another pane."""

    def __init__(
        self, body: str = "", *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._body = body
        self._display = display_text(body)
        self._layout: Layout | None = None
        self._marks = MarkLayers()
        self._line_cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._style_cache: dict[tuple[str, ...], Style] = {}
        self._mouse_span: tuple[int, int] | None = None
        self._pending_scroll: tuple[int, int | None] | None = None

    # ------------------------------------------------------------------ content

    @property
    def body(self) -> str:
        return self._body

    def set_body(self, body: str) -> None:
        self._body = body
        self._display = display_text(body)
        self._marks.clear_all()
        self._line_cache.clear()
        self._layout = None
        self._pending_scroll = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._relayout()

    def set_marks(self, layer: str, marks: Iterable[Mark]) -> None:
        """Replace the marks of ``layer`` (see ``marks.LAYERS``; other names draw after them)."""
        self._marks.set(layer, marks)
        self._invalidate()

    def clear_marks(self, layer: str) -> None:
        if self._marks.clear(layer):
            self._invalidate()

    def marks(self, layer: str) -> Sequence[Mark]:
        return self._marks.get(layer)

    # ------------------------------------------------------------------ geometry

    @property
    def layout_lines(self) -> Layout | None:
        return self._layout

    @property
    def text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - GUTTER_WIDTH)

    def line_of(self, offset: int) -> int:
        """The visual line (0-based, from the top of the article) holding ``offset``."""
        return self._layout.line_of(offset) if self._layout else 0

    def row_of(self, offset: int) -> int:
        """Where ``offset`` is on screen: its line minus the scroll position."""
        return self.line_of(offset) - round(self.scroll_y)

    def offset_at_row(self, row: int) -> int:
        if not self._layout:
            return 0
        return self._layout.lines[min(len(self._layout) - 1, max(0, round(self.scroll_y) + row))].start

    def scroll_to_offset(self, offset: int, row: int | None = None, *, animate: bool = False) -> None:
        """Scroll so ``offset`` is on screen row ``row`` (default: a third of the way down)."""
        if self._layout is None or not self.size.height:
            self._pending_scroll = (offset, row)
            return
        if row is None:
            row = self.size.height // 3
        line = self._layout.line_of(offset)
        self.scroll_to(y=max(0, line - row), animate=animate, force=True, immediate=True)

    def scroll_offset_into_view(self, start: int, end: int | None = None) -> None:
        """Scroll as little as possible so ``start`` (and if it fits, ``end``) are on screen."""
        if self._layout is None or not self.size.height:
            self._pending_scroll = (start, None)
            return
        top = self._layout.line_of(start)
        bottom = self._layout.line_of(max(start, (end or start) - 1))
        height = self.size.height
        scroll_y = round(self.scroll_y)
        margin = 1 if height > 6 else 0
        if top < scroll_y + margin:
            target = top - margin
        elif bottom > scroll_y + height - 1 - margin:
            target = min(top - margin, bottom - height + 1 + margin)
        else:
            return
        self.scroll_to(y=max(0, target), animate=False, force=True, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.text_width:
            self._relayout()
        else:
            self._update_virtual_size()

    def _relayout(self) -> None:
        if not self.scrollable_content_region.width:
            return
        top = None
        if self._layout is not None and self._pending_scroll is None:
            top = self._layout.lines[min(len(self._layout) - 1, round(self.scroll_y))].start
        self._layout = Layout(self._display, self.text_width)
        self._update_virtual_size()
        self._invalidate()
        if self._pending_scroll is not None:
            offset, row = self._pending_scroll
            self._pending_scroll = None
            self.call_after_refresh(self.scroll_to_offset, offset, row)
        elif top is not None:
            self.scroll_to(y=self._layout.line_of(top), animate=False, force=True)

    def _update_virtual_size(self) -> None:
        lines = len(self._layout) if self._layout else 0
        extra = max(0, self.size.height - 1) if self.overscroll else 0
        self.virtual_size = Size(self.scrollable_content_region.width, lines + extra)

    def watch_overscroll(self) -> None:
        self._update_virtual_size()

    def on_mount(self) -> None:
        self._relayout()

    # ------------------------------------------------------------------ rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def _invalidate(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def _style(self, names: tuple[str, ...]) -> Style:
        """The rich style for text under marks of the given component styles, blended."""
        style = self._style_cache.get(names)
        if style is not None:
            return style
        key = names
        if "cursor" in names and any(name.startswith("group-") for name in names):
            # A shared quote keeps exactly its colour under the reading cursor, so the same
            # quote always looks the same in both panes (the gutter still shows the cursor).
            names = tuple(name for name in names if name != "cursor")
        layers = layered_style(self.screen, (f"reader--{name}" for name in names), self.background_colors[1])
        style = self.rich_style + layers.rich_style
        self._style_cache[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_index = round(self.scroll_y) + y
        if self._layout is None or line_index >= len(self._layout):
            return Strip.blank(width, self.rich_style)
        key = (line_index, width, self._marks.version)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_visual_line(line_index, width)
            self._line_cache[key] = strip
        return strip

    def _render_visual_line(self, line_index: int, width: int) -> Strip:
        assert self._layout is not None
        line = self._layout.lines[line_index]
        mouse = [Mark(*self._mouse_span, "selection")] if self._mouse_span else []
        text = self._display[line.start : line.end]
        return draw_line(
            text, line.start, line_index, width, self._marks, mouse, self.rich_style, self._style
        )

    # ------------------------------------------------------------------ mouse selection

    @property
    def mouse_selection_span(self) -> tuple[int, int] | None:
        """Text selected with the mouse (Textual's selection), as body offsets."""
        return self._mouse_span

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self._selection_to_span(selection)
        if span is None:
            return None
        return self._body[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        had = self._mouse_span is not None
        self._mouse_span = None if selection is None else self._selection_to_span(selection)
        self._invalidate()
        if had != (self._mouse_span is not None):
            self.refresh_bindings()

    def _selection_to_span(self, selection: Selection) -> tuple[int, int] | None:
        if self._layout is None:
            return None
        start = 0 if selection.start is None else self._point(selection.start.y, selection.start.x)
        end = len(self._body) if selection.end is None else self._point(selection.end.y, selection.end.x)
        if end <= start:
            return None
        return start, end

    def _point(self, line: int, column: int) -> int:
        assert self._layout is not None
        lines = self._layout.lines
        if line >= len(lines):
            return len(self._body)
        visual = lines[max(0, line)]
        return min(visual.start + max(0, column), visual.end)
