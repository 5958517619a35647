"""The command line as a user types it: import, list, locate, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import __version__
from newsreader.cli import main
from newsreader.store import Library


def run(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``newsreader`` entry point in a child process."""
    env = None
    if env_db is not None:
        import os

        env = {**os.environ, "NEWSREADER_DB": str(env_db)}
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsreader {__version__}"


def test_import_then_list_as_json(
    library_path: Path, sample_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(sample_corpus)]) == 0
    assert "5 imported, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().err
    assert main(["import", str(sample_corpus)]) == 0
    assert "0 imported, 0 updated, 5 unchanged" in capsys.readouterr().err
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {item["source"] for item in listed} == {"Reuters", "", "FOX 5 DC"}
    assert all(Path(item["path"]).is_file() for item in listed)


def test_list_prints_a_table(
    library_path: Path, sample_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(sample_corpus)])
    capsys.readouterr()
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SOURCE", "WORDS", "TITLE"]
    assert len(lines) == 6 and any("Reuters" in line for line in lines)


def test_db_option_overrides_the_environment(
    library_path: Path, tmp_path: Path, sample_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    main(["import", "--db", str(other), str(sample_corpus / "000_7e9bf4c7a4496662.txt")])
    assert other.exists() and not library_path.exists()
    assert main(["--db", str(other), "locate"]) == 0
    assert capsys.readouterr().out.strip() == str(other)


def test_locate_prints_the_default_library(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["locate"]) == 0
    assert capsys.readouterr().out.strip() == str(library_path)


def test_missing_path_exits_2_and_imports_the_rest(
    library_path: Path, sample_corpus: Path, tmp_path: Path
) -> None:
    result = run("import", str(tmp_path / "missing.txt"), str(sample_corpus), env_db=library_path)
    assert result.returncode == 2
    assert "missing.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert "5 imported" in result.stderr


def test_bad_files_are_skipped_with_one_line_each(library_path: Path, tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text("Headline\n\nSome text.")
    result = run("import", str(tmp_path), env_db=library_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "photo.txt: binary file" in result.stderr and "empty.txt: empty file" in result.stderr
    assert "1 imported, 0 updated, 0 unchanged, 2 skipped" in result.stderr


def test_corrupt_library_is_one_line_and_untouched(tmp_path: Path) -> None:
    corrupt = tmp_path / "library.db"
    corrupt.write_text("not a database")
    result = run("--db", str(corrupt), "list")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"newsreader: {corrupt}: not a newsreader library (not an SQLite database); left untouched"
    ]
    assert corrupt.read_text() == "not a database"


def test_empty_library_list_says_how_to_import(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list"]) == 0
    assert "newsreader import" in capsys.readouterr().err


def test_readme_test_command_is_what_ci_runs() -> None:
    """CI extracts the command after the marker; it must install the test extra and run pytest."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    command = lines[lines.index("<!-- test-command -->") + 2]
    assert "pip install" in command and ".[test]" in command and "pytest" in command


def test_reading_a_missing_path_exits_2_before_the_app(library_path: Path, tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere"), env_db=library_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"newsreader: {tmp_path / 'nowhere'}: no such file or folder"
    assert not library_path.exists()


def test_reading_paths_hands_them_to_the_app(
    library_path: Path, sample_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app imports them in the background (progress on screen) instead of before it starts."""
    from newsreader import app as app_module

    started: list[tuple[Path, list[str]]] = []

    def run_app(self: app_module.NewsreaderApp) -> None:
        started.append((self.library_path, self._pending_imports))

    monkeypatch.setattr(app_module.NewsreaderApp, "run", run_app)
    assert main([str(sample_corpus)]) == 0
    assert started == [(library_path, [str(sample_corpus)])]
    with Library.open(library_path) as library:
        assert library.article_count() == 0  # not the sample corpus: the paths were given


def test_reading_an_empty_library_starts_with_the_sample_corpus(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader import app as app_module

    monkeypatch.setattr(app_module.NewsreaderApp, "run", lambda self: None)
    assert main([]) == 0
    with Library.open(library_path) as library:
        assert library.article_count() == 5


def test_a_mistyped_command_is_not_taken_for_a_path(library_path: Path) -> None:
    result = run("lst", env_db=library_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "newsreader: lst: neither a command nor an existing file or folder; did you mean newsreader list?"
    )
    assert not library_path.exists()
    other = run("zebra", env_db=library_path)
    assert other.returncode == 2 and "neither a command nor an existing" in other.stderr
    assert "did you mean" not in other.stderr


def test_an_existing_folder_named_like_a_command_is_imported(
    library_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader import app as app_module

    (tmp_path / "lst").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(app_module.NewsreaderApp, "run", lambda self: None)
    assert main(["lst"]) == 0


def test_reading_urls_hands_them_to_the_app(library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader import app as app_module

    started: list[list[str]] = []
    monkeypatch.setattr(app_module.NewsreaderApp, "run", lambda self: started.append(self._pending_imports))
    assert main(["https://news.example/story"]) == 0
    assert started == [["https://news.example/story"]]


def test_a_skipped_file_is_named_without_doubled_words(library_path: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    result = run("import", str(huge), env_db=library_path)
    [line] = [line for line in result.stderr.splitlines() if "huge.txt" in line]
    assert line == (f"newsreader: skipped {huge}: 21.0 MB, larger than the 8 MB limit for one article")


def test_list_json_names_every_field(
    library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\nsource: Wire\nauthor: Ann Lee\ndate: 27 Mar 2024\n"
        "url: https://x.example/a\ntags: [one]\nsection: Politics\n---\nText.\n"
    )
    main(["import", str(tmp_path / "a.md")])
    capsys.readouterr()
    main(["list", "--json"])
    [item] = json.loads(capsys.readouterr().out)
    assert {
        key: item[key] for key in ("title", "source", "author", "date", "url", "path", "tags", "metadata")
    } == {
        "title": "A",
        "source": "Wire",
        "author": "Ann Lee",
        "date": "2024-03-27",
        "url": "https://x.example/a",
        "path": str((tmp_path / "a.md").resolve()),
        "tags": ["one"],
        "metadata": {"section": "Politics"},
    }
    assert len(item["id"]) == 16


def test_feeds_take_the_db_option_after_the_action_too(
    library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    assert main(["feeds", "list", "--json", "--db", str(other)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert other.exists() and not library_path.exists()
