"""Time to open the compare screen for two 5,000-word articles, quotes already indexed.

    python bench/compare_open.py [--runs 15] [--words 5000]

Builds a library with two long synthetic articles sharing 25 quotes (some reworded),
indexes the quotes, starts the app headless at 140×40, then opens the compare screen
repeatedly, timing from the request to the end of the screen's first refresh (both panes
painted with their highlights). The app builds one compare screen on the first open, installs
it and reuses it; for reference the first open of a session and a compare screen built from
scratch (compose and mount included) are timed too. Prints the median and spread, a breakdown of the work
(loading, finding each article's quotations, pairing, wrapping), and for reference the
same article drawn as one Static of Content in a scrolling container instead of the
line-rendered ArticleView. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "bench"))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def summary(label: str, times: list[float]) -> None:
    print(
        f"  {label:<46} median {ms(statistics.median(times))}   "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {len(times)} runs)"
    )


def breakdown(path: Path, left: str, right: str, runs: int) -> None:
    from newsreader.comparison import QuoteModel, load_quote_groups, quotation_spans
    from newsreader.store import Library
    from newsreader.textlayout import Layout, display_text

    with Library.open(path) as library:
        model = QuoteModel(load_quote_groups(library))
        steps: dict[str, list[float]] = {
            "load both articles": [],
            "find quotations (both)": [],
            "pair quotes, word diffs": [],
            "wrap both at 66 cols": [],
        }
        for _ in range(runs):
            t = time.perf_counter()
            a, b = library.article(left), library.article(right)
            steps["load both articles"].append(time.perf_counter() - t)
            t = time.perf_counter()
            qa, qb = quotation_spans(a.body), quotation_spans(b.body)
            steps["find quotations (both)"].append(time.perf_counter() - t)
            t = time.perf_counter()
            comparison = model.compare(left, right, qa, qb)
            steps["pair quotes, word diffs"].append(time.perf_counter() - t)
            t = time.perf_counter()
            Layout(display_text(a.body), 66)
            Layout(display_text(b.body), 66)
            steps["wrap both at 66 cols"].append(time.perf_counter() - t)
    print(f"  ({comparison.status}; {a.word_count:,} and {b.word_count:,} words)")
    for label, times in steps.items():
        summary("  " + label, times)


async def end_to_end(path: Path, left: str, right: str, runs: int) -> tuple[list[float], list[float]]:
    from textual.containers import VerticalScroll
    from textual.content import Content
    from textual.screen import Screen
    from textual.widgets import Static

    from newsreader.app import NewsreaderApp
    from newsreader.screens.compare import CompareScreen

    painted = asyncio.Event()

    class StaticScreen(Screen):
        def __init__(self, body: str) -> None:
            super().__init__()
            self.body = body

        def compose(self):
            with VerticalScroll():
                yield Static(Content(self.body))

        def on_mount(self) -> None:
            self.call_after_refresh(painted.set)

    app = NewsreaderApp(path)
    reader_times, static_times, first = [], [], []
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = app.library.article(left).body
        for index in range(runs + 1):
            painted.clear()
            started = time.perf_counter()
            app.open_compare(left, right)
            # The screen has loaded the pair (or loads it on mount): its next refresh paints it.
            app.screen.call_after_refresh(painted.set)
            await painted.wait()
            (reader_times if index else first).append(time.perf_counter() - started)
            screen = app.screen
            assert isinstance(screen, CompareScreen) and screen.comparison is not None
            await pilot.press("n")
            app.pop_screen()
            await pilot.pause()
        for index in range(runs + 1):
            painted.clear()
            started = time.perf_counter()
            app.push_screen(StaticScreen(body))
            await painted.wait()
            if index:
                static_times.append(time.perf_counter() - started)
            app.pop_screen()
            await pilot.pause()
    return first, reader_times, static_times


async def unprepared(path: Path, left: str, right: str, runs: int) -> list[float]:
    """Opening a compare screen built for the purpose (compose and mount included)."""
    from newsreader.app import NewsreaderApp
    from newsreader.screens.compare import CompareScreen

    times = []
    for _ in range(max(3, runs // 3)):
        app = NewsreaderApp(path)
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            painted = asyncio.Event()
            started = time.perf_counter()
            screen = CompareScreen()
            screen.show_pair(left, right)
            app.push_screen(screen)
            screen.call_after_refresh(painted.set)  # after its mount, which loads the pair
            await painted.wait()
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--words", type=int, default=5000)
    args = parser.parse_args()

    from _synthetic import write_long_pair
    from newsreader.comparison import load_quote_groups
    from newsreader.corpus import load_file
    from newsreader.store import Library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_long_pair(folder / "articles", words=args.words)
        path = folder / "library.db"
        with Library.open(path) as library:
            ids = [library.import_article(load_file(file))[1] for file in files]
            load_quote_groups(library)
        left, right = ids
        print(
            f"Compare-open for two {args.words:,}-word articles, quotes indexed "
            f"(headless 140×40, Python {sys.version.split()[0]})"
        )
        first, reader_times, static_times = asyncio.run(end_to_end(path, left, right, args.runs))
        summary("open compare → both panes painted", reader_times)
        summary("  the first open of the session", first)
        summary(
            "  a compare screen built from scratch", asyncio.run(unprepared(path, left, right, args.runs))
        )
        print("  where the work goes:")
        breakdown(path, left, right, args.runs)
        print("  for reference, one article as a Static of Content:")
        summary("  push screen → painted (one pane only)", static_times)


if __name__ == "__main__":
    main()
