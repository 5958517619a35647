"""Importing saved web pages: N pages built on the test fixtures' platform layouts.

    python bench/import_pages.py [--pages 10000] [--compare 1000]

Each page is one of the six fixture layouts (WordPress, Arc, Next.js, AMP, a bare page,
a Latin-1 page; boilerplate and all) with its article paragraphs and headline replaced
by synthetic text, written to a temporary folder. Prints wall time for:

- the floor: reading every file and parsing it with lxml, which any extractor pays;
- extracting the articles (``corpus.load_file``: trafilatura in fast mode, then cleaning);
- the same on the first ``--compare`` pages in trafilatura's full mode (with its
  fallback extractors), and how many bodies come out the same as in fast mode;
- importing all N into a new library (extract, store, full-text index), as
  ``newsreader import FOLDER`` does: with the files read in worker processes (one per
  core), and again in one process.

Nothing here is a pass/fail test; compare figures within one run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "bench"))

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
LAYOUTS = ("wordpress", "arc", "nextjs", "amp", "no_meta", "latin1")
_PARAGRAPH = re.compile(r"(<p\b[^>]*>)([^<]{80,})(</p>)")


def write_pages(folder: Path, count: int, seed: int = 3) -> list[Path]:
    from _synthetic import paragraph, sentence

    rng = random.Random(seed)
    templates = {}
    for name in LAYOUTS:
        raw = (FIXTURES / f"{name}.html").read_bytes()
        encoding = "iso-8859-1" if name == "latin1" else "utf-8"
        templates[name] = (raw.decode(encoding), encoding)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        name = LAYOUTS[number % len(LAYOUTS)]
        text, encoding = templates[name]
        text = _PARAGRAPH.sub(lambda m: m.group(1) + paragraph(rng, rng.randint(40, 110)) + m.group(3), text)
        headline = sentence(rng, 6, 11).rstrip(".")
        for old in _headlines(name):
            text = text.replace(old, headline)
        path = folder / f"{number:05d}-{name}.html"
        path.write_bytes(text.encode(encoding, errors="replace"))
        paths.append(path)
    return paths


def _headlines(name: str) -> list[str]:
    return {
        "wordpress": ["City council approves bike lane plan after heated debate"],
        "arc": ["Drought forces farmers to sell cattle early"],
        "nextjs": ["Scientists map the seafloor under Antarctica’s fastest glacier"],
        "amp": ["Port strike enters second week as talks stall"],
        "no_meta": ["Volunteers clean up Willow Creek after spring flood"],
        "latin1": ["Bürgerinitiative stoppt Neubau am Seeufer"],
    }[name]


def timed(label: str, work, count: int, floor: float | None = None) -> float:
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    ratio = f"   {elapsed / floor:5.1f}× the floor" if floor else ""
    print(f"  {label:<52} {elapsed:7.2f} s  {elapsed / count * 1000:6.2f} ms/page{ratio}", flush=True)
    return elapsed if result is None else result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--compare", type=int, default=1000)
    args = parser.parse_args()

    import lxml.html

    from newsreader.corpus import html as page_parser
    from newsreader.corpus import load_file, load_paths
    from newsreader.store import Library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        pages = write_pages(folder / "pages", args.pages)
        print(
            f"Importing {len(pages):,} saved pages (Python {sys.version.split()[0]}; "
            f"written in {time.perf_counter() - started:.1f} s)"
        )
        load_file(pages[0])  # imports trafilatura and its models once, outside the timings

        def floor_work() -> None:
            for path in pages:
                lxml.html.fromstring(path.read_bytes())

        floor = timed("floor: read and parse with lxml", floor_work, len(pages))
        fast_bodies: list[str] = []
        timed(
            "extract (trafilatura fast mode) and clean",
            lambda: fast_bodies.extend(load_file(path).body for path in pages),
            len(pages),
            floor,
        )

        sample = pages[: args.compare]
        page_parser.FAST = False
        try:
            full_bodies: list[str] = []
            started = time.perf_counter()
            full_bodies.extend(load_file(path).body for path in sample)
            full = time.perf_counter() - started
        finally:
            page_parser.FAST = True
        fast_sample = time.perf_counter()
        for path in sample:
            load_file(path)
        fast_sample = time.perf_counter() - fast_sample
        same = sum(1 for a, b in zip(fast_bodies, full_bodies) if a == b)
        print(
            f"  full mode on {len(sample):,} pages: {full:.2f} s ({full / len(sample) * 1000:.2f} ms/page), "
            f"fast mode {fast_sample:.2f} s: {full / fast_sample:.1f}× slower; "
            f"{same:,} of {len(sample):,} bodies identical",
            flush=True,
        )

        def import_work(name: str) -> None:
            with Library.open(folder / name) as library:
                articles = (
                    item for item in load_paths([folder / "pages"]) if not isinstance(item, Exception)
                )
                for _ in library.import_many(articles, batch=500):
                    pass

        timed(
            f"import into a library, {os.cpu_count()} worker processes",
            lambda: import_work("a.db"),
            len(pages),
            floor,
        )
        from newsreader.corpus import loader

        parallel_from, loader.PARALLEL_FROM = loader.PARALLEL_FROM, len(pages) + 1
        try:
            timed("import into a library, one process", lambda: import_work("b.db"), len(pages), floor)
        finally:
            loader.PARALLEL_FROM = parallel_from


if __name__ == "__main__":
    main()
