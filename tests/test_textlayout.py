"""Safe display text, wrapping, sentences and paragraphs for the reader."""

from __future__ import annotations

import itertools
import json

from hypothesis import given
from hypothesis import strategies as st

from newsreader.textlayout import (
    Layout,
    counted,
    display_text,
    json_controls_escaped,
    one_line,
    paragraphs,
    sentences,
    span_index_at,
    wrap,
)


def test_display_text_shows_escape_sequences_and_keeps_offsets() -> None:
    text = "red \x1b[31mALERT\x1b[0m\x07 done\nnext\tline\x9b2J"
    shown = display_text(text)
    assert len(shown) == len(text)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "␛[31mALERT␛[0m" in shown
    assert "\n" in shown and "\t" not in shown


def test_one_line_has_no_newlines_or_controls() -> None:
    assert one_line("a\nb\x1bc") == "a b␛c"


def test_bidi_overrides_and_isolates_are_shown_not_obeyed() -> None:
    title = "Invoice \u202egpj.exe\u202c for \u2067you\u2069 \u202a\u202b\u202d\u2066\u2068"
    assert one_line(title) == "Invoice \ufffdgpj.exe\ufffd for \ufffdyou\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd"
    assert display_text("a\u202eb\nc") == "a\ufffdb\nc"  # bodies too: the other pane shares the row


def test_bidi_marks_and_joiners_stay() -> None:
    text = "שלום\u200f (RLM), \u061c ALM, \u200e LRM, 👩\u200d💻, می\u200cخواهم"
    assert one_line(text) == text


def test_json_keeps_its_data_and_escapes_what_a_terminal_obeys() -> None:
    value = {"title": "a\x1b[31m\x9b2J\u202eb\x7f\u2028c", "plain": "日本 “quotes”"}
    document = json_controls_escaped(json.dumps(value, ensure_ascii=False))
    assert json.loads(document) == value
    assert document == ('{"title": "a\\u001b[31m\\u009b2J\\u202eb\\u007f\\u2028c", "plain": "日本 “quotes”"}')


def test_wrap_breaks_at_words_and_covers_the_text() -> None:
    text = "The quick brown fox jumps over the lazy dog.\n\nSecond paragraph here."
    lines = wrap(text, 12)
    assert all(len(text[line.start : line.end].rstrip()) <= 12 for line in lines)
    assert [text[line.start : line.end].rstrip() for line in lines][:4] == [
        "The quick",
        "brown fox",
        "jumps over",
        "the lazy",
    ]
    assert "" in [text[line.start : line.end] for line in lines]  # the blank line


def test_wrap_splits_words_longer_than_the_line() -> None:
    text = "x" * 25
    lines = wrap(text, 10)
    assert [line.end - line.start for line in lines] == [10, 10, 5]


def test_wrap_counts_wide_characters_as_two_cells() -> None:
    text = "日本語のテキストです"
    lines = wrap(text, 6)
    assert [text[line.start : line.end] for line in lines] == ["日本語", "のテキ", "ストで", "す"]


@given(st.text(alphabet=st.sampled_from("ab \n—日"), max_size=200), st.integers(1, 30))
def test_wrap_lines_are_in_order_and_lose_nothing(text: str, width: int) -> None:
    lines = wrap(text, width)
    covered = "".join(text[line.start : line.end] for line in lines)
    assert covered == text.replace("\n", "")
    assert all(a.end <= b.start for a, b in itertools.pairwise(lines))


def test_layout_maps_offsets_to_lines_and_back() -> None:
    text = "one two three four five six seven"
    layout = Layout(text, 10)
    offset = text.index("five")
    line = layout.line_of(offset)
    assert (
        text[layout.lines[line].start : layout.lines[line].end].startswith("four")
        or "five" in text[layout.lines[line].start : layout.lines[line].end]
    )
    assert layout.offset_at(line, 0) == layout.lines[line].start


def test_sentences_respect_abbreviations_and_quotes() -> None:
    text = 'Mr. Smith went to Washington. He said "No." Then U.S. officials left!\n\nNew one.'
    found = [text[s.start : s.end] for s in sentences(text)]
    assert found == [
        "Mr. Smith went to Washington.",
        'He said "No."',
        "Then U.S. officials left!",
        "New one.",
    ]


def test_paragraphs_and_span_lookup() -> None:
    text = "First para.\nStill first.\n\nSecond para."
    paras = paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["First para.\nStill first.", "Second para."]
    spans = sentences(text)
    assert span_index_at(spans, text.index("Still")) == 1
    assert span_index_at(spans, text.index("\n\n")) == 2  # between sentences: the next one


def test_the_quote_engine_s_abbreviations_end_no_sentence_in_the_reader_either() -> None:
    text = "She moved to Sacramento, Calif. Years later she left. Then Rev. Smith came."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "She moved to Sacramento, Calif. Years later she left.",
        "Then Rev. Smith came.",
    ]


def test_counts_read_as_english() -> None:
    assert counted(1, "quote") == "1 quote"
    assert counted(0, "shared passage") == "0 shared passages"
    assert counted(2041, "article") == "2,041 articles"
