"""ArticleView: one article's text, wrapped, with layers of marks, drawn a line at a time.

Only the lines on screen are rendered (Line API, like Toolong's LogLines), and rendered
lines are cached, so a 5,000-word article opens and scrolls instantly. The text is always
drawn as literal characters: control characters are shown as visible stand-ins and
nothing in the article is parsed as markup.

Marks come in named layers (quiet quotes, shared passages, shared quotes, differing words,
search hits, annotations, the selected quote, the selection, the reading cursor); each mark names a
style (``reader--<style>``) whose look lives in ``styles/reader.tcss``.
Layers drawn later win where they set the same attribute.

Hooks for the annotation UI:

* the **reading cursor** is a sentence (``cursor_span``), moved with ``j``/``k`` and
  ``{``/``}``; a ``CursorMoved`` message reports it;
* a **selection** from the cursor (``start_selection`` … ``selection_span``) extends by
  sentence; Textual's mouse selection is reported in body offsets by ``mouse_selection_span``;
* **annotation marks** go in the ``annotation`` layer (``set_marks("annotation", …)``).

Mark styles are component classes of the hosting screen (``screens.reader.ReaderScreen``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from newsreader.textlayout import Layout, Span, display_text, paragraphs, sentences, span_index_at
from newsreader.widgets.styling import layered_style

GROUP_COLOURS = 8
"""Quote groups cycle through this many colours (``reader--group-0`` … ``-7``)."""

LAYERS = ("quiet", "passage", "quote", "annotation", "diff", "hit", "focus", "selection", "cursor")
GUTTER = {"passage": "gutter-passage", "cursor": "gutter", "annotation": "annotation", "focus": "gutter-mark"}
"""Layers that also draw a bar in the gutter beside the lines they touch, and the style of
the bar; where several touch a line, the last in this order wins."""
_GUTTER_RANK = {layer: rank for rank, layer in enumerate(GUTTER)}
_NO_UNDERLINE = Style(underline=False)
GUTTER_WIDTH = 2

MARK_STYLES = (
    *(f"group-{index}" for index in range(GROUP_COLOURS)),
    "quiet",
    "passage",
    "diff",
    "hit",
    "focus",
    "annotation",
    "cursor",
    "selection",
    "gutter",
    "gutter-mark",
    "gutter-passage",
)
"""Every style a mark can name. They are component classes (``reader--<style>``) of the
screen showing the views (``screens.reader.ReaderScreen``), declared once per screen rather
than per view: Textual resolves component classes each time a node is styled, and two panes
of twenty classes each made opening the compare screen measurably slower."""

MARK_LEGEND = (
    "colour: shared quote (n/p) · italic, bar: shared passage (w/W) · "
    "reversed: words differ · green underline: your note"
)
"""What the marks mean, for the status line of the screens that draw them."""


class Mark(NamedTuple):
    """``body[start:end]`` drawn with the screen's component class ``reader--<style>``."""

    start: int
    end: int
    style: str


