"""No screen crashes at any terminal size from 1x1 up, or when the terminal is resized
with it open; the keys that move by a page do nothing where there is no page."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.screen import Screen

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.screens.annotate import AnnotateDialog
from newsreader.screens.annotations import AnnotationsScreen
from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.screens.export_dialog import ExportDialog
from newsreader.screens.help import HelpScreen
from newsreader.screens.library import LibraryScreen, TagPicker
from newsreader.screens.quote_index import QuoteIndexScreen
from newsreader.screens.search import SearchScreen

from .conftest import SIZE, open_reader, settle, type_text

#: The smallest size, and sizes seen to crash a screen (width, height).
TINY = [(1, 1), (4, 1), (6, 8), (10, 3), (20, 5)]
MOVES = ("pageup", "pagedown")


def tagged(sample_library):
    """The sample library with an article tag and an annotation, so every list has rows."""
    from newsreader.store import Library

    with Library.open(sample_library) as library:
        article = library.articles()[0]
        notes.set_article_tags(library, article.id, ["climate"])
        notes.create(library, article.id, 0, 40, ["climate"], "a note")
    return sample_library


async def test_page_up_in_the_quote_index_of_a_20x5_terminal(sample_library) -> None:
    async with open_reader(sample_library, size=(20, 5)) as pilot:
        app = pilot.app
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, QuoteIndexScreen)
        await pilot.press("pageup", "pagedown", "tab", "pagedown", "pageup")
        await pilot.pause()
        assert isinstance(app.screen, QuoteIndexScreen)


async def test_page_up_in_the_tag_picker_of_a_10x3_terminal(sample_library) -> None:
    async with open_reader(tagged(sample_library), size=(10, 3)) as pilot:
        app = pilot.app
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        await pilot.press("pageup", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)


@pytest.mark.parametrize("width", [1, 2, 4, 6, 13])
async def test_the_command_palette_opens_at_any_width(sample_library, width: int) -> None:
    async with open_reader(NewsreaderApp(sample_library, index_quotes=False), size=(width, 8)) as pilot:
        app = pilot.app
        await pilot.press("ctrl+p", "t", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.resize_terminal(width, 1)
        await pilot.pause()


async def shrink_and_grow(pilot, expected: type[Screen]) -> None:
    """Resize through every tiny size and back, moving about at each; the screen stays."""
    for width, height in TINY + [SIZE]:
        await pilot.resize_terminal(width, height)  # and draws the screen at that size
        await pilot.press(*MOVES)
        await pilot.pause()
        assert isinstance(pilot.app.screen, expected), (width, height)


async def test_every_screen_survives_tiny_sizes_and_resizes(sample_library) -> None:
    async with open_reader(tagged(sample_library)) as pilot:
        app = pilot.app
        await shrink_and_grow(pilot, LibraryScreen)
        for key, screen in (
            ("T", TagPicker),
            ("A", AnnotationsScreen),
            ("e", ExportDialog),
            ("Q", QuoteIndexScreen),
            ("question_mark", HelpScreen),
            ("ctrl+p", CommandPalette),
        ):
            await pilot.press(key)
            await settle(pilot)
            await shrink_and_grow(pilot, screen)
            while not isinstance(app.screen, LibraryScreen):  # the palette's input first
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("F")
        await type_text(pilot, "musk")
        await pilot.press("enter")
        await settle(pilot)
        await shrink_and_grow(pilot, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await shrink_and_grow(pilot, CompareScreen)
        await pilot.press("escape", "enter")
        await settle(pilot)
        await shrink_and_grow(pilot, ArticleScreen)
        await pilot.press("n", "a")
        await pilot.pause()
        await shrink_and_grow(pilot, AnnotateDialog)


async def test_page_keys_in_an_open_select_of_a_narrow_terminal(sample_library) -> None:
    async with open_reader(NewsreaderApp(sample_library, index_quotes=False), size=(12, 6)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-format").focus()
        await pilot.press("enter", "pageup", "pagedown", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
