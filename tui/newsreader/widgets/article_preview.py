"""ArticlePreview: beside the library's list, the highlighted article (title, facts, who
shares quotes with it, the start of its text) or the highlighted story heading."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from newsreader.corpus.article import known_source
from newsreader.listing import Heading, Row
from newsreader.textlayout import clip, counted, display_text, one_line

if TYPE_CHECKING:
    from newsreader.comparison import QuoteModel
    from newsreader.stories import Story

PREVIEW_CHARS = 1800
PARTNERS_NAMED = 6


class ArticlePreview(VerticalScroll, can_focus=False):
    """Title, metadata, who shares quotes with it, and the start of the text."""

    def compose(self) -> ComposeResult:
        yield Static(id="preview-title")
        yield Static(id="preview-meta")
        yield Static(id="preview-quotes")
        yield Static(id="preview-body")

    def show(self, title: str, meta: str = "", quotes: str = "", body: str = "") -> None:
        self.query_one("#preview-title", Static).update(Content(title))
        self.query_one("#preview-meta", Static).update(Content(meta))
        quotes_widget = self.query_one("#preview-quotes", Static)
        quotes_widget.update(Content(quotes))
        quotes_widget.display = bool(quotes)
        self.query_one("#preview-body", Static).update(Content(body))
        self.scroll_home(animate=False)

    def show_article(self, row: Row, body: str, sharing: str) -> None:
        info = row.info
        meta = "  ·  ".join(
            filter(
                None,
                [
                    one_line(info.source) or "unknown source",
                    one_line(info.date) or "undated",
                    f"{info.word_count:,} words",
                    one_line(info.author),
                ],
            )
        )
        added = []
        if row.all_tags:
            added.append("tags: " + one_line(", ".join(row.all_tags)))
        if row.annotation_count:
            added.append(f"{counted(row.annotation_count, 'annotation')}")
        if added:
            meta += "\n" + "  ·  ".join(added)
        excerpt = display_text(body[:PREVIEW_CHARS]) + ("…" if len(body) > PREVIEW_CHARS else "")
        self.show(one_line(info.title), meta, sharing, excerpt)

    def show_story(self, heading: Heading, story: Story | None, rows: Mapping[str, Row]) -> None:
        """A story heading: its dates, sources and headlines (``rows`` by article id)."""
        if story is None:
            self.show(heading.title, f"{heading.count:,} articles that share nothing with another.")
            return
        span = " – ".join(dict.fromkeys(d for d in (story.first, story.last) if d)) or "undated"
        meta = f"{len(story.articles)} articles  ·  {span}\n" + one_line(", ".join(story.sources))
        headlines = []
        for article_id in story.articles:
            row = rows.get(article_id)
            if row is not None:
                known = bool(known_source(row.info.source))
                headlines.append(
                    (f"{one_line(row.info.source)}: " if known else "• ") + one_line(row.info.title)
                )
        self.show(
            one_line(story.title),
            meta,
            f"story:{story.id}  ·  S shows its coverage, enter unfolds it",
            "\n".join(headlines),
        )


def sharing_line(quotes: QuoteModel | None, article_id: str, rows: Mapping[str, Row]) -> str:
    """Who shares quotes with ``article_id`` (sources, else clipped titles), most first."""
    if quotes is None:
        return "Shared quotes: indexing…"
    partners = quotes.partners(article_id)
    if partners:
        shares = f"Shares {counted(quotes.count(article_id), 'quote')} with "
    else:
        partners = quotes.wire_partners(article_id)
        if not partners:
            return "Shares no quotes or passages with other articles."
        shares = (
            f"Shares no quotes; {counted(len(quotes.passages[article_id]), 'passage')} of wire copy with "
        )
    names = []
    for other, count in partners[:PARTNERS_NAMED]:
        row = rows.get(other)
        name = (
            one_line(row.info.source)
            if row and known_source(row.info.source)
            else clip(one_line(row.info.title), 30)
            if row
            else other
        )
        names.append(f"{name} ({count})")
    more = f" and {len(partners) - PARTNERS_NAMED} more" if len(partners) > PARTNERS_NAMED else ""
    return shares + ", ".join(names) + more + ".  c compares with the first."
