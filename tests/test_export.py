"""The export as a reader uses it: Markdown that reads well and cannot be broken, and W3C JSON.

Golden files pin the exact bytes for a fixed library (``UPDATE_GOLDEN=1`` rewrites them);
the Markdown is also parsed back with markdown-it to check its structure, so a change that
breaks the document fails even if the golden files are updated carelessly.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from newsreader import export, notes
from newsreader.corpus import Article
from newsreader.export import files as export_files
from newsreader.export.selection import ExportedArticle, Selection
from newsreader.notes import Annotation, annotations, articles
from newsreader.quotes.model import QuoteGroup, QuoteMember
from newsreader.store import ArticleInfo, Library

GOLDEN = Path(__file__).parent / "golden"
EXPORTED_AT = "2026-11-24T10:30:00+01:00"
QUOTE = "“We cannot keep cutting the libraries,”"
HOSTILE = [
    "# Not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list either",
    "Run `rm -rf /` and ```fences```",
    "---",
    "<script>alert('x')</script>",
    "a | b | c",
    "&amp; *emph* _under_ [link](http://x) ![img](y) ==mark== %%hidden%% #hashtag $x$ ^block \\",
    "===",
]
HOSTILE_NOTE = "Inside the note:\n\n```\nan unclosed fence\n\n# A heading\n</blockquote>\n<div>"


class FixedLibrary:
    """A small library with every case the export must handle, identical on every run."""

    def __init__(self, library: Library, monkeypatch: pytest.MonkeyPatch):
        counter = itertools.count(1)
        monkeypatch.setattr(
            annotations, "secrets", SimpleNamespace(token_hex=lambda n: f"{next(counter):0{2 * n}x}")
        )
        for module in (annotations, articles):
            monkeypatch.setattr(module, "now", lambda: "2026-11-20T09:00:00+00:00")
        self.library = library
        city = self.add(
            "/corpus/city-wire.txt",
            "Council passes budget",
            "City Wire",
            "2026-03-01",
            "https://citywire.example/budget?id=7",
            [
                "The council met on Tuesday to vote on the new budget.",
                f"{QUOTE} said Mayor Ana Ruiz after the vote.",
                "The budget passed by seven votes to two.",
            ],
        )
        post_body = [
            "Mayor Ana Ruiz defended the plan.",
            f"{QUOTE} she said.",
            *HOSTILE,
            "Critics say the plan relies on a one-off land sale.",
        ]
        post = self.add(
            "/corpus/daily post.txt",
            "Budget vote: *mayor* defends <libraries>",
            "Daily Post",
            "2026-03-02",
            "",
            post_body,
        )
        notes_only = self.add(
            "/corpus/herald.txt",
            "Herald: what the budget means",
            "Herald",
            "2026-03-03",
            "",
            ["An explainer with nothing annotated."],
        )
        self.add(
            "/corpus/untouched.txt",
            "An article nobody annotated",
            "Gazette",
            "2026-03-04",
            "",
            [f"{QUOTE} the mayor said."],
        )
        self.highlight = self.annotate(city, "The council met on Tuesday", [], "")
        self.quote_in_city = self.annotate(
            city, QUOTE, ["Quote", "libraries"], "She said this **twice**.\n\nSee also the minutes."
        )
        self.numbers = self.annotate(city, "The budget passed by seven votes to two.", ["Needs source"], "")
        self.quote_in_post = self.annotate(post, QUOTE, ["quote"], HOSTILE_NOTE)
        self.hostile = self.annotate(post, "\n\n".join(HOSTILE), ["hostile text"], "Lone\rcarriage return")
        self.orphan = self.annotate(
            post,
            "Critics say the plan relies on a one-off land sale.",
            ["Needs source"],
            "Was this confirmed?",
        )
        library.import_article(
            self.article(
                "/corpus/daily post.txt",
                "Budget vote: *mayor* defends <libraries>",
                "Daily Post",
                "2026-03-02",
                "",
                post_body[:-1],
            )
        )
        notes.set_article_tags(library, city, ["Lead story"])
        notes.set_article_note(library, city, "The *first* report.")
        notes.set_article_tags(library, notes_only, ["Follow up"])
        notes.set_article_note(library, notes_only, "Call the press office.\n\n- ask about the land sale")
        self.city, self.post, self.notes_only = city, post, notes_only
        self.groups = [self.quote_group(QUOTE.strip("“”,"), "Mayor Ana Ruiz")]

    @staticmethod
    def article(path: str, title: str, source: str, day: str, url: str, paragraphs: list[str]) -> Article:
        return Article(
            path=Path(path), title=title, body="\n\n".join(paragraphs), source=source, date=day, url=url
        )

    def add(self, *fields) -> str:
        return self.library.import_article(self.article(*fields))[1]

    def annotate(self, article_id: str, passage: str, tags: list[str], note: str) -> Annotation:
        start = self.library.article(article_id).body.index(passage)
        return notes.create(self.library, article_id, start, start + len(passage), tags, note)

    def quote_group(self, text: str, speaker: str) -> QuoteGroup:
        members = []
        for info in self.library.articles():
            body = self.library.article(info.id).body
            if text in body:
                start = body.index(text)
                members.append(QuoteMember(info.id, start, start + len(text), text))
        return QuoteGroup("q1", text, speaker, tuple(members))

    def select(self, **filters) -> Selection:
        return export.select(self.library, quote_groups=self.groups, **filters)


@pytest.fixture
def fixed(library: Library, monkeypatch: pytest.MonkeyPatch) -> FixedLibrary:
    return FixedLibrary(library, monkeypatch)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path}"


# ---------------------------------------------------------------------------- reading Markdown back


def parse(markdown: str) -> tuple[dict[str, object], list[Token]]:
    """Front matter (its values are JSON, a subset of YAML) and the block tokens after it."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    tokens = parser.parse(markdown)
    assert tokens[0].type == "front_matter"
    meta = {}
    for line in tokens[0].content.splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value)
    return meta, tokens[1:]


