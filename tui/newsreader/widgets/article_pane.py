"""ArticlePane: an article's title, source and date above its scrollable text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from newsreader.store import StoredArticle
from newsreader.textlayout import one_line
from newsreader.widgets.article_view import ArticleView


def article_meta(article: StoredArticle) -> str:
    return "  ·  ".join(
        filter(
            None,
            [
                one_line(article.source) or "unknown source",
                one_line(article.date) or "undated",
                f"{article.word_count:,} words",
                one_line(article.author),
            ],
        )
    )


class ArticlePane(Vertical):
    """A header (title; source · date · words) and an :class:`ArticleView` below it."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: StoredArticle | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield Static(classes="pane-meta")
        yield ArticleView(classes="pane-text")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def show(self, article: StoredArticle) -> None:
        self.article = article
        self.query_one(".pane-title", Static).update(Content(one_line(article.title)))
        self.query_one(".pane-meta", Static).update(Content(article_meta(article)))
        self.view.set_body(article.body)
        # The reading cursor starts on the first sentence, so what `a` or `y` would act
        # on is visible before the first key.
        self.view.set_cursor_at(0, scroll=False)
