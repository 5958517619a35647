"""Finding quotations and speakers in a body string, on small made-up texts."""

from __future__ import annotations

import pytest

from newsreader.quotes.extract import MAX_QUOTE_CHARS, extract_quotations


def quoted(body: str) -> list[list[str]]:
    """Each quotation's parts, as the body slices they cover."""
    return [[body[s:e] for s, e in q.spans] for q in extract_quotations(body)]


def speakers(body: str) -> list[str]:
    return [q.speaker for q in extract_quotations(body)]


def test_curly_and_straight_double_quotes() -> None:
    body = 'He said “we are ready” and then "we will win" before leaving.'
    assert quoted(body) == [["we are ready"], ["we will win"]]


def test_trailing_comma_belongs_to_the_narration_but_a_full_stop_is_kept() -> None:
    body = "“We are ready,” she said. “We always were.”"
    assert quoted(body) == [["We are ready", "We always were."]]


def test_apostrophes_are_not_quote_marks() -> None:
    body = "“Don’t touch Americans’ data, and don't touch the ’90s archive,” she said. It’s done."
    assert quoted(body) == [["Don’t touch Americans’ data, and don't touch the ’90s archive"]]


def test_nested_single_quotes_stay_inside_the_quotation() -> None:
    body = "“What he’s doing is saying, ‘Are you actually working?’” Trump said."
    assert quoted(body) == [["What he’s doing is saying, ‘Are you actually working?’"]]
    straight = "\"Data on DOGE's 'Wall of Receipts' shows savings,\" the agency reported."
    assert quoted(straight) == [["Data on DOGE's 'Wall of Receipts' shows savings"]]


def test_top_level_single_quotes_british_style() -> None:
    body = "The minister said ‘we will not back down’ on Monday, and that’s that."
    assert quoted(body) == [["we will not back down"]]


def test_a_quote_running_over_paragraphs_is_one_quotation() -> None:
    body = (
        "“We swore to serve the American people.\n\n"
        "“However, it has become clear that we can no longer honor those commitments,” "
        "the staffers wrote.\n\nNarration follows."
    )
    assert quoted(body) == [
        [
            "We swore to serve the American people.",
            "However, it has become clear that we can no longer honor those commitments",
        ]
    ]
    assert speakers(body) == ["the staffers"]


def test_a_quote_split_by_its_attribution_is_one_quotation() -> None:
    body = (
        "“Subject to the discretion of the President, they will be given another chance,” "
        "Musk said in a post on X late Monday, hours before a midnight deadline. "
        "“Failure to respond a second time will result in termination.”"
    )
    assert quoted(body) == [
        [
            "Subject to the discretion of the President, they will be given another chance",
            "Failure to respond a second time will result in termination.",
        ]
    ]
    assert speakers(body) == ["Musk"]


def test_quotes_of_two_speakers_in_one_paragraph_stay_apart() -> None:
    body = "“We will appeal,” said Ann Lee. “We will win,” said Bob Stone."
    assert quoted(body) == [["We will appeal"], ["We will win"]]
    assert speakers(body) == ["Ann Lee", "Bob Stone"]


def test_fragments_woven_into_narration_stay_apart() -> None:
    body = (
        'As the AP detailed, "about 40 staffers were laid off," leaving 65 employees who '
        '"were integrated into the effort."'
    )
    assert quoted(body) == [["about 40 staffers were laid off"], ["were integrated into the effort."]]


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    body = "He said “this never closes and goes on.\n\nA new paragraph says “hello there” to all."
    assert quoted(body) == [["this never closes and goes on."], ["hello there"]]


def test_a_stray_closing_mark_is_ignored() -> None:
    body = "Nothing opened here” but “this is quoted” and so on."
    assert quoted(body) == [["this is quoted"]]


def test_an_odd_straight_quote_does_not_swallow_the_paragraph() -> None:
    body = 'He is 6\'2" tall and said "I am fine" to us.\n\nNext "one here" ok.'
    assert quoted(body) == [["I am fine"], ["one here"]]


