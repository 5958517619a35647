"""Benchmark stories on a synthetic corpus: python bench/stories.py [--articles 10000]

The corpus is bench/quotes.py's (stories of 5 to 30 articles quoting from a shared
pool, reworded the ways outlets reword), with what real coverage of one event also
shares: each story has its own invented cast of people, places and agencies, named in
most of its articles, and its articles are dated within a few days of each other; a few
names (a head of state, a capital) turn up across stories, as in real news.

Prints, measured in the same run on the same library: the quote index (the floor this
is measured against) and the stories found from it, with the ratio (target: at most
3x); adding one more article and updating its story (target: under 100 ms); and the
coverage screen of a 30-article story, from the request to its first paint, headless at
140x40 like bench/compare_open.py (target: under 100 ms once the stories are found).
Also how well the stories found match the stories made. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "bench"))

from quotes import SYLLABLES, Corpus, peak_mb  # noqa: E402

AGENCY_WORDS = ("Department", "Agency", "Commission", "Authority", "Council", "Bureau", "Board")
PLACE_WORDS = ("Port", "Lake", "Mount", "North", "San", "Fort", "New")
START = date(2024, 1, 1)


class StoryCorpus(Corpus):
    """bench/quotes.py's corpus, each story with its own cast and dates."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        rng = self.rng
        self.everywhere = [f"President {rng.choice(self.people)}", "Capital City", "United Nations"]
        self.casts: dict[int, tuple[list[str], date]] = {}

    def name(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))).capitalize()

    def cast(self, story: int) -> tuple[list[str], date]:
        if story not in self.casts:
            rng = self.rng
            names = [rng.choice(self.people) for _ in range(4)]
            names += [f"{rng.choice(PLACE_WORDS)} {self.name()}" for _ in range(3)]
            names += [f"{self.name()} {rng.choice(AGENCY_WORDS)}" for _ in range(2)]
            self.casts[story] = (names, START + timedelta(days=rng.randrange(700)))
        return self.casts[story]

    def story_article(self, story: int, n: int, pool: list[tuple[str, str]]) -> str:
        rng = self.rng
        names, first_day = self.cast(story)
        text = self.article(story, n, pool)
        header, body = text.split("\n\n", 1)
        paragraphs = body.split("\n\n")
        mentioned = rng.sample(names, rng.randint(5, len(names)))
        if rng.random() < 0.3:
            mentioned.append(rng.choice(self.everywhere))
        for name in mentioned:
            at = rng.randrange(len(paragraphs))
            paragraphs[at] += f" Officials said {name} was {self.sentence(3, 8)}."
        day = first_day + timedelta(days=rng.randint(0, 4))
        return f"{header}\ndate: {day.isoformat()}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int) -> tuple[list[Path], dict[str, int]]:
    corpus = StoryCorpus(seed)
    paths, made = [], {}
    for number, (story, n, pool) in enumerate(corpus.stories(count + 1)):
        path = folder / f"{number:06d}.txt"
        path.write_text(corpus.story_article(story, n, pool), encoding="utf-8")
        paths.append(path)
        made[path.stem] = story
    return paths, made


def timed(label: str, work):
    """Run ``work``, printing its wall time and the processor time it took (on a shared
    machine the second says more), and return its wall time and result."""
    started, busy = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - busy
    print(
        f"  {label:<52} {seconds * 1000:9.1f} ms  (cpu {cpu * 1000:8.1f} ms)   peak {peak_mb():5.0f} MB",
        flush=True,
    )
    return seconds, result


def agreement(found, made: dict[str, int], paths: dict[str, str]) -> str:
    """How the stories found compare with the stories made (by the files' stems)."""
    truth: dict[int, set[str]] = {}
    for article_id, stem in paths.items():
        truth.setdefault(made[stem], set()).add(article_id)
    exact = sum(1 for story in found if set(story.articles) in truth.values())
    mixed = sum(1 for story in found if len({made[paths[i]] for i in story.articles}) > 1)
    grouped = sum(len(story.articles) for story in found)
    return (
        f"{len(found):,} stories found for {len(truth):,} made: {exact:,} exactly a story made, "
        f"{mixed:,} mixing two or more; {grouped:,} of {len(paths):,} articles in a story"
    )


