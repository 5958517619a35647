"""`newsreader quotes`: on files in a throwaway library, or on the user's library."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.cli.output import TerminalProgress
from newsreader.corpus import load_file
from newsreader.quotes import QuoteGroup, QuoteMember
from newsreader.quotes.report import json_text, quotes_json, table_rows


def quotes(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["quotes", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_on_the_sample_corpus(library_path: Path, sample_corpus: Path, capsys) -> None:
    status, out, _ = quotes(capsys, str(sample_corpus), "--json")
    assert status == 0
    document = json.loads(out)
    assert set(document) == {"articles", "groups"}
    assert len(document["articles"]) == 5
    for article in document["articles"]:
        assert set(article) >= {"id", "title", "source", "date", "path"}
        assert Path(article["path"]).is_absolute() and Path(article["path"]).is_file()
    bodies = {a["id"]: load_file(a["path"]).body for a in document["articles"]}
    assert len(document["groups"]) == 6
    for group in document["groups"]:
        assert set(group) >= {"id", "kind", "text", "speaker", "members"}
        assert group["kind"] == "quote"  # the five outlets wrote their own copy
        assert len({m["article"] for m in group["members"]}) >= 2
        for member in group["members"]:
            assert bodies[member["article"]][member["start"] : member["end"]] == member["text"]
    speakers = sorted(g["speaker"] for g in document["groups"])
    assert speakers == ["Musk", "Trump", "the 21 staffers", "the employees", "the employees", "the president"]


def test_paths_never_touch_the_users_library(library_path: Path, sample_corpus: Path, capsys) -> None:
    quotes(capsys, str(sample_corpus))
    assert not library_path.exists()


def test_the_library_gives_the_same_quotes_as_its_files(
    library_path: Path, sample_corpus: Path, capsys
) -> None:
    _, from_files, _ = quotes(capsys, str(sample_corpus), "--json")
    main(["import", str(sample_corpus)])
    capsys.readouterr()
    status, from_library, _ = quotes(capsys, "--json")
    assert status == 0
    assert json.loads(from_library)["groups"] == json.loads(from_files)["groups"]
    assert library_path.exists()


def test_a_readable_table(library_path: Path, sample_corpus: Path, capsys) -> None:
    status, out, _ = quotes(capsys, str(sample_corpus))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["QUOTE", "SPEAKER", "ARTICLES", "SOURCES"]
    assert len(lines) == 7
    musk = next(line for line in lines if line.startswith("Subject to the discretion"))
    assert "Musk" in musk and " 3 " in musk and "Reuters" in musk


def test_min_words(library_path: Path, sample_corpus: Path, capsys) -> None:
    _, out, _ = quotes(capsys, str(sample_corpus), "--json", "--min-words", "5")
    texts = [m["text"] for g in json.loads(out)["groups"] for m in g["members"]]
    assert "sort of semi-fired" not in texts and "dismantle critical public services" not in texts
    assert len(texts) == 10  # Musk 4, the letter 2, its opening 4
    for too_few in ("0", "1", "2"):
        status, out, err = quotes(capsys, str(sample_corpus), "--min-words", too_few)
        assert (status, out) == (2, "")
        assert err.count("\n") == 1 and "--min-words must be at least 3" in err


def test_nothing_shared(library_path: Path, sample_corpus: Path, capsys) -> None:
    status, out, err = quotes(capsys, str(sample_corpus / "002_b11933125ab86f8e.txt"))
    assert (status, out) == (0, "")
    assert "No quote or passage is shared by two or more of the 1 article." in err


def test_missing_and_bad_paths_are_one_line_each(
    library_path: Path, sample_corpus: Path, tmp_path: Path
) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsreader",
            "quotes",
            str(tmp_path / "missing.txt"),
            str(tmp_path / "image.txt"),
            str(sample_corpus),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NEWSREADER_DB": str(library_path), "PATH": ""},
    )
    assert result.returncode == 2
    assert "missing.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["groups"]) == 6


def test_a_library_that_cannot_be_updated_shows_its_last_index(
    library_path: Path, sample_corpus: Path, capsys, monkeypatch
) -> None:
    from newsreader.quotes import cache as quote_cache

    main(["import", str(sample_corpus)])
    _, before, _ = quotes(capsys, "--json")

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(quote_cache, "sync", locked)
    status, after, err = quotes(capsys, "--json")
    assert status == 0
    assert json.loads(after)["groups"] == json.loads(before)["groups"]
    assert err.count("\n") == 1 and "busy" in err and "as last indexed" in err


def test_report_shapes_on_a_made_up_group() -> None:
    class Info:
        def __init__(self, id: str, source: str) -> None:
            self.id, self.title, self.source, self.date, self.path = id, f"T {id}", source, "", f"/x/{id}.txt"

    group = QuoteGroup(
        "q1",
        "we will win",
        "Ann",
        (QuoteMember("a", 3, 14, "we will win", ((3, 5),)), QuoteMember("b", 0, 11, "We will win")),
    )
    articles = [Info("a", "Daily"), Info("b", "unknown"), Info("c", "")]
    articles[2].title = "A rather long headline that names no outlet at all"
    assert quotes_json(articles, [group])["groups"][0]["members"][0] == {
        "article": "a",
        "start": 3,
        "end": 14,
        "text": "we will win",
        "diffs": [[3, 5]],
    }
    assert table_rows(articles, [group]) == [("we will win", "Ann", "2", "Daily, “T b”")]
    for groups in ([group], []):
        document = quotes_json(articles, groups)
        assert json.loads(json_text(document)) == document
    group_c = QuoteGroup("q2", "no", "", (QuoteMember("c", 0, 2, "no"), QuoteMember("a", 0, 2, "no")))
    assert table_rows(articles, [group_c])[0][3] == "Daily, “A rather long headline…”"


def test_no_progress_bar_off_a_terminal(capsys) -> None:
    with TerminalProgress("Indexing quotes") as progress:
        for done in range(1, 501):
            progress.count(done, 500)
        progress.show("Fetching https://example.com/…")
    assert capsys.readouterr() == ("", "")


WIRE = (
    "Federal workers across several agencies were told on Monday to ignore an email from the "
    "Office of Personnel Management asking them to list their accomplishments."
)


def wire_story(folder: Path, name: str, source: str, wire: str, extra: str) -> None:
    (folder / f"{name}.txt").write_text(
        f"title: {name} story\nsource: {source}\n\n{extra}\n\n{wire}\n\n"
        "The agency did not respond to a request for comment on the matter from reporters.\n",
        encoding="utf-8",
    )


@pytest.fixture
def wire_copy(tmp_path: Path) -> Path:
    """Three outlets reprint one agency paragraph, one with a word changed; all three
    end on the same stock line, and write their own opening."""
    wire_story(tmp_path, "a", "AP", WIRE, "A storm of confusion greeted civil servants this week.")
    wire_story(
        tmp_path,
        "b",
        "Daily",
        WIRE.replace("on Monday", "Monday"),
        "Managers scrambled to answer questions from their anxious staff.",
    )
    wire_story(
        tmp_path,
        "c",
        "Herald",
        WIRE.replace("ignore", "disregard"),
        "Unions said their members had been left without any guidance.",
    )
    return tmp_path


def test_wire_copy_is_a_passage_group(library_path: Path, wire_copy: Path, capsys) -> None:
    status, out, _ = quotes(capsys, str(wire_copy), "--json")
    assert status == 0
    groups = json.loads(out)["groups"]
    assert [g["kind"] for g in groups] == ["passage"]
    members = groups[0]["members"]
    assert len(members) == 3
    by_text = sorted(m["text"] for m in members)
    printed = WIRE.rstrip(".")  # a member runs from its first word to its last
    assert by_text == sorted(
        [printed, printed.replace("on Monday", "Monday"), printed.replace("ignore", "disregard")]
    )
    documents = {a["id"]: Path(a["path"]).read_text(encoding="utf-8") for a in json.loads(out)["articles"]}
    differing = sorted(m["text"][s - m["start"] : e - m["start"]] for m in members for s, e in m["diffs"])
    # "on" is missing from one version, "ignore" is "disregard" in another.
    assert differing == ["disregard", "ignore", "ignore", "on", "on"]
    assert all("respond to a request" not in m["text"] for m in members)
    assert all(m["text"] in documents[m["article"]] for m in members)


def test_kind_picks_quotes_or_passages(
    library_path: Path, wire_copy: Path, sample_corpus: Path, capsys
) -> None:
    _, out, _ = quotes(capsys, str(wire_copy), str(sample_corpus), "--json", "--kind", "quote")
    assert {g["kind"] for g in json.loads(out)["groups"]} == {"quote"}
    _, out, _ = quotes(capsys, str(wire_copy), str(sample_corpus), "--json", "--kind", "passage")
    assert {g["kind"] for g in json.loads(out)["groups"]} == {"passage"}
    _, out, _ = quotes(capsys, str(wire_copy), str(sample_corpus))
    lines = out.splitlines()
    assert lines[0].split() == ["QUOTE", "SPEAKER", "ARTICLES", "SOURCES"]
    header = lines.index("")  # passages have a section of their own
    assert lines[header + 1].split() == ["PASSAGE", "ARTICLES", "SOURCES"]
    assert lines[header + 2].startswith("Federal workers across several agencies")
    assert "AP, Daily, Herald" in lines[header + 2]


def test_quotes_as_csv_and_jsonl_give_a_row_per_version_for_analysis(sample_corpus: Path, capsys) -> None:
    import csv
    import io

    assert main(["quotes", str(sample_corpus), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    members = [(g["id"], m["article"], m["start"]) for g in document["groups"] for m in g["members"]]
    assert main(["quotes", str(sample_corpus), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == [
        "group_id",
        "kind",
        "quote",
        "speaker",
        "article_id",
        "source",
        "date",
        "start",
        "end",
        "text",
        "differing_words",
    ]
    assert [(r["group_id"], r["article_id"], int(r["start"])) for r in rows] == members
    bodies = {a["id"]: a for a in document["articles"]}
    assert {r["article_id"] for r in rows} <= set(bodies)
    altered = [r for r in rows if r["differing_words"]]
    assert altered and all(word in r["text"] for r in altered for word in r["differing_words"].split(";"))
    assert main(["quotes", str(sample_corpus), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["group_id"], r["article_id"], r["start"]) for r in lines] == members
    assert all(isinstance(r["differing_words"], list) and r["kind"] in ("quote", "passage") for r in lines)


def test_a_folder_read_by_worker_processes_gives_the_groups_the_library_gives(
    library_path: Path, wire_copy: Path, sample_corpus: Path, capsys
) -> None:
    """Past PARALLEL_FROM files, the articles are read and prepared for the engine in
    worker processes: the groups are those the library finds indexing in this one."""
    import shutil

    from newsreader.corpus.loader import PARALLEL_FROM

    for seed in sample_corpus.iterdir():
        shutil.copy(seed, wire_copy / seed.name)
    for number in range(PARALLEL_FROM):
        (wire_copy / f"filler-{number:03d}.txt").write_text(
            f"title: Filler {number}\n\nCouncil meeting number {number} heard “no objection "
            f"to item {number} at all” from the chair, and adjourned.\n",
            encoding="utf-8",
        )
    (wire_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    status, from_files, err = quotes(capsys, str(wire_copy), "--json")
    assert status == 1
    assert err.count("\n") == 1 and "image.txt" in err
    groups = json.loads(from_files)["groups"]
    assert {g["kind"] for g in groups} == {"quote", "passage"}
    assert len(json.loads(from_files)["articles"]) == PARALLEL_FROM + 8
    main(["import", str(wire_copy)])
    capsys.readouterr()
    _, from_library, _ = quotes(capsys, "--json")
    assert json.loads(from_library)["groups"] == groups
