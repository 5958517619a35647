"""ArticleTable: the library's list of articles, drawn a line at a time.

A virtual table (Line API): only the rows on screen are rendered, so ten thousand
articles cost no more than ten, and replacing the rows after a sort or a filter is
instant. The header stays on the first line. In the grouped view, story headings are rows
of the table too (:class:`~newsreader.listing.Heading`), drawn across its width. Titles and sources are shown as literal
text (control characters made visible), never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.corpus.dates import day
from newsreader.listing import Heading, Row, story_label
from newsreader.textlayout import clip, counted, one_line
from newsreader.widgets.filter_box import hand_on_burst_key

#: (key, heading, width or 0 for flexible, right-aligned, hidden under this many columns).
#: The table is five sevenths of the screen beside the preview: at 140 columns it is about
#: 100 wide, room for a readable title, the tags and notes but not the word count.
COLUMNS = (
    ("mark", "", 2, False, 0),
    ("title", "Title", 0, False, 0),
    ("source", "Source", 14, False, 0),
    ("date", "Date", 10, False, 60),
    ("words", "Words", 6, True, 120),
    ("quotes", "Quotes", 6, True, 0),
    ("reused", "Reused", 12, False, 110),
    ("notes", "Notes", 5, True, 70),
    ("story", "Story", 12, False, 90),
    ("tags", "Tags", 14, False, 80),
)
GAP = 2


class ArticleTable(ScrollView, can_focus=True):
    """Rows of :class:`~newsreader.listing.Row` with a cursor and marks."""

    BINDING_GROUP_TITLE = "Article list"

    COMPONENT_CLASSES = {
        "article-table--header",
        "article-table--cursor",
        "article-table--cursor-blurred",
        "article-table--marked",
        "article-table--muted",
        "article-table--heading",
        "article-table--odd",
    }

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="library.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="library.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="library.page_up"),
        Binding("home,g", "first", "First", show=False, id="library.first"),
        Binding("end,G", "last", "Last", show=False, id="library.last"),
        Binding("enter", "select", "Open", id="library.open"),
    ]

    class Highlighted(Message):
        def __init__(self, table: ArticleTable, row: Row | None, heading: Heading | None = None) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.heading = heading
            """The story heading under the cursor in the grouped view (``row`` is then None)."""

        @property
        def control(self) -> ArticleTable:
            return self.table

    class Selected(Highlighted):
        """``enter`` (or a click on the highlighted row) on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row | Heading] = []
        self._marked: frozenset[str] = frozenset()
        self._empty: frozenset[str] = frozenset()
        """Columns no row fills (no tags, no stories yet): left out, so titles get the room."""
        self._cursor = 0
        self._version = 0
        self._cache: LRUCache[tuple, Strip] = LRUCache(256)

    # ------------------------------------------------------------------ data

    @property
    def rows(self) -> list[Row]:
        """The article rows shown (story headings left out)."""
        return [row for row in self._rows if isinstance(row, Row)]

    @property
    def lines(self) -> Sequence[Row | Heading]:
        """Every line of the table: article rows and, in the grouped view, story headings."""
        return self._rows

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def highlighted(self) -> Row | None:
        line = self._line(self._cursor)
        return line if isinstance(line, Row) else None

    @property
    def highlighted_heading(self) -> Heading | None:
        line = self._line(self._cursor)
        return line if isinstance(line, Heading) else None

    def _line(self, index: int) -> Row | Heading | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def set_rows(self, rows: Sequence[Row | Heading], keep: str | None = None) -> None:
        """Show ``rows``; keep the cursor on the article ``keep`` if it is still there."""
        self._rows = list(rows)
        articles = [row for row in self._rows if isinstance(row, Row)]
        self._empty = frozenset(
            key
            for key, filled in (
                ("tags", any(row.all_tags for row in articles)),
                ("story", any(row.story_id for row in articles)),
            )
            if not filled
        )
        index = 0
        if keep is not None:
            index = next((i for i, row in enumerate(self._rows) if row.id == keep), 0)
        self._version += 1
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_cursor(index, force=True)

    def set_marked(self, marked: Sequence[str]) -> None:
        self._marked = frozenset(marked)
        self._version += 1
        self._cache.clear()
        self.refresh()

    def move_cursor(self, index: int, *, force: bool = False) -> None:
        index = min(max(index, 0), max(len(self._rows) - 1, 0))
        changed = index != self._cursor
        self._cursor = index
        self._scroll_cursor_into_view()
        self.refresh()
        if changed or force:
            self.post_message(self.Highlighted(self, self.highlighted, self.highlighted_heading))

    def select_id(self, article_id: str) -> bool:
        for index, row in enumerate(self._rows):
            if row.id == article_id:
                self.move_cursor(index)
                return True
        return False

    def _scroll_cursor_into_view(self) -> None:
        body_height = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + body_height:
            self.scroll_to(y=self._cursor - body_height + 1, animate=False, immediate=True)

    # ------------------------------------------------------------------ rendering

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self._cache.clear()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def _columns(self, width: int) -> list[tuple[str, str, int, bool]]:
        shown = [
            (key, heading, size, right)
            for key, heading, size, right, min_width in COLUMNS
            if width >= min_width and key not in self._empty
        ]
        fixed = sum(size for _, _, size, _ in shown) + GAP * (len(shown) - 2)
        title = max(10, width - fixed)
        return [(key, heading, size or title, right) for key, heading, size, right in shown]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            header_key = ("header", width, self._version)
            strip = self._cache.get(header_key)
            if strip is None:
                strip = self._render_header(width)
                self._cache[header_key] = strip
            return strip
        index = round(self.scroll_y) + y - 1
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self._cursor
        key = (index, width, self._version, is_cursor and self.has_focus, is_cursor)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(index, width, is_cursor)
            self._cache[key] = strip
        return strip

    def _render_header(self, width: int) -> Strip:
        style = self.get_component_rich_style("article-table--header")
        cells = [_cell(heading, size, right) for key, heading, size, right in self._columns(width)]
        return Strip([Segment(_join(cells), style)]).crop_extend(0, width, style)

    def _render_row(self, index: int, width: int, is_cursor: bool) -> Strip:
        row = self._rows[index]
        base = self.rich_style
        if isinstance(row, Heading):
            return self._render_heading(row, width, is_cursor)
        info = row.info
        if index % 2:
            base = base + self.get_component_rich_style("article-table--odd", partial=True)
        marked = row.id in self._marked
        if marked:
            base = base + self.get_component_rich_style("article-table--marked", partial=True)
        if is_cursor:
            name = "article-table--cursor" if self.has_focus else "article-table--cursor-blurred"
            base = base + self.get_component_rich_style(name, partial=True)
        muted = base + self.get_component_rich_style("article-table--muted", partial=True)
        values = {
            "mark": ("●" if marked else "", False),
            "title": (one_line(info.title), False),
            "source": (one_line(info.source) or "—", not info.source),
            "date": (one_line(day(info.date)) or "—", not info.date),
            "words": (f"{info.word_count:,}", False),
            "quotes": ("…" if row.quotes is None else str(row.quotes) if row.quotes else "·", not row.quotes),
            "reused": (one_line(row.reused.label) if row.reused else "·", not row.reused),
            "notes": (str(row.annotation_count) if row.annotation_count else "·", not row.annotation_count),
            "tags": (one_line(", ".join(row.all_tags)), False),
            "story": (one_line(story_label(row.story_title)), False),
        }
        segments: list[Segment] = []
        for position, (key, _, size, right) in enumerate(self._columns(width)):
            text, quiet = values[key]
            if position > 1:
                segments.append(Segment(" " * GAP, base))
            segments.append(Segment(_cell(text, size, right), muted if quiet else base))
        return Strip(segments).crop_extend(0, width, base)

    def _render_heading(self, heading: Heading, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style + self.get_component_rich_style("article-table--heading", partial=True)
        if is_cursor:
            name = "article-table--cursor" if self.has_focus else "article-table--cursor-blurred"
            base = base + self.get_component_rich_style(name, partial=True)
        muted = base + self.get_component_rich_style("article-table--muted", partial=True)
        span = " – ".join(dict.fromkeys(day(d) for d in (heading.first, heading.last) if d))
        facts = [f"{counted(heading.count, 'article')}"]
        if heading.sources:
            facts.append(f"{counted(heading.sources, 'source')}")
        if span:
            facts.append(span)
        details = "  " + " · ".join(facts)
        title = _cell(one_line(heading.title), max(1, width - 2 - cell_len(details)), False).rstrip()
        segments = [Segment(("▾ " if heading.open else "▸ ") + title, base), Segment(details, muted)]
        return Strip(segments).crop_extend(0, width, base)

    async def on_key(self, event: events.Key) -> None:
        await hand_on_burst_key(self, event)

    # ------------------------------------------------------------------ actions

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_select(self) -> None:
        if self.highlighted is not None or self.highlighted_heading is not None:
            self.post_message(self.Selected(self, self.highlighted, self.highlighted_heading))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= len(self._rows):
            return
        if index == self._cursor and event.chain >= 2:
            self.action_select()
        else:
            self.move_cursor(index)


def _cell(text: str, width: int, right: bool) -> str:
    text = clip(text, width)
    return text.rjust(width - cell_len(text) + len(text)) if right else set_cell_size(text, width)


def _join(cells: list[str]) -> str:
    return cells[0] + cells[1] + "".join(" " * GAP + cell for cell in cells[2:])
