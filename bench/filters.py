"""The filter box, one keystroke: the library list and the annotations list filtered.

    python bench/filters.py [--articles 20000] [--annotations 5000] [--runs 7]

Synthetic rows and annotations (titles, passages and tags drawn from a small vocabulary,
so many match), filtered by a word, two words with a typo and a ``#tag`` prefix, as the
reader types them. The floor is a plain substring scan over the same texts, which no
fuzzy filter can beat; each case prints its best time of ``--runs`` and the ratio to
the floor. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from newsreader.listing import build_rows, filter_annotations, filter_rows
from newsreader.notes import ArticleSummary, ListedAnnotation
from newsreader.store import ArticleInfo

WORDS = (
    "federal workers musk email resign union court judge budget council coast guard bridge "
    "storm river city vote mayor police fire school harbour rescue crew"
).split()
QUERIES = ("musk", "federal wrkers", "#coa")


def sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def best_ms(runs: int, run: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def substring_scan(texts: list[str], word: str) -> list[int]:
    return [index for index, text in enumerate(texts) if word in text]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--annotations", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(1)
    infos = [
        ArticleInfo(
            f"a{i}", f"/a{i}.txt", sentence(rng, 8), rng.choice(["Reuters", "AP", ""]), "", "", "", 1, 500
        )
        for i in range(args.articles)
    ]
    added = {
        info.id: ArticleSummary(info.id, [rng.choice(WORDS)], 1, 0, {rng.choice(WORDS): 1}, False)
        for info in infos[::3]
    }
    rows = build_rows(infos, {}, added)
    items = [
        ListedAnnotation(
            f"n{i}",
            f"a{i}",
            1,
            0,
            10,
            sentence(rng, 25),
            "",
            "",
            [rng.choice(WORDS)],
            sentence(rng, 6),
            False,
            "",
            "",
            sentence(rng, 8),
            "Reuters",
        )
        for i in range(args.annotations)
    ]
    row_texts = [row.haystack.casefold() for row in rows]
    item_texts = [f"{item.exact}\n{item.note}\n{item.article_title}".casefold() for item in items]
    filter_rows(rows, "warm up")  # rapidfuzz imported, each row's text worked out once
    filter_annotations(items, "warm up")
    cases: list[tuple[str, list, list[str], Callable[..., object]]] = [
        ("library list", rows, row_texts, filter_rows),
        ("annotations list", items, item_texts, filter_annotations),
    ]
    for name, listed, texts, run in cases:
        count = len(listed)
        for query in QUERIES:
            floor = best_ms(args.runs, substring_scan, texts, query.lstrip("#").split()[0])
            took = best_ms(args.runs, run, listed, query)
            print(
                f"{name:16} {count:>7,}  {query!r:18} {took:7.1f} ms  floor {floor:5.1f} ms  {took / floor:5.1f}×"
            )


if __name__ == "__main__":
    main()
