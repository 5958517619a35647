"""Four marks a reader can tell apart, in dark, light and ANSI themes: a shared quote's
colour, a differing word, a shared passage and an annotation, each surviving the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from rich.style import Style

from newsreader import notes
from newsreader.screens.compare import CompareScreen
from newsreader.store import Library

from .conftest import build_library, open_reader, settle
from .test_compare import segment_at

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
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"title: {name}\nsource: {name.upper()}\n\nAn opening of its own, {name}.\n\n{WIRE}\n\n"
            f"{QUOTES[name]}\n",
            encoding="utf-8",
        )
    path = build_library(tmp_path / "library.db", [tmp_path / "a.txt", tmp_path / "b.txt"])
    with Library.open(path) as library:
        right = next(a.id for a in library.articles() if a.source == "B")
        body = library.article(right).body
        start = body.index("single")  # an annotation over a differing word and the quote
        notes.create(library, right, start, body.index(" land"), ["check"], "")
    return path


def contrast(style: Style) -> float:
    """WCAG contrast of the text colour on the background."""

    def luminance(color: Color) -> float:
        channels = [c / 255 for c in color.get_truecolor()]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(style.color), luminance(style.bgcolor)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "ansi-light"])
async def test_each_mark_is_its_own_and_survives_the_others(marked_library: Path, theme: str) -> None:
    async with open_reader(marked_library) as pilot:
        app = pilot.app
        app.theme = theme
        with Library.open(marked_library) as library:
            left, right = (next(a.id for a in library.articles() if a.source == s) for s in ("A", "B"))
        app.open_compare(left, right)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.view("right")
        body = app.library.article(right).body
        quote = segment_at(view, body.index("fight")).style
        differing = segment_at(view, body.index("single")).style  # in the quote, annotated
        annotated = segment_at(view, body.index("court")).style  # in the quote, annotated
        passage = segment_at(view, body.index("Personnel")).style
        plain = segment_at(view, body.index("union president")).style  # narration, no mark
        assert quote.bgcolor is not None and quote.bgcolor != plain.bgcolor
        assert contrast(quote) >= 3, f"quote text on its colour in {theme}"
        # A differing word: bold and reversed, over the quote's colour and under the note.
        assert differing.bold and differing.reverse and differing.underline
        assert differing.bgcolor == quote.bgcolor
        # An annotation: underlined (and coloured), the quote's colour kept beneath it.
        assert annotated.underline and not annotated.reverse and annotated.bgcolor == quote.bgcolor
        assert not quote.underline and not quote.reverse
        # A passage: italic in its own colour, neither a quote's background nor underlined.
        assert passage.italic and not passage.underline and passage.bgcolor == plain.bgcolor
        assert passage.color != plain.color
