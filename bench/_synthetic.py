"""Deterministic synthetic articles for the reader benchmarks (bench/startup.py,
bench/compare_open.py): plain-text files with a header, paragraphs of filler prose,
and quotations, some shared between articles with a word changed."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "federal",
    "workers",
    "agency",
    "union",
    "officials",
    "said",
    "email",
    "deadline",
    "department",
    "government",
    "budget",
    "court",
    "judge",
    "policy",
    "president",
    "office",
    "staff",
    "report",
    "week",
    "plan",
    "cuts",
    "order",
    "memo",
    "review",
    "data",
    "systems",
    "public",
    "service",
    "letter",
    "response",
    "program",
    "election",
    "city",
    "council",
    "vote",
    "record",
    "spending",
]
SOURCES = [
    "Reuters",
    "AP",
    "BBC",
    "Fox 5 DC",
    "The Guardian",
    "NPR",
    "Politico",
    "Axios",
    "The Hill",
    "CNN",
    "Bloomberg",
    "Al Jazeera",
]


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        text = sentence(rng)
        out.append(text)
        count += len(text.split())
    return " ".join(out)


def article_text(
    rng: random.Random, title: str, source: str, date: str, words: int, quotes: list[tuple[str, str]]
) -> str:
    """An article of about ``words`` words with ``quotes`` ((speaker, text)) spread through it."""
    paragraphs: list[str] = []
    per_paragraph = 60
    slots = max(1, words // per_paragraph)
    at = sorted(rng.sample(range(slots), min(len(quotes), slots)))
    pending = dict(zip(at, quotes))
    for index in range(slots):
        if index in pending:
            speaker, text = pending[index]
            paragraphs.append(f"“{text},” {speaker} said. {sentence(rng)}")
        else:
            paragraphs.append(paragraph(rng, per_paragraph))
    return f"title: {title}\nsource: {source}\ndate: {date}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_library_files(folder: Path, count: int, words: int = 250, seed: int = 7) -> list[Path]:
    """``count`` short articles in ``folder`` (a story of ten articles shares a few quotes)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for story in range(0, count, 10):
        shared = [(f"Speaker {story}", sentence(rng, 10, 18).rstrip(".")) for _ in range(3)]
        for index in range(story, min(story + 10, count)):
            quotes = rng.sample(shared, 2)
            title = sentence(rng, 5, 10).rstrip(".")
            date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            path = folder / f"{index:05d}.txt"
            path.write_text(
                article_text(rng, title, rng.choice(SOURCES), date, words, quotes), encoding="utf-8"
            )
            files.append(path)
    return files


def write_long_pair(folder: Path, words: int = 5000, shared: int = 25, seed: int = 11) -> list[Path]:
    """Two ``words``-word articles sharing ``shared`` quotes (some with a changed word) and each
    with a few quotes of its own."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    quotes = [(f"Official {i}", sentence(rng, 12, 24).rstrip(".")) for i in range(shared)]
    changed = []
    for speaker, text in quotes:
        words_list = text.split()
        if rng.random() < 0.4:
            words_list[rng.randrange(len(words_list))] = rng.choice(WORDS)
        changed.append((speaker, " ".join(words_list)))
    own_a = [(f"Witness {i}", sentence(rng, 10, 16).rstrip(".")) for i in range(5)]
    own_b = [(f"Resident {i}", sentence(rng, 10, 16).rstrip(".")) for i in range(5)]
    a = folder / "long-a.txt"
    b = folder / "long-b.txt"
    a.write_text(
        article_text(rng, "Long report A", "Reuters", "2025-02-26", words, quotes + own_a), encoding="utf-8"
    )
    order = changed + own_b
    rng.shuffle(order)
    b.write_text(article_text(rng, "Long report B", "AP", "2025-02-27", words, order), encoding="utf-8")
    return [a, b]
