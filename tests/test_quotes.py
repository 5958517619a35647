"""The shared-quote engine on the sample corpus: five outlets covering one story.

The expectations are written from reading the five articles:

* Musk's post, printed whole by Reuters (000) and 003, split in two by 001
  ("…another chance," Musk said in a post … "Failure to respond…");
* the 21 staffers' letter, "We will not use our skills…", whole in 000 and 003,
  and only its last words ("dismantle critical public services") in FOX (004):
  two stretches, the last words printed by three outlets and the rest by two;
* the letter's opening, "We swore to serve…" / "However, it has become clear…",
  split the same way by 003 and 004;
* Trump's "sort of semi-fired" (000), "sort of semi-fired—or you're fired"
  (003) and "…you’re sort of semi-fired, or you’re fired, because…" (004):
  "sort of semi-fired" printed by three, "or you're fired" by two.

A group is one stretch of words: any two of its members print the same words.

Everything else is quoted by one outlet only, or not quoted at all.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from newsreader.corpus import load_file
from newsreader.quotes import QuoteGroup, QuoteIndex, at_least, find_shared_quotes

MUSK = (
    "Subject to the discretion of the president, they will be given another chance. "
    "Failure to respond a second time will result in termination"
)
LETTER = (
    "We will not use our skills as technologists to compromise core government systems, "
    "jeopardize Americans’ sensitive data, or dismantle critical public services"
)
SWORE = (
    "We swore to serve the American people and uphold our oath to the Constitution "
    "across presidential administrations"
)
HOWEVER = "However, it has become clear that we can no longer honor those commitments"


def load(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Bodies by article id, and the file prefix ("000"…"004") of each id."""
    articles = [load_file(path) for path in sorted(folder.glob("*.txt"))]
    return ({a.id: a.body for a in articles}, {a.id: a.path.name[:3] for a in articles})


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, str], dict[str, str], list[QuoteGroup]]:
    bodies, names = load(Path(__file__).resolve().parent.parent / "sample_corpus")
    return bodies, names, find_shared_quotes(bodies.items())


def printed(group: QuoteGroup, names: dict[str, str]) -> dict[str, list[str]]:
    """File prefix -> the member texts that article prints."""
    result: dict[str, list[str]] = {}
    for m in group.members:
        result.setdefault(names[m.article_id], []).append(m.text)
    return result


def group_with(groups: list[QuoteGroup], words: str) -> QuoteGroup:
    found = [g for g in groups if any(words in m.text for m in g.members)]
    assert len(found) == 1, f"{words!r} is in {len(found)} groups"
    return found[0]


def test_exactly_the_six_shared_stretches_are_found(corpus) -> None:
    _bodies, names, groups = corpus
    assert sorted(sorted(printed(g, names)) for g in groups) == [
        ["000", "001", "003"],
        ["000", "003"],
        ["000", "003", "004"],
        ["000", "003", "004"],
        ["003", "004"],
        ["003", "004"],
    ]


def test_musk_post_whole_and_split_in_two(corpus) -> None:
    _bodies, names, groups = corpus
    group = group_with(groups, "Failure to respond a second time")
    assert printed(group, names) == {
        "000": [MUSK],
        "001": [
            "Subject to the discretion of the President, they will be given another chance",
            "Failure to respond a second time will result in termination",
        ],
        "003": [MUSK],
    }
    assert group.speaker == "Musk"
    assert group.text == MUSK


def test_a_fragment_is_its_own_stretch_of_the_quote_it_was_cut_from(corpus) -> None:
    _bodies, names, groups = corpus
    group = group_with(groups, "dismantle critical public services")
    assert printed(group, names) == {
        "000": ["dismantle critical public services"],
        "003": ["dismantle critical public services"],
        "004": ["dismantle critical public services"],
    }
    assert group.speaker == "the employees"
    rest = LETTER[: LETTER.index(" dismantle")]
    assert printed(group_with(groups, "We will not use"), names) == {
        "000": [rest],
        "003": [rest.replace("’", "'")],
    }


def test_the_letter_opening_split_the_same_way_by_two_outlets(corpus) -> None:
    _bodies, names, groups = corpus
    group = group_with(groups, "We swore to serve")
    assert printed(group, names) == {"003": [SWORE, HOWEVER], "004": [SWORE, HOWEVER]}
    assert group.speaker == "the 21 staffers"
    assert group.text == f"{SWORE} … {HOWEVER}"


