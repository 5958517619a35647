"""ArticleView: an article to read, with a sentence cursor and a selection, for the
reader screens.

The text, its marks and its scrolling are :class:`~newsreader.widgets.marked_text.MarkedText`'s.
Hooks for the annotation UI:

* the **reading cursor** is a sentence (``cursor_index``, a reactive kept in range by
  its validator; ``cursor_span``), moved with ``j``/``k`` and ``{``/``}``; a
  ``CursorMoved`` message reports it;
* a **selection** from the cursor (``start_selection`` … ``selection_span``) extends by
  sentence; Textual's mouse selection is reported in body offsets by ``mouse_selection_span``;
* **annotation marks** go in the ``annotation`` layer (``set_marks("annotation", …)``).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from newsreader.textlayout import Span, paragraphs, sentences, span_index_at
from newsreader.widgets.marked_text import MarkedText
from newsreader.widgets.marks import GUTTER_WIDTH, Mark


class ArticleView(MarkedText, can_focus=True):
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
    cursor_index: reactive[int | None] = reactive(None, always_update=True, init=False)
    """The sentence under the reading cursor (into ``sentence_spans``), kept in range by
    ``validate_cursor_index``; ``None`` before it is placed, or with no text."""
    selection_anchor: reactive[int | None] = reactive(None, init=False, bindings=True)
    """The sentence a keyboard selection started at (``v``); ``None`` with no selection."""

    def __init__(
        self, body: str = "", *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(body, name=name, id=id, classes=classes)
        self._sentences: list[Span] | None = None
        self._paragraphs: list[Span] | None = None

    def set_body(self, body: str) -> None:
        self._sentences = self._paragraphs = None
        self.set_reactive(ArticleView.cursor_index, None)  # a new text: no cursor to report
        self.set_reactive(ArticleView.selection_anchor, None)
        super().set_body(body)

    # ------------------------------------------------------------------ sentence cursor

    @property
    def sentence_spans(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = sentences(self.body)
        return self._sentences

    @property
    def paragraph_spans(self) -> list[Span]:
        if self._paragraphs is None:
            self._paragraphs = paragraphs(self.body)
        return self._paragraphs

    @property
    def cursor_span(self) -> Span | None:
        """The sentence under the reading cursor."""
        if self.cursor_index is None or not self.sentence_spans:
            return None
        return self.sentence_spans[self.cursor_index]

    def validate_cursor_index(self, index: int | None) -> int | None:
        spans = self.sentence_spans
        if index is None or not spans:
            return None
        return min(max(index, 0), len(spans) - 1)

    def watch_cursor_index(self) -> None:
        self._draw_cursor()
        self.post_message(self.CursorMoved(self, self.cursor_span))

    def set_cursor_at(self, offset: int, *, scroll: bool = True) -> None:
        """Put the cursor on the sentence holding (or following) ``offset``."""
        index = span_index_at(self.sentence_spans, offset)
        self._set_cursor(index if index >= 0 else None, scroll=scroll)

    def move_cursor(self, delta: int) -> None:
        spans = self.sentence_spans
        if not spans:
            return
        if self.cursor_index is None:
            self._set_cursor(span_index_at(spans, self.offset_at_row(0)))
        else:
            self._set_cursor(self.cursor_index + delta)

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
        self.cursor_index = index
        span = self.cursor_span
        if span is not None and scroll:
            self.scroll_offset_into_view(span.start, span.end)

    def _draw_cursor(self) -> None:
        span = self.cursor_span
        if span is None or not self.show_cursor:
            self.clear_marks("cursor")
        else:
            self.set_marks("cursor", [Mark(span.start, span.end, "cursor")])
        selection = self.selection_span
        if selection is None:
            self.clear_marks("selection")
        else:
            self.set_marks("selection", [Mark(selection.start, selection.end, "selection")])

    def watch_show_cursor(self) -> None:
        self._draw_cursor()

    # ------------------------------------------------------------------ selection

    def watch_selection_anchor(self) -> None:
        self._draw_cursor()

    def start_selection(self) -> None:
        """Anchor a selection at the cursor; moving the cursor extends it by sentence."""
        if self.cursor_index is None:
            self.move_cursor(0)
        self.selection_anchor = self.cursor_index

    def cancel_selection(self) -> bool:
        """Drop the selection; return whether there was one."""
        had = self.selection_anchor is not None
        self.selection_anchor = None
        return had

    @property
    def selecting(self) -> bool:
        return self.selection_anchor is not None

    @property
    def selection_span(self) -> Span | None:
        """The selected sentences (anchor to cursor), or ``None`` with no selection."""
        if self.selection_anchor is None or self.cursor_index is None:
            return None
        spans = self.sentence_spans
        first, last = sorted((self.selection_anchor, self.cursor_index))
        return Span(spans[first].start, spans[last].end)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_selection":
            return self.selecting or self.mouse_selection_span is not None
        return True

    def action_cancel_selection(self) -> None:
        self.cancel_selection()
        if self.mouse_selection_span is not None:
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
        if self.layout_lines is not None:
            self.scroll_to(y=max(0, len(self.layout_lines) - self.size.height), animate=False)
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
        if self.layout_lines is None or not self.sentence_spans:
            return
        top = self.offset_at_row(0)
        index = span_index_at(self.sentence_spans, top)
        span = self.sentence_spans[index]
        if span.start < top and index + 1 < len(self.sentence_spans):
            index += 1
        self._set_cursor(index, scroll=False)

    def on_click(self, event: events.Click) -> None:
        if self.layout_lines is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_y) + offset.y
        if line >= len(self.layout_lines):
            return
        self.set_cursor_at(self.layout_lines.offset_at(line, offset.x - GUTTER_WIDTH), scroll=False)
