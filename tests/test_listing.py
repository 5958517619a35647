"""The library list's logic: sorting, fuzzy filter, search hits, marks, compare pairs."""

from __future__ import annotations

from newsreader.listing import (
    Marks,
    Reuse,
    Row,
    build_rows,
    compare_pair,
    filter_annotations,
    filter_rows,
    locate_hit,
    next_sort,
    parse_snippet,
    sort_rows,
    split_query,
    tag_counts,
    with_counts,
    with_reuse,
    with_summaries,
)
from newsreader.notes import ArticleSummary, ListedAnnotation
from newsreader.quotes.model import QuoteGroup, QuoteMember
from newsreader.store import ArticleInfo, SearchHit
from newsreader.tags import tag_term


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
    {
        "c": ArticleSummary("c", ["follow-up", "Unions"], 0, 0, {}, False),
        "a": ArticleSummary("a", [], 2, 1, {"Needs source": 2, "DOGE": 1}, False),
        "b": ArticleSummary("b", ["doge"], 1, 0, {"Claim": 1}, True),
    },
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


def test_rows_carry_tags_and_annotation_counts() -> None:
    by_id = {row.id: row for row in ROWS}
    assert (by_id["c"].tags, by_id["c"].annotation_count) == (("follow-up", "Unions"), 0)
    assert (by_id["a"].tags, by_id["a"].annotation_count) == ((), 2)
    assert (by_id["d"].tags, by_id["d"].annotation_count, by_id["d"].annotation_tags) == ((), 0, ())
    assert by_id["b"].all_tags == ("doge", "Claim")
    assert by_id["a"].all_tags == ("Needs source", "DOGE")
    assert by_id["a"].needle.endswith("needs source doge")  # the fuzzy filter sees them
    changed = with_summaries(ROWS, {"d": ArticleSummary("d", ["New"], 3, 0, {}, False)})
    assert {row.id: (row.tags, row.annotation_count) for row in changed} == {
        "a": ((), 0),
        "b": ((), 0),
        "c": ((), 0),
        "d": (("New",), 3),
    }
    assert changed[0].quotes == ROWS[0].quotes  # counts kept


def test_hash_terms_find_tags_on_the_article_or_its_annotations() -> None:
    assert ids(filter_rows(ROWS, "#unions")) == ["c"]  # the article's own tag, case-folded
    assert ids(filter_rows(ROWS, "#claim")) == ["b"]  # a tag on one of its annotations
    assert ids(filter_rows(ROWS, "#DOGE")) == ["a", "b"]  # either, order kept
    assert ids(filter_rows(ROWS, "#needs-source")) == ["a"]  # a tag with a space, as a #slug
    assert ids(filter_rows(ROWS, "#uni")) == ["c"]  # found while it is being typed
    assert filter_rows(ROWS, "#nions") == []  # the start of a tag, never fuzzy or inside it
    assert filter_rows(ROWS, "#doge #claim #unions") == []  # every tag term must hold
    assert ids(filter_rows(ROWS, "#doge federal")) == ["b"]  # combined with fuzzy words
    assert ids(filter_rows(ROWS, "#")) == ids(ROWS)  # a tag still being typed


def test_tag_counts_count_articles_per_tag_most_first() -> None:
    assert tag_counts(ROWS) == [
        ("DOGE", 2),
        ("Claim", 1),
        ("follow-up", 1),
        ("Needs source", 1),
        ("Unions", 1),
    ]


def test_split_query_and_tag_term() -> None:
    assert split_query("#Climate  musk # #needs-source") == (["climate", "needs-source"], ["musk"])
    assert tag_term("climate") == "#climate"
    assert tag_term("Needs source") == "#Needs-source"
    assert ids(filter_rows(ROWS, tag_term("Needs source"))) == ["a"]


def annotation(
    id: str, exact: str, tags: list[str], note: str = "", title: str = "T", source: str = "S"
) -> ListedAnnotation:
    return ListedAnnotation(
        id, "art", 1, 0, len(exact), exact, "", "", tags, note, False, "", "", title, source
    )