def test_no_quotes_and_empty_input() -> None:
    assert extract_quotations("") == ()
    assert extract_quotations("Plain narration, with no quotation at all.\n\nNone here.") == ()
    assert extract_quotations('“”  "" “ , ”') == ()


def test_a_one_word_quote_is_still_a_quotation() -> None:
    assert quoted("Officials called it “voluntary” on Monday.") == [["voluntary"]]


def test_offsets_point_into_the_given_string() -> None:
    body = "\n\n  Intro.\n\n“Quoted words here,” he said.\n\n"
    (quotation,) = extract_quotations(body)
    ((start, end),) = quotation.spans
    assert body[start:end] == "Quoted words here"
    assert quotation.text(body) == "Quoted words here"


def test_a_runaway_quote_in_a_huge_paragraph_is_dropped_quickly() -> None:
    body = "“" + "word " * 4_000_000  # 20 MB, one paragraph, never closed
    assert extract_quotations(body) == ()
    assert len(body) > MAX_QUOTE_CHARS


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "“We will not use our skills,” the employees wrote in a resignation posted online.",
            "the employees",
        ),
        (
            "“AFGE will challenge any unlawful terminations,” said union president Everett Kelley.",
            "union president Everett Kelley",
        ),
        ('"We swore to serve," wrote the 21 staffers, according to the news agency.', "the 21 staffers"),
        ('"We swore to serve," the 21 staffers wrote in a joint resignation letter.', "the 21 staffers"),
        ("Musk later wrote on X: “Subject to the discretion of the president.”", "Musk"),
        (
            "Prior to the guidance, Trump said workers who did not respond would be “sort of semi-fired,” "
            "adding to the uncertainty.",
            "Trump",
        ),
        (
            "Everett Kelley, national president of the union, said in a Monday statement that "
            "“the email was a fiasco.”",
            "Everett Kelley",
        ),
        (
            '"Musk clearly loves to depict DOGE as a machine," Intelligencer columnist Ed Kilgore wrote last week.',
            "Intelligencer columnist Ed Kilgore",
        ),
        ("“Failure to respond will result in termination,” Musk on Saturday said.", "Musk"),
        ("“It is over,” Mr. Smith said.", "Mr. Smith"),
        ("“It is over,” U.S. Attorney Jane Roe said Tuesday.", "U.S. Attorney Jane Roe"),
        ("“Nobody knows,” says Dr. Ann Lee, a professor at Yale.", "Dr. Ann Lee"),
        ("Senator Jane Doe (D-Calif.) said the bill was “dead on arrival.”", "Senator Jane Doe"),
        ("“We will appeal,” a spokesperson for the company said.", "a spokesperson for the company"),
        ("Smith told CNN on Sunday that the plan “will not work.”", "Smith"),
    ],
)
def test_speaker_named_next_to_the_quote(body: str, speaker: str) -> None:
    assert speakers(body) == [speaker]


@pytest.mark.parametrize(
    "body",
    [
        "“Subject to the discretion of the president,” he wrote on X late on Monday.",  # only a pronoun
        "Employees resigned, saying they refuse to “dismantle critical public services.”",  # no speech verb
        "The renamed office “is hereby publicly renamed,” the order of a few days ago was clear.",
        "“It was a fiasco,” and then the meeting ended.",
        "“Quote one.” Officials left. Smith said nothing.",  # the next sentence's subject
    ],
)
def test_speaker_left_empty_when_unsure(body: str) -> None:
    assert speakers(body) == [""]


def test_an_abbreviation_does_not_end_the_attribution_sentence() -> None:
    body = "“It is over,” U.S. Attorney Jane Roe said Tuesday. “We lost.”"
    assert quoted(body) == [["It is over", "We lost."]]


def test_a_lead_in_for_the_next_quote_is_not_the_previous_quote_s_speaker() -> None:
    body = (
        "The president said anyone who doesn't reply would be \"sort of semi-fired—or you're fired,\" "
        'and Musk later wrote on X: "Subject to the discretion of the president."'
    )
    assert quoted(body) == [
        ["sort of semi-fired—or you're fired"],
        ["Subject to the discretion of the president."],
    ]
    assert speakers(body) == ["The president", "Musk"]
