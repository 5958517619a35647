"""The one tokeniser: what a word is, how words compare, and the seeds of passages."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from newsreader.quotes.words import normalise_word, spelling, tokens, winnowed_shingles, word_hashes


def test_words_compare_case_apostrophe_and_compatibility_blind() -> None:
    assert word_hashes("Don’t ﬁle it") == word_hashes("dont FILE it")
    assert normalise_word("Ｆｕｌｌ") == "full"
    assert spelling("you’re") == spelling("you're") and spelling("Full") != spelling("full")


def test_tokens_give_body_offsets() -> None:
    assert list(tokens("it’s here, O'Brien", 10)) == [(10, 14, "it’s"), (15, 19, "here"), (21, 28, "O'Brien")]


@given(
    st.lists(st.integers(0, 2**62), min_size=16, max_size=40, unique=True),
    st.lists(st.integers(0, 2**62), max_size=20),
    st.lists(st.integers(0, 2**62), max_size=20),
)
def test_a_shared_run_of_words_keeps_a_seed_in_common(run, before, after) -> None:
    """Two passages sharing a run of 12 words (a window of 8 five-word shingles) always
    share a seed, wherever the run sits, however many units are seeded together."""
    width, window = 5, 8
    first, second, alone = winnowed_shingles(
        [array("q", before + run), array("q", run + after), array("q", run)], width, window
    )
    assert set(first) & set(second)
    assert set(alone) <= set(first) | set(second)
    assert 1 <= len(alone) <= len(run) - width - window + 2


def test_seeds_do_not_depend_on_the_units_seeded_with_them() -> None:
    units = [array("q", range(n, 3 * n)) for n in (0, 3, 6, 12, 30)]
    together = winnowed_shingles(units, 5, 8)
    assert together == [winnowed_shingles([unit], 5, 8)[0] for unit in units]
    assert [len(seeds) for seeds in together[:3]] == [0, 1, 1]
