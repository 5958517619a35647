"""Annotations, tags and notes as the reader makes them: saved at once, kept exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader import notes
from newsreader.corpus import load_paths
from newsreader.listing import filter_annotations
from newsreader.notes import AnnotationError, annotations
from newsreader.store import Library


@pytest.fixture
def ids(library: Library, sample_corpus: Path) -> list[str]:
    return [article_id for _, article_id in library.import_many(load_paths([sample_corpus]))]


def span(library: Library, article_id: str, passage: str) -> tuple[int, int]:
    start = library.article(article_id).body.index(passage)
    return start, start + len(passage)


def test_an_annotation_is_saved_at_once_with_passage_context_and_version(
    library: Library, library_path: Path, ids: list[str]
) -> None:
    body = library.article(ids[0]).body
    start, end = span(library, ids[0], "Twenty-one workers resigned")
    made = notes.create(library, ids[0], start, end, ["DOGE", "resignations"], "Check the count.")
    assert not library.conn.in_transaction
    with Library.open(library_path) as other:
        seen = notes.get(other, made.id)
    assert seen == made
    assert seen.exact == "Twenty-one workers resigned"
    assert seen.prefix == body[start - 32 : start] and seen.suffix == body[end : end + 32]
    assert (seen.article_version, seen.orphaned, seen.tags) == (1, False, ["DOGE", "resignations"])
    assert seen.created == seen.updated != ""


def test_whitespace_at_the_edges_of_a_selection_is_left_out(library: Library, ids: list[str]) -> None:
    body = library.article(ids[0]).body
    paragraph_end = body.index("\n\n")
    made = notes.create(library, ids[0], paragraph_end - 10, paragraph_end + 5)
    assert made.exact == body[paragraph_end - 10 : paragraph_end + 5].strip()
    assert not made.exact[0].isspace() and not made.exact[-1].isspace()


@pytest.mark.parametrize(
    "start, end, message",
    [
        (10, 10, "not inside"),
        (-1, 5, "not inside"),
        (0, 10**9, "not inside"),
        (5, 2, "not inside"),
    ],
)
def test_a_selection_outside_the_text_is_refused(
    library: Library, ids: list[str], start: int, end: int, message: str
) -> None:
    with pytest.raises(AnnotationError, match=message):
        notes.create(library, ids[0], start, end)
    assert notes.in_library(library) == []


def test_an_unknown_article_is_refused(library: Library, ids: list[str]) -> None:
    with pytest.raises(AnnotationError, match="no article nope"):
        notes.create(library, "nope", 0, 5)
    with pytest.raises(AnnotationError, match="no article nope"):
        notes.set_article_tags(library, "nope", ["x"])


def test_tags_are_trimmed_matched_case_folded_and_keep_their_spelling(
    library: Library, ids: list[str]
) -> None:
    made = notes.create(library, ids[0], 0, 20, ["  Needs   Source ", "needs source", "#EU"])
    assert made.tags == ["Needs Source", "EU"]
    notes.create(library, ids[1], 0, 20, ["eu"])
    listed = notes.in_library(library)
    assert {a.id for a in filter_annotations(listed, "#NEEDS-SOURCE")} == {made.id}
    assert len(filter_annotations(listed, "#Eu")) == 2
    assert notes.get(library, made.id).tags == ["Needs Source", "EU"]


@pytest.mark.parametrize(
    "tags, message",
    [
        ([""], "cannot be empty"),
        (["  "], "cannot be empty"),
        (["ok", "#"], "cannot be empty"),
        (["a,b"], "cannot contain a comma"),
        (["x" * 65], "at most 64"),
    ],
)
def test_bad_tags_are_refused_with_a_message_and_nothing_is_saved(
    library: Library, ids: list[str], tags: list[str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        notes.create(library, ids[0], 0, 20, tags, "a note")
    assert notes.in_library(library) == []


def test_the_tag_field_is_comma_separated() -> None:
    assert notes.parse_tags("climate,  Needs source ,") == ["climate", "Needs source"]
    assert notes.parse_tags("   ") == []
    with pytest.raises(AnnotationError, match="cannot be empty"):
        notes.parse_tags("a, , b")
    assert notes.parse_tags(notes.format_tags(["a b", "C"])) == ["a b", "C"]


NOTES = [
    "**Bold** claim, see [source](https://example.org) and `code`.\n\n- one\n- two\n",
    "Ünïcödé — 引用 — مرحبا — 👩🏽‍💻 — e\u0301\n",
    "Windows line\r\nendings\rand a trailing space ",
    "```\nunclosed fence\n",
]


@pytest.mark.parametrize("note", NOTES)
def test_notes_are_kept_exactly(library: Library, library_path: Path, ids: list[str], note: str) -> None:
    made = notes.create(library, ids[0], 0, 20, [], note)
    notes.set_article_note(library, ids[1], note)
    with Library.open(library_path) as other:
        assert notes.get(other, made.id).note == note
        assert notes.article_note(other, ids[1]) == note


def test_update_changes_only_what_is_given(
    library: Library, ids: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(annotations, "now", lambda: "2026-01-01T00:00:00+00:00")
    made = notes.create(library, ids[0], 0, 20, ["a", "b"], "first")
    monkeypatch.setattr(annotations, "now", lambda: "2026-01-02T00:00:00+00:00")
    retagged = notes.update(library, made.id, tags=["c"])
    assert (retagged.tags, retagged.note) == (["c"], "first")
    renoted = notes.update(library, made.id, note="second")
    assert (renoted.tags, renoted.note) == (["c"], "second")
    assert (renoted.created, renoted.updated) == ("2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00")
    cleared = notes.update(library, made.id, tags=[], note="")
    assert (cleared.tags, cleared.note) == ([], "")
    assert (cleared.start, cleared.end, cleared.exact) == (made.start, made.end, made.exact)


def test_a_refused_update_changes_nothing(library: Library, ids: list[str]) -> None:
    made = notes.create(library, ids[0], 0, 20, ["keep"], "keep")
    with pytest.raises(AnnotationError):
        notes.update(library, made.id, tags=["fine", " "], note="lost")
    assert notes.get(library, made.id) == made


def test_delete_removes_the_annotation_and_its_tags(library: Library, ids: list[str]) -> None:
    made = notes.create(library, ids[0], 0, 20, ["gone"])
    kept = notes.create(library, ids[0], 30, 40, ["kept"])
    assert notes.delete(library, made.id) is True
    assert notes.get(library, made.id) is None
    assert notes.delete(library, made.id) is False
    assert notes.tags_in_use(library) == ["kept"]
    assert [a.id for a in notes.in_library(library)] == [kept.id]
    with pytest.raises(AnnotationError, match="deleted in another window"):
        notes.update(library, made.id, note="too late")


def test_for_article_is_in_reading_order(library: Library, ids: list[str]) -> None:
    later = notes.create(library, ids[0], 200, 220)
    earlier = notes.create(library, ids[0], 10, 30)
    middle = notes.create(library, ids[0], 10, 60)
    notes.create(library, ids[1], 0, 5)
    assert [a.id for a in notes.for_article(library, ids[0])] == [earlier.id, middle.id, later.id]


def test_listing_names_the_article_and_is_filtered_by_tag_and_text(library: Library, ids: list[str]) -> None:
    one = notes.create(library, ids[0], 0, 20, ["Claim"], "Who said this?")
    two = notes.create(library, ids[1], 0, 20, ["quote"], "")
    listed = notes.in_library(library)
    assert {a.id for a in listed} == {one.id, two.id}
    titles = {a.id: a.article_title for a in listed}
    assert titles[one.id] == library.article(ids[0]).title
    assert [a.id for a in filter_annotations(listed, "#claim")] == [one.id]
    assert [a.id for a in filter_annotations(listed, "WHO SAID")] == [one.id]
    title_words = " ".join(library.article(ids[1]).title.split()[:2])
    assert two.id in [a.id for a in filter_annotations(listed, title_words)]
    assert filter_annotations(listed, "#claim nothing like this") == []
    assert [a.id for a in notes.in_library(library, article_ids=[ids[1]])] == [two.id]


def test_tags_in_use_are_most_used_first(library: Library, ids: list[str]) -> None:
    for article_id in ids[:3]:
        notes.create(library, article_id, 0, 20, ["Budget"])
    notes.create(library, ids[0], 30, 40, ["budget", "rare"])
    notes.set_article_tags(library, ids[4], ["Often", "budget"])
    notes.create(library, ids[1], 30, 40, ["often"])
    assert notes.tags_in_use(library) == ["Budget", "Often", "rare"]


def test_article_tags_and_notes_replace_and_clear(library: Library, ids: list[str]) -> None:
    assert notes.set_article_tags(library, ids[0], [" Lead story ", "lead STORY", "EU"]) == [
        "Lead story",
        "EU",
    ]
    assert notes.article_tags(library, ids[0]) == ["Lead story", "EU"]
    notes.set_article_tags(library, ids[0], ["Other"])
    assert notes.article_tags(library, ids[0]) == ["Other"]
    with pytest.raises(AnnotationError):
        notes.set_article_tags(library, ids[0], ["ok", ""])
    assert notes.article_tags(library, ids[0]) == ["Other"]
    notes.set_article_note(library, ids[0], "first")
    notes.set_article_note(library, ids[0], "second")
    assert notes.article_note(library, ids[0]) == "second"
    notes.set_article_note(library, ids[0], "")
    assert notes.article_note(library, ids[0]) == ""
    assert notes.article_note(library, ids[1]) == ""


def test_summaries_give_each_articles_tags_and_counts(library: Library, ids: list[str]) -> None:
    notes.create(library, ids[0], 0, 20, ["Claim", "quote"])
    notes.create(library, ids[0], 30, 50, ["claim"])
    notes.set_article_tags(library, ids[0], ["Lead"])
    notes.set_article_note(library, ids[1], "to read")
    summary = notes.summaries(library)
    assert set(summary) == {ids[0], ids[1]}
    first = summary[ids[0]]
    assert (first.tags, first.annotation_count, first.orphaned_count, first.has_note) == (
        ["Lead"],
        2,
        0,
        False,
    )
    assert {tag.casefold(): count for tag, count in first.annotation_tags.items()} == {"claim": 2, "quote": 1}
    assert summary[ids[1]].has_note and summary[ids[1]].annotation_count == 0


def test_summaries_of_ten_thousand_articles_take_one_query(library: Library) -> None:
    stamp = "2026-01-01T00:00:00+00:00"
    with library.transaction():
        library.conn.executemany(
            "INSERT INTO articles (id, path, title, body, version, word_count, imported_at) "
            "VALUES (?, ?, ?, 'body text here', 1, 3, ?)",
            [(f"a{i:05}", f"/x/{i}.txt", f"Article {i}", stamp) for i in range(10_000)],
        )
        library.conn.executemany(
            'INSERT INTO annotations (id, article_id, article_version, start, "end", exact, created, '
            "updated) VALUES (?, ?, 1, 0, 4, 'body', ?, ?)",
            [(f"n{i:06}", f"a{i % 10_000:05}", stamp, stamp) for i in range(30_000)],
        )
        library.conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, key, label) VALUES (?, ?, ?)",
            [(f"n{i:06}", f"t{i % 50}", f"T{i % 50}") for i in range(30_000)],
        )
        library.conn.executemany(
            "INSERT INTO article_tags (article_id, key, label) VALUES (?, 'lead', 'Lead')",
            [(f"a{i:05}",) for i in range(0, 10_000, 2)],
        )
    statements: list[str] = []
    library.conn.set_trace_callback(statements.append)
    try:
        summary = notes.summaries(library)
    finally:
        library.conn.set_trace_callback(None)
    assert len(summary) == 10_000 and summary["a00000"].annotation_count == 3
    assert summary["a00000"].tags == ["Lead"] and summary["a00001"].tags == []
    assert len(statements) == 1  # one query for the whole library, never one per article
