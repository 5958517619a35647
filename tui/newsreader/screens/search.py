"""Full-text search (``ctrl+f`` / ``F``): hits with context; ``enter`` opens at the hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content, Span
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.listing import Hit, locate_hit
from newsreader.store import Library
from newsreader.textlayout import counted, one_line
from newsreader.widgets.safe_fields import SafeInput

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp


class SearchResults(OptionList):
    BINDING_GROUP_TITLE = "Search results"
    COMPONENT_CLASSES = {"search--match", "search--title"}
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="search.down"),
        Binding("k", "cursor_up", "Up", show=False, id="search.up"),
        Binding("slash", "edit_query", "Edit search", show=False, id="search.edit"),
    ]

    def action_edit_query(self) -> None:
        self.screen.set_focus(self.screen.query_one("#search-input"))


class SearchInput(SafeInput):
    BINDING_GROUP_TITLE = "Search box"
    BINDINGS = [Binding("down", "to_results", "To the results", show=False, id="search.to_results")]

    def action_to_results(self) -> None:
        self.screen.set_focus(self.screen.query_one(SearchResults))


class SearchScreen(Screen[None]):
    app: NewsreaderApp
    """Search the text of every article (the library's full-text index)."""

    BINDING_GROUP_TITLE = "Search"
    AUTO_FOCUS = "#search-input"
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Search the full text of every article"), id="search-bar", classes="bar")
        yield SearchInput(
            self.initial, placeholder="Words to find — enter lists hits, ↓ moves to them", id="search-input"
        )
        yield SearchResults(id="search-results")
        yield Static(id="search-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if len(event.value.strip()) >= 3:
            self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value, focus=True)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, focus: bool = False) -> None:
        """Search in a worker with its own connection; the UI stays responsive."""
        with Library.open(self.app.library_path) as library:
            raw = library.search(query)
            hits = []
            for hit in raw:
                article = library.article(hit.article_id)
                hits.append(locate_hit(hit, article.body if article else None))
            sources = {info.id: info.source for info in library.articles()} if hits else {}
        self.app.call_from_thread(self._show, query, hits, sources, focus)

    def _show(self, query: str, hits: list[Hit], sources: dict[str, str], focus: bool) -> None:
        self.hits = hits
        results = self.query_one(SearchResults)
        # Partial: colour and text style only, so a highlighted option keeps its background.
        match_style = results.get_visual_style("search--match", partial=True)
        title_style = results.get_visual_style("search--title", partial=True)
        options = []
        for index, hit in enumerate(hits):
            title = one_line(hit.title)
            source = one_line(sources.get(hit.article_id, ""))
            head = f"{title}  ·  {source}" if source else title
            snippet = one_line(hit.snippet)
            spans = [Span(0, len(title), title_style)]
            spans += [
                Span(len(head) + 1 + start, len(head) + 1 + end, match_style) for start, end in hit.matches
            ]
            options.append(Option(Content(head + "\n" + snippet, spans), id=str(index)))
        results.clear_options()
        results.add_options(options)
        count = len(hits)
        status = f"{counted(count, 'article')} match “{one_line(query)}”" if query.strip() else ""
        self.query_one("#search-status", Static).update(Content(status))
        if hits:
            results.highlighted = 0
            if focus:
                self.set_focus(results)

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        self.app.pop_screen()
        self.app.open_article(hit.article_id, at=hit.offset, length=hit.length)

    def action_back(self) -> None:
        self.app.pop_screen()
