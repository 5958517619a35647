"""Re-anchoring: annotations follow their passage when an article's text is corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader import notes
from newsreader.anchors import TextPositionSelector, TextQuoteSelector, quote_selector, reanchor
from newsreader.corpus import load_file
from newsreader.store import ImportOutcome, Library

PARAGRAPHS = [
    "The council met on Tuesday to vote on the new budget for the city.",
    "“We cannot keep cutting the libraries,” said Mayor Ana Ruiz after the vote.",
    "The budget passed by seven votes to two, with the two dissenters citing road repairs.",
    "Critics say the plan relies on a one-off sale of land near the river.",
    "The next meeting is scheduled for March.",
]


def anchor(body: str, passage: str, occurrence: int = 0) -> tuple[TextPositionSelector, TextQuoteSelector]:
    """Where an annotation of ``passage`` (its ``occurrence``-th copy) is saved in ``body``."""
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(passage, start + 1)
    return TextPositionSelector(start, start + len(passage)), quote_selector(
        body, start, start + len(passage)
    )


def test_quote_selector_keeps_32_characters_of_context_each_side() -> None:
    body = "\n\n".join(PARAGRAPHS)
    start = body.index("said Mayor")
    quote = quote_selector(body, start, start + len("said Mayor Ana Ruiz"))
    assert quote.exact == "said Mayor Ana Ruiz"
    assert quote.prefix == body[start - 32 : start] and len(quote.prefix) == 32
    assert quote.suffix == " after the vote.\n\nThe budget pas" and len(quote.suffix) == 32
    assert quote_selector(body, 0, 3).prefix == ""


def test_unchanged_text_keeps_the_same_offsets() -> None:
    body = "\n\n".join(PARAGRAPHS)
    saved = anchor(body, PARAGRAPHS[1])
    assert reanchor(body, body, *saved) == (saved[0].start, saved[0].end)


def test_moved_passage_is_found_at_its_new_place() -> None:
    old = "\n\n".join(PARAGRAPHS)
    new = "\n\n".join(
        ["Correction: an earlier version misstated the vote."]
        + PARAGRAPHS[:1]
        + PARAGRAPHS[2:]
        + PARAGRAPHS[1:2]
    )
    saved = anchor(old, PARAGRAPHS[1])
    start, end = reanchor(old, new, *saved)
    assert new[start:end] == PARAGRAPHS[1]


def test_among_several_occurrences_the_one_with_matching_context_wins() -> None:
    old = "He said no. The mayor said no. Later, at the press conference, she said no. Nobody expected it."
    saved = anchor(old, "said no", occurrence=2)
    new = "Updated. " + old
    start, end = reanchor(old, new, *saved)
    assert (start, end) == (saved[0].start + len("Updated. "), saved[0].end + len("Updated. "))
    assert new[start - 20 : start].endswith("conference, she ")


def test_lightly_edited_passage_is_placed_on_the_edited_words() -> None:
    old = "\n\n".join(PARAGRAPHS)
    edited = "The budget passed by seven votes to two, with both dissenters citing road repairs."
    new = "\n\n".join(["A new opening paragraph."] + PARAGRAPHS[:2] + [edited] + PARAGRAPHS[3:])
    start, end = reanchor(old, new, *anchor(old, PARAGRAPHS[2]))
    assert new[start:end] == edited


def test_edit_at_the_edge_of_the_passage_still_takes_the_whole_sentence() -> None:
    old = "\n\n".join(PARAGRAPHS)
    edited = "Opponents say the plan relies on a one-off sale of land near the river."
    new = old.replace(PARAGRAPHS[3], edited)
    start, end = reanchor(old, new, *anchor(old, PARAGRAPHS[3]))
    assert new[start:end] == edited


def test_deleted_passage_cannot_be_placed() -> None:
    old = "\n\n".join(PARAGRAPHS)
    new = "\n\n".join(PARAGRAPHS[:3] + PARAGRAPHS[4:])
    assert reanchor(old, new, *anchor(old, PARAGRAPHS[3])) is None


def test_a_near_identical_sentence_elsewhere_is_not_taken_for_a_deleted_one() -> None:
    first = (
        "President Donald Trump has backed Elon Musk’s demand that federal employees explain "
        "their recent accomplishments or risk termination."
    )
    second = (
        "This all comes following some back and forth on Musk’s demand that federal employees "
        "explain their recent accomplishments or risk termination."
    )
    old = f"Intro paragraph here.\n\n{first}\n\nMiddle paragraph.\n\n{second}\n\nClosing words."
    new = old.replace(f"{second}\n\n", "")
    assert reanchor(old, new, *anchor(old, second)) is None


# ---------------------------------------------------------------------------- through the library


def write(path: Path, paragraphs: list[str]) -> None:
    path.write_text("title: Council passes budget\nsource: City Wire\n\n" + "\n\n".join(paragraphs) + "\n")


def annotate(library: Library, article_id: str, passage: str, tag: str) -> notes.Annotation:
    body = library.article(article_id).body
    start = body.index(passage)
    return notes.create(library, article_id, start, start + len(passage), [tag], f"note on {tag}")


def test_reimporting_a_corrected_file_reanchors_every_annotation(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "council.txt"
    write(path, PARAGRAPHS)
    _, article_id = library.import_article(load_file(path))
    first = annotate(library, article_id, PARAGRAPHS[0], "opening")
    moved = annotate(library, article_id, PARAGRAPHS[1], "quote")
    edited = annotate(library, article_id, PARAGRAPHS[2], "numbers")
    deleted = annotate(library, article_id, PARAGRAPHS[3], "claim")

    lightly_edited = PARAGRAPHS[2].replace("the two dissenters", "both dissenters")
    write(
        path,
        [
            PARAGRAPHS[0],
            "Correction: the vote was on Tuesday, not Monday.",
            PARAGRAPHS[1],
            lightly_edited,
            PARAGRAPHS[4],
        ],
    )
    outcome, same_id = library.import_article(load_file(path))
    assert (outcome, same_id) == (ImportOutcome.UPDATED, article_id)

    body = library.article(article_id).body
    now = {a.id: a for a in notes.for_article(library, article_id, include_orphaned=True)}
    assert (now[first.id].start, now[first.id].end) == (first.start, first.end)
    assert now[moved.id].start > moved.start
    assert body[now[moved.id].start : now[moved.id].end] == PARAGRAPHS[1] == now[moved.id].exact
    assert now[edited.id].exact == lightly_edited
    assert now[edited.id].prefix == body[now[edited.id].start - 32 : now[edited.id].start]
    for placed in (first, moved, edited):
        assert now[placed.id].article_version == 2 and not now[placed.id].orphaned
        assert now[placed.id].note == placed.note and now[placed.id].tags == placed.tags

    lost = now[deleted.id]
    assert lost.orphaned and lost.article_version == 1
    assert (lost.exact, lost.note, lost.tags) == (PARAGRAPHS[3], "note on claim", ["claim"])
    assert deleted.id not in {a.id for a in notes.for_article(library, article_id)}
    assert [a.orphaned for a in notes.in_library(library) if "claim" in a.tags] == [True]
    assert notes.summaries(library)[article_id].orphaned_count == 1


def test_an_orphaned_annotation_comes_back_when_its_passage_does(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "council.txt"
    write(path, PARAGRAPHS)
    _, article_id = library.import_article(load_file(path))
    saved = annotate(library, article_id, PARAGRAPHS[3], "claim")
    write(path, PARAGRAPHS[:3] + PARAGRAPHS[4:])
    library.import_article(load_file(path))
    assert notes.get(library, saved.id).orphaned
    write(path, ["Editor's note: a paragraph was restored."] + PARAGRAPHS)
    library.import_article(load_file(path))
    back = notes.get(library, saved.id)
    assert not back.orphaned and back.article_version == 3
    assert library.article(article_id).body[back.start : back.end] == PARAGRAPHS[3]


@pytest.mark.parametrize("batch", [1, 200])
def test_reanchoring_also_happens_in_batch_imports(library: Library, tmp_path: Path, batch: int) -> None:
    path = tmp_path / "council.txt"
    write(path, PARAGRAPHS)
    _, article_id = library.import_article(load_file(path))
    saved = annotate(library, article_id, PARAGRAPHS[4], "end")
    write(path, ["New first paragraph."] + PARAGRAPHS)
    list(library.import_many([load_file(path)], batch=batch))
    moved = notes.get(library, saved.id)
    assert moved.start == saved.start + len("New first paragraph.\n\n")
    assert not library.conn.in_transaction
