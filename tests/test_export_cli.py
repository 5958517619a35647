"""``newsreader export`` as a user types it: output where asked, one-line errors, exit status."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import notes
from newsreader.cli import main
from newsreader.corpus import load_paths
from newsreader.store import Library

# The other outlets of the Reuters article's resignation quote; the article with no named
# outlet is called by its title, so two such articles never merge into one "unknown".
# FOX 5 DC prints only the letter's last words, not the ones annotated.
ALSO_IN = (
    "Shared quote, also in: "
    "“Over 20 U.S. federal tech workers who were forced into President Donald Trump and…”."
)


@pytest.fixture
def annotated(library_path: Path, sample_corpus: Path) -> dict[str, str]:
    """A library with one tagged, annotated passage; returns what was saved."""
    with Library.open(library_path) as library:
        article_id = next(i for _, i in library.import_many(load_paths([sample_corpus])))
        body = library.article(article_id).body
        start = body.index("Twenty-one workers resigned")
        made = notes.create(library, article_id, start, start + 27, ["Resignations"], "Count them.")
    return {"id": made.id, "article": article_id, "passage": made.exact}


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsreader: "), err
    return lines[0]


def test_without_o_the_markdown_goes_to_standard_output(annotated: dict[str, str], capsys) -> None:
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('---\ntitle: "newsreader notes"\n')
    assert (
        f"> {annotated['passage']}\n\n^nr-{annotated['id']}\n\n#Resignations\n\n> [!NOTE]\n> Count them.\n"
        in out
    )


def test_json_to_standard_output(annotated: dict[str, str], capsys) -> None:
    assert main(["export", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    item = document["first"]["items"][0]
    assert item["target"]["selector"][0]["exact"] == annotated["passage"]


def test_o_writes_the_file_and_says_where(annotated: dict[str, str], tmp_path: Path, capsys) -> None:
    target = tmp_path / "notes.md"
    assert main(["export", "-o", str(target)]) == 0
    assert f"^nr-{annotated['id']}" in target.read_text(encoding="utf-8")
    assert capsys.readouterr().err.strip() == f"wrote {target}: 1 article, 1 annotation"
    assert main(["export", "-o", str(tmp_path / "notes.json")]) == 0
    assert json.loads((tmp_path / "notes.json").read_text())["total"] == 1


def test_an_existing_file_is_kept_unless_forced(annotated: dict[str, str], tmp_path: Path, capsys) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own draft\n")
    assert main(["export", "-o", str(target)]) == 1
    message = one_line_error(capsys.readouterr().err)
    assert "already exists" in message and "--force" in message
    assert target.read_text() == "my own draft\n"
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert annotated["passage"] in target.read_text(encoding="utf-8")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_missing_folder_is_a_one_line_error(annotated: dict[str, str], tmp_path: Path, capsys) -> None:
    assert main(["export", "-o", str(tmp_path / "no" / "such" / "notes.md")]) == 1
    assert "no such folder" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "no").exists()


def test_tag_and_article_filters(annotated: dict[str, str], capsys) -> None:
    assert main(["export", "--tag", "other", "RESIGNATIONS"]) == 0
    assert annotated["passage"] in capsys.readouterr().out
    assert main(["export", "--tag", "other", "--tag", "resignations", "--group-by", "tag"]) == 0
    assert "## Resignations" in capsys.readouterr().out
    assert main(["export", "--article", annotated["article"]]) == 0
    assert annotated["passage"] in capsys.readouterr().out
    assert main(["export", "--article", "0000"]) == 1
    assert "no article 0000" in one_line_error(capsys.readouterr().err)


def test_an_empty_selection_is_a_valid_document_saying_so(annotated: dict[str, str], capsys) -> None:
    assert main(["export", "--tag", "nothing-has-this"]) == 0
    captured = capsys.readouterr()
    assert "Nothing to export" in captured.out and captured.out.startswith("---\n")
    assert "nothing to export" in one_line_error(captured.err)
    assert main(["export", "--tag", "nothing-has-this", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


def test_a_missing_library_is_not_created(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere.db"
    assert main(["export", "--db", str(missing)]) == 1
    assert "no library here" in one_line_error(capsys.readouterr().err)
    assert not missing.exists()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args], capture_output=True, text=True, timeout=60
    )


@contextlib.contextmanager
def unwritable(folder: Path):
    """Make ``folder`` refuse new files, even to root (who ignores permission bits)."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0
    ):
        pytest.skip("running as root and cannot make a folder immutable here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_an_unwritable_folder_is_a_one_line_error_without_traceback(
    annotated: dict[str, str], library_path: Path, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    with unwritable(locked):
        if os.access(locked, os.W_OK) and not (hasattr(os, "geteuid") and os.geteuid() == 0):
            pytest.skip("this file system ignores permissions")
        result = run_cli("export", "--db", str(library_path), "-o", str(locked / "notes.md"))
        assert list(locked.iterdir()) == []
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot write here" in one_line_error(result.stderr)


@pytest.mark.parametrize(
    "args, status",
    [
        (["export", "--format", "pdf"], 2),
        (["export", "--group-by", "colour"], 2),
        (["export", "-o"], 2),
        (["export", "--article", "nope"], 1),
    ],
)
def test_bad_input_never_gives_a_traceback(
    annotated: dict[str, str], library_path: Path, args: list[str], status: int
) -> None:
    result = run_cli(*args, "--db", str(library_path))
    assert result.returncode == status
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_an_annotated_shared_quote_names_the_other_sources(
    library_path: Path, sample_corpus: Path, capsys
) -> None:
    with Library.open(library_path) as library:
        list(library.import_many(load_paths([sample_corpus])))
        reuters = next(a for a in library.articles() if a.source == "Reuters")
        body = library.article(reuters.id).body
        start = body.index("We will not use our skills")
        notes.create(library, reuters.id, start, start + 60, ["resignation letter"], "")
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert ALSO_IN in out
    assert (
        "## Shared quotes" in out
        and ("— the employees · FOX 5 DC, Reuters, “Over 20 U.S. federal tech workers") in out
    )


def test_a_library_too_busy_to_reindex_exports_the_quotes_as_last_indexed(
    library_path: Path, sample_corpus: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.quotes import cache as quote_cache

    with Library.open(library_path) as library:
        list(library.import_many(load_paths([sample_corpus])))
        reuters = next(a for a in library.articles() if a.source == "Reuters")
        start = library.article(reuters.id).body.index("We will not use our skills")
        notes.create(library, reuters.id, start, start + 60)
        quote_cache.sync(library)

    def busy(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(quote_cache, "shared_quotes", busy)
    assert main(["export"]) == 0
    assert ALSO_IN in capsys.readouterr().out


def test_o_with_a_csv_or_jsonl_name_chooses_the_format(
    annotated: dict[str, str], tmp_path: Path, capsys
) -> None:
    import csv

    assert main(["export", "-o", str(tmp_path / "notes.csv")]) == 0
    with (tmp_path / "notes.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["article_id"], row["passage"], row["tags"], row["note"]) for row in rows] == [
        (annotated["article"], annotated["passage"], "Resignations", "Count them.")
    ]
    assert main(["export", "-o", str(tmp_path / "notes.jsonl")]) == 0
    line = json.loads((tmp_path / "notes.jsonl").read_text(encoding="utf-8"))
    assert line["tags"] == ["Resignations"] and line["passage"] == annotated["passage"]
    assert main(["export", "--format", "hypothesis"]) == 0
    capsys.readouterr()


def test_split_writes_a_vault_and_running_it_again_changes_nothing(
    annotated: dict[str, str], tmp_path: Path, capsys
) -> None:
    vault = tmp_path / "vault"
    assert main(["export", "--split", str(vault)]) == 0
    assert "wrote 2 notes" in capsys.readouterr().err
    notes = {path.stem for path in vault.glob("*.md")}
    assert "newsreader notes" in notes and len(notes) == 2
    before = {path: path.read_bytes() for path in vault.glob("*.md")}
    assert main(["export", "--split", str(vault)]) == 0
    err = capsys.readouterr().err
    assert "wrote 0 notes" in err and "2 unchanged" in err
    assert {path: path.read_bytes() for path in vault.glob("*.md")} == before


def test_split_refuses_a_note_it_did_not_write_unless_forced(
    annotated: dict[str, str], tmp_path: Path, capsys
) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "newsreader notes.md").write_text("mine\n")
    assert main(["export", "--split", str(vault)]) == 1
    assert "--force" in one_line_error(capsys.readouterr().err)
    assert (vault / "newsreader notes.md").read_text() == "mine\n"
    assert main(["export", "--split", str(vault), "--force"]) == 0
    assert (vault / "newsreader notes.md").read_text() != "mine\n"


def test_split_takes_no_other_format(annotated: dict[str, str], tmp_path: Path, capsys) -> None:
    assert main(["export", "--split", str(tmp_path / "v"), "--format", "json"]) == 2
    assert "--split" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "v").exists()


def test_a_tag_that_matches_nothing_is_a_valid_empty_csv_and_said_on_stderr(
    annotated: dict[str, str], capsys
) -> None:
    assert main(["export", "--format", "csv", "--tag", "no-such-tag"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "article_id,title,source,date,url,passage,start,end,tags,note,created,modified"
    ]
    assert "no-such-tag" in one_line_error(err)
