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

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from newsreader.comparison import COLOURS
from newsreader.corpus.article import known_source
from newsreader.export.selection import source_name
from newsreader.stories import Coverage, attributions, coverage
from newsreader.stories.report import LEGEND, SYMBOLS, said_by
from newsreader.textlayout import one_line

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp

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
        yield DataTable(
            id="coverage-table", fixed_columns=1, cursor_type="cell", zebra_stripes=True, header_height=2
        )
        yield Static(id="coverage-status", classes="status")
        yield Static(id="coverage-timeline")
        yield Footer()

    def on_mount(self) -> None:
        story = self.reader.stories.by_id.get(self.story_id) if self.reader.stories else None
        self.facts = self.reader.library.article_infos(story.articles) if story is not None else {}
        if story is None or any(article_id not in self.facts for article_id in story.articles):
            self.query_one("#coverage-title", Static).update(Content("This story is gone (re-indexed)."))
            return
        groups = self.reader.quotes.groups if self.reader.quotes else []
        bodies = {
            article_id: article.body
            for article_id in story.articles
            if (article := self.reader.library.article(article_id)) is not None
        }
        self.report = coverage(story, self.facts, groups, attributions(bodies))
        span = " – ".join(dict.fromkeys(d for d in (story.first, story.last) if d)) or "undated"
        self.query_one("#coverage-title", Static).update(
            Content.assemble(
                (one_line(story.title), "bold"),
                f"  ·  {len(story.articles)} articles  ·  {span}  ·  ",
                (LEGEND, "dim"),
            )
        )
        table = self.query_one(DataTable)
        table.add_column("Quote", width=QUOTE_WIDTH, key="quote")
        for article_id in self.report.articles:
            info = self.facts[article_id]
            label = Text(
                one_line(source_name(info))[: COLUMN_WIDTH - 1] + "\n" + (info.date[:10] or "undated")
            )
            table.add_column(label, width=COLUMN_WIDTH, key=article_id)
        for number, row in enumerate(self.report.rows):
            style = self.get_component_rich_style(
                "coverage--passage" if row.kind == "passage" else f"coverage--group-{number % COLOURS}"
            )
            absent = self.get_component_rich_style("coverage--absent")
            label = Text(one_line(("passage: " if row.kind == "passage" else "") + row.text))
            label.truncate(QUOTE_WIDTH, overflow="ellipsis")
            if row.speakers:  # on a line of its own, every name the outlets give, fullest first
                said = Text("— " + one_line(said_by(row)), style="italic")
                said.truncate(QUOTE_WIDTH, overflow="ellipsis")
                label = Text("\n").join([label, said])
            cells = [
                Text(
                    f" {SYMBOLS[cell.status]} {cell.status}",
                    style=absent if cell.status == "absent" else style,
                )
                for cell in row.cells
            ]
            table.add_row(label, *cells, key=row.group_id, height=2 if row.speakers else 1)
        if not self.report.rows:
            self.query_one("#coverage-status", Static).update(
                Content("Its articles are linked by the names they use; they share no quote or passage.")
            )
        self.query_one("#coverage-timeline", Static).update(self._timeline())

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

    def _cell(self):
        if self.report is None or not self.report.rows:
            return None, None
        table = self.query_one(DataTable)
        row_index, column = table.cursor_coordinate.row, table.cursor_coordinate.column
        if not 0 <= row_index < len(self.report.rows):
            return None, None
        row = self.report.rows[row_index]
        cell = row.cells[column - 1] if 1 <= column <= len(row.cells) else None
        return row, cell

    @on(DataTable.CellHighlighted)
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