def top_level(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.level == 0]


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """Top-level headings as a reader sees them: ``(tag, text)``."""
    return [
        (token.tag, plain_text([tokens[i + 1]]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0
    ]


def paragraphs(tokens: list[Token]) -> list[str]:
    """The text of each top-level paragraph."""
    return [
        plain_text([tokens[i + 1]])
        for i, token in enumerate(tokens)
        if token.type == "paragraph_open" and token.level == 0
    ]


def blocks(tokens: list[Token], kind: str = "blockquote") -> list[list[Token]]:
    """The tokens inside each top-level block quote (or other container)."""
    found, inside = [], None
    for token in tokens:
        if token.type == f"{kind}_open" and token.level == 0:
            inside = []
        elif token.type == f"{kind}_close" and token.level == 0:
            found.append(inside)
            inside = None
        elif inside is not None:
            inside.append(token)
    return found


def plain_text(inside: list[Token]) -> str:
    """What a reader sees in a block: paragraphs separated by a blank line."""
    paragraphs = []
    for token in inside:
        if token.type == "inline":
            paragraphs.append(
                "".join("\n" if child.type == "softbreak" else child.content for child in token.children)
            )
    return "\n\n".join(paragraphs)


def passage_quotes(tokens: list[Token]) -> list[str]:
    """The text of every block quote that is not a note callout."""
    texts = [plain_text(inside) for inside in blocks(tokens)]
    return [text for text in texts if not text.startswith("[!NOTE]")]


# ---------------------------------------------------------------------------- golden files


def test_markdown_by_article_matches_the_golden_file(fixed: FixedLibrary) -> None:
    golden("by_article.md", export.to_markdown(fixed.select(), exported_at=EXPORTED_AT))


def test_markdown_by_tag_matches_the_golden_file(fixed: FixedLibrary) -> None:
    golden("by_tag.md", export.to_markdown(fixed.select(), exported_at=EXPORTED_AT, group_by="tag"))


def test_web_annotation_json_matches_the_golden_file(fixed: FixedLibrary) -> None:
    golden("web_annotation.json", export.to_web_annotation(fixed.select(), exported_at=EXPORTED_AT))


def test_empty_exports_match_the_golden_files(fixed: FixedLibrary) -> None:
    nothing = fixed.select(tags=["no such tag"])
    golden("empty.md", export.render(nothing, "md", exported_at=EXPORTED_AT))
    golden("empty.json", export.render(nothing, "json", exported_at=EXPORTED_AT))


# ---------------------------------------------------------------------------- Markdown structure


def test_markdown_has_front_matter_and_a_section_per_article(fixed: FixedLibrary) -> None:
    meta, tokens = parse(export.to_markdown(fixed.select(), exported_at=EXPORTED_AT))
    assert meta == {
        "title": "newsreader notes",
        "exported": EXPORTED_AT,
        "articles": 3,
        "annotations": 6,
        "shared_quotes": 1,
        "tags": ["Follow-up", "hostile-text", "Lead-story", "libraries", "Needs-source", "Quote"],
    }
    assert headings(tokens) == [
        ("h1", "newsreader notes"),
        ("h2", "Council passes budget"),
        ("h2", "Budget vote: *mayor* defends <libraries>"),
        ("h2", "Herald: what the budget means"),
        ("h2", "Shared quotes"),
    ]


def test_passages_are_block_quotes_in_reading_order_with_tags_ids_and_notes(fixed: FixedLibrary) -> None:
    markdown = export.to_markdown(fixed.select(), exported_at=EXPORTED_AT)
    _, tokens = parse(markdown)
    expected = [
        fixed.highlight,
        fixed.quote_in_city,
        fixed.numbers,
        fixed.quote_in_post,
        fixed.hostile,
        fixed.orphan,
    ]
    assert passage_quotes(tokens)[:6] == [a.exact for a in expected]
    texts = paragraphs(tokens)
    assert "#Quote #libraries" in texts and "#hostile-text" in texts
    assert [p for p in texts if p.startswith("^nr-")] == [f"^nr-{a.id}" for a in expected]
    assert "Shared quote, also in: Daily Post, Gazette." in texts
    assert any(p.startswith("Orphaned:") for p in texts)
    notes = [plain_text(inside) for inside in blocks(tokens) if plain_text(inside).startswith("[!NOTE]")]
    assert "[!NOTE]\nShe said this twice.\n\nSee also the minutes." in notes
    assert "City Wire · 2026-03-01 · https://citywire.example/budget?id=7" in texts
    assert "Daily Post · 2026-03-02 · /corpus/daily post.txt" in texts


def test_a_hostile_passage_stays_literal_inside_its_block_quote(fixed: FixedLibrary) -> None:
    _, tokens = parse(export.to_markdown(fixed.select(), exported_at=EXPORTED_AT))
    assert "\n\n".join(HOSTILE) in passage_quotes(tokens)
    for inside in blocks(tokens):
        if plain_text(inside).startswith("[!NOTE]"):
            continue
        kinds = {token.type for token in inside}
        assert kinds <= {"paragraph_open", "paragraph_close", "inline"}, kinds
        for token in inside:
            if token.type == "inline":
                assert {child.type for child in token.children} <= {"text", "softbreak"}
    outside = {token.type for token in top_level(tokens)}
    assert not outside & {
        "html_block",
        "fence",
        "code_block",
        "hr",
        "bullet_list_open",
        "ordered_list_open",
        "table_open",
    }


def test_a_note_cannot_end_its_block(fixed: FixedLibrary) -> None:
    markdown = export.to_markdown(fixed.select(), exported_at=EXPORTED_AT)
    _, tokens = parse(markdown)
    assert HOSTILE_NOTE in notes.get(fixed.library, fixed.quote_in_post.id).note
    assert "> ```\n> an unclosed fence\n>\n> # A heading\n> </blockquote>\n> <div>" in markdown
    note = next(inside for inside in blocks(tokens) if "unclosed fence" in "".join(t.content for t in inside))
    assert {"fence"} <= {token.type for token in note}
    # What follows the note is still the document's own structure: the next passage, the
    # next article's heading and the shared quotes section are all at the top level.
    assert "\n\n".join(HOSTILE) in passage_quotes(tokens)
    assert ("h2", "Shared quotes") in headings(tokens)
    assert not any(
        t.type == "heading_open" and t.level == 0 and "A heading" in tokens[i + 1].content
        for i, t in enumerate(tokens)
    )


def test_a_lone_carriage_return_in_a_note_stays_inside_the_callout(fixed: FixedLibrary) -> None:
    markdown = export.to_markdown(fixed.select(), exported_at=EXPORTED_AT)
    assert "> [!NOTE]\n> Lone\n> carriage return\n" in markdown
    assert "\r" not in markdown


def test_grouped_by_tag_each_tag_has_a_section_and_each_block_id_appears_once(fixed: FixedLibrary) -> None:
    markdown = export.to_markdown(fixed.select(), exported_at=EXPORTED_AT, group_by="tag")
    _, tokens = parse(markdown)
    assert [text for tag, text in headings(tokens) if tag == "h2"] == [
        "Follow up",
        "hostile text",
        "Lead story",
        "libraries",
        "Needs source",
        "Quote",
        "Untagged",
        "Shared quotes",
    ]
    ids = [line for line in markdown.splitlines() if line.startswith("^nr-")]
    assert len(ids) == len(set(ids)) == 6
    assert (
        paragraphs(tokens).count(
            "From Council passes budget · City Wire · 2026-03-01 · https://citywire.example/budget?id=7"
        )
        == 4
    )


def test_tag_filter_keeps_matching_annotations_and_articles(fixed: FixedLibrary) -> None:
    selection = fixed.select(tags=["NEEDS SOURCE", "#follow-up"])
    kept = {article.info.id: [a.id for a in article.annotations] for article in selection.articles}
    assert kept == {fixed.city: [fixed.numbers.id], fixed.post: [fixed.orphan.id], fixed.notes_only: []}
    by_tag = export.to_markdown(selection, exported_at=EXPORTED_AT, group_by="tag")
    assert [text for tag, text in headings(parse(by_tag)[1]) if tag == "h2"] == [
        "Follow up",
        "Needs source",
        "Shared quotes",
    ]


def test_article_filter_keeps_those_articles_and_refuses_unknown_ids(fixed: FixedLibrary) -> None:
    selection = fixed.select(article_ids=[fixed.notes_only])
    assert [article.info.id for article in selection.articles] == [fixed.notes_only]
    assert selection.annotation_count == 0 and selection.articles[0].note.startswith("Call")
    with pytest.raises(export.ExportError, match="no article nope"):
        fixed.select(article_ids=["nope"])


def test_the_same_library_exports_the_same_bytes(fixed: FixedLibrary, library_path: Path) -> None:
    first = export.render(fixed.select(), "md", exported_at=EXPORTED_AT)
    with Library.open(library_path) as reopened:
        again = export.render(
            export.select(reopened, quote_groups=fixed.groups), "md", exported_at=EXPORTED_AT
        )
    assert again == first
    later = export.render(fixed.select(), "md", exported_at="2027-01-01T00:00:00+00:00")
    changed = [(a, b) for a, b in zip(first.splitlines(), later.splitlines()) if a != b]
    assert len(changed) == 2 and all("2027-01-01" in b for _, b in changed)


def test_empty_selection_is_a_valid_document_saying_so(fixed: FixedLibrary) -> None:
    nothing = fixed.select(tags=["no such tag"])
    assert nothing.is_empty and "no such tag" in nothing.summary
    meta, tokens = parse(export.render(nothing, "md", exported_at=EXPORTED_AT))
    assert meta["articles"] == meta["annotations"] == 0 and meta["tags"] == []
    assert plain_text(tokens).startswith("newsreader notes")
    assert "Nothing to export" in plain_text(tokens)
    document = json.loads(export.render(nothing, "json", exported_at=EXPORTED_AT))
    assert document["type"] == "AnnotationCollection" and document["total"] == 0
    assert "nothing to export" in document["label"]


ARTICLE = ArticleInfo(
    id="a1",
    path="/x/a.txt",
    title="T",
    source="S",
    date="2026-01-01",
    url="",
    author="",
    version=1,
    word_count=1,
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("#>-+*_=`~|<&;$^%[]()!\\:1. \n"))
        | st.characters(categories=("L", "N", "P", "S"), max_codepoint=0x2FFF),
        min_size=1,
        max_size=80,
    )
)
def test_any_passage_renders_literally_inside_one_block_quote(text: str) -> None:
    lines = [line.strip() for line in text.split("\n")]
    paragraphs = [
        "\n".join(group) for blank, group in itertools.groupby(lines, key=lambda line: not line) if not blank
    ]
    if not paragraphs:
        return
    annotation = Annotation("id1", "a1", 1, 0, len(text), text, "", "", [], "", False, "c", "u")
    selection = Selection(
        [ExportedArticle(ARTICLE, [], "", [annotation], "", "")], [], {}, [], {ARTICLE.id: ARTICLE.source}
    )
    _, tokens = parse(export.to_markdown(selection, exported_at=EXPORTED_AT))
    quotes = blocks(tokens)
    assert len(quotes) == 1
    assert {token.type for token in quotes[0]} <= {"paragraph_open", "paragraph_close", "inline"}
    assert plain_text(quotes[0]) == "\n\n".join(paragraphs)