def test_annotations_filter_by_text_and_tags() -> None:
    items = [
        annotation("1", "Twenty-one workers resigned", ["DOGE", "Needs source"], "check the count"),
        annotation("2", "Musk said so", ["quote"], title="Musk gives workers another chance"),
        annotation("3", "Unions sued", [], source="Fox"),
    ]
    assert [a.id for a in filter_annotations(items, "")] == ["1", "2", "3"]
    assert [a.id for a in filter_annotations(items, "workers")] == ["1", "2"]  # passage, title
    assert [a.id for a in filter_annotations(items, "COUNT")] == ["1"]  # the note
    assert [a.id for a in filter_annotations(items, "fox")] == ["3"]  # the source
    assert [a.id for a in filter_annotations(items, "#doge")] == ["1"]
    assert [a.id for a in filter_annotations(items, "#needs-source workers")] == ["1"]
    assert [a.id for a in filter_annotations(items, "#quo")] == ["2"]  # while it is being typed
    assert filter_annotations(items, "#uote") == []
    assert filter_annotations(items, "#quote resigned") == []


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


def test_reused_counts_passages_shared_with_an_earlier_article() -> None:
    def info(article_id: str, source: str, date: str) -> ArticleInfo:
        return ArticleInfo(
            id=article_id,
            path=f"/{article_id}.txt",
            title=f"T {article_id}",
            source=source,
            date=date,
            url="",
            author="",
            version=1,
            word_count=40,
        )

    wire = "one two three four five six seven eight nine ten eleven twelve"  # 12 words
    rows = [
        Row(info("ap", "AP", "2026-01-01")),
        Row(info("daily", "Daily", "2026-01-02")),
        Row(info("blog", "", "")),
    ]
    group = QuoteGroup(
        "p1", wire, "", tuple(QuoteMember(a, 0, len(wire), wire) for a in ("ap", "blog", "daily")), "passage"
    )
    passages = {a: [group] for a in ("ap", "blog", "daily")}
    reused = {row.id: row.reused for row in with_reuse(rows, passages)}
    # The daily printed it a day after AP: from AP (the undated blog ties, AP is the original).
    assert reused["daily"] == Reuse(12 / 40, "ap", "AP") and reused["daily"].label == "30% AP"
    # AP printed it first: only the undated blog can be where it came from.
    assert reused["ap"] == Reuse(12 / 40, "blog", "T blog")
    assert reused["blog"] == Reuse(12 / 40, "ap", "AP")
    assert with_reuse(rows, {}) == rows


# --------------------------------------------------------------------------- stories

from newsreader.listing import Heading, group_rows, split_story, story_label, with_stories  # noqa: E402
from newsreader.stories import Story, StoryIndex  # noqa: E402

STORIES = StoryIndex(
    [
        Story(
            "s1",
            "Federal workers told to resign by email",
            "2025-02-25",
            "2025-02-26",
            ["AP", "Reuters"],
            ["b", "a"],
        ),
        Story("s2", "Unions sue", "2025-02-27", "2025-02-27", ["Fox"], ["d", "e"]),
    ]
)
STORY_ROWS = with_stories(ROWS + build_rows([info("e", "Lawsuit filed", "NPR", "2025-02-27")]), STORIES)


def test_rows_carry_their_story_and_its_short_label() -> None:
    by_id = {row.id: row for row in STORY_ROWS}
    assert (by_id["a"].story_id, by_id["a"].story_title) == ("s1", "Federal workers told to resign by email")
    assert (by_id["c"].story_id, by_id["c"].story_title) == ("", "")  # in no story
    assert story_label(by_id["a"].story_title) == "Federal workers told"
    assert story_label("") == ""


def test_story_filter_by_id_keeps_that_story_and_the_other_words_still_filter() -> None:
    assert sorted(ids(filter_rows(STORY_ROWS, "story:s1"))) == ["a", "b"]
    assert sorted(ids(filter_rows(STORY_ROWS, "story:S2"))) == ["d", "e"]  # case does not matter
    assert ids(filter_rows(STORY_ROWS, "story:s1 reuters")) == ["a"]
    assert ids(filter_rows(STORY_ROWS, "reuters story:s2")) == []


