"""Snapshots of the main screens at a fixed size (review the SVGs by eye before committing:
tests/ui/__snapshots__/test_snapshots/)."""

from __future__ import annotations

from newsreader.app import NewsreaderApp

from .conftest import SIZE, settle


async def _ready(pilot) -> None:
    await settle(pilot)


def test_library_screen(snap_compare, sample_library) -> None:
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=_ready)


def test_compare_screen_with_highlights(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_compare_screen_narrow(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=(90, 44), run_before=run_before)


def test_article_screen(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "s", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_quote_index(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_coverage_screen(snap_compare, sample_library) -> None:
    """The story of the sample corpus across its five outlets (also docs/coverage-screen.svg)."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await settle(pilot)  # the stories are found after the quotes
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_library_grouped_by_story(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)
