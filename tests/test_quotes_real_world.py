"""The engine on real coverage of one speech by six outlets (tests/fixtures/obama-2009-address).

The expected stretches in expected.json were written by hand from reading the excerpts
before the engine ran on them. Scored as pairs of outlets sharing a stretch: a reported
pair is right when a hand-written stretch with overlapping words has both outlets, and a
hand-written pair is found when a reported group with overlapping words has both.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from newsreader.corpus import load_file
from newsreader.quotes import find_shared_quotes
from newsreader.quotes.words import TOKEN_RE, normalise_word

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "obama-2009-address"


def words(text: str) -> set[str]:
    return {normalise_word(w) for w in TOKEN_RE.findall(text)}


def overlaps(a: str, b: str) -> bool:
    shared = words(a) & words(b)
    return 2 * len(shared) >= min(len(words(a)), len(words(b)))


def score() -> tuple[float, float, list[str]]:
    articles = {path.stem: load_file(path) for path in sorted(FIXTURES.glob("*.txt"))}
    name = {a.id: stem for stem, a in articles.items()}
    groups = find_shared_quotes((a.id, a.body) for a in articles.values())
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["quotes"]
    reported = [(g.text, sorted({name[a] for a in g.articles})) for g in groups]
    wrong, right = [], 0
    for text, files in reported:
        for pair in combinations(files, 2):
            if any(overlaps(text, e["text"]) and set(pair) <= set(e["files"]) for e in expected):
                right += 1
            else:
                wrong.append(f"{pair} on {text!r}")
    found = total = 0
    for e in expected:
        for pair in combinations(sorted(e["files"]), 2):
            total += 1
            found += any(overlaps(text, e["text"]) and set(pair) <= set(files) for text, files in reported)
    return right / max(1, right + len(wrong)), found / total, wrong


def test_real_coverage_of_one_speech_scores_on_pairs_of_outlets() -> None:
    precision, recall, wrong = score()
    print(f"precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.95, wrong
    assert recall >= 0.95


def test_no_group_chains_unrelated_sentences() -> None:
    """Each reported group is one stretch: no group holds words of two hand-written
    stretches that different sets of outlets print."""
    articles = [load_file(path) for path in sorted(FIXTURES.glob("*.txt"))]
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["quotes"]
    for group in find_shared_quotes((a.id, a.body) for a in articles):
        touched = {e["text"] for e in expected for m in group.members if words(e["text"]) <= words(m.text)}
        assert len(touched) <= 1, (group.text, touched)
