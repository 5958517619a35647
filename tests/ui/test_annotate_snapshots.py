"""Snapshot of the annotate dialog over the article screen (review the SVG by eye before
committing: tests/ui/__snapshots__/test_annotate_snapshots/)."""

from __future__ import annotations

from newsreader.app import NewsreaderApp

from .conftest import SIZE, settle


def test_annotate_dialog_over_the_article(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "s", "enter")
        await settle(pilot)
        await pilot.press("n", "v", "j", "a")
        await settle(pilot)
        await pilot.press(*"Musk, needs source", "tab", *"Check the figure", "enter", *"with the agency.")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)
