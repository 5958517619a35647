"""How every command speaks: exit statuses, one-line errors, tables, JSON, documents
written out, and progress on a terminal.

Every expected failure is one line on stderr and an exit status, never a traceback;
nothing from an article or a file name can drive the terminal. No Textual import.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.textlayout import clip, display_text, json_controls_escaped, one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.status import Status

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
PROGRESS_FROM = 50
"""Counted work shows a progress bar only from this many steps: less is over at once."""


class CommandError(Exception):
    """A failure to report as one line, with the exit status to leave with."""

    def __init__(self, message: str, status: int = EXIT_ERROR):
        super().__init__(message)
        self.status = status


def print_error(message: str) -> None:
    """One line on stderr; a file name or title in it cannot drive the terminal."""
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def print_json(document: object) -> None:
    """``document`` as readable JSON (UTF-8, indented), no control character raw."""
    print(json_controls_escaped(json.dumps(document, ensure_ascii=False, indent=2)))


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 60) -> None:
    """A plain aligned table: readable in a terminal and easy to grep or pipe; control
    characters in a cell are shown as symbols, as in the reader."""
    cells = [list(header)] + [
        [clip(" ".join(one_line(cell).split()), max_width) for cell in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def write_out(text: str) -> None:
    """``text`` on standard output; on a terminal, control characters shown as symbols
    (a document piped or saved keeps them as they are: CSV has no way to escape them)."""
    sys.stdout.write(display_text(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()


def output_format(format: str | None, output: Path | None, by_suffix: Sequence[str], *, default: str) -> str:
    """``--format``, else the one ``-o FILE``'s suffix names, else ``default``."""
    if format:
        return format
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in by_suffix else default


def deliver(text: str, output: Path | None, *, force: bool) -> Path | None:
    """Print ``text``, or write it to ``output`` (``-`` is standard output) all at once and
    never over an existing file unless ``force``; the path written, if any."""
    from newsreader import export

    if output is None or str(output) == "-":
        write_out(text)
        return None
    with export_errors():
        return export.write_atomic(output, text, force=force)


@contextlib.contextmanager
def export_errors() -> Iterator[None]:
    """An export's failure as the command's one line (a file that exists says --force)."""
    from newsreader import export

    try:
        yield
    except export.ExportExists as error:
        raise CommandError(f"{error} (--force replaces it)") from None
    except export.ExportError as error:
        raise CommandError(str(error)) from None


class TerminalProgress:
    """Progress on stderr while it is a terminal: a bar for counted work that turns out
    long, a status line for the rest ("Fetching …"); nothing when stderr is a file or a
    pipe, or when ``quiet``. Use it with ``with``; it is the callback of both
    ``importing.import_sources`` (``show``) and ``quotes.cache.sync`` (``count``)."""

    def __init__(self, label: str, *, quiet: bool = False) -> None:
        self.label = label
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.status: Status | None = None

    def count(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps are done."""
        if not self.enabled:
            return
        if self.bar is None:
            if total < PROGRESS_FROM:
                return
            from rich.progress import Progress

            self._stop_status()
            self.bar = Progress(transient=True, console=_stderr_console())
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done)

    def show(self, text: str, done: int = 0, total: int = 0) -> None:
        """What is being done, and how far along when it can be counted."""
        if total:
            self.count(done, total)
            return
        if not self.enabled:
            return
        from rich.text import Text  # a URL is shown as typed, never as markup

        if self.status is None:
            self.status = _stderr_console().status(Text(text))
            self.status.start()
        else:
            self.status.update(Text(text))

    def _stop_status(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_status()
        if self.bar is not None:
            self.bar.stop()


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)