def test_semi_fired_in_three_wordings(corpus) -> None:
    _bodies, names, groups = corpus
    group = group_with(groups, "semi-fired")
    assert printed(group, names) == {
        "000": ["sort of semi-fired"],
        "003": ["sort of semi-fired"],
        "004": ["sort of semi-fired"],
    }
    assert group.speaker == "Trump"
    assert printed(group_with(groups, "or you"), names) == {
        "003": ["or you're fired"],
        "004": ["or you’re fired"],
    }


def test_every_pair_of_articles_sharing_a_quote_is_linked(corpus) -> None:
    _bodies, names, groups = corpus
    pairs = {frozenset(pair) for g in groups for pair in combinations(sorted(printed(g, names)), 2)}
    assert pairs == {
        frozenset(p)
        for p in [
            ("000", "001"),
            ("000", "003"),
            ("001", "003"),  # Musk's post
            ("000", "004"),
            ("003", "004"),  # the letter, the opening, semi-fired
        ]
    }


def test_member_text_is_the_body_slice(corpus) -> None:
    bodies, _, groups = corpus
    for group in groups:
        for m in group.members:
            assert bodies[m.article_id][m.start : m.end] == m.text
            for start, end in m.diffs:
                assert m.start <= start < end <= m.end


def test_nothing_that_is_not_a_shared_quote_is_reported(corpus) -> None:
    _, _, groups = corpus
    texts = [m.text.casefold() for g in groups for m in g.members]
    for words in (
        "Office of Personnel Management",  # a name several outlets use
        "respond to a request for comment",  # a stock phrase
        "failure to respond will be taken as a resignation",  # a different Musk quote (003)
        "I thought it was great",  # Trump, quoted by 001 only
        "AFGE will challenge",  # Kelley, quoted by 002 only
        "We will not lend our expertise",  # the letter's next sentence, 003 only
        "hundreds of billions",  # 004 only
    ):
        assert not any(words.casefold() in text for text in texts), words
    # Reuters' two-word “another chance” is too short to tell from coincidence.
    assert "another chance" not in texts


def test_the_only_wording_difference_is_president_capitalised(corpus) -> None:
    bodies, names, groups = corpus
    differing = {
        (names[m.article_id], bodies[m.article_id][s:e])
        for g in groups
        for m in g.members
        for s, e in m.diffs
    }
    assert differing == {("000", "president"), ("001", "President"), ("003", "president")}


def test_group_ids_are_stable_and_distinct(corpus) -> None:
    bodies, _, groups = corpus
    again = find_shared_quotes(reversed(list(bodies.items())))
    assert [g.id for g in again] == [g.id for g in groups]
    assert len({g.id for g in groups}) == 6


def test_raw_seed_files_give_the_same_quotes(corpus, seeds: Path) -> None:
    _, names, groups = corpus
    raw_bodies, raw_names = load(seeds)
    raw = find_shared_quotes(raw_bodies.items())
    assert sorted(sorted(printed(g, raw_names).items()) for g in raw) == sorted(
        sorted(printed(g, names).items()) for g in groups
    )


def test_adding_articles_one_by_one_matches_indexing_them_together(corpus) -> None:
    bodies, _, groups = corpus
    index = QuoteIndex()
    seen = []
    for article_id, body in bodies.items():
        index.add(article_id, body)
        seen.append(article_id)
        assert index.groups() == find_shared_quotes((a, bodies[a]) for a in seen)
    assert index.groups() == groups


def test_removing_an_article_takes_it_out_of_its_groups(corpus) -> None:
    bodies, names, groups = corpus
    index = QuoteIndex()
    for article_id, body in bodies.items():
        index.add(article_id, body)
    fox = next(a for a, n in names.items() if n == "004")
    index.remove(fox)
    assert index.groups() == find_shared_quotes((a, b) for a, b in bodies.items() if a != fox)
    assert all(fox not in g.articles for g in index.groups())
    index.add(fox, bodies[fox])
    assert index.groups() == groups


def test_min_words_filter_keeps_longer_quotes(corpus) -> None:
    bodies, names, groups = corpus
    longer = at_least(groups, 5)
    # The semi-fired stretches (4 and 3 words) and "dismantle critical public services" go.
    assert not [g for g in longer if "fired" in g.text or "dismantle" in g.text]
    assert "004" not in printed(group_with(longer, "We will not use"), names)
    assert len(find_shared_quotes(bodies.items(), min_words=8)) == 3
