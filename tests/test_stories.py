"""Stories (issue 14): articles grouped by the event they report, on real coverage and on
made-up cases for each rule, kept in the library and updated incrementally."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsreader import stories
from newsreader.cli import main
from newsreader.corpus import Article, load_paths
from newsreader.quotes import cache as quote_cache
from newsreader.store import Library
from newsreader.stories.grouping import assign_ids, components, group_links
from newsreader.stories.similarity import terms

FIXTURES = Path(__file__).parent / "fixtures" / "stories"


def sync(library: Library) -> list[stories.Story]:
    groups, _ = quote_cache.shared_quotes_anyway(library, kind=None)
    return stories.sync(library, groups)


def by_source(library: Library, found: list[stories.Story]) -> list[set[str]]:
    names = {info.id: info.source for info in library.articles()}
    return [{names[article_id] for article_id in story.articles} for story in found]


def test_real_coverage_of_three_events_forms_exactly_those_three_stories(
    library: Library, sample_corpus: Path
) -> None:
    list(
        library.import_many(
            load_paths([sample_corpus, FIXTURES / "philippines-quake", FIXTURES / "alaska-door-plug"])
        )
    )
    found = sync(library)
    sample = {info.id for info in library.articles() if "sample_corpus" in info.path}
    assert [set(story.articles) == sample for story in found].count(True) == 1
    assert by_source(library, found) == [
        {
            "Nation Thailand",
            "Arkipelago News",
            "The Global Filipino Magazine",
            "The Filipino Times",
            "Devdiscourse",
            "News Analysis India",
            "The World Opinion",
        },
        {"Reuters", "FOX 5 DC", ""},  # three of the scrapes name no outlet
        {"Tripsavia", "NPR", "ForexLive"},
    ]
    quake, federal, airline = found
    assert (quake.first, quake.last) == ("2025-10-10", "2025-10-10")
    assert (airline.first, airline.last) == ("2024-01-06", "2024-01-08")
    assert len(federal.articles) == 5 and federal.sources == ["FOX 5 DC", "Reuters"]
    assert "Earthquake" in quake.title or "quake" in quake.title
    assert stories.load(library.conn) == found  # kept in the library as found


def test_an_article_with_no_partner_is_in_no_story(
    library: Library, sample_corpus: Path, tmp_path: Path
) -> None:
    lone = tmp_path / "lone.txt"
    lone.write_text(
        "title: Local bakery wins a prize\nsource: Gazette\ndate: 2025-02-26\n\n"
        "The Corner Bakery on Elm Street won the county's bread prize, said owner Mary Baker."
    )
    list(library.import_many(load_paths([sample_corpus, lone])))
    found = sync(library)
    assert len(found) == 1 and len(found[0].articles) == 5


def article(library: Library, name: str, date: str, body: str) -> str:
    return library.import_article(
        Article(path=Path(f"/made-up/{name}.txt"), title=name, body=body, source=name, date=date)
    )[1]


NAMES = (
    "The Harbour Authority of Port Velin said Captain Ilse Moravec and the ferry Aurora "
    "were safe after the storm. Governor Tomas Brandt thanked the Velin Coast Guard and "
    "Mayor Jana Kovar. "
)


def test_articles_alike_in_their_names_are_one_story_only_within_the_window(library: Library) -> None:
    first = article(library, "Daily", "2025-05-01", NAMES + "Repairs begin soon.")
    second = article(library, "Herald", "2025-05-03", "Officials say. " + NAMES)
    much_later = article(  # the same names in other words (wire copy reprinted late would join)
        library,
        "Monthly",
        "2025-09-01",
        "A look back. Mayor Jana Kovar, Governor Tomas Brandt, Captain Ilse Moravec of the ferry "
        "Aurora, the Velin Coast Guard and the Harbour Authority of Port Velin remember the storm.",
    )
    found = sync(library)
    assert [set(story.articles) for story in found] == [{first, second}]
    assert much_later not in found[0].articles


@dataclass
class Member:
    article_id: str


@dataclass
class Group:
    text: str
    members: list[Member]
    kind: str = "quote"


def test_a_shared_quote_links_articles_but_a_short_stock_one_does_not() -> None:
    dates = {"a": "2025-01-01", "b": "2025-01-02", "c": "2025-01-02", "e": ""}
    long_quote = Group("we will rebuild every school that the flood took", [Member(i) for i in "abe"])
    stock = Group("we will see", [Member("b"), Member("c")])
    links = group_links([long_quote, stock], dates)
    assert ("a", "b") in links and ("b", "c") not in links
    assert ("b", "e") in links  # an undated article is close to any date
    assert sorted(map(sorted, components(links))) == [["a", "b", "e"]]


def test_a_quote_printed_again_a_month_later_links_the_first_coverage_only() -> None:
    """A speech quoted again in a retrospective: the speech's coverage stays one story,
    the retrospective is another."""
    dates = {"a": "2025-01-01", "b": "2025-01-03", "c": "2025-01-09", "d": "2025-02-10", "e": "2025-02-11"}
    speech = Group("ask not what your country can do for you", [Member(i) for i in "abcde"])
    assert group_links([speech], dates) == [("a", "b"), ("b", "c"), ("d", "e")]


def test_wire_copy_reprinted_late_links_to_its_first_printing() -> None:
    dates = {"a": "2025-01-01", "b": "2025-01-02", "d": "2025-03-01"}
    wire = Group("wire copy of twelve words or more", [Member(i) for i in "abd"], kind="passage")
    assert group_links([wire], dates) == [("a", "b"), ("b", "d")]


def test_a_line_printed_in_three_bursts_is_a_recurring_line_and_links_nothing() -> None:
    """A famous saying or a boilerplate paragraph would chain every story that prints it."""
    dates = {"a": "2025-01-01", "b": "2025-01-03", "c": "2025-03-01", "d": "2025-05-01"}
    saying = Group("ask not what your country can do for you", [Member(i) for i in "abcd"])
    boilerplate = Group(
        "the company was founded in 1946 and employs", [Member(i) for i in "abcd"], kind="passage"
    )
    news = Group("the levee held through the night and the water fell", [Member("a"), Member("b")])
    assert group_links([saying, boilerplate, news], dates) == [("a", "b")]


def test_a_story_keeps_its_id_as_it_grows_and_the_larger_one_wins_a_merge() -> None:
    previous = {"a": "s1", "b": "s1", "c": "s1", "x": "s2", "y": "s2"}
    named = {frozenset(m): i for i, m in assign_ids([{"a", "b", "c", "d"}, {"x", "y"}], previous)}
    assert named == {frozenset("abcd"): "s1", frozenset("xy"): "s2"}
    merged = assign_ids([{"a", "b", "c", "x", "y"}], previous)
    assert merged == [("s1", {"a", "b", "c", "x", "y"})]
    fresh = assign_ids([{"p", "q"}], previous)
    assert fresh[0][0].startswith("s") and fresh[0][0] not in ("s1", "s2")
    assert assign_ids([{"p", "q"}], {}) == fresh  # a new story's id comes from its articles


def test_importing_one_article_updates_only_the_story_it_joins(library: Library, sample_corpus: Path) -> None:
    list(library.import_many(load_paths([sample_corpus, FIXTURES / "alaska-door-plug"])))
    quake = sorted((FIXTURES / "philippines-quake").glob("*.txt"))
    list(library.import_many(load_paths(quake[:-1])))
    before = {story.id: story for story in sync(library)}
    rows_before = library.conn.execute("SELECT * FROM stories ORDER BY id").fetchall()
    list(library.import_many(load_paths(quake[-1:])))
    after = {story.id: story for story in sync(library)}
    assert set(after) == set(before)  # the same stories, the same ids
    changed = [story_id for story_id in after if after[story_id] != before[story_id]]
    assert len(changed) == 1 and len(after[changed[0]].articles) == len(before[changed[0]].articles) + 1
    rows_after = library.conn.execute("SELECT * FROM stories ORDER BY id").fetchall()
    assert [row for row in rows_after if row[0] != changed[0]] == [
        row for row in rows_before if row[0] != changed[0]
    ]


def test_names_are_taken_from_inside_sentences_without_weekdays() -> None:
    found = terms(
        "On Monday the Office of Personnel Management wrote. A team of Elon Musk’s replied. "
        "It said that DOGE and President Donald Trump agreed on Tuesday."
    )
    assert {
        "office of personnel management",
        "elon musk",
        "musk",
        "doge",
        "president donald trump",
        "trump",
    } <= found
    assert not found & {"monday", "tuesday", "it", "on"}


def test_stories_command_prints_json_largest_first(library_path: Path, sample_corpus: Path, capsys) -> None:
    assert main(["import", str(sample_corpus), str(FIXTURES / "alaska-door-plug")]) == 0
    capsys.readouterr()
    assert main(["stories", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [len(story["articles"]) for story in document["stories"]] == [5, 3]
    assert set(document["stories"][0]) == {"id", "title", "first", "last", "sources", "articles"}
    assert main(["stories"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["ID", "ARTICLES", "FIRST"] and len(table) == 3


# ---------------------------------------------------------------------------- coverage and report


@dataclass
class Piece:
    article_id: str
    start: int
    end: int
    text: str
    diffs: tuple = ()


@dataclass
class Quote:
    id: str
    text: str
    speaker: str
    members: list
    kind: str = "quote"


@dataclass
class Facts:
    id: str
    title: str
    source: str
    date: str


def test_each_cell_says_whether_the_article_prints_the_quote_in_full_in_part_altered_or_not() -> None:
    from newsreader.stories.coverage import coverage

    facts = {i: Facts(i, f"Title {i}", f"Outlet {i}", f"2025-01-0{n}") for n, i in enumerate("abcd", 1)}
    story = stories.Story("s1", "T", "2025-01-01", "2025-01-04", [], list("abcd"))
    full = "the bridge would collapse within a year"
    quote = Quote(
        "q1",
        full,
        "Engineer",
        [
            Piece("a", 10, 10 + len(full), full),
            Piece("b", 0, 19, "the bridge would co"[:19]),
            Piece(
                "c",
                5,
                5 + len("the bridge would ever collapse within a year"),
                "the bridge would ever collapse within a year",
                ((22, 26),),
            ),
        ],
    )
    wire = Quote(
        "p1",
        "a wire passage of twelve words or more",
        "",
        [Piece("a", 0, 9, "x" * 9), Piece("b", 0, 9, "x" * 9)],
        kind="passage",
    )
    table = coverage(story, facts, [wire, quote])
    assert [row.group_id for row in table.rows] == ["q1", "p1"]  # quotes first
    assert [cell.status for cell in table.rows[0].cells] == ["full", "part", "altered", "absent"]
    assert table.rows[0].cells[2].differing == ("ever",) and table.rows[0].fullest == "a"
    assert table.rows[0].cells[3].text == "" and table.rows[0].cells[0].start == 10
    assert [line.copied_from for line in table.timeline] == [None, "a", None, None]


def report_library(library: Library, sample_corpus: Path) -> tuple[stories.Story, list]:
    list(library.import_many(load_paths([sample_corpus, FIXTURES / "alaska-door-plug"])))
    groups, _ = quote_cache.shared_quotes_anyway(library, kind=None)
    found = stories.sync(library, groups)
    return next(story for story in found if len(story.articles) == 5), groups


def test_report_csv_has_a_row_per_quote_and_article_and_reads_back(
    library_path: Path, library: Library, sample_corpus: Path, capsys
) -> None:
    import csv
    import io

    story, groups = report_library(library, sample_corpus)
    assert main(["report", story.id, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == [
        "story",
        "quote_id",
        "kind",
        "article_id",
        "source",
        "date",
        "status",
        "text",
        "differing_words",
        "speaker",
    ]
    shared = [g for g in groups if len({m.article_id for m in g.members} & set(story.articles)) >= 2]
    assert len(rows) == len(shared) * 5 and {row["story"] for row in rows} == {story.id}
    bodies = {article_id: library.article(article_id).body for article_id in story.articles}
    for row in rows:
        assert row["status"] in ("full", "part", "altered", "absent")
        if row["status"] == "absent":
            assert row["text"] == ""
        else:
            assert all(piece in bodies[row["article_id"]] for piece in row["text"].split(" … "))
        if row["status"] == "altered":
            assert row["differing_words"]


def test_report_markdown_is_a_table_and_every_reworded_version(
    library_path: Path, library: Library, sample_corpus: Path, capsys
) -> None:
    story, _ = report_library(library, sample_corpus)
    assert main(["report", story.id]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"# {story.title}\n")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| Quote | ") and table[0].count(" | ") == 5
    assert all(line.count(" | ") == 5 for line in table)
    assert "## Wording that differs" in text and "**president**" in text
    assert main(["report", story.id, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["story"]["id"] == story.id and len(document["articles"]) == 5


def test_an_unknown_story_is_one_line_and_exit_2(library_path: Path, sample_corpus: Path, capsys) -> None:
    assert main(["import", str(sample_corpus)]) == 0
    capsys.readouterr()
    assert main(["report", "s0000000000"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no story s0000000000" in err[0]


def test_speaker_variants_are_shown_together_the_fullest_name_first() -> None:
    from newsreader.stories.coverage import coverage, name_variants
    from newsreader.stories.report import to_csv, to_markdown

    assert name_variants(["Scott", "Baltimore Mayor Brandon Scott", "scott", ""]) == (
        "Baltimore Mayor Brandon Scott",
        "Scott",
    )
    assert name_variants(["the president", "Trump"]) == ("Trump", "the president")
    facts = {i: Facts(i, f"Title {i}", f"Outlet {i}", f"2025-01-0{n}") for n, i in enumerate("abc", 1)}
    story = stories.Story("s1", "T", "2025-01-01", "2025-01-03", [], list("abc"))
    text = "we will rebuild the bridge as fast as we can"
    quote = Quote("q1", text, "Scott", [Piece("a", 40, 40 + len(text), text), Piece("b", 0, len(text), text)])
    said = {
        "a": [(39, 41 + len(text), "Baltimore Mayor Brandon Scott")],
        "b": [(0, len(text), "Scott")],
        "c": [(0, 10, "Someone Else")],
    }
    row = coverage(story, facts, [quote], said).rows[0]
    assert row.speakers == ("Baltimore Mayor Brandon Scott", "Scott")
    assert [cell.speaker for cell in row.cells] == ["Baltimore Mayor Brandon Scott", "Scott", ""]
    report = coverage(story, facts, [quote], said)
    assert "— Baltimore Mayor Brandon Scott / Scott |" in to_markdown(report, facts)
    import csv
    import io

    speakers = [line["speaker"] for line in csv.DictReader(io.StringIO(to_csv(report, facts)))]
    assert speakers == ["Baltimore Mayor Brandon Scott", "Scott", ""]  # each outlet's own; c prints none
    assert coverage(story, facts, [quote]).rows[0].speakers == ("Scott",)  # unread: the engine's


def test_the_report_names_each_outlets_speaker(
    library_path: Path, library: Library, sample_corpus: Path, capsys
) -> None:
    story, _ = report_library(library, sample_corpus)
    assert main(["report", story.id, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    fired = next(row for row in rows if row["text"].startswith("sort of semi-fired"))
    # Reuters says Trump said it, the "Over 20" article says the president did.
    assert fired["speakers"] == ["Trump", "the president"]
    assert {cell["speaker"] for cell in fired["cells"]} == {"Trump", "the president", ""}