async def open_coverage(
    path: Path, story_id: str, runs: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Times to open the coverage screen, and for reference a screen of one Static, each
    as (wall, processor) seconds."""
    from textual.screen import Screen
    from textual.widgets import Static

    from newsreader.app import NewsreaderApp
    from newsreader.screens.coverage import CoverageScreen

    painted = asyncio.Event()
    original = CoverageScreen.on_mount

    def on_mount(self) -> None:
        original(self)
        self.call_after_refresh(painted.set)

    CoverageScreen.on_mount = on_mount

    class StaticScreen(Screen):
        def compose(self):
            yield Static("reference")

        def on_mount(self) -> None:
            self.call_after_refresh(painted.set)

    app = NewsreaderApp(path)
    times, reference = [], []
    async with app.run_test(size=(140, 40)) as pilot:
        while app.stories is None:  # the quotes are read from the cache, then the stories
            await app.workers.wait_for_complete()
            await pilot.pause()
        for index in range(runs + 1):
            painted.clear()
            started, busy = time.perf_counter(), time.process_time()
            app.push_screen(CoverageScreen(story_id))
            await painted.wait()
            if index:  # the first open imports the screen's code
                times.append((time.perf_counter() - started, time.process_time() - busy))
            assert app.screen.report is not None
            app.pop_screen()
            await pilot.pause()
            painted.clear()
            started, busy = time.perf_counter(), time.process_time()
            app.push_screen(StaticScreen())
            await painted.wait()
            reference.append((time.perf_counter() - started, time.process_time() - busy))
            app.pop_screen()
            await pilot.pause()
    return times, reference


def cold_import() -> str:
    """What a new process pays to sign its first article: importing datasketch (and scipy)."""
    import subprocess

    code = "import time; t = time.perf_counter(); import datasketch; print(time.perf_counter() - t)"
    seconds = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    return f"importing datasketch in a fresh process: {seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from newsreader import stories
    from newsreader.corpus import load_file
    from newsreader.quotes import cache as quote_cache
    from newsreader.store import Library

    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as tmp:
        folder = Path(tmp)
        paths, made = write_corpus(folder, args.articles, args.seed)
        extra = paths.pop(len(paths) // 2)  # held back, then added to its story
        corpus = paths
        print(
            f"{len(corpus):,} articles in {len(set(made.values())):,} stories "
            f"(Python {sys.version.split()[0]})"
        )
        path = folder / "library.db"
        with Library.open(path) as library:
            sum(1 for _ in library.import_many(load_file(p) for p in corpus))
            stems = {info.id: Path(info.path).stem for info in library.articles()}
            quotes, _ = timed("quote index into the library (the floor)", lambda: quote_cache.sync(library))
            _, groups = timed(
                "  then reading its groups", lambda: quote_cache.shared_quotes(library, kind=None)
            )
            full, found = timed(
                "stories from scratch (names, LSH, links, groups)", lambda: stories.sync(library, groups)
            )
            print(f"  ratio to the quote index: {full / quotes:.2f}x (target at most 3x)")
            print("  " + agreement(found, made, stems))

            library.import_article(load_file(extra))
            timed("add one article: its quotes", lambda: quote_cache.sync(library))
            groups = quote_cache.shared_quotes(library, kind=None)
            _, after = timed("add one article: its story", lambda: stories.sync(library, groups))
            timed("nothing new: the stories as they are", lambda: stories.sync(library, groups))
            added = next(info.id for info in library.articles() if Path(info.path).stem == extra.stem)
            story = next((s for s in after if added in s.articles), None)
            print(
                f"  the new article joined {'a story of ' + str(len(story.articles)) if story else 'no story'}"
                f" (target under 100 ms)"
            )
            print(f"  {cold_import()} (once per process, before its first new article)")
            wide = max(after, key=lambda s: (len(s.articles) == 30, -abs(len(s.articles) - 30)))
        times, reference = asyncio.run(open_coverage(path, wide.id, args.runs))
        wall, cpu = (statistics.median(t[i] for t in times) for i in (0, 1))
        wall_ref, cpu_ref = (statistics.median(t[i] for t in reference) for i in (0, 1))
        print(
            f"  coverage screen of a {len(wide.articles)}-article story, to its first paint: median "
            f"{wall * 1000:.1f} ms, cpu {cpu * 1000:.1f} ms (min {min(t[0] for t in times) * 1000:.1f}, "
            f"max {max(t[0] for t in times) * 1000:.1f}, {len(times)} runs; target under 100 ms)"
        )
        print(
            f"  for reference, a screen of one Static: median {wall_ref * 1000:.1f} ms, cpu {cpu_ref * 1000:.1f} ms;"
            f" ratio {wall / wall_ref:.1f}x (cpu {cpu / cpu_ref:.1f}x)"
        )


if __name__ == "__main__":
    main()
