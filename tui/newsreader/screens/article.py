"""The single-article screen: one article, its shared quotes, and who else prints them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.reactive import reactive
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.comparison import COLOURS, step_in_reading_order
from newsreader.quotes.model import QuoteGroup
from newsreader.screens.reader import ANNOTATION_BINDINGS, EDIT_BINDING, ReaderScreen
from newsreader.textlayout import clip, counted, one_line
from newsreader.widgets.article_pane import ArticlePane
from newsreader.widgets.article_view import ArticleView
from newsreader.widgets.marks import MARK_LEGEND, Mark


class CarrierList(OptionList):
    """The other articles printing the selected quote; ``enter`` compares with one."""

    BINDING_GROUP_TITLE = "Other articles"
    COMPONENT_CLASSES = {"carriers--source", "carriers--wording"}
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="carriers.down"),
        Binding("k", "cursor_up", "Up", show=False, id="carriers.up"),
    ]


class ArticleScreen(ReaderScreen):
    BINDING_GROUP_TITLE = "Article"
    AUTO_FOCUS = "#article .pane-text"

    BINDINGS = [
        Binding("n", "next_quote", "Next quote", id="article.next_quote"),
        Binding("p", "previous_quote", "Previous quote", id="article.previous_quote"),
        Binding("w", "next_passage", "Next passage", id="article.next_passage"),
        Binding("W", "previous_passage", "Previous passage", show=False, id="article.previous_passage"),
        EDIT_BINDING,  # on an annotated sentence; elsewhere enter compares
        Binding("enter", "compare", "Compare with", id="article.compare"),
        Binding("c", "compare", "Compare with", show=False, id="article.compare_c"),
        Binding("Q", "quote_index", "Quote index", id="article.quote_index"),
        *ANNOTATION_BINDINGS,
        Binding("escape,q", "back", "Back", id="article.back"),
    ]

    selected: reactive[int | None] = reactive(None, init=False, always_update=True)
    """The shared quote selected (into ``groups``, kept in range by ``validate_selected``)."""

    def __init__(self, article_id: str, *, at: int | None = None, length: int = 0) -> None:
        super().__init__()
        self.article_id = article_id
        self.at = at
        self.length = length
        self.groups: list[QuoteGroup] = []
        self.passages: list[QuoteGroup] = []
        """Wire copy this article shares with others, in reading order."""
        self.selected_passage: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="article-main"):
            yield ArticlePane(id="article", classes="pane")
            with Vertical(id="quote-panel"):
                yield Static(id="quote-heading")
                yield Static(id="quote-text")
                yield Static(id="carriers-heading")
                yield CarrierList(id="carriers")
        yield Static(id="article-status", classes="status")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticlePane).view

    def on_mount(self) -> None:
        article = self.app.library.article(self.article_id)
        if article is None:
            self.notify("That article is no longer in the library.", severity="error")
            self.app.pop_screen()
            return
        self.query_one("#article", ArticlePane).show(article)
        self.load_annotations()
        if self.at is not None:
            self.view.set_marks("hit", [Mark(self.at, self.at + max(1, self.length), "hit")])
            self.view.scroll_to_offset(self.at)
            self.view.set_cursor_at(self.at, scroll=False)
        if self.app.quotes is None:
            self._show_panel()
            self.app.quotes_changed.subscribe(self, lambda model: self._load_quotes())
        else:
            self._load_quotes()

    # ------------------------------------------------------------------ quotes

    def _load_quotes(self) -> None:
        quotes = self.app.quotes
        if quotes is None:
            return
        self.groups = quotes.groups_of(self.article_id)
        marks: list[Mark] = []
        diffs: list[Mark] = []
        for index, group in enumerate(self.groups):
            for piece in group.members_of(self.article_id):
                marks.append(Mark(piece.start, piece.end, f"group-{index % COLOURS}"))
                diffs.extend(Mark(start, end, "diff") for start, end in piece.diffs)
        self.passages = sorted(
            quotes.passages.get(self.article_id, []), key=lambda g: g.members_of(self.article_id)[0].start
        )
        passage_marks = []
        for group in self.passages:
            for piece in group.members_of(self.article_id):
                passage_marks.append(Mark(piece.start, piece.end, "passage"))
                diffs.extend(Mark(start, end, "diff") for start, end in piece.diffs)
        self.view.set_marks("quote", marks)
        self.view.set_marks("passage", passage_marks)
        self.view.set_marks("diff", diffs)
        self._show_panel()

    def validate_selected(self, index: int | None) -> int | None:
        if index is None or not self.groups:
            return None
        return min(max(index, 0), len(self.groups) - 1)

    def watch_selected(self, index: int | None) -> None:
        if index is None:
            self.view.clear_marks("focus")
        else:
            pieces = self.groups[index].members_of(self.article_id)
            self.view.set_marks("focus", [Mark(p.start, p.end, "focus") for p in pieces])
        self._show_panel()

    def select(self, index: int | None, *, scroll: bool = True) -> None:
        """Select shared quote ``index``; with ``scroll``, bring it into view under the cursor."""
        self.selected = index
        if scroll and self.selected is not None:
            start = self.groups[self.selected].members_of(self.article_id)[0].start
            self.view.scroll_to_offset(start)
            self.view.set_cursor_at(start, scroll=False)

    def _show_panel(self) -> None:
        heading = self.query_one("#quote-heading", Static)
        text = self.query_one("#quote-text", Static)
        carriers_heading = self.query_one("#carriers-heading", Static)
        carriers = self.query_one(CarrierList)
        carriers.clear_options()
        quotes = self.app.quotes
        if quotes is None:
            heading.update(Content("Shared quotes"))
            text.update(Content("Indexing quotes…"))
            carriers_heading.update(Content(""))
            return
        count = len(self.groups)
        if not count:
            heading.update(Content("Shared quotes"))
            text.update(Content("No quote in this article is printed by another article in the library."))
            carriers_heading.update(Content(""))
            self.set_status("no shared quotes")
            return
        if self.selected is None:
            heading.update(Content(f"{counted(count, 'shared quote')}"))
            text.update(Content("n / p select a quote to see which other articles print it."))
            carriers_heading.update(Content(""))
            passages = len(self.passages)
            also = f" · {counted(passages, 'shared passage')} (w/W)" if passages else ""
            self.set_status(f"{count} shared quotes · n next · p previous{also}", MARK_LEGEND)
            return
        group = self.groups[self.selected]
        speaker = one_line(group.speaker) or "unattributed"
        heading.update(Content(f"Quote {self.selected + 1}/{count} · {speaker}"))
        text.update(Content(f"“{one_line(group.text)}”"))
        others = quotes.carriers(group.id, besides=self.article_id)
        carriers_heading.update(
            Content(f"Also printed by {counted(len(others), 'other article')} — enter compares")
        )
        # Partial: colour and text style only, so the highlighted option keeps its background.
        source_style = carriers.get_visual_style("carriers--source", partial=True)
        wording_style = carriers.get_visual_style("carriers--wording", partial=True)
        library = self.app.library
        options = []
        for other_id in others:
            info = library.article(other_id)
            if info is None:
                continue
            head = f"{one_line(info.source) or 'unknown source'} — {one_line(info.title)}"
            pieces = group.members_of(other_id)
            wording = one_line(" … ".join(p.text for p in pieces))
            wording = clip(wording, 160)
            body = f"“{wording}”"
            options.append(
                Option(
                    Content(
                        head + "\n" + body,
                        [
                            Span(0, len(head), source_style),
                            Span(len(head) + 1, len(head) + 1 + len(body), wording_style),
                        ],
                    ),
                    id=other_id,
                )
            )
        carriers.add_options(options)
        if options:
            carriers.highlighted = 0
        self.set_status(
            f"quote {self.selected + 1}/{count} · {speaker} · printed by {len(others) + 1} articles"
        )

    def step_quote(self, delta: int) -> None:
        if not self.groups:
            self.notify(
                "No shared quotes in this article." if self.app.quotes else "Quotes are still being indexed.",
                timeout=2,
            )
            return
        self.select(self._step(self.groups, self.selected, delta))

    def _step(self, groups: list[QuoteGroup], selected: int | None, delta: int) -> int:
        """Where a step of ``delta`` through ``groups`` (this article's, in reading order)
        lands: next to the one selected, else the first ahead of (or behind) the cursor."""
        span = self.view.cursor_span
        offset = span.start if span else self.view.offset_at_row(0)
        starts = [g.members_of(self.article_id)[0].start for g in groups]
        return step_in_reading_order(starts, selected, delta, offset) or 0

    def step_passage(self, delta: int) -> None:
        """Go to the next (or previous) passage this article shares with another."""
        if not self.passages:
            self.notify(
                "No passage of this article is printed by another article."
                if self.app.quotes
                else "Quotes are still being indexed.",
                timeout=2,
            )
            return
        index = self.selected_passage = self._step(self.passages, self.selected_passage, delta)
        group = self.passages[index]
        start = group.members_of(self.article_id)[0].start
        self.view.scroll_to_offset(start)
        self.view.set_cursor_at(start, scroll=False)
        others = len(group.articles) - 1
        self.set_status(
            f"passage {index + 1}/{len(self.passages)} · also in {counted(others, 'other article')}",
            f"“{clip(one_line(group.text), 70)}”",
        )

    def action_next_passage(self) -> None:
        self.step_passage(1)

    def action_previous_passage(self) -> None:
        self.step_passage(-1)

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        if event.span is None or not self.groups or event.span != event.view.cursor_span:
            return  # no cursor, or a stale report (the cursor moved again since)
        if self.selected is not None and any(
            p.start < event.span.end and event.span.start < p.end
            for p in self.groups[self.selected].members_of(self.article_id)
        ):
            return  # the selected quote is in this sentence: keep it
        for index, group in enumerate(self.groups):
            if any(
                p.start < event.span.end and event.span.start < p.end
                for p in group.members_of(self.article_id)
            ):
                if index != self.selected:
                    self.select(index, scroll=False)
                return

    # ------------------------------------------------------------------ actions

    def action_compare(self) -> None:
        carriers = self.query_one(CarrierList)
        if self.selected is None or carriers.highlighted is None:
            quotes = self.app.quotes
            partners = quotes.compare_partners(self.article_id) if quotes else []
            if not partners:
                self.notify("No other article shares a quote or a passage with this one.", timeout=2)
                return
            self.app.open_compare(self.article_id, partners[0][0])
            return
        option = carriers.get_option_at_index(carriers.highlighted)
        self.app.open_compare(self.article_id, option.id or "", group_id=self.groups[self.selected].id)

    @on(OptionList.OptionSelected, "#carriers")
    def _carrier_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.selected is not None and event.option.id:
            self.app.open_compare(self.article_id, event.option.id, group_id=self.groups[self.selected].id)

    def action_quote_index(self) -> None:
        group = self.groups[self.selected].id if self.selected is not None else None
        self.app.open_quote_index(group)

    def action_back(self) -> None:
        self.app.pop_screen()
