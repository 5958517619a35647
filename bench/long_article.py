"""How the cost of `newsreader quotes` grows with the length of one article:
python bench/long_article.py [--words 25000 50000 100000 200000]

Two copies of one long synthetic article (filler prose with a quotation every
few sentences) are indexed in memory, quotes and passages, as `quotes PATH`
does. Prints seconds and microseconds per word for each length: near-linear
growth keeps the per-word figure flat.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tui"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import WORDS, sentence
from newsreader.quotes import find_shared_quotes


def long_article(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    paragraphs, count, n = [], 0, 0
    while count < words:
        n += 1
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        text = f"{sentence(rng, 10, 25)} “{quote},” Official {n % 50} said. {sentence(rng, 10, 25)}"
        paragraphs.append(text)
        count += len(text.split())
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    print(f"{'words':>9} {'seconds':>9} {'µs/word':>9} {'groups':>7}")
    for words in args.words:
        body = long_article(words)
        started = time.perf_counter()
        groups = find_shared_quotes([("a", body), ("b", body + "\n\nThe end.")], passages=True)
        seconds = time.perf_counter() - started
        print(f"{words:>9,} {seconds:>9.2f} {seconds / words * 1e6:>9.1f} {len(groups):>7,}", flush=True)


if __name__ == "__main__":
    main()