# ---------------------------------------------------------------------------- JSON


def test_web_annotation_items_carry_selectors_bodies_and_times(fixed: FixedLibrary) -> None:
    document = json.loads(export.to_web_annotation(fixed.select(), exported_at=EXPORTED_AT))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection" and document["total"] == 8
    items = {item["id"]: item for item in document["first"]["items"]}
    assert len(items) == 8 and document["first"]["type"] == "AnnotationPage"

    city = items[f"urn:newsreader:annotation:{fixed.quote_in_city.id}"]
    assert city["type"] == "Annotation"
    assert (city["created"], city["modified"]) == ("2026-11-20T09:00:00+00:00",) * 2
    assert city["target"]["source"] == "https://citywire.example/budget?id=7"
    quote, position = city["target"]["selector"]
    body = fixed.library.article(fixed.city).body
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": QUOTE,
        "prefix": fixed.quote_in_city.prefix,
        "suffix": fixed.quote_in_city.suffix,
    }
    assert body[position["start"] : position["end"]] == QUOTE and position["type"] == "TextPositionSelector"
    assert city["body"] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": fixed.quote_in_city.note,
            "format": "text/markdown",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "Quote"},
        {"type": "TextualBody", "purpose": "tagging", "value": "libraries"},
    ]
    post = items[f"urn:newsreader:annotation:{fixed.quote_in_post.id}"]
    assert post["target"]["source"] == "file:///corpus/daily%20post.txt"

    highlight = items[f"urn:newsreader:annotation:{fixed.highlight.id}"]
    assert highlight["motivation"] == "highlighting" and "body" not in highlight

    orphan = items[f"urn:newsreader:annotation:{fixed.orphan.id}"]
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]

    article = items[f"urn:newsreader:article:{fixed.notes_only}"]
    assert article["target"] == {"source": "file:///corpus/herald.txt"}
    assert [b["purpose"] for b in article["body"]] == ["commenting", "tagging"]