def test_story_filter_by_title_words_matches_word_beginnings() -> None:
    assert sorted(ids(filter_rows(STORY_ROWS, "story:federal resign"))) == ["a", "b"]
    assert sorted(ids(filter_rows(STORY_ROWS, "story:fed wor"))) == ["a", "b"]  # still typing
    assert sorted(ids(filter_rows(STORY_ROWS, "story:unions"))) == ["d", "e"]
    assert filter_rows(STORY_ROWS, "story:bridge") == []
    assert sorted(ids(filter_rows(STORY_ROWS, "#doge story:federal"))) == ["a", "b"]  # tags still apply
    assert ids(filter_rows(STORY_ROWS, "story:")) == ids(STORY_ROWS)  # nothing typed yet


def test_split_story_tells_an_id_from_title_words() -> None:
    assert split_story("story:s1 reuters", {"s1"}) == ("s1", [], "reuters")
    assert split_story("ap story:Key Bridge #wire", {"s1"}) == (None, ["key", "bridge"], "ap #wire")
    assert split_story("no story here", {"s1"}) == (None, [], "no story here")


def test_grouped_rows_fold_each_story_under_its_heading() -> None:
    folded = group_rows(sort_rows(STORY_ROWS, "date"), STORIES, set())
    assert [(line.story_id, line.count, line.open) for line in folded] == [
        ("s2", 2, False),
        ("s1", 2, False),
        ("", 1, False),
    ]  # as large: the more recent first
    assert all(isinstance(line, Heading) for line in folded)
    opened = group_rows(sort_rows(STORY_ROWS, "date"), STORIES, {"s2", ""})
    assert [line.id for line in opened] == [
        "story:s2",
        "e",
        "d",
        "story:s1",
        "story:",
        "c",
    ]  # in the sort given
    assert opened[0].sources == 2  # Fox and NPR, among the rows kept


def test_grouped_rows_leave_out_stories_the_filter_emptied() -> None:
    kept = group_rows(filter_rows(STORY_ROWS, "reuters"), STORIES, {"s1"})
    assert [(line.id, getattr(line, "count", None)) for line in kept] == [("story:s1", 1), ("a", None)]


def test_annotations_filter_ranks_the_best_matches_first() -> None:
    items = [
        annotation("weak", "The harbour authority said little", [], title="Ports"),
        annotation("none", "Nothing to see", []),
        annotation("best", "Coast guard boats searched the bay", [], title="Coast guard search"),
        annotation("typo", "The coats were wet", []),
    ]
    assert [a.id for a in filter_annotations(items, "coast guard")] == ["best"]
    assert [a.id for a in filter_annotations(items, "coast")] == ["best", "typo"]  # one typo, ranked after


def test_library_filter_ranks_the_best_matches_first() -> None:
    rows = build_rows(
        [
            info("typo", "Coats for winter"),
            info("exact", "Coast guard rescues crew"),
            info("other", "Bridge reopens"),
        ]
    )
    assert ids(filter_rows(rows, "coast")) == ["exact", "typo"]


def test_nested_tags_are_found_by_their_parent() -> None:
    items = [
        annotation("1", "a", ["climate/policy"]),
        annotation("2", "b", ["climate"]),
        annotation("3", "c", ["politics/climate"]),
    ]
    assert [a.id for a in filter_annotations(items, "#climate")] == ["1", "2"]
    assert [a.id for a in filter_annotations(items, "#climate/pol")] == ["1"]
    assert [a.id for a in filter_annotations(items, "#politics/")] == ["3"]


def test_tag_terms_fold_case_and_spaces() -> None:
    items = [annotation("1", "a", ["Coast  Guard"]), annotation("2", "b", ["coastline"])]
    assert [a.id for a in filter_annotations(items, "#COAST-G")] == ["1"]  # the #slug form
    assert [a.id for a in filter_annotations(items, "#Coa")] == ["1", "2"]
    assert [a.id for a in filter_annotations(items, "#coastl")] == ["2"]


def test_c_says_why_an_article_sharing_nothing_cannot_be_compared() -> None:
    assert compare_pair("a", [], {"a": []}).startswith("This article shares no quote or passage")
