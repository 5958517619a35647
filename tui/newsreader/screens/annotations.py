"""The annotations list (``A``): every annotation across the library, filterable, each
opening its article at the passage.

A DataTable (rendered a line at a time, so thousands of rows scroll as fast as ten) above
a detail panel for the highlighted annotation. Passages, notes and titles come from
articles and readers: they are shown as plain text (``Text``/``Content``), never markup.
The list is read again whenever the screen comes back, so it shows edits made on the
reader screens and annotations saved by another process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from newsreader import notes
from newsreader.corpus.article import known_source
from newsreader.listing import filter_annotations
from newsreader.notes import ListedAnnotation
from newsreader.screens.filtered import FilteredListScreen
from newsreader.textlayout import clip, counted, display_text, one_line
from newsreader.widgets.filter_box import FilterBox, hand_on_burst_key
from newsreader.widgets.styling import component_style

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp

EMPTY = "No annotations yet — open an article, select with v and press a."
ORPHANED = "⚠ orphaned"
#: (key, heading, width or 0 for the rest); the passage takes what the others leave.
COLUMNS = (
    ("flag", "", 10),
    ("article", "Article", 30),
    ("passage", "Passage", 0),
    ("tags", "Tags", 18),
    ("note", "Note", 22),
)
MIN_PASSAGE = 20


class AnnotationTable(DataTable):
    """One annotation a row; ``enter`` opens its article at the passage."""

    BINDING_GROUP_TITLE = "Annotation list"
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "annotations--orphaned",
        "annotations--tags",
        "annotations--muted",
    }
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="annotations.down"),
        Binding("k", "cursor_up", "Up", show=False, id="annotations.up"),
        Binding("enter", "select_cursor", "Open at passage", id="annotations.open"),
    ]

    async def on_key(self, event: events.Key) -> None:
        await hand_on_burst_key(self, event)


class AnnotationDetail(VerticalScroll, can_focus=False):
    """The highlighted annotation in full: article, flag, passage, tags, note."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-article")
        yield Static(id="detail-flag")
        yield Static(id="detail-passage")
        yield Static(id="detail-tags")
        yield Static(id="detail-note")

    def show(self, item: ListedAnnotation | None, empty: str = "") -> None:
        parts = {
            "#detail-article": one_line(_article_name(item)) if item else empty,
            "#detail-flag": "⚠ Orphaned: its passage was not found in the article's current "
            "text; this is how it read before."
            if item and item.orphaned
            else "",
            "#detail-passage": display_text(item.exact) if item else "",
            "#detail-tags": one_line(_hashtags(item.tags)) if item else "",
            "#detail-note": display_text(item.note) if item else "",
        }
        for selector, text in parts.items():
            widget = self.query_one(selector, Static)
            widget.update(Content(text))
            widget.display = bool(text)
        self.scroll_home(animate=False)


