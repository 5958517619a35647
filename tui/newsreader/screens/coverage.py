"""The coverage screen (``S`` in the library): every outlet on one story at once.

A row per quote and passage the story's articles share, a column per article (oldest
first, headed by its outlet), each cell saying whether the article prints it in full, in
part, altered or not at all, in the quote's colour. The quote column stays put while the
table scrolls sideways, so thirty outlets stay readable. ``enter`` on a cell compares that
article with the one printing the fullest version, at that quote. Below the table, the
timeline: who published when, and whose wire copy each shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsreader.comparison import COLOURS
from newsreader.corpus.article import known_source
from newsreader.export.selection import source_name
from newsreader.stories import Coverage, attributions, coverage
from newsreader.stories.coverage import STATUSES, Cell, Row
from newsreader.stories.report import LEGEND, SYMBOLS, said_by
from newsreader.textlayout import one_line
from newsreader.widgets.coverage_grid import CoverageGrid, Line

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp
    from newsreader.quotes.model import QuoteGroup

QUOTE_WIDTH = 40
COLUMN_WIDTH = 14


class CoverageScreen(Screen[None]):
    app: NewsreaderApp
    """One story's coverage across its outlets."""

    BINDING_GROUP_TITLE = "Coverage"
    AUTO_FOCUS = "#coverage-table"
    COMPONENT_CLASSES = {
        *(f"coverage--group-{n}" for n in range(COLOURS)),
        "coverage--absent",
        "coverage--passage",
    }
    BINDINGS = [
        Binding("enter", "compare", "Compare at this quote", priority=True, id="coverage.compare"),
        Binding("escape", "app.pop_screen", "Back", id="coverage.back"),
    ]

    def __init__(self, story_id: str) -> None:
        super().__init__()
        self.story_id = story_id
        self.report: Coverage | None = None

    @property
    def reader(self) -> NewsreaderApp:
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(id="coverage-title")
        yield CoverageGrid(id="coverage-table")
        yield Static(id="coverage-status", classes="status")
        yield Static(id="coverage-timeline")
        yield Footer()

    def on_mount(self) -> None:
        story = self.reader.stories.by_id.get(self.story_id) if self.reader.stories else None
        self.facts = self.reader.library.article_infos(story.articles) if story is not None else {}
        if story is None or any(article_id not in self.facts for article_id in story.articles):
            self.query_one("#coverage-title", Static).update(Content("This story is gone (re-indexed)."))
            return
        bodies = {
            article_id: article.body
            for article_id in story.articles
            if (article := self.reader.library.article(article_id)) is not None
        }
        self.report = coverage(story, self.facts, self._groups(story.articles), attributions(bodies))
        span = " – ".join(dict.fromkeys(d for d in (story.first, story.last) if d)) or "undated"
        self.query_one("#coverage-title", Static).update(
            Content.assemble(
                (one_line(story.title), "bold"),
                f"  ·  {len(story.articles)} articles  ·  {span}  ·  ",
                (LEGEND, "dim"),
            )
        )
        header = [(Line("Quote"),)] + [
            (
                Line(one_line(source_name(self.facts[article_id]))[: COLUMN_WIDTH - 1]),
                Line(self.facts[article_id].date[:10] or "undated"),
            )
            for article_id in self.report.articles
        ]
        absent = self._foreground("coverage--absent")
        rows = []
        for number, row in enumerate(self.report.rows):
            style = self._foreground(
                "coverage--passage" if row.kind == "passage" else f"coverage--group-{number % COLOURS}"
            )
            label = [Line(one_line(("passage: " if row.kind == "passage" else "") + row.text))]
            if row.speakers:  # on a line of its own, every name the outlets give, fullest first
                label.append(Line("— " + one_line(said_by(row)), Style(italic=True)))
            shown = {
                status: (Line(f" {SYMBOLS[status]} {status}", absent if status == "absent" else style),)
                for status in STATUSES
            }
            cells = [shown[cell.status] for cell in row.cells]
            rows.append([tuple(label), *cells])
        self.query_one(CoverageGrid).show(
            [QUOTE_WIDTH] + [COLUMN_WIDTH] * len(self.report.articles), header, rows
        )
        if not self.report.rows:
            self.query_one("#coverage-status", Static).update(
                Content("Its articles are linked by the names they use; they share no quote or passage.")
            )
        self.query_one("#coverage-timeline", Static).update(self._timeline())

    def _foreground(self, component: str) -> Style:
        """A component's colour and text style, to draw on the grid's own backgrounds."""
        style = self.get_component_rich_style(component)
        return Style(color=style.color, bold=style.bold, italic=style.italic)

    def _groups(self, article_ids: list[str]) -> list[QuoteGroup]:
        """The quote and passage groups the story's articles print, each once (looked up
        by article: the library may hold ten thousand groups)."""
        model = self.reader.quotes
        if model is None:
            return []
        found: dict[str, QuoteGroup] = {}
        for article_id in article_ids:
            for group in (*model.groups_of(article_id), *model.passages.get(article_id, ())):
                found.setdefault(group.id, group)
        return list(found.values())

    def _timeline(self) -> Content:
        assert self.report is not None
        lines = [Content.styled("Timeline", "bold")]
        for line in self.report.timeline:
            took = (
                f"  ·  shares wire copy with {one_line(source_name(self.facts[line.copied_from]))}"
                if line.copied_from
                else ""
            )
            info = self.facts[line.article_id]
            known = known_source(info.source)  # else the name is the title
            lines.append(
                Content(
                    f"{line.date[:16] or 'undated':16}  {one_line(source_name(info))}"
                    + (f"  ·  {one_line(info.title)}" if known else "")
                    + took
                )
            )
        return Content("\n").join(lines)

    def _cell(self) -> tuple[Row | None, Cell | None]:
        if self.report is None or not self.report.rows:
            return None, None
        row_index, column = self.query_one(CoverageGrid).cursor
        if not 0 <= row_index < len(self.report.rows):
            return None, None
        row = self.report.rows[row_index]
        cell = row.cells[column - 1] if 1 <= column <= len(row.cells) else None
        return row, cell

    @on(CoverageGrid.CellHighlighted)
    def _show_cell(self) -> None:
        row, cell = self._cell()
        status = self.query_one("#coverage-status", Static)
        if row is None:
            return
        if cell is None:
            status.update(
                Content(one_line(row.text) + (f" — {one_line(said_by(row))}" if row.speakers else ""))
            )
            return
        info = self.facts[cell.article_id]
        what = {
            "full": "prints it in full",
            "part": "prints part of it",
            "absent": "does not print it",
            "altered": "prints it altered: " + ", ".join(f"“{w}”" for w in cell.differing),
        }[cell.status]
        status.update(
            Content(
                f"{one_line(source_name(info))} {one_line(what)}"
                + ("" if cell.status == "absent" else f"  ·  {one_line(cell.text)}")
                + (f" — {one_line(cell.speaker)}" if cell.speaker else "")
            )
        )

    def action_compare(self) -> None:
        row, cell = self._cell()
        if row is None or cell is None:
            self.notify("Move to an article's column to compare it.", timeout=2)
            return
        if cell.status == "absent":
            self.notify("This article does not print it.", timeout=2)
            return
        other = (
            row.fullest
            if row.fullest != cell.article_id
            else next(
                (c.article_id for c in row.cells if c.article_id != cell.article_id and c.status != "absent"),
                None,
            )
        )
        if other is None:
            return
        self.reader.open_compare(other, cell.article_id, group_id=row.group_id)
