"""The quote index (``Q``): every shared quote, most widely printed first, then the
passages several outlets print outside quotation marks (wire copy) in a section of
their own, and each outlet's wording of the selected one with the differing words
marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content, Span
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.comparison import Version, versions
from newsreader.corpus.article import known_source
from newsreader.quotes.model import QuoteGroup
from newsreader.textlayout import clip, counted, one_line

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp

TEXT_CHARS = 150


class _StyledList(OptionList):
    def style_of(self, name: str) -> Style:
        """A component class as a span style; partial, so a highlighted option keeps its background."""
        return self.get_visual_style(name, partial=True)


class GroupList(_StyledList):
    BINDING_GROUP_TITLE = "Quotes"
    COMPONENT_CLASSES = {
        "groups--count",
        "groups--speaker",
        "groups--sources",
        "groups--passage",
        "groups--section",
    }
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="groups.down"),
        Binding("k", "cursor_up", "Up", show=False, id="groups.up"),
    ]


class VersionList(_StyledList):
    BINDING_GROUP_TITLE = "Versions"
    COMPONENT_CLASSES = {"versions--source", "versions--diff"}
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="versions.down"),
        Binding("k", "cursor_up", "Up", show=False, id="versions.up"),
    ]


class QuoteIndexScreen(Screen[None]):
    app: NewsreaderApp
    BINDING_GROUP_TITLE = "Quote index"
    AUTO_FOCUS = "#groups"

    BINDINGS = [
        Binding("tab", "switch_list", "Quotes/versions", id="quote_index.switch"),
        Binding("escape,q", "back", "Back", id="quote_index.back"),
    ]

    def __init__(self, group_id: str | None = None) -> None:
        super().__init__()
        self.initial_group = group_id
        self.groups: list[QuoteGroup] = []
        self.passages: list[QuoteGroup] = []
        self.versions: list[Version] = []
        self._group_by_id: dict[str, QuoteGroup] = {}
        self._sources: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="quotes-bar", classes="bar")
        with Horizontal(id="quotes-main"):
            yield GroupList(id="groups")
            yield VersionList(id="versions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(GroupList).border_title = Content("Shared quotes")
        self._sources = {info.id: (info.source, info.title) for info in self.app.library.articles()}
        if self.app.quotes is None:
            self.query_one("#quotes-bar", Static).update(Content("Indexing quotes…"))
            self.app.quotes_changed.subscribe(self, lambda model: self._fill())
        else:
            self._fill()

    def _source(self, article_id: str) -> str:
        source, title = self._sources.get(article_id, ("", ""))
        return one_line(known_source(source) or clip(title, 29)) or article_id

    def _fill(self) -> None:
        quotes = self.app.quotes
        if quotes is None:
            return
        self.groups = quotes.groups
        unique = {group.id: group for printed in quotes.passages.values() for group in printed}
        self.passages = sorted(unique.values(), key=lambda g: (-g.size, -len(g.text), g.id))
        self._group_by_id = {group.id: group for group in self.groups + self.passages}
        articles = len(quotes.counts)
        passages = f"{counted(len(self.passages), 'shared passage')}  ·  " if self.passages else ""
        self.query_one("#quotes-bar", Static).update(
            Content(
                f"{counted(len(self.groups), 'shared quote')} across "
                f"{counted(articles, 'article')}  ·  {passages}most widely printed first  ·  "
                "enter on a version compares it"
            )
        )
        groups = self.query_one(GroupList)
        options: list[Option | None] = []
        for group in self.groups:
            if options:
                options.append(None)
            options.append(self._option(groups, group))
        if self.passages:
            if options:
                options.append(None)
            options.append(
                Option(
                    Content.styled(
                        "Passages printed outside quotation marks (wire copy)",
                        groups.style_of("groups--section"),
                    ),
                    disabled=True,
                )
            )
            for group in self.passages:
                options.append(None)
                options.append(self._option(groups, group))
        groups.clear_options()
        groups.add_options(options)
        if not self._group_by_id:
            self.query_one(VersionList).border_title = Content(
                "No quote is printed by more than one article in the library."
            )
            return
        listed = self.groups + self.passages
        chosen = next((g for g in listed if g.id == self.initial_group), listed[0])
        groups.highlighted = groups.get_option_index(chosen.id)

    def _option(self, groups: GroupList, group: QuoteGroup) -> Option:
        """A group's entry: its reach and speaker (or that it is a passage), its words, its sources."""
        head_count = f"×{group.size}"
        if group.kind == "passage":
            label, label_style = "passage", groups.style_of("groups--passage")
        else:
            label, label_style = one_line(group.speaker) or "unattributed", groups.style_of("groups--speaker")
        head = f"{head_count}  {label}"
        text = clip(one_line(group.text), TEXT_CHARS)
        sources = ", ".join(self._source(aid) for aid in group.articles)
        words = f"“{text}”" if group.kind == "quote" else text
        plain = f"{head}\n{words}\n{sources}"
        tail = len(plain) - len(sources)
        return Option(
            Content(
                plain,
                [
                    Span(0, len(head_count), groups.style_of("groups--count")),
                    Span(len(head_count) + 2, len(head), label_style),
                    Span(tail, len(plain), groups.style_of("groups--sources")),
                ],
            ),
            id=group.id,
        )

    @on(OptionList.OptionHighlighted, "#groups")
    def _group_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        group = self._group_by_id[event.option.id or ""]
        self.versions = versions(group)
        who = "passage" if group.kind == "passage" else one_line(group.speaker) or "unattributed"
        version_list = self.query_one(VersionList)
        version_list.border_title = Content(
            f"{who} · printed by {group.size} articles · reversed words differ"
        )
        source_style = version_list.style_of("versions--source")
        diff_style = version_list.style_of("versions--diff")
        opening, closing = ("“", "”") if group.kind == "quote" else ("", "")
        options: list[Option | None] = []
        for version in self.versions:
            if options:
                options.append(None)
            head = self._source(version.article_id)
            body = one_line(version.text)
            offset = len(head) + 1 + len(opening)
            spans = [Span(0, len(head), source_style)]
            spans += [Span(offset + start, offset + end, diff_style) for start, end in version.diffs]
            text = f"{head}\n{opening}{body}{closing}"
            options.append(Option(Content(text, spans), id=version.article_id))
        version_list.clear_options()
        version_list.add_options(options)
        version_list.highlighted = 0 if options else None

    @on(OptionList.OptionSelected, "#groups")
    def _group_chosen(self, event: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one(VersionList))

    @on(OptionList.OptionSelected, "#versions")
    def _version_chosen(self, event: OptionList.OptionSelected) -> None:
        groups = self.query_one(GroupList)
        if groups.highlighted is None or len(self.versions) < 2:
            return
        group = self._group_by_id[groups.highlighted_option.id or ""]  # type: ignore[union-attr]
        chosen = next(v for v in self.versions if v.article_id == event.option.id)
        partner = next(v for v in self.versions if v.article_id != chosen.article_id)
        self.app.open_compare(chosen.article_id, partner.article_id, group_id=group.id)

    def action_switch_list(self) -> None:
        groups, version_list = self.query_one(GroupList), self.query_one(VersionList)
        self.set_focus(groups if self.focused is version_list else version_list)

    def action_back(self) -> None:
        self.app.pop_screen()
