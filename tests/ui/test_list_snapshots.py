"""Snapshots of the annotations list and the export dialog (review the SVGs by eye before
committing: tests/ui/__snapshots__/test_list_snapshots/)."""

from __future__ import annotations

from newsreader.app import NewsreaderApp

from .conftest import SIZE, settle
from .test_annotations_list import annotated_library, orphan


def test_annotations_list(snap_compare, sample_library) -> None:
    made = annotated_library(sample_library)
    orphan(sample_library, made["revolt"])

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_export_dialog(snap_compare, sample_library) -> None:
    annotated_library(sample_library)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        # The default path holds today's date and the working folder: fix it for the picture.
        pilot.app.screen.query_one("#export-path").value = "/home/reader/notes.md"
        await pilot.press(*"doge")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)
