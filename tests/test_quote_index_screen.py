"""The quote index (Q) lists shared passages (wire copy) in a section of their own, after
the quotes, marked as passages, with each outlet's wording and its differences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.app import NewsreaderApp
from newsreader.corpus import load_file
from newsreader.screens.quote_index import GroupList, QuoteIndexScreen, VersionList
from newsreader.store import Library

WIRE = (
    "Federal workers across several agencies were told on Monday to ignore an email from the "
    "Office of Personnel Management asking them to list their accomplishments."
)
QUOTE = "“We will fight this in every court in the land,” the union president said."


@pytest.fixture
def wire_library(tmp_path: Path) -> Path:
    """Two outlets printing one agency paragraph (one word changed) and one quote."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        for name, source, wire in (("a", "AP", WIRE), ("b", "Daily", WIRE.replace("ignore", "disregard"))):
            file = tmp_path / f"{name}.txt"
            file.write_text(
                f"title: {name} story\nsource: {source}\ndate: 2026-01-0{len(name)}\n\n"
                f"An opening of the {source} story of its own.\n\n{wire}\n\n{QUOTE}\n",
                encoding="utf-8",
            )
            library.import_article(load_file(file))
    return path


async def open_index(pilot) -> QuoteIndexScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("Q")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuoteIndexScreen)
    return screen


def option_lines(option_list) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_passages_have_their_own_section_after_the_quotes(wire_library: Path) -> None:
    app = NewsreaderApp(wire_library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_index(pilot)
        assert [g.kind for g in screen.groups] == ["quote"]
        assert [g.kind for g in screen.passages] == ["passage"]
        assert "accomplishments" in screen.passages[0].text
        lines = option_lines(screen.query_one(GroupList))
        quote, heading, passage = lines
        assert quote.startswith("×2  the union president") and "“We will fight" in quote
        assert heading.startswith("Passages printed outside quotation marks")
        assert passage.startswith("×2  passage\nFederal workers") and "“" not in passage
        assert "1 shared passage" in str(screen.query_one("#quotes-bar").render())


async def test_a_passage_shows_each_wording_with_its_difference(wire_library: Path) -> None:
    app = NewsreaderApp(wire_library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_index(pilot)
        groups = screen.query_one(GroupList)
        assert groups.get_option_at_index(1).disabled  # the heading cannot be chosen
        await pilot.press("j")  # past the heading, to the passage
        await pilot.pause()
        assert groups.highlighted_option is not None
        assert groups.highlighted_option.id == screen.passages[0].id
        versions = screen.query_one(VersionList)
        assert str(versions.border_title).startswith("passage · printed by 2 articles")
        wordings = option_lines(versions)
        assert [w.split("\n")[0] for w in sorted(wordings)] == ["AP", "Daily"]
        for version, line in zip(screen.versions, wordings):
            text = line.split("\n", 1)[1]
            assert text == version.text  # no quotation marks around a passage
            changed = {text[s:e] for s, e in version.diffs}
            assert changed == ({"ignore"} if "ignore" in text else {"disregard"})


async def test_the_index_opens_at_a_passage_asked_for(wire_library: Path) -> None:
    app = NewsreaderApp(wire_library)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        passage = next(g for groups in app.quotes.passages.values() for g in groups)
        app.push_screen(QuoteIndexScreen(passage.id))
        await pilot.pause()
        await pilot.pause()
        groups = app.screen.query_one(GroupList)
        assert groups.highlighted_option is not None and groups.highlighted_option.id == passage.id