class ArticleView(ScrollView, can_focus=True):
    """A scrollable, wrapped article with marks, a sentence cursor and a selection."""

    BINDING_GROUP_TITLE = "Reading"

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next sentence", show=False, id="reader.sentence_down"),
        Binding("k,up", "cursor_up", "Previous sentence", show=False, id="reader.sentence_up"),
        Binding("}", "paragraph_down", "Next paragraph", show=False, id="reader.paragraph_down"),
        Binding("{", "paragraph_up", "Previous paragraph", show=False, id="reader.paragraph_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("home,g", "top", "Top", show=False, id="reader.top"),
        Binding("end,G", "bottom", "Bottom", show=False, id="reader.bottom"),
        # Only while there is a selection (see check_action); otherwise escape reaches
        # the screen, which goes back.
        Binding("escape", "cancel_selection", "Cancel selection", id="reader.cancel_selection"),
    ]

    class CursorMoved(Message):
        """The reading cursor moved to another sentence."""

        def __init__(self, view: ArticleView, span: Span | None) -> None:
            super().__init__()
            self.view = view
            self.span = span

        @property
        def control(self) -> ArticleView:
            return self.view

    show_cursor: reactive[bool] = reactive(True)
    overscroll: reactive[bool] = reactive(False)
    """Allow scrolling the last line to the top, so any line can be levelled with another pane."""

    def __init__(
        self, body: str = "", *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._body = body
        self._display = display_text(body)
        self._layout: Layout | None = None
        self._layers: dict[str, list[Mark]] = {}
        self._version = 0
        self._line_cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._style_cache: dict[tuple[str, ...], Style] = {}
        self._layer_order: tuple[int, list[tuple[str, list[Mark]]]] | None = None
        self._sentences: list[Span] | None = None
        self._paragraphs: list[Span] | None = None
        self._cursor: int | None = None
        self._anchor: int | None = None
        self._mouse_span: tuple[int, int] | None = None
        self._pending_scroll: tuple[int, int | None] | None = None

    # ------------------------------------------------------------------ content

    @property
    def body(self) -> str:
        return self._body

    def set_body(self, body: str) -> None:
        self._body = body
        self._display = display_text(body)
        self._sentences = self._paragraphs = None
        self._cursor = self._anchor = None
        self._layers.clear()
        self._version += 1
        self._line_cache.clear()
        self._layout = None
        self._pending_scroll = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._relayout()

    def set_marks(self, layer: str, marks: Iterable[Mark]) -> None:
        """Replace the marks of ``layer`` (see ``LAYERS``; other names draw after them)."""
        self._layers[layer] = sorted(marks)
        self._invalidate()

    def clear_marks(self, layer: str) -> None:
        if self._layers.pop(layer, None) is not None:
            self._invalidate()

    def marks(self, layer: str) -> Sequence[Mark]:
        return self._layers.get(layer, ())

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
        self._version += 1
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

    def _ordered_layers(self) -> list[tuple[str, list[Mark]]]:
        if self._layer_order is None or self._layer_order[0] != self._version:
            order = {name: index for index, name in enumerate(LAYERS)}
            layers = [(name, marks) for name, marks in self._layers.items() if marks]
            layers.sort(key=lambda item: order.get(item[0], len(LAYERS)))
            self._layer_order = (self._version, layers)
        return self._layer_order[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_index = round(self.scroll_y) + y
        if self._layout is None or line_index >= len(self._layout):
            return Strip.blank(width, self.rich_style)
        key = (line_index, width, self._version)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_visual_line(line_index, width)
            self._line_cache[key] = strip
        return strip

    def _render_visual_line(self, line_index: int, width: int) -> Strip:
        """One visual line as a single Strip: gutter, then the text cut where marks start
        and end, each piece carrying its offset for Textual's mouse selection."""
        assert self._layout is not None
        line = self._layout.lines[line_index]
        start, end = line.start, line.end
        text = self._display[start:end]
        base = self.rich_style
        cells = len(text) if text.isascii() else cell_len(text)
        room = max(0, width - GUTTER_WIDTH)
        if cells > room and text.isascii():
            # Only trailing spaces run past the width (see textlayout.wrap): drop them.
            text = text[:room]
            cells = room
        active: list[Mark] = []
        gutter_layer = None
        for layer, marks in self._ordered_layers():
            for mark in _overlapping(marks, start, end):
                active.append(mark)
                if layer in GUTTER and (
                    gutter_layer is None or _GUTTER_RANK[layer] > _GUTTER_RANK[gutter_layer]
                ):
                    gutter_layer = layer
        gutter = GUTTER[gutter_layer] if gutter_layer else None
        if self._mouse_span and self._mouse_span[0] < end and self._mouse_span[1] > start:
            active.append(Mark(*self._mouse_span, "selection"))
        length = len(text)
        cuts = {0, length}
        for mark in active:
            cuts.add(min(max(mark.start - start, 0), length))
            cuts.add(min(max(mark.end - start, 0), length))
        points = sorted(cuts)
        # The bar takes the layer's colour only: an underline would run under "▌ ".
        gutter_style = self._style((gutter,)) + _NO_UNDERLINE if gutter else base
        segments = [Segment("▌ " if gutter else "  ", gutter_style)]
        for left, right in itertools.pairwise(points):
            if left == right:
                continue
            names = tuple(
                mark.style for mark in active if mark.start < start + right and mark.end > start + left
            )
            style = self._style(names) if names else base
            offset = Style.from_meta({"offset": (left, line_index)})
            segments.append(Segment(text[left:right], style + offset))
        if cells < room:
            segments.append(Segment(" " * (room - cells), base))
        strip = Strip(segments, GUTTER_WIDTH + max(cells, room))
        return strip if cells <= room else strip.crop_extend(0, width, base)

    # ------------------------------------------------------------------ sentence cursor

    @property
    def sentence_spans(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = sentences(self._body)
        return self._sentences

    @property
    def paragraph_spans(self) -> list[Span]:
        if self._paragraphs is None:
            self._paragraphs = paragraphs(self._body)
        return self._paragraphs

    @property
    def cursor_index(self) -> int | None:
        return self._cursor

    @property
    def cursor_span(self) -> Span | None:
        """The sentence under the reading cursor."""
        if self._cursor is None or not self.sentence_spans:
            return None
        return self.sentence_spans[self._cursor]

    def set_cursor_at(self, offset: int, *, scroll: bool = True) -> None:
        """Put the cursor on the sentence holding (or following) ``offset``."""
        index = span_index_at(self.sentence_spans, offset)
        self._set_cursor(index if index >= 0 else None, scroll=scroll)

    def move_cursor(self, delta: int) -> None:
        spans = self.sentence_spans
        if not spans:
            return
        if self._cursor is None:
            index = span_index_at(spans, self.offset_at_row(0))
        else:
            index = min(max(self._cursor + delta, 0), len(spans) - 1)
        self._set_cursor(index)

    def move_paragraph(self, delta: int) -> None:
        paras = self.paragraph_spans
        if not paras:
            return
        current = self.cursor_span.start if self.cursor_span else self.offset_at_row(0)
        index = span_index_at(paras, current)
        if delta < 0 and paras[index].start < current:
            delta += 1
        index = min(max(index + delta, 0), len(paras) - 1)
        self.set_cursor_at(paras[index].start)

    def _set_cursor(self, index: int | None, *, scroll: bool = True) -> None:
        self._cursor = index
        self._draw_cursor()
        span = self.cursor_span
        if span is not None and scroll:
            self.scroll_offset_into_view(span.start, span.end)
        self.post_message(self.CursorMoved(self, span))

    def _draw_cursor(self) -> None:
        span = self.cursor_span
        if span is None or not self.show_cursor:
            self._layers.pop("cursor", None)
        else:
            self._layers["cursor"] = [Mark(span.start, span.end, "cursor")]
        selection = self.selection_span
        if selection is None:
            self._layers.pop("selection", None)
        else:
            self._layers["selection"] = [Mark(selection.start, selection.end, "selection")]
        self._invalidate()

    def watch_show_cursor(self) -> None:
        self._draw_cursor()

    # ------------------------------------------------------------------ selection

    def start_selection(self) -> None:
        """Anchor a selection at the cursor; moving the cursor extends it by sentence."""
        if self._cursor is None:
            self.move_cursor(0)
        self._anchor = self._cursor
        self._draw_cursor()
        self.refresh_bindings()

    def cancel_selection(self) -> bool:
        """Drop the selection; return whether there was one."""
        had = self._anchor is not None
        self._anchor = None
        self._draw_cursor()
        if had:
            self.refresh_bindings()
        return had

    @property
    def selecting(self) -> bool:
        return self._anchor is not None

    @property
    def selection_span(self) -> Span | None:
        """The selected sentences (anchor to cursor), or ``None`` with no selection."""
        if self._anchor is None or self._cursor is None:
            return None
        spans = self.sentence_spans
        first, last = sorted((self._anchor, self._cursor))
        return Span(spans[first].start, spans[last].end)

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

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_selection":
            return self.selecting or self._mouse_span is not None
        return True

    def action_cancel_selection(self) -> None:
        self.cancel_selection()
        if self._mouse_span is not None:
            self.screen.clear_selection()

    def action_cursor_down(self) -> None:
        self.move_cursor(1)

    def action_cursor_up(self) -> None:
        self.move_cursor(-1)

    def action_paragraph_down(self) -> None:
        self.move_paragraph(1)

    def action_paragraph_up(self) -> None:
        self.move_paragraph(-1)

    def action_top(self) -> None:
        self.scroll_home(animate=False)
        if self.sentence_spans:
            self._set_cursor(0, scroll=False)

    def action_bottom(self) -> None:
        if self._layout is not None:
            self.scroll_to(y=max(0, len(self._layout) - self.size.height), animate=False)
        if self.sentence_spans:
            self._set_cursor(len(self.sentence_spans) - 1, scroll=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)
        self.call_after_refresh(self._cursor_to_screen)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
        self.call_after_refresh(self._cursor_to_screen)

    def _cursor_to_screen(self) -> None:
        """After paging, move the cursor onto the first sentence starting on screen."""
        if self._layout is None or not self.sentence_spans:
            return
        top = self.offset_at_row(0)
        index = span_index_at(self.sentence_spans, top)
        span = self.sentence_spans[index]
        if span.start < top and index + 1 < len(self.sentence_spans):
            index += 1
        self._set_cursor(index, scroll=False)

    def on_click(self, event: events.Click) -> None:
        if self._layout is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_y) + offset.y
        if line >= len(self._layout):
            return
        self.set_cursor_at(self._layout.offset_at(line, offset.x - GUTTER_WIDTH), scroll=False)


def _overlapping(marks: Sequence[Mark], start: int, end: int) -> Iterable[Mark]:
    """Marks that overlap ``[start, end)`` (an empty line overlaps marks that span it)."""
    # Marks are few (tens to hundreds) per article; a linear scan with an early stop is
    # cheaper than maintaining an interval tree, and lines are cached once drawn.
    for mark in marks:
        if mark.start > end or (mark.start == end and end > start):
            break
        if mark.end > start and mark.start < max(end, start + 1):
            yield mark
