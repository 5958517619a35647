"""Importing files, folders and web addresses into the library, the one way.

The command line and the reader's background worker both call :func:`import_sources` and
show its progress their own way (a bar on a terminal, a line in the status bar): progress
is a callback told what is being done and how far along it is. Every file or page that
cannot be imported is one line in the report, and the rest is imported. No Textual import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.corpus import Article, CorpusError, iter_article_files, load_files
from newsreader.fetch.http import is_web_address
from newsreader.store import ImportOutcome, Library

Progress = Callable[[str, int, int], None]
"""``progress(text, done, total)``: one line saying what is being done ("Importing 20/150
files…"), with how many of how many are done; ``total`` is 0 where nothing can be counted
(a page being fetched)."""
PROGRESS_EVERY = 20
"""Files imported between two progress reports (and the first and the last)."""


@dataclass
class ImportReport:
    counts: dict[ImportOutcome, int] = field(default_factory=lambda: dict.fromkeys(ImportOutcome, 0))
    unusable: list[str] = field(default_factory=list)
    """One line per path asked for that holds nothing to import (missing, unreadable)."""
    problems: list[str] = field(default_factory=list)
    """One line per file or page skipped while importing, naming it and saying why."""
    warnings: list[str] = field(default_factory=list)
    """One line per article imported with a doubt (a guessed encoding, say), naming it."""
    missing: bool = False
    """Whether a file or folder asked for does not exist (a mistyped path, not a bad file)."""

    def add(self, outcome: ImportOutcome) -> None:
        self.counts[outcome] += 1

    @property
    def skipped(self) -> list[str]:
        """Everything not imported, one line each."""
        return self.unusable + self.problems

    @property
    def summary(self) -> str:
        done = ", ".join(f"{self.counts[outcome]} {outcome.value}" for outcome in ImportOutcome)
        skipped = len(self.skipped)
        return f"{done}, {skipped} skipped" + (" (see above)" if skipped else "")


def import_sources(
    library: Library, sources: Iterable[Path | str], *, progress: Progress | None = None
) -> ImportReport:
    """Import files, folders (every article file under them) and web addresses (pages and
    feeds), files first, in batches; return what happened."""
    report = ImportReport()
    names = [str(source) for source in sources]
    urls = [name for name in names if is_web_address(name)]
    files: list[Path] = []
    for item in iter_article_files(name for name in names if not is_web_address(name)):
        if isinstance(item, CorpusError):
            report.unusable.append(str(item))
            report.missing = report.missing or _missing(item)
        else:
            files.append(item)
    for outcome, _ in library.import_many(_loaded(files, report, progress)):
        report.add(outcome)
    if urls:
        from newsreader.fetch.http import Fetcher
        from newsreader.fetch.web import import_urls

        status = (lambda text: progress(text, 0, 0)) if progress else None
        with Fetcher() as fetcher:
            import_urls(library, urls, fetcher, report=report, progress=status)
    return report


def _loaded(files: list[Path], report: ImportReport, progress: Progress | None) -> Iterator[Article]:
    for done, (path, article) in enumerate(zip(files, load_files(files)), start=1):
        if progress and (done == 1 or done % PROGRESS_EVERY == 0 or done == len(files)):
            progress(f"Importing {done:,}/{len(files):,} files…", done, len(files))
        if isinstance(article, CorpusError):
            report.problems.append(str(article))
            report.missing = report.missing or _missing(article)
            continue
        report.warnings += [f"{path}: {warning}" for warning in article.warnings]
        yield article


def _missing(problem: CorpusError) -> bool:
    return isinstance(problem.path, Path) and not problem.path.exists()
