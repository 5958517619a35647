"""The one tokeniser: what a word is, how words compare, and the seeds of passages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.quotes.words import normalise_word, spelling, tokens, winnow, word_hashes


def test_words_compare_case_apostrophe_and_compatibility_blind() -> None:
    assert word_hashes("Don’t ﬁle it") == word_hashes("dont FILE it")
    assert normalise_word("Ｆｕｌｌ") == "full"
    assert spelling("you’re") == spelling("you're") and spelling("Full") != spelling("full")


def test_tokens_give_body_offsets() -> None:
    assert list(tokens("it’s here, O'Brien", 10)) == [(10, 14, "it’s"), (15, 19, "here"), (21, 28, "O'Brien")]


@given(
    st.lists(st.integers(0, 2**62), min_size=4, max_size=40, unique=True),
    st.lists(st.integers(0, 2**62), max_size=20),
    st.lists(st.integers(0, 2**62), max_size=20),
)
def test_a_shared_run_of_a_window_keeps_a_seed_in_common(run, before, after) -> None:
    window = 4
    shared = set(winnow(before + run, window)) & set(winnow(run + after, window))
    assert shared
    assert len(winnow(run, window)) <= len(run) - window + 1
