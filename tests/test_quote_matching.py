"""How outlets vary a quote, and the engine seeing through it: small made-up texts."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.quotes import QuoteGroup, QuoteIndex, find_shared_quotes

SPEECH = "The agency will review every response and decide on the next steps before the end of the month"


def shared(*bodies: str, min_words: int = 3) -> list[QuoteGroup]:
    groups = find_shared_quotes(((f"a{i}", b) for i, b in enumerate(bodies)), min_words=min_words)
    by_id = {f"a{i}": b for i, b in enumerate(bodies)}
    for g in groups:
        for m in g.members:
            assert by_id[m.article_id][m.start : m.end] == m.text
    return groups


def members(group: QuoteGroup) -> list[tuple[str, str]]:
    return [(m.article_id, m.text) for m in group.members]


def differing(group: QuoteGroup, *bodies: str) -> list[tuple[str, str]]:
    by_id = {f"a{i}": b for i, b in enumerate(bodies)}
    return [(m.article_id, by_id[m.article_id][s:e]) for m in group.members for s, e in m.diffs]


def test_case_and_quote_marks_do_not_matter_but_case_is_shown_as_a_difference() -> None:
    a = f"Officials said: “{SPEECH}.” Then they left."
    b = f'A spokesperson said "{SPEECH.replace("The agency", "the Agency")}," according to the memo.'
    (group,) = shared(a, b)
    assert [m.article_id for m in group.members] == ["a0", "a1"]
    assert differing(group, a, b) == [("a0", "The"), ("a0", "agency"), ("a1", "the"), ("a1", "Agency")]


def test_dashes_apostrophes_and_punctuation_are_ignored() -> None:
    a = "Trump said anyone who doesn't reply would be “sort of semi-fired—or you're fired,” he added."
    b = 'He said: "Like, you’re sort of semi-fired, or you’re fired, because they don’t exist."'
    (group,) = shared(a, b)
    assert members(group) == [
        ("a0", "sort of semi-fired—or you're fired"),
        ("a1", "sort of semi-fired, or you’re fired"),
    ]
    assert group.members[0].diffs == group.members[1].diffs == ()


def test_a_quote_split_by_narration_matches_the_whole() -> None:
    whole = f"“{SPEECH},” the official wrote."
    split = (
        "“The agency will review every response,” the official said in a statement on Monday. "
        "“It will decide on the next steps before the end of the month.”"
    )
    (group,) = shared(whole, split)
    assert members(group) == [
        ("a0", SPEECH),
        ("a1", "The agency will review every response"),
        ("a1", "It will decide on the next steps before the end of the month"),
    ]
    assert differing(group, whole, split) == [("a0", "and"), ("a1", "It"), ("a1", "will")]
    assert group.text == SPEECH


def test_a_fragment_matches_the_part_of_the_long_quote_it_came_from() -> None:
    long = f"“{SPEECH},” the official wrote."
    fragment = "The agency promised to “decide on the next steps” soon."
    (group,) = shared(long, fragment)
    assert members(group) == [("a0", "decide on the next steps"), ("a1", "decide on the next steps")]


def test_a_small_edit_is_tolerated_and_marked() -> None:
    a = f"“{SPEECH},” the official wrote."
    b = f"“{SPEECH.replace('will review', 'would review').replace('month', 'mnoth')},” she said."
    (group,) = shared(a, b)
    assert [m.text for m in group.members] == [
        SPEECH,
        SPEECH.replace("will review", "would review").replace("month", "mnoth"),
    ]
    assert differing(group, a, b) == [("a0", "will"), ("a0", "month"), ("a1", "would"), ("a1", "mnoth")]


def test_a_changed_word_near_the_end_is_bridged() -> None:
    a = "“We will publish the final report on the contracts next week,” she said."
    b = "“We will publish the final report on the contracts next month,” she said."
    c = "“We will publish the final report on the deals next week,” she said."
    (group,) = shared(a, b, c)
    assert [m.text for m in group.members] == [
        "We will publish the final report on the contracts next week",
        "We will publish the final report on the contracts next month",
        "We will publish the final report on the deals next week",
    ]
    assert differing(group, a, b, c) == [
        ("a0", "contracts"),
        ("a0", "week"),
        ("a1", "contracts"),
        ("a1", "month"),
        ("a2", "deals"),
        ("a2", "week"),
    ]


def test_two_cuts_of_one_long_quote_match_on_their_overlap() -> None:
    first = "“We will rebuild the bridge and the school, and we will finish before winter comes,” she said."
    second = "“We will finish before winter comes, and nobody will be left behind,” she added."
    assert shared(first, second) == []  # six words in common is not enough on its own...
    second = "“And we will rebuild the bridge and the school, with or without help,” she added."
    (group,) = shared(first, second)  # ...but eight are
    assert members(group) == [
        ("a0", "We will rebuild the bridge and the school"),
        ("a1", "we will rebuild the bridge and the school"),
    ]


def test_a_short_common_phrase_does_not_merge_two_different_quotes() -> None:
    a = "“We owe it to the American people to finish this work,” the senator said."
    b = "“Nothing matters more than the American people and their safety,” the governor said."
    c = "He praised “the American people” in his speech."
    groups = shared(a, b, c)
    assert all(len(g.articles) == 2 for g in groups)
    assert not any({"a0", "a1"} <= set(g.articles) for g in groups)


def test_the_same_short_quote_in_two_articles_is_a_group() -> None:
    (group,) = shared("Critics called it “a witch hunt hoax” again.", 'He said it was "a Witch Hunt hoax".')
    assert members(group) == [("a0", "a witch hunt hoax"), ("a1", "a Witch Hunt hoax")]


def test_words_shared_outside_quotation_marks_are_not_quotes() -> None:
    a = "The Office of Personnel Management did not respond to a request for comment on Monday."
    b = "The Office of Personnel Management did not respond to a request for comment, officials said."
    assert shared(a, b) == []


def test_a_quote_repeated_inside_one_article_is_not_shared() -> None:
    body = f"“{SPEECH},” he said.\n\nLater he repeated: “{SPEECH}.”"
    assert shared(body) == []


def test_min_words() -> None:
    a, b = "They called it “deeply flawed policy” today.", "It is “a deeply flawed policy” indeed."
    (group,) = shared(a, b)
    assert [m.text for m in group.members] == ["deeply flawed policy"] * 2
    assert shared(a, b, min_words=4) == []
    assert shared(a, b, min_words=1) == [group]  # three words is the least a match can be


def test_bad_input() -> None:
    assert shared("", "No quotes at all.", "“Unbalanced quote that never closes") == []
    assert shared("Officials called it “voluntary.”", "It was “voluntary,” they said.") == []
    a = "He said “this never closes and goes on about the plan for the city.\n\nNew paragraph."
    b = "The mayor defended “the plan for the city” again."
    (group,) = shared(a, b)
    assert members(group) == [("a0", "the plan for the city"), ("a1", "the plan for the city")]


def test_a_20_mb_article_is_indexed_against_a_small_one() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    paragraphs, size = [], 0
    while size < 20_000_000:
        narration = " ".join(rng.choices(vocabulary, k=80))
        quote = " ".join(rng.choices(vocabulary, k=15))
        paragraphs.append(f"{narration}, “{quote},” she said.")
        size += len(paragraphs[-1]) + 2
    big = "\n\n".join(paragraphs)
    picked = paragraphs[len(paragraphs) // 2].split("“")[1].split(",”")[0]
    (group,) = shared(big, f"“{picked.upper()}” was all she said.")
    assert [m.text.casefold() for m in group.members] == [picked.casefold()] * 2


def test_a_huge_article_repeating_one_quote_is_indexed_once() -> None:
    big = "\n\n".join(["Narration here, “the same quote again and again,” he said."] * 100_000)
    (group,) = shared(big, "“The same quote again and again”")
    assert [m.article_id for m in group.members] == ["a0", "a1"]


def test_long_repetitive_quotes_do_not_blow_up() -> None:
    """Two 3,000-word quotations over a five-word vocabulary share nearly every
    word run; aligning them must stay cheap."""
    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta", "omega"]
    a, b = (" ".join(rng.choices(words, k=3000)) for _ in range(2))
    groups = shared(f"“{a}”", f"“{b}”", f"“{a}”")
    assert any({"a0", "a2"} <= set(g.articles) for g in groups)  # the identical copies


def test_incremental_add_aligns_only_against_candidates() -> None:
    """Adding one article aligns its quotations only with those sharing shingles."""
    index = QuoteIndex()
    for n in range(200):
        index.add(
            f"x{n}", f"“Unrelated statement number {n} about topic {n * 7} and more {n * 13},” he said."
        )
    calls = []
    store = index.store
    original = store.quotes

    def counting(ids):
        found = original(ids)
        calls.append(len(found))
        return found

    store.quotes = counting
    index.add("new", f"“{SPEECH},” she said.")
    assert sum(calls) == 0  # not one of the 200 quotations was loaded to be aligned


# --------------------------------------------------------------------------- properties

_WORDS = st.lists(
    st.sampled_from(
        [
            "agency",
            "review",
            "response",
            "next",
            "steps",
            "month",
            "budget",
            "policy",
            "plan",
            "workers",
            "federal",
            "government",
            "court",
            "order",
            "deadline",
            "email",
            "union",
            "members",
            "public",
            "services",
            "data",
            "systems",
            "chance",
            "termination",
            "the",
            "a",
            "of",
            "to",
            "and",
            "we",
            "will",
            "not",
            "be",
            "it",
            "they",
        ]
    ),
    min_size=6,
    max_size=30,
)


def _vary(words: list[str], data: st.DataObject) -> str:
    """The quote as another outlet prints it: other case, quote marks and dashes."""
    out = []
    for word in words:
        case = data.draw(st.sampled_from([str.lower, str.upper, str.capitalize, str]))
        out.append(case(word))
        out.append(data.draw(st.sampled_from([" ", " ", " — ", "—", " – ", ", ", " - "])))
    return "".join(out[:-1])


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, data=st.data())
def test_a_copied_quote_is_always_found(words: list[str], data: st.DataObject) -> None:
    quote = " ".join(words)
    marks = data.draw(st.sampled_from([("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")]))
    a = f"The statement read: “{quote},” the official said.\n\nOther news follows."
    b = f"Earlier, {marks[0]}{_vary(words, data)}{marks[1]} was what the spokesperson wrote."
    groups = shared(a, b)
    assert len(groups) == 1
    (group,) = groups
    assert {m.article_id for m in group.members} == {"a0", "a1"}
    a_member = next(m for m in group.members if m.article_id == "a0")
    assert a_member.text == quote


@settings(max_examples=100, deadline=None)
@given(words=_WORDS, data=st.data())
def test_a_copied_fragment_is_always_found(words: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(words) - 4))
    end = data.draw(st.integers(start + 4, len(words)))
    a = f"“{' '.join(words)},” the official said."
    b = f"She described it as “{_vary(words[start:end], data)}” in her note."
    groups = shared(a, b)
    assert len(groups) == 1
    assert {m.article_id for m in groups[0].members} == {"a0", "a1"}


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab ’'\"“”‘„«»,.\n—-")), max_size=300))
def test_any_text_gives_exact_spans(text: str) -> None:
    for group in shared(text, text + " x", "“" + text):
        for m in group.members:
            assert m.start < m.end


# A group is one stretch of words: the rules of issue 12, on made-up texts.

SPEECH_LONG = (
    "We will rebuild every bridge in this state within five years. "
    "We will hire ten thousand new teachers for our public schools. "
    "And we will cut the cost of childcare in half for working families"
)
SENTENCES = [s.strip() for s in SPEECH_LONG.split(".")]


def test_a_long_quotation_quoted_in_pieces_is_a_member_of_one_group_per_piece() -> None:
    long = f"The governor said: “{SPEECH_LONG}.” The crowd cheered."
    outlets = [f"“{sentence},” the governor said. Other news followed." for sentence in SENTENCES]
    groups = shared(long, *outlets)
    assert len(groups) == 3
    for group, (outlet, sentence) in zip(
        sorted(groups, key=lambda g: SPEECH_LONG.index(g.text)), enumerate(SENTENCES, start=1)
    ):
        assert members(group) == [("a0", sentence), (f"a{outlet}", sentence)]
        assert group.text == sentence


def test_two_outlets_quoting_overlapping_runs_share_only_the_overlap() -> None:
    long = f"“{SPEECH_LONG}.”"
    first_two = f"“{SENTENCES[0]}. {SENTENCES[1]},” she said."
    last_two = f"“{SENTENCES[1]}. {SENTENCES[2]},” she said."
    groups = {g.text: sorted(m.article_id for m in g.members) for g in shared(long, first_two, last_two)}
    assert groups == {
        SENTENCES[0]: ["a0", "a1"],
        SENTENCES[1]: ["a0", "a1", "a2"],
        SENTENCES[2]: ["a0", "a2"],
    }


def test_an_inserted_word_near_the_end_is_inside_the_member_and_marked() -> None:
    a = "“Nobody here ever believed that the bridge would ever collapse,” the mayor said."
    b = "“Nobody here ever believed that the bridge would collapse,” the mayor said."
    (group,) = shared(a, b)
    assert members(group) == [
        ("a0", "Nobody here ever believed that the bridge would ever collapse"),
        ("a1", "Nobody here ever believed that the bridge would collapse"),
    ]
    assert differing(group, a, b) == [("a0", "ever")]
    assert group.members[0].diffs == ((a.rindex("ever"), a.rindex("ever") + 4),)


def test_compatibility_characters_compare_equal_everywhere() -> None:
    """One tokeniser, NFKC: a ligature or full-width letter is the same word."""
    a = "“The ﬁnal ﬁgures will be published on Friday morning,” she said."
    b = "“The final figures will be published on Friday morning,” she said."
    (group,) = shared(a, b)
    assert [m.diffs for m in group.members] == [(), ()]