# ---------------------------------------------------------------------------- files


def test_default_filename_is_dated() -> None:
    assert export.default_filename(date(2026, 11, 24)) == "newsreader-notes-2026-11-24.md"
    assert export.default_filename(date(2026, 1, 2), "json") == "newsreader-notes-2026-01-02.json"
    with pytest.raises(export.ExportError):
        export.default_filename(date(2026, 1, 2), "pdf")


def test_write_atomic_writes_refuses_to_overwrite_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    assert export.write_atomic(target, "first ✓\n") == target
    assert target.read_text(encoding="utf-8") == "first ✓\n"
    with pytest.raises(export.ExportExists, match="already exists"):
        export.write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "first ✓\n"
    target.chmod(0o640)
    export.write_atomic(target, "second\n", force=True)
    assert target.read_text() == "second\n" and (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_write_atomic_never_leaves_half_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "notes.md"
    target.write_text("the old notes\n")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_files.os, "replace", full_disk)
    with pytest.raises(export.ExportError, match="No space left on device"):
        export.write_atomic(target, "new notes\n", force=True)
    assert target.read_text() == "the old notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


@pytest.mark.parametrize(
    "where, message",
    [
        ("missing/notes.md", "no such folder"),
        ("file.txt/notes.md", "not a folder"),
        (".", "is a folder"),
    ],
)
def test_write_atomic_explains_bad_targets_in_one_line(tmp_path: Path, where: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(export.ExportError, match=message) as raised:
        export.write_atomic(tmp_path / where, "text")
    assert "\n" not in str(raised.value)


def test_a_citation_is_the_passage_quoted_with_source_title_and_date() -> None:
    info = ArticleInfo(
        id="a1",
        path="/x/a.txt",
        title="Budget *passes*",
        source="City Wire",
        date="2026-03-01",
        url="",
        author="",
        version=1,
        word_count=1,
    )
    text = export.citation("# Not a heading\n\nSecond paragraph", info)
    assert text == (
        "> \\# Not a heading\n>\n> Second paragraph\n\n— City Wire, *Budget \\*passes\\**, 2026-03-01\n"
    )
    tokens = MarkdownIt("commonmark").parse(text)
    assert plain_text(blocks(tokens)[0]) == "# Not a heading\n\nSecond paragraph"
    assert paragraphs(tokens) == ["— City Wire, Budget *passes*, 2026-03-01"]


# ---------------------------------------------------------------------------- formats for other tools


def test_web_annotation_items_all_carry_the_models_fields_and_who_made_them(fixed: FixedLibrary) -> None:
    document = json.loads(export.to_web_annotation(fixed.select(), exported_at=EXPORTED_AT))
    assert document["generator"]["type"] == "Software" and "newsreader" in document["generator"]["name"]
    for item in document["first"]["items"]:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:newsreader:")
        assert item["target"]["source"] and item["motivation"] in ("commenting", "tagging", "highlighting")
        assert item["created"] <= item["modified"]
        assert item["creator"]["type"] == item["generator"]["type"] == "Software"
        for body in item.get("body", []):
            assert body["type"] == "TextualBody" and body["value"]


def test_hypothesis_objects_have_the_shape_its_api_takes(fixed: FixedLibrary) -> None:
    text = export.render(fixed.select(), "hypothesis")
    golden("hypothesis.json", text)
    items = json.loads(text)
    assert len(items) == 8
    for item in items:
        assert set(item) == {"uri", "document", "text", "tags", "target"}
        assert isinstance(item["tags"], list) and isinstance(item["text"], str)
        assert [target["source"] for target in item["target"]] == [item["uri"]]
    by_note = {item["text"]: item for item in items}
    city = by_note[fixed.quote_in_city.note]
    assert city["uri"] == "https://citywire.example/budget?id=7"
    assert city["document"] == {"title": ["Council passes budget"]}
    assert city["tags"] == ["Quote", "libraries"]
    assert city["target"][0]["selector"][0] == {
        "type": "TextQuoteSelector",
        "exact": QUOTE,
        "prefix": fixed.quote_in_city.prefix,
        "suffix": fixed.quote_in_city.suffix,
    }
    page_note = by_note["Call the press office.\n\n- ask about the land sale"]
    assert page_note["target"] == [{"source": "file:///corpus/herald.txt"}]  # a page note


def test_csv_has_one_row_per_annotation_and_reads_back_exactly(fixed: FixedLibrary) -> None:
    import csv
    import io

    text = export.render(fixed.select(), "csv")
    golden("annotations.csv", text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "article_id",
        "title",
        "source",
        "date",
        "url",
        "passage",
        "start",
        "end",
        "tags",
        "note",
        "created",
        "modified",
    ]
    passages = {(row["source"], row["passage"]): row for row in rows if row["passage"]}
    assert len(passages) == 6 and len(rows) == 6 + 2  # two articles have their own tags or note
    hostile = passages["Daily Post", "\n\n".join(HOSTILE)]  # commas, quotes, pipes and line breaks survive
    assert hostile["tags"] == "hostile text" and hostile["note"] == "Lone\rcarriage return"
    body = fixed.library.article(fixed.post).body
    assert body[int(hostile["start"]) : int(hostile["end"])] == hostile["passage"]
    city = passages["City Wire", QUOTE]
    assert city["tags"].split(";") == ["Quote", "libraries"] and city["article_id"] == fixed.city
    assert passages["Daily Post", fixed.orphan.exact]["start"] == ""  # orphaned: no offsets to trust


def test_csv_and_jsonl_load_as_they_are_in_pandas(fixed: FixedLibrary) -> None:
    import io

    pandas = pytest.importorskip("pandas")
    selection = fixed.select()
    table = pandas.read_csv(io.StringIO(export.render(selection, "csv")), keep_default_na=False)
    lines = pandas.read_json(io.StringIO(export.render(selection, "jsonl")), lines=True)
    assert table.shape == lines.shape == (8, 12)
    assert list(table["passage"]) == list(lines["passage"])
    assert list(table["article_id"]) == list(lines["article_id"])


def test_jsonl_is_one_object_a_line_with_tags_as_lists(fixed: FixedLibrary) -> None:
    text = export.render(fixed.select(), "jsonl")
    golden("annotations.jsonl", text)
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == 8 and all(isinstance(row["tags"], list) for row in rows)
    orphan = next(row for row in rows if row["passage"] == fixed.orphan.exact)
    assert orphan["start"] is None and orphan["note"] == "Was this confirmed?"


def test_an_empty_selection_is_a_valid_empty_document_in_every_format(fixed: FixedLibrary) -> None:
    selection = fixed.select(tags=["no such tag"])
    assert selection.is_empty
    assert export.render(selection, "csv").splitlines() == [",".join(export.tables.COLUMNS)]
    assert export.render(selection, "jsonl") == ""
    assert json.loads(export.render(selection, "hypothesis")) == []
    assert json.loads(export.render(selection, "json", exported_at=EXPORTED_AT))["total"] == 0


@pytest.mark.parametrize(
    "exact, fragment",
    [
        (
            "“We cannot keep cutting,” she said",
            "text=%E2%80%9CWe%20cannot%20keep%20cutting%2C%E2%80%9D%20she%20said",
        ),
        ("a one-off sale & more", "text=a%20one%2Doff%20sale%20%26%20more"),
        (
            "one two three four five six seven eight nine ten eleven twelve",
            "text=one%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve",
        ),
    ],
)
def test_a_passage_links_to_the_live_page_with_a_text_fragment(exact: str, fragment: str) -> None:
    link = export.text_fragment_link("https://news.example/story?id=3#comments", exact)
    assert link == f"https://news.example/story?id=3#:~:{fragment}"
    assert export.text_fragment_link("", exact) == ""
    assert export.text_fragment_link("javascript:alert(1)", exact) == ""


# ---------------------------------------------------------------------------- the vault


WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")


def vault_notes(folder: Path) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}


