"""Snapshots of every screen and dialog at a fixed size (review the SVGs by eye before
committing: tests/ui/__snapshots__/test_snapshots/)."""

from __future__ import annotations

from newsreader.app import NewsreaderApp

from .conftest import SIZE, settle, type_text
from .test_annotations_list import annotated_library, orphan


def keys(*steps: tuple[str, ...]):
    """A ``run_before`` that lets the reader settle, then presses each group of keys in
    turn, settling after each."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for step in steps:
            await pilot.press(*step)
            await settle(pilot)

    return run_before


def test_library_screen(snap_compare, sample_library) -> None:
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=keys())


def test_compare_screen_with_highlights(snap_compare, sample_library) -> None:
    run_before = keys(("c",), ("n",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_compare_screen_narrow(snap_compare, sample_library) -> None:
    run_before = keys(("c",), ("n", "n"))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=(90, 44), run_before=run_before)


def test_article_screen(snap_compare, sample_library) -> None:
    run_before = keys(("s", "s", "enter"), ("n",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_quote_index(snap_compare, sample_library) -> None:
    run_before = keys(("Q",), ("j",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, sample_library) -> None:
    run_before = keys(("question_mark",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_coverage_screen(snap_compare, sample_library) -> None:
    """The story of the sample corpus across its five outlets (also docs/coverage-screen.svg)."""
    run_before = keys(("S",), ("right",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_library_grouped_by_story(snap_compare, sample_library) -> None:
    run_before = keys(("o", "enter"))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_annotate_dialog_over_the_article(snap_compare, sample_library) -> None:
    async def run_before(pilot) -> None:
        await keys(("s", "s", "enter"), ("n", "v", "j", "a"))(pilot)
        await type_text(pilot, "Musk, needs source")
        await pilot.press("tab")
        await type_text(pilot, "Check the figure\nwith the agency.")

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_annotations_list(snap_compare, sample_library) -> None:
    made = annotated_library(sample_library)
    orphan(sample_library, made["revolt"])
    run_before = keys(("A",))
    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)


def test_export_dialog(snap_compare, sample_library) -> None:
    annotated_library(sample_library)

    async def run_before(pilot) -> None:
        await keys(("e",))(pilot)
        # The default path holds today's date and the working folder: fix it for the picture.
        pilot.app.screen.query_one("#export-path").value = "/home/reader/notes.md"
        await type_text(pilot, "doge")
        await settle(pilot)

    assert snap_compare(NewsreaderApp(sample_library), terminal_size=SIZE, run_before=run_before)
