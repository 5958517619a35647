"""The library screen: every article in a table, a preview, filter, sort, search, compare,
and the articles grouped by story."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.listing import (
    SORT_LABELS,
    STORY_PREFIX,
    Heading,
    Marks,
    Row,
    build_rows,
    compare_pair,
    filter_rows,
    group_rows,
    next_sort,
    sort_rows,
    tag_counts,
    with_counts,
    with_reuse,
    with_stories,
    with_summaries,
)
from newsreader.notes import summaries
from newsreader.screens.filtered import FilteredListScreen
from newsreader.tags import tag_term
from newsreader.textlayout import counted, one_line
from newsreader.widgets.article_preview import ArticlePreview, sharing_line
from newsreader.widgets.article_table import ArticleTable
from newsreader.widgets.filter_box import FilterBox

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp
    from newsreader.comparison import QuoteModel
    from newsreader.stories import StoryIndex


class LibraryScreen(FilteredListScreen):
    app: NewsreaderApp
    BINDING_GROUP_TITLE = "Library"
    AUTO_FOCUS = "#articles"

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("s", "cycle_sort", "Sort", id="library.sort"),
        Binding("ctrl+f,F", "search", "Search text", id="library.search"),
        Binding("space", "toggle_mark", "Mark", id="library.mark"),
        Binding("c", "compare", "Compare", id="library.compare"),
        Binding("Q", "quote_index", "Quotes", id="library.quote_index"),
        Binding("S", "coverage", "Story coverage", id="library.coverage"),
        Binding("T", "pick_tag", "Filter by tag", id="library.tag"),
        Binding("o", "group_stories", "Group by story", show=False, id="library.group_stories"),
        Binding("i", "import", "Import", show=False, id="library.import"),
        Binding("u", "update_feeds", "Update feeds", show=False, id="library.update_feeds"),
        Binding("escape", "clear", "Clear filter/marks", show=False, id="library.clear"),
        Binding("q", "quit", "Quit", id="library.quit"),
    ]

    sort: reactive[str] = reactive("date", init=False)
    """The column the list is sorted by, one of ``SORT_LABELS`` (each change shows the list again)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks = Marks()
        self._rows: list[Row] = []
        self._sorted: tuple[str, list[Row]] | None = None
        """The rows in the current sort, kept while only the filter changes."""
        self._titles: dict[str, Row] = {}
        self.grouped = False
        """Whether the list shows the stories with their articles folded under them."""
        self.unfolded: set[str] = set()
        """The stories whose articles the grouped view lists ("" for those in no story)."""

    @property
    def _all_rows(self) -> list[Row]:
        return self._rows

    @_all_rows.setter
    def _all_rows(self, rows: list[Row]) -> None:
        self._rows = rows
        self._sorted = None

    def compose(self) -> ComposeResult:
        yield Static(id="library-bar")
        yield FilterBox(
            placeholder="Filter by title, source or tag; #tag for exactly that tag, "
            "story:words for a story — enter keeps it, escape clears",
            id="filter",
        )
        with Horizontal(id="library-main"):
            yield ArticleTable(id="articles")
            yield ArticlePreview(id="preview")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        library = self.app.library
        try:
            self._all_rows = self._with_stories(
                self._with_reuse(build_rows(library.articles(), self._quote_counts(), summaries(library)))
            )
        except sqlite3.DatabaseError as error:  # the file is damaged where the list is kept
            self.app.fail(error)
            return
        self._titles = {row.id: row for row in self._all_rows}
        self._refresh_rows()
        self.app.quotes_changed.subscribe(self, self._quotes_ready)
        self.app.stories_changed.subscribe(self, self._stories_ready)
        self.app.progress_changed.subscribe(self, self._show_progress)
        self.app.library_changed.subscribe(self, lambda _: self.reload())
        self._show_progress(self.app.progress)
        self.call_after_refresh(self.app.start_indexing)

    def reload(self) -> None:
        """Read the article list again (after an import)."""
        library = self.app.library
        self._all_rows = self._with_stories(
            self._with_reuse(build_rows(library.articles(), self._quote_counts(), summaries(library)))
        )
        self._titles = {row.id: row for row in self._all_rows}
        self._refresh_rows()

    def on_screen_resume(self) -> None:
        # Tags and annotations change on the reader screens (or in another process): one
        # query, and the table is only redrawn if a row changed.
        if self._all_rows:
            rows = with_summaries(self._all_rows, summaries(self.app.library))
            if any(new is not old for new, old in zip(rows, self._all_rows)):
                self._all_rows = rows
                self._titles = {row.id: row for row in self._all_rows}
                self._refresh_rows()

    # ------------------------------------------------------------------ data

    def _quote_counts(self) -> Mapping[str, int] | None:
        quotes = self.app.quotes
        return quotes.counts if quotes is not None else None

    def _with_reuse(self, rows: list[Row]) -> list[Row]:
        quotes = self.app.quotes
        return with_reuse(rows, quotes.passages) if quotes is not None else rows

    def _quotes_ready(self, model: QuoteModel) -> None:
        self._all_rows = with_reuse(with_counts(self._all_rows, model.counts), model.passages)
        self._titles = {row.id: row for row in self._all_rows}
        self._refresh_rows()

    def _with_stories(self, rows: list[Row]) -> list[Row]:
        stories = self.app.stories
        return with_stories(rows, stories) if stories is not None else rows

    def _stories_ready(self, stories: StoryIndex) -> None:
        self._all_rows = with_stories(self._all_rows, stories)
        self._titles = {row.id: row for row in self._all_rows}
        self._refresh_rows()

    def _show_progress(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_class(not text, "idle")

    def _refresh_rows(self) -> None:
        table = self.query_one(ArticleTable)
        line = table.highlighted or table.highlighted_heading
        keep = line.id if line else None
        if self._sorted is None or self._sorted[0] != self.sort:
            self._sorted = (self.sort, sort_rows(self._all_rows, self.sort))
        rows = self._sorted[1]
        if self.filter_text:
            rows = filter_rows(rows, self.filter_text)
        stories = self.app.stories
        if self.grouped and stories is not None:
            table.set_rows(group_rows(rows, stories, self.unfolded), keep=keep)
        else:
            table.set_rows(rows, keep=keep)
        table.set_marked(self.marks.ids)
        self._update_bar()

    def _update_bar(self) -> None:
        table = self.query_one(ArticleTable)
        total = len(self._all_rows)
        parts = [f"{counted(total, 'article')}"]
        if self.filter_text:
            parts.append(f"filter “{one_line(self.filter_text)}”: {len(table.rows):,} shown")
        parts.append(f"sorted by {SORT_LABELS[self.sort]}")
        if self.grouped and self.app.stories is not None:
            parts.append("grouped by story (enter folds, o lists)")
        if self.marks:
            parts.append(f"{len(self.marks)} marked")
        self.query_one("#library-bar", Static).update(Content("  ·  ".join(parts)))

    # ------------------------------------------------------------------ preview

    @on(ArticleTable.Highlighted)
    def _show_preview(self, event: ArticleTable.Highlighted) -> None:
        preview = self.query_one(ArticlePreview)
        if event.heading is not None:
            stories = self.app.stories
            story = stories.by_id.get(event.heading.story_id) if stories else None
            preview.show_story(event.heading, story, self._titles)
        elif event.row is None:
            preview.show("No articles match." if self.filter_text else "No articles yet.")
        else:
            article = self.app.library.article(event.row.id)
            sharing = sharing_line(self.app.quotes, event.row.id, self._titles)
            preview.show_article(event.row, article.body if article else "", sharing)

    # ------------------------------------------------------------------ actions

    @property
    def filtered_list(self) -> ArticleTable:
        return self.query_one(ArticleTable)

    def show_filtered(self) -> None:
        self._refresh_rows()

    def action_clear(self) -> None:
        if self.filtering:
            self.clear_filter()
        elif self.marks:
            self.marks.clear()
            self.query_one(ArticleTable).set_marked(())
            self._update_bar()

    def validate_sort(self, sort: str) -> str:
        return sort if sort in SORT_LABELS else "date"

    def watch_sort(self) -> None:
        self._refresh_rows()

    def action_cycle_sort(self) -> None:
        self.sort = next_sort(self.sort)

    def action_toggle_mark(self) -> None:
        table = self.query_one(ArticleTable)
        if table.highlighted_heading is not None:
            self.toggle_fold(table.highlighted_heading)
            return
        row = table.highlighted
        if row is None:
            return
        self.marks.toggle(row.id)
        table.set_marked(self.marks.ids)
        self._update_bar()
        table.action_cursor_down()

    def action_compare(self) -> None:
        table = self.query_one(ArticleTable)
        highlighted = table.highlighted.id if table.highlighted else None
        quotes = self.app.quotes
        if quotes is None and len(self.marks) < 2 and not (self.marks and highlighted):
            self.notify(
                "Quotes are still being indexed; mark two articles with space to compare them now.",
                severity="warning",
            )
            return
        partners = {highlighted: quotes.compare_partners(highlighted)} if quotes and highlighted else {}
        pair = compare_pair(highlighted, self.marks.ids, partners)
        if isinstance(pair, str):
            self.notify(pair, severity="warning")
            return
        self.app.open_compare(*pair)

    def action_pick_tag(self) -> None:
        """Pick one of the tags in use; the filter becomes ``#tag``."""
        counts = tag_counts(self._all_rows)
        if not counts:
            self.notify("No tags yet: tag an article or an annotation first.", severity="warning")
            return

        def picked(label: str | None) -> None:
            if label:
                self.set_filter(tag_term(label))

        self.app.push_screen(TagPicker(counts), picked)

    def action_group_stories(self) -> None:
        """List the stories with their articles folded under them, or the articles again."""
        if self.app.stories is None and not self.grouped:
            self.notify("Still finding the stories…", timeout=2)
            return
        self.grouped = not self.grouped
        self._refresh_rows()

    def toggle_fold(self, heading: Heading) -> None:
        self.unfolded ^= {heading.story_id}
        self._refresh_rows()

    def story_commands(self) -> list[tuple[str, str]]:
        """For the palette: a ``story:ID`` filter and its label for each story, largest first."""
        stories = self.app.stories
        if stories is None:
            return []
        return [
            (f"Story: {one_line(story.title)} ({len(story.articles)} articles)", STORY_PREFIX + story.id)
            for story in stories.stories
        ]

    def action_search(self) -> None:
        from newsreader.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_coverage(self) -> None:
        table = self.query_one(ArticleTable)
        heading = table.highlighted_heading
        stories = self.app.stories
        if heading is not None and heading.story_id and stories is not None:
            self.app.open_coverage(stories.by_id[heading.story_id].articles[0])
        elif heading is not None:
            self.notify("These articles are in no story.", timeout=2)
        elif table.highlighted is not None:
            self.app.open_coverage(table.highlighted.id)

    def action_quote_index(self) -> None:
        self.app.open_quote_index()

    def action_import(self) -> None:
        from newsreader.screens.import_dialog import ImportDialog

        def chosen(paths: list[str] | None) -> None:
            if paths:
                self.app.import_files(paths)

        self.app.push_screen(ImportDialog(), chosen)

    def action_update_feeds(self) -> None:
        """Fetch what is new in every feed followed; the list grows when it is in."""
        self.app.update_feeds()

    def action_quit(self) -> None:
        self.app.exit()

    @on(ArticleTable.Selected)
    def _open(self, event: ArticleTable.Selected) -> None:
        if event.heading is not None:
            self.toggle_fold(event.heading)
        elif event.row is not None:
            self.app.open_article(event.row.id)

    def rows(self) -> Sequence[Row]:
        return self.query_one(ArticleTable).rows


class TagPicker(ModalScreen[str | None]):
    """The tags in use, most articles first, each with how many articles carry it."""

    BINDING_GROUP_TITLE = "Tags"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags.cancel")]

    def __init__(self, counts: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.counts = list(counts)

    def compose(self) -> ComposeResult:
        options = [
            Option(Content(f"#{one_line(label)}  ({count})"), id=str(index))
            for index, (label, count) in enumerate(self.counts)
        ]
        picker = OptionList(*options, id="tag-picker")
        picker.border_title = "Filter by tag"
        picker.border_subtitle = "enter filters · escape cancels"
        yield picker

    @on(OptionList.OptionSelected, "#tag-picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.counts[int(event.option.id or 0)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