class AnnotationsScreen(FilteredListScreen):
    app: NewsreaderApp
    BINDING_GROUP_TITLE = "Annotations"
    AUTO_FOCUS = "#annotation-table"

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="annotations.filter"),
        Binding("escape", "back", "Clear filter/back", id="annotations.back"),
        Binding("q", "close", "Back", show=False, id="annotations.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ListedAnnotation] = []
        """Every annotation in the library, as last read."""
        self.shown: list[ListedAnnotation] = []
        """The ones the filter keeps, in table order."""
        self._by_id: dict[str, ListedAnnotation] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-bar")
        yield FilterBox(
            placeholder="Filter by passage, note, title or tag; #tag for exactly "
            "that tag — enter keeps it, escape clears",
            id="annotations-filter",
        )
        yield Static(Content(EMPTY), id="annotations-empty")
        yield AnnotationTable(id="annotation-table", cursor_type="row", zebra_stripes=True)
        yield AnnotationDetail(id="annotation-detail")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Read the annotations again: they may have been edited meanwhile."""
        self.reload()

    def reload(self) -> None:
        self.items = notes.in_library(self.app.library)
        self._by_id = {item.id: item for item in self.items}
        self._fill()

    # ------------------------------------------------------------------ the table

    def _fill(self) -> None:
        table = self.query_one(AnnotationTable)
        keep = self.highlighted.id if self.highlighted else None
        self.shown = filter_annotations(self.items, self.filter_text)
        has_any = bool(self.items)
        self.query_one("#annotations-empty").display = not has_any
        table.display = has_any
        self.query_one(AnnotationDetail).display = has_any
        widths = self._widths()
        orphaned = component_style(table, "annotations--orphaned").rich_style
        tag_style = component_style(table, "annotations--tags").rich_style
        muted = component_style(table, "annotations--muted").rich_style
        table.clear(columns=True)
        for key, heading, _ in COLUMNS:
            table.add_column(heading, width=widths[key], key=key)
        for item in self.shown:
            table.add_row(
                Text(ORPHANED, orphaned) if item.orphaned else Text(""),
                Text(clip(one_line(_article_name(item)), widths["article"])),
                Text(clip(one_line(item.exact), widths["passage"])),
                Text(clip(one_line(_hashtags(item.tags)), widths["tags"]), tag_style),
                Text(clip(one_line(_first_line(item.note)), widths["note"]), muted),
                key=item.id,
            )
        index = next((i for i, item in enumerate(self.shown) if item.id == keep), 0)
        if self.shown:
            table.move_cursor(row=index, animate=False, scroll=True)
        self._show_detail(self.shown[index] if self.shown else None)
        self._update_bar()

    def _widths(self) -> dict[str, int]:
        """Column widths for the screen's width: the passage gets what the others leave."""
        width = (self.size.width or self.app.size.width) - 2  # the scrollbar
        fixed = {key: size for key, _, size in COLUMNS if size}
        padding = 2 * len(COLUMNS)
        widths = dict(fixed, passage=max(MIN_PASSAGE, width - padding - sum(fixed.values())))
        return widths

    def on_resize(self) -> None:
        if self.items:
            self._fill()

    @property
    def highlighted(self) -> ListedAnnotation | None:
        table = self.query_one(AnnotationTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _update_bar(self) -> None:
        total = len(self.items)
        parts = [f"{counted(total, 'annotation')}"]
        orphaned = sum(item.orphaned for item in self.items)
        if orphaned:
            parts.append(f"{orphaned} orphaned")
        if self.filter_text:
            parts.append(f"filter “{one_line(self.filter_text)}”: {len(self.shown):,} shown")
        self.query_one("#annotations-bar", Static).update(Content("  ·  ".join(parts)))

    @on(DataTable.RowHighlighted, "#annotation-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Only the row under the cursor now: a report sent before the filter changed
        again (keys typed in a burst) may name a row no longer shown."""
        if event.row_key is not None:  # None once the table was cleared meanwhile
            item = self._by_id.get(str(event.row_key.value))
            if item is not None and item is self.highlighted:
                self._show_detail(item)

    def _show_detail(self, item: ListedAnnotation | None) -> None:
        self.query_one(AnnotationDetail).show(
            item, "No annotations match the filter." if self.filter_text else ""
        )

    @on(DataTable.RowSelected, "#annotation-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        item = self._by_id.get(str(event.row_key.value))
        if item is None:
            return
        if item.orphaned:
            # Its offsets belong to an older text: open the article at the top.
            self.notify(
                "This passage was not found in the article's current text; "
                "it may have been edited or removed.",
                title=one_line(item.exact)[:60],
                severity="warning",
                markup=False,
            )
            self.app.open_article(item.article_id)
        else:
            self.app.open_article(item.article_id, at=item.start, length=item.end - item.start)

    # ------------------------------------------------------------------ filter

    @property
    def filtered_list(self) -> AnnotationTable:
        return self.query_one(AnnotationTable)

    def show_filtered(self) -> None:
        self._fill()

    def action_back(self) -> None:
        if self.filtering:
            self.clear_filter()
        else:
            self.app.pop_screen()

    def action_close(self) -> None:
        self.app.pop_screen()


def _article_name(item: ListedAnnotation) -> str:
    source = known_source(item.article_source)
    return f"{source} — {item.article_title}" if source else item.article_title


def _hashtags(tags: list[str]) -> str:
    return " ".join(f"#{tag}" for tag in tags)


def _first_line(note: str) -> str:
    return next((line.strip() for line in note.splitlines() if line.strip()), "")