def front_matter(text: str) -> dict:
    import yaml

    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_the_vault_has_a_note_per_article_and_an_index_whose_links_all_resolve(
    fixed: FixedLibrary, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    report = export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    notes = vault_notes(folder)
    assert set(notes) == {
        "newsreader notes",
        "Council passes budget",
        "Budget vote mayor defends libraries",
        "Herald what the budget means",
    }
    assert len(report.written) == 4
    golden("vault/Council passes budget.md", notes["Council passes budget"])
    golden("vault/newsreader notes.md", notes["newsreader notes"])
    for name, text in notes.items():
        for target in WIKILINK.findall(text):
            assert (folder / f"{target}.md").is_file(), f"{name} links to a missing note {target}"
    city = front_matter(notes["Council passes budget"])
    assert city == {
        "title": "Council passes budget",
        "source": "City Wire",
        "author": "",
        "date": "2026-03-01",
        "url": "https://citywire.example/budget?id=7",
        "tags": ["Lead-story", "Quote", "libraries", "Needs-source"],
        "newsreader_id": fixed.city,
    }
    assert (
        front_matter(notes["Budget vote mayor defends libraries"])["title"]
        == "Budget vote: *mayor* defends <libraries>"
    )
    # "also in" links the other article's note, and names one with no note by its source
    assert (
        "also in: [[Budget vote mayor defends libraries|Daily Post]], Gazette."
        in notes["Council passes budget"]
    )
    assert "[[Council passes budget]]" in notes["newsreader notes"]


def test_running_the_vault_export_again_updates_notes_in_place(fixed: FixedLibrary, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    again = export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    assert again.written == [] and again.unchanged == 4
    fixed.annotate(fixed.notes_only, "An explainer", ["new"], "added later")
    third = export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    assert {path.name for path in third.written} == {"Herald what the budget means.md", "newsreader notes.md"}
    assert "added later" in (folder / "Herald what the budget means.md").read_text()
    assert len(list(folder.glob("*.md"))) == 4


def test_the_vault_never_overwrites_a_file_it_did_not_write_or_one_edited_since(
    fixed: FixedLibrary, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    mine = folder / "Council passes budget.md"
    mine.write_text("my own note, not newsreader's\n")
    with pytest.raises(export.ExportExists, match=r"Council passes budget\.md"):
        export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    assert mine.read_text() == "my own note, not newsreader's\n"
    assert list(folder.iterdir()) == [mine]  # nothing else was written either
    mine.unlink()
    export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    herald = folder / "Herald what the budget means.md"
    herald.write_text(herald.read_text() + "\nMy addition in Obsidian.\n")
    fixed.annotate(fixed.notes_only, "An explainer", ["new"], "")
    with pytest.raises(export.ExportExists, match="edited since"):
        export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    assert "My addition in Obsidian." in herald.read_text()
    export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT, force=True)
    assert "My addition" not in herald.read_text()


def test_vault_note_names_stay_the_same_when_a_namesake_arrives(fixed: FixedLibrary, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    namesake = fixed.add(
        "/corpus/other.txt",
        "Council passes budget",
        "Other Paper",
        "2026-03-05",
        "",
        ["Another outlet's story under the same headline."],
    )
    fixed.annotate(namesake, "Another outlet", ["x"], "")
    export.write_vault(fixed.select(), folder, exported_at=EXPORTED_AT)
    notes = vault_notes(folder)
    assert front_matter(notes["Council passes budget"])["newsreader_id"] == fixed.city
    assert front_matter(notes["Council passes budget (Other Paper)"])["newsreader_id"] == namesake


@pytest.mark.parametrize(
    "title, name",
    [
        ('Budget: what/why? <now> | "live"', "Budget what why now live"),
        ("CON", "CON (note)"),
        ("nul.txt", "nul.txt (note)"),
        ("...hidden", "hidden"),
        ("Evil\u202etxt.exe", "Eviltxt.exe"),
        ("می\u200cخواهم", "می\u200cخواهم"),
        ("[[link]] #tag ^block", "link tag block"),
        ("", "Untitled"),
    ],
)
def test_note_names_are_safe_on_every_file_system(title: str, name: str) -> None:
    assert export.note_name(title) == name


def test_a_long_title_is_cut_at_a_word_within_the_file_name_limit() -> None:
    name = export.note_name("Überschrift " * 40)
    assert len(name.encode("utf-8")) <= 150 and name.endswith("Überschrift")
