"""The compare view's four marks (a shared quote's colour, a differing word, a shared
passage, an annotation) stay apart in a 256-colour terminal, where every colour Textual
renders is brought down to the nearest of the xterm palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.comparison import COLOURS
from newsreader.corpus import load_file
from newsreader.screens.compare import CompareScreen
from newsreader.store import Library
from newsreader.widgets.article_view import ArticleView

WIRE = (
    "Federal workers across several agencies were told on Monday to ignore an email from the "
    "Office of Personnel Management asking them to list their accomplishments."
)
QUOTES = {
    "a": "“We will fight this in every court in the land,” the union president said.",
    "b": "“We will fight this in every single court in the land,” the union president said.",
}


@pytest.fixture
def marked_library(tmp_path: Path) -> Path:
    """Two articles sharing wire copy and a quote with a word added, annotated over it."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        for name in ("a", "b"):
            file = tmp_path / f"{name}.txt"
            file.write_text(
                f"title: {name}\nsource: {name.upper()}\n\nAn opening of its own, {name}.\n\n{WIRE}\n\n"
                f"{QUOTES[name]}\n",
                encoding="utf-8",
            )
            library.import_article(load_file(file))
        right = next(a.id for a in library.articles() if a.source == "B")
        body = library.article(right).body
        notes.create(library, right, body.index("single"), body.index(" land"), ["check"], "")
    return path


def in_256_colours(style: Style) -> tuple[int | None, int | None, bool, bool, bool, bool]:
    """How a 256-colour terminal shows `style`: the palette entries nearest its text and
    background colours (None: the terminal's own), and its bold, italic, underline and
    reverse attributes."""

    def entry(color: Color | None) -> int | None:
        return None if color is None else color.downgrade(ColorSystem.EIGHT_BIT).number

    return (
        entry(style.color),
        entry(style.bgcolor),
        bool(style.bold),
        bool(style.italic),
        bool(style.underline),
        bool(style.reverse),
    )


def segment_at(view: ArticleView, offset: int) -> Segment:
    """The rendered segment showing body character `offset` (on screen, after the gutter)."""
    line = view.layout_lines.lines[view.line_of(offset)]
    column = 2 + offset - line.start
    position = 0
    for segment in view.render_line(view.row_of(offset)):
        if position <= column < position + len(segment.text):
            return segment
        position += len(segment.text)
    raise AssertionError("offset not rendered")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_four_marks_stay_apart_in_256_colours(marked_library: Path, theme: str) -> None:
    app = NewsreaderApp(marked_library)
    async with app.run_test(size=(140, 40)) as pilot:
        app.theme = theme
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        with Library.open(marked_library) as library:
            left, right = (next(a.id for a in library.articles() if a.source == s) for s in ("A", "B"))
        app.open_compare(left, right)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.view("right")
        body = app.library.article(right).body

        def shown(word: str) -> tuple[int | None, int | None, bool, bool, bool, bool]:
            style = segment_at(view, body.index(word)).style
            assert style is not None
            return in_256_colours(style)

        quote, differing, annotated = shown("fight"), shown("single"), shown("court")
        passage, plain = shown("Personnel"), shown("union president")
        colour, background, bold, italic, underline, reverse = range(6)
        assert quote[background] is not None and quote[background] != plain[background]
        assert quote[colour] != quote[background]  # the quote's words readable on its colour
        assert differing[bold] and differing[reverse] and differing[background] == quote[background]
        assert annotated[underline] and not annotated[reverse] and annotated[colour] != quote[colour]
        assert passage[italic] and passage[background] == plain[background]
        assert passage[colour] != plain[colour]
        assert len({quote, differing, annotated, passage, plain}) == 5


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_quote_colours_stay_distinct_in_256_colours(marked_library: Path, theme: str) -> None:
    """Neighbouring shared quotes are told apart by colour alone, so the colours they
    cycle through must not fall onto one palette entry."""
    app = NewsreaderApp(marked_library)
    async with app.run_test(size=(140, 40)) as pilot:
        app.theme = theme
        await pilot.app.workers.wait_for_complete()
        with Library.open(marked_library) as library:
            left, right = (a.id for a in library.articles())
        app.open_compare(left, right)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        colours = [
            in_256_colours(screen.get_component_rich_style(f"reader--group-{n}"))[1] for n in range(COLOURS)
        ]
        assert None not in colours
        assert len(set(colours)) == COLOURS
