"""How matches are cut into groups of one stretch (quotes/groups.py), on made-up pages."""

from __future__ import annotations

from newsreader.quotes import find_shared_quotes

SENTENCE = "The record jump came on a cold morning in the high desert north."  # 13 words
NEXT = "His suit failed as he rose and his right hand swelled to twice its normal size before the jump."


def passages(*bodies: str) -> list[tuple[list[str], str]]:
    articles = [(f"p{n}", body) for n, body in enumerate(bodies)]
    groups = find_shared_quotes(articles, passages=True)
    return sorted((sorted(g.articles), g.text) for g in groups if g.kind == "passage")


def test_a_page_printing_the_middle_of_a_shared_stretch_does_not_cut_it_away() -> None:
    # p0 and p1 print both sentences; p2 prints the first; p3 prints its last 8 words
    # and the next sentence's first 5. Cut where each match ends, p0–p2's 13 words fall
    # into pieces of 5 and 8, each too short for a passage: they must stay one.
    both = f"{SENTENCE} {NEXT}"
    third = f"Readers wrote in about it. {SENTENCE} Nothing more was said."
    fourth = "Over coffee they spoke of a cold morning in the high desert north. His suit failed as he left the room."
    found = passages(both, both, third, fourth)
    assert (["p0", "p1", "p2"], SENTENCE.rstrip(".")) in found
    assert any(files == ["p0", "p1"] and text.startswith("His suit failed") for files, text in found)


def test_a_stretch_too_short_on_both_sides_stays_out() -> None:
    # Two pages share only 8 words: no passage, whatever the pieces around them.
    found = passages(
        "Over coffee they spoke of a cold morning in the high desert and went home.",
        "A letter came about a cold morning in the high desert from a reader in Ohio.",
    )
    assert found == []
