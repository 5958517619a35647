"""One import for the command line and the reader: what it reports, and its progress."""

from __future__ import annotations

from pathlib import Path

from newsreader.importing import import_sources
from newsreader.store import ImportOutcome, Library


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:03}.txt").write_text(
            f"title: Article {number}\n\nBody number {number} of the test.\n"
        )


def test_files_are_imported_with_counted_progress(library: Library, tmp_path: Path) -> None:
    write_articles(tmp_path / "corpus", 45)
    seen: list[tuple[str, int, int]] = []
    report = import_sources(library, [tmp_path / "corpus"], progress=lambda *step: seen.append(step))
    assert report.counts[ImportOutcome.IMPORTED] == 45 and not report.skipped
    assert [(done, total) for _, done, total in seen] == [(1, 45), (20, 45), (40, 45), (45, 45)]
    assert seen[-1][0] == "Importing 45/45 files…"
    again = import_sources(library, [tmp_path / "corpus"])
    assert again.counts[ImportOutcome.UNCHANGED] == 45


def test_what_cannot_be_imported_is_one_line_each_and_the_rest_is_imported(
    library: Library, tmp_path: Path
) -> None:
    write_articles(tmp_path / "corpus", 2)
    (tmp_path / "corpus" / "empty.txt").write_bytes(b"")
    report = import_sources(library, [tmp_path / "corpus", tmp_path / "nowhere"])
    assert report.counts[ImportOutcome.IMPORTED] == 2
    assert report.unusable == [f"{tmp_path / 'nowhere'}: no such file or folder"]
    assert len(report.problems) == 1 and "empty.txt" in report.problems[0]
    assert report.missing
    assert report.summary == "2 imported, 0 updated, 0 unchanged, 2 skipped (see above)"
