"""Start-up to a usable library screen, against a bare Textual app with one Static.

    python bench/startup.py [--runs 7] [--articles 10000]

Each start is a fresh Python process (interpreter, imports, opening the library, loading
the article list, composing and painting the first screen), timed from just before the
process is spawned to the end of the first refresh of the screen with its rows. Runs
headless at 140×40. Three cases: the bare app, the sample corpus (5 articles), and a
library of N synthetic articles (built once, takes a while). For each library, the first
start (the quote index is built in the background) and a warm start (the index is cached).
Prints the median and the spread; nothing here is a pass/fail test.

First, the cost of importing the newsreader modules the library screen needs (after
Textual itself), in fresh processes: the part of start-up newsreader's own imports
decide, steadier on a busy machine than the end-to-end times. ``--other-tui PATH``
times another checkout's ``tui`` folder in the same runs, interleaved, to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "bench"))

CHILD_BARE = """
import os, sys, time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")
    def on_mount(self):
        self.call_after_refresh(done)

def done():
    print(f"{time.time() - float(os.environ['BENCH_T0']):.4f}", flush=True)
    os._exit(0)

Bare().run(headless=True, size=(140, 40))
"""

CHILD_READER = """
import os, sys, time
from pathlib import Path
from newsreader.store import Library

path = Path(sys.argv[1])
with Library.open(path) as library:  # as `newsreader` does before starting the app
    library.article_count()
from newsreader.app import NewsreaderApp
from newsreader.screens.library import LibraryScreen

original = LibraryScreen.on_mount

def on_mount(self):
    original(self)
    assert self.rows(), "no rows"
    self.call_after_refresh(done)

LibraryScreen.on_mount = on_mount

def done():
    print(f"{time.time() - float(os.environ['BENCH_T0']):.4f}", flush=True)
    os._exit(0)

NewsreaderApp(path).run(headless=True, size=(140, 40))
"""


def start_once(code: str, *args: str) -> float:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tui"), env.get("PYTHONPATH")]))
    env["BENCH_T0"] = repr(time.time())
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"start failed:\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def measure(label: str, runs: int, code: str, *args: str, reset=None) -> float:
    times = []
    for _ in range(runs):
        if reset is not None:
            reset()
        times.append(start_once(code, *args))
    report(label, times)
    return statistics.median(times)


def report(label: str, times: list[float]) -> None:
    print(
        f"  {label:<44} median {statistics.median(times) * 1000:7.0f} ms   "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {len(times)} runs)",
        flush=True,
    )


def measure_against_bare(label: str, runs: int, *args: str, reset=None) -> tuple[float, float]:
    """The reader's start and the bare app's, taken in turns, so that a machine busy with
    other work slows both alike; returns the median of the reader's and of its lead over
    the bare app start by start."""
    reader, leads = [], []
    for _ in range(runs):
        bare = start_once(CHILD_BARE)
        if reset is not None:
            reset()
        reader.append(start_once(CHILD_READER, *args))
        leads.append(reader[-1] - bare)
    report(label, reader)
    print(
        f"  {'  its lead over the bare app, start by start':<44} median {statistics.median(leads) * 1000:+7.0f} ms"
    )
    return statistics.median(reader), statistics.median(leads)


CHILD_IMPORTS = """
import time
started = time.perf_counter()
import textual.app
textual_done = time.perf_counter()
import newsreader.app, newsreader.screens.library, newsreader.widgets.article_table
print(f"{time.perf_counter() - textual_done:.4f}")
"""


def import_cost(runs: int, trees: dict[str, Path]) -> None:
    """Median time to import the library screen's newsreader modules, per source tree."""
    times: dict[str, list[float]] = {label: [] for label in trees}
    for _ in range(runs):
        for label, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            result = subprocess.run(
                [sys.executable, "-c", CHILD_IMPORTS], capture_output=True, text=True, env=env, timeout=60
            )
            if result.returncode != 0:
                raise SystemExit(f"import failed:\n{result.stderr}")
            times[label].append(float(result.stdout.strip()))
    for label, values in times.items():
        print(
            f"  {label:<44} median {statistics.median(values) * 1000:7.0f} ms   "
            f"(min {min(values) * 1000:.0f}, {runs} runs)",
            flush=True,
        )


def build_library(path: Path, sources: list[Path]) -> None:
    from newsreader.corpus import load_paths
    from newsreader.store import Library

    with Library.open(path) as library:
        articles = (item for item in load_paths(sources) if not isinstance(item, Exception))
        for _ in library.import_many(articles, batch=500):
            pass


def index_quotes(path: Path) -> None:
    from newsreader.comparison import load_quote_groups
    from newsreader.store import Library

    with Library.open(path) as library:
        load_quote_groups(library)


def fresh_copy(template: Path, target: Path) -> callable:
    """A reset function restoring ``target`` from ``template`` (no quote index yet)."""
    import shutil

    def reset() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(template, target)

    return reset


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--other-tui",
        type=Path,
        metavar="PATH",
        help="another checkout's tui folder, to compare import costs with",
    )
    args = parser.parse_args()

    print("Importing the library screen's newsreader modules, after Textual")
    trees = {"this checkout": ROOT / "tui"}
    if args.other_tui:
        trees[f"{args.other_tui}"] = args.other_tui
    import_cost(max(args.runs, 11), trees)

    from _synthetic import write_library_files

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"Start-up to a usable library screen (headless 140×40, Python {sys.version.split()[0]})")
        bare = measure("bare Textual app, one Static", args.runs, CHILD_BARE)

        sample = folder / "sample.db"
        build_library(sample, [ROOT / "sample_corpus"])
        sample_template = folder / "sample-template.db"
        fresh_copy(sample, sample_template)()
        _, cold = measure_against_bare(
            "sample corpus (5), first start",
            args.runs,
            str(sample),
            reset=fresh_copy(sample_template, sample),
        )
        index_quotes(sample)
        _, warm = measure_against_bare("sample corpus (5), quotes cached", args.runs, str(sample))
        print(
            f"  → sample corpus vs bare app ({bare * 1000:.0f} ms): +{warm * 1000:.0f} ms warm, "
            f"+{cold * 1000:.0f} ms first start (target: within 150 ms)"
        )

        started = time.perf_counter()
        files = write_library_files(folder / "synthetic", args.articles)
        big = folder / "big.db"
        build_library(big, files)
        print(
            f"  (built a library of {len(files):,} synthetic articles in "
            f"{time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        big_template = folder / "big-template.db"
        fresh_copy(big, big_template)()
        big_cold = measure(
            f"{len(files):,} articles, first start",
            max(3, args.runs // 2),
            CHILD_READER,
            str(big),
            reset=fresh_copy(big_template, big),
        )
        started = time.perf_counter()
        index_quotes(big)
        print(
            f"  (indexed their quotes in {time.perf_counter() - started:.1f} s, in the background "
            "in the app)",
            flush=True,
        )
        big_warm = measure(
            f"{len(files):,} articles, quotes cached", max(3, args.runs // 2), CHILD_READER, str(big)
        )
        print(
            f"  → {len(files):,} articles: {big_warm * 1000:.0f} ms warm, {big_cold * 1000:.0f} ms "
            "first start (target: under 1000 ms)"
        )


if __name__ == "__main__":
    main()
