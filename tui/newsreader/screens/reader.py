"""ReaderScreen: the base of screens that show articles (compare, single article).

It carries the styles of the marks drawn in articles (shared-quote colours, differing
words, the cursor…) as component classes, ``reader--<style>``, styled in
``styles/reader.tcss``; every :class:`~newsreader.widgets.article_view.ArticleView` on the
screen draws with them.
"""

from __future__ import annotations

from textual.screen import Screen

from newsreader.widgets.article_view import MARK_STYLES


class ReaderScreen(Screen[None]):
    COMPONENT_CLASSES = {f"reader--{name}" for name in MARK_STYLES}
