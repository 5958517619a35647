"""Benchmark the shared-quote engine on a synthetic corpus: python bench/quotes.py --articles N

The corpus is deterministic (same N and seed, same files): about 700 words per
article, in stories of 5 to 30 articles that quote from the same pool, plus a
few lines quoted across many stories. Reused quotes come back the way outlets
vary them: other case, straight or curly marks, a dash for a comma, a fragment,
a split with narration between, a changed word. Words follow a Zipf law, so
unrelated quotes share common word runs, as real ones do.

Prints, for a full index and for adding one more article: wall time and peak
memory of the in-memory engine, then of the library cache (indexing into the
SQLite library, adding one article to it, re-opening it); and the time of a
plain read-and-tokenise pass over the same files, the floor no indexer can
beat in one process (taken before, between and after, for a busy machine); and `newsreader
quotes DIR --json` for quotes alone and for quotes and passages, with their
ratios to the best floor, and the CPU each used, worker processes included (read
from the whole machine, so true on a quiet one). `--repeat N` keeps the best of N
runs of each. Peak memory is the process's peak resident set.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tui"))

from newsreader.quotes import QuoteIndex
from newsreader.quotes.words import TOKEN_RE

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "it",
    "on",
    "we",
    "with",
    "as",
    "be",
    "was",
    "they",
    "this",
    "are",
    "have",
    "not",
    "will",
    "by",
    "at",
    "from",
    "but",
    "he",
    "she",
    "you",
    "our",
    "their",
    "has",
    "were",
    "would",
    "can",
    "all",
    "there",
    "been",
    "more",
    "who",
    "what",
    "about",
    "people",
    "if",
    "which",
    "do",
    "so",
    "up",
    "out",
    "don't",
    "we're",
    "it's",
    "can't",
    "they're",
    "going",
    "said",
    "one",
    "time",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "co",
    "da",
    "de",
    "di",
    "do",
    "fa",
    "fe",
    "fi",
    "ga",
    "ge",
    "go",
    "ha",
    "he",
    "hi",
    "ka",
    "ke",
    "ki",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "wa",
    "we",
    "za",
    "ze",
    "ston",
    "mer",
    "ter",
    "ing",
    "tion",
    "land",
    "ment",
    "able",
    "port",
    "gram",
]
OPENERS = [("“", "”"), ("“", "”"), ('"', '"')]
LEAD_VERBS = ("said", "wrote", "told reporters", "added", "said in a statement")


class Corpus:
    """A deterministic generator of synthetic news articles with shared quotes."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        made = sorted(
            {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(30_000)}
            - set(FUNCTION_WORDS)
        )
        rng.shuffle(made)
        self.words = FUNCTION_WORDS + made
        self.cum = list(accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        first = ["".join(rng.choices(SYLLABLES, k=2)).capitalize() for _ in range(400)]
        last = ["".join(rng.choices(SYLLABLES, k=3)).capitalize() for _ in range(400)]
        self.people = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(2000)]
        self.famous = [(self.sentence(12, 30), rng.choice(self.people)) for _ in range(25)]

    def sentence(self, lo: int, hi: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(lo, hi))
        return " ".join(words)

    def stories(self, count: int):
        """(story number, article number in story, quote pool) for `count` articles."""
        rng = self.rng
        made = story = 0
        while made < count:
            size = rng.randint(5, 30)
            pool = [(self.sentence(8, 45), rng.choice(self.people)) for _ in range(rng.randint(5, 12))]
            for n in range(min(size, count - made)):
                yield story, n, pool
                made += 1
            story += 1

    def vary(self, text: str) -> list[str]:
        """The ways outlets reprint a quote: returns one or two parts."""
        rng = self.rng
        words = text.split()
        change = rng.random()
        if change < 0.2 and len(words) > 8:  # a fragment
            start = rng.randint(0, len(words) - 5)
            words = words[start : start + rng.randint(4, min(12, len(words) - start))]
        elif change < 0.3:  # a changed word
            words[rng.randrange(len(words))] = rng.choice(self.words[:300])
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            words[i] = words[i].upper() if rng.random() < 0.2 else words[i].capitalize()
        if rng.random() < 0.3 and len(words) > 6:
            i = rng.randrange(1, len(words) - 1)
            words[i] = words[i] + rng.choice(["—", " —", ",", " -"])
        words[0] = words[0].capitalize()
        text = " ".join(words).replace("'", "’" if rng.random() < 0.5 else "'")
        if rng.random() < 0.25 and len(words) > 10:  # split by narration
            cut = rng.randint(4, len(words) - 4)
            return [" ".join(words[:cut]), " ".join(words[cut:])]
        return [text]

    def quotation(self, text: str, speaker: str) -> str:
        rng = self.rng
        opening, closing = rng.choice(OPENERS)
        parts = self.vary(text)
        verb = rng.choice(LEAD_VERBS)
        if len(parts) == 2:
            return (
                f"{opening}{parts[0]},{closing} {speaker} {verb} on {self.sentence(3, 10)}. "
                f"{opening}{parts[1]}.{closing}"
            )
        if rng.random() < 0.5:
            return f"{opening}{parts[0]},{closing} {speaker} {verb}."
        return f"{speaker} {verb}: {opening}{parts[0]}.{closing}"

    def article(self, story: int, n: int, pool: list[tuple[str, str]]) -> str:
        rng = self.rng
        quotes = [rng.choice(pool) for _ in range(rng.randint(2, 5))]
        quotes += [(self.sentence(8, 35), rng.choice(self.people)) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.15:
            quotes.append(rng.choice(self.famous))
        paragraphs = []
        words = 0
        while words < 700:
            sentence = self.sentence(15, 35).capitalize() + "."
            if quotes and rng.random() < 0.45:
                sentence = f"{sentence} {self.quotation(*quotes.pop())}"
            paragraphs.append(sentence)
            words += len(sentence.split())
        header = f"title: Story {story} report {n}\nsource: Outlet {rng.randint(1, 40)}\n\n"
        return header + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    corpus = Corpus(seed)
    paths = []
    for number, (story, n, pool) in enumerate(corpus.stories(count + 1)):
        path = folder / f"{number:06d}.txt"
        path.write_text(corpus.article(story, n, pool), encoding="utf-8")
        paths.append(path)
    return paths


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, work, repeat: int = 1):
    """(best wall time of `repeat` runs of `work`, the last run's result)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    spread = f" (worst {max(times):.3f} s of {repeat})" if repeat > 1 else ""
    print(f"  {label:<44} {min(times):8.3f} s   peak {peak_mb():7.0f} MB{spread}", flush=True)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cache", action="store_true", help="skip the SQLite library part")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the floor and the commands N times, keep the best"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.articles, args.seed)
        *corpus, extra = paths
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus)
        print(
            f"{len(corpus):,} articles, {words / len(corpus):.0f} words each on average; "
            f"start peak {peak_mb():.0f} MB"
        )

        floors: list[float] = []

        def floor() -> None:
            seconds, _ = timed(
                "read and tokenise (the floor)",
                lambda: sum(len(TOKEN_RE.findall(p.read_text(encoding="utf-8"))) for p in corpus),
                args.repeat,
            )
            floors.append(seconds)

        floor()
        full = in_memory(corpus, extra, args.repeat)
        floor()
        commands = command(folder, args.repeat)
        floor()
        # Another process may take the machine for a while: the floor is taken before,
        # between and after, and the ratios use the best of those readings, as the
        # stages do of theirs.
        base = min(floors)
        print(
            f"  ratios to the floor ({base:.3f} s): index in memory {full / base:.1f}x, "
            + ", ".join(f"quotes DIR --kind {kind} {seconds / base:.1f}x" for kind, seconds in commands),
            flush=True,
        )
        if not args.no_cache:
            in_library(folder, corpus, extra)


def in_memory(corpus: list[Path], extra: Path, repeat: int) -> float:
    indexes: list[QuoteIndex] = []

    def build():
        indexes[:] = [QuoteIndex()]
        for p in corpus:
            indexes[0].add(p.stem, p.read_text(encoding="utf-8"))
        return indexes[0].groups()

    full, groups = timed("index in memory (read, extract, align, group)", build, repeat)
    index = indexes[0]
    timed(
        "add one article in memory",
        lambda: (index.add(extra.stem, extra.read_text(encoding="utf-8")), index.groups()),
    )
    quotes = len(index.store.quote_by_id)
    members = sum(len(g.members) for g in groups)
    print(f"  {quotes:,} quotations indexed, {len(groups):,} shared quotes, {members:,} members")
    return full


def command(folder: Path, repeat: int) -> list[tuple[str, float]]:
    """`newsreader quotes DIR --json` as a user runs it, in a fresh process each time
    (interpreter, imports and all), output thrown away; its peak memory is the child's."""
    import os
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "tui"))
    times = []
    for kind in ("quote", "all"):
        argv = [sys.executable, "-m", "newsreader", "quotes", str(folder), "--json", "--kind", kind]
        used = machine_cpu()
        seconds, _ = timed(
            f"newsreader quotes DIR --json --kind {kind}",
            lambda argv=argv: subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True),
            repeat,
        )
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  {'  its peak memory (the largest child so far)':<44} {child:8.0f} MB", flush=True)
        if used is not None:
            cpu = (machine_cpu() - used) / repeat
            label = "  its CPU, workers included (quiet machine)"
            print(f"  {label:<44} {cpu:8.3f} s   {cpu / seconds:.1f} cores busy", flush=True)
        times.append((kind, seconds))
    return times


def machine_cpu() -> float | None:
    """Seconds of CPU every process on the machine has used (Linux): the command reads
    its files in worker processes that are not its own children, so its CPU is read
    from the machine, which on a quiet machine is the command's."""
    import os

    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()[1:]
    except OSError:
        return None
    user, nice, system = (int(x) for x in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def in_library(folder: Path, corpus: list[Path], extra: Path) -> None:
    from newsreader.corpus import load_file
    from newsreader.quotes import cache as quote_cache
    from newsreader.store import Library

    with Library.open(folder / "library.db") as library:
        timed(
            "import into the library (not quote work)",
            lambda: sum(1 for _ in library.import_many(load_file(p) for p in corpus)),
        )
        timed("index into the library cache", lambda: quote_cache.sync(library))
        library.import_article(load_file(extra))
        _, report = timed("add one article to the library cache", lambda: quote_cache.sync(library))
        assert report.indexed == 1 and not report.rebuilt
    with Library.open(folder / "library.db") as library:
        _, groups = timed("re-open: read the cached groups", lambda: quote_cache.shared_quotes(library))
        print(f"  {len(groups):,} shared quotes in the cache")


if __name__ == "__main__":
    main()
