"""The library list's logic: sorting, fuzzy filter, search hits, marks, compare pairs."""

from __future__ import annotations

from newsreader.listing import (
    Marks,
    build_rows,
    compare_pair,
    filter_rows,
    locate_hit,
    next_sort,
    parse_snippet,
    sort_rows,
    with_counts,
)
from newsreader.store import ArticleInfo, SearchHit


def info(id: str, title: str, source: str = "", date: str = "", words: int = 100) -> ArticleInfo:
    return ArticleInfo(id, f"/{id}.txt", title, source, date, "", "", 1, words)


ROWS = build_rows(
    [
        info("a", "Musk gives workers another chance", "Reuters", "2025-02-26"),
        info("b", "Federal tech staff resign", "AP", "2025-02-25"),
        info("c", "Agencies push back", "unknown", ""),
        info("d", "Unions sue over email", "Fox", "2025-02-27"),
    ],
    {"a": 3, "b": 5, "c": 0},
    {"c": ["follow-up", "Unions"]},
)


def ids(rows) -> list[str]:
    return [row.id for row in rows]


def test_sorts() -> None:
    assert ids(sort_rows(ROWS, "date")) == ["d", "a", "b", "c"]
    assert ids(sort_rows(ROWS, "source")) == ["b", "d", "a", "c"]  # unknown last
    assert ids(sort_rows(ROWS, "quotes")) == ["b", "a", "c", "d"]
    assert next_sort("date") == "source" and next_sort("quotes") == "date"


def test_counts_pending_until_the_index_is_ready() -> None:
    pending = build_rows([info("x", "T")])
    assert pending[0].quotes is None
    assert with_counts(pending, {"x": 2})[0].quotes == 2


def test_filter_is_fuzzy_over_title_source_and_tags() -> None:
    assert ids(filter_rows(ROWS, "reuters")) == ["a"]
    assert ids(filter_rows(ROWS, "reuetrs")) == ["a"]  # a typo
    assert "c" in ids(filter_rows(ROWS, "follow"))  # a tag
    assert ids(filter_rows(ROWS, "resign staff")) == ["b"]  # every word must match
    assert ids(filter_rows(ROWS, "")) == ids(ROWS)
    assert filter_rows(ROWS, "zzzz") == []


def test_short_filter_words_must_match_exactly() -> None:
    assert ids(filter_rows(ROWS, "ap")) == ["b"]  # "AP"; not "Agencies push" (no substring)


def test_snippet_markers_become_spans() -> None:
    text, spans = parse_snippet("…the \x02federal\x03 workers \x02resigned\x03…")
    assert text == "…the federal workers resigned…"
    assert [text[s:e] for s, e in spans] == ["federal", "resigned"]


def test_hit_is_located_in_the_body() -> None:
    body = "Intro.\n\nMany federal workers resigned on Tuesday. Federal again."
    hit = locate_hit(SearchHit("a", "T", "Many \x02federal\x03 workers…"), body)
    assert hit.offset == body.index("federal") and hit.length == len("federal")
    fallback = locate_hit(SearchHit("a", "T", "…\x02Federal\x03 again, reworded"), body)
    assert fallback.offset == body.casefold().index("federal")


def test_marks_toggle_in_order() -> None:
    marks = Marks()
    assert marks.toggle("a") is True
    assert marks.toggle("b") is True
    assert marks.toggle("a") is False
    assert marks.ids == ["b"] and "b" in marks and len(marks) == 1


def test_compare_pair() -> None:
    partners = {"a": [("b", 3), ("c", 1)]}
    assert compare_pair("a", [], partners) == ("a", "b")
    assert compare_pair("a", ["c"], partners) == ("c", "a")
    assert compare_pair("a", ["c", "d"], partners) == ("c", "d")
    assert isinstance(compare_pair("a", ["a"], partners), str)
    assert isinstance(compare_pair("z", [], partners), str)
    assert isinstance(compare_pair(None, [], partners), str)
