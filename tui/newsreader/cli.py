"""The ``newsreader`` command: open the reader, or import, list, find quotes, export.

Only the reader itself imports Textual, and only when it runs, so the other commands
start fast. Every expected failure is one line on stderr and an exit status, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Sequence

from newsreader import __version__
from newsreader.corpus import Article, CorpusError, iter_article_files, load_file
from newsreader.store import ImportOutcome, Library, StoreError, default_path
from newsreader.textlayout import json_controls_escaped, one_line

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
COMMANDS = ("import", "list", "quotes", "export", "locate")


class CommandError(Exception):
    """A failure to report as one line, with the exit status to leave with."""

    def __init__(self, message: str, status: int = EXIT_ERROR):
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------------------- parsing


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Read several outlets' coverage of one story side by side, with the quotes "
        "they share highlighted, and keep tags and notes on what matters.",
        epilog="Commands: import, list, quotes, export, locate (newsreader COMMAND --help). "
        "With no command, opens the reader, importing PATHs first.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _add_db_option(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to import before opening the reader")
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"newsreader {command}")
    _add_db_option(parser)
    if command == "import":
        parser.description = "Import article files (.txt, .md, .html) or folders into the library."
        parser.add_argument("paths", nargs="+", metavar="PATH")
    elif command == "list":
        parser.description = "List the articles in the library."
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    elif command == "quotes":
        parser.description = ("Find the quotes that several articles share. With PATHs, works on "
                              "those files alone and leaves the library untouched.")
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--min-words", type=int, default=None, metavar="N",
                            help="ignore quotes shorter than N words")
    elif command == "export":
        parser.description = "Export annotations as Markdown or W3C Web Annotation JSON."
        parser.add_argument("--format", choices=("md", "json"),
                            help="md (the default) or json; -o FILE.json also means json")
        parser.add_argument("--tag", dest="tags", action="extend", nargs="+", default=[], metavar="TAG",
                            help="keep annotations (and articles) with any of these tags")
        parser.add_argument("--article", dest="articles", action="extend", nargs="+", default=[],
                            metavar="ID", help="keep these articles (ids from newsreader list)")
        parser.add_argument("--group-by", choices=("article", "tag"), default="article",
                            help="Markdown sections per article (default) or per tag")
        parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                            help="write FILE (all at once) instead of standard output")
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    elif command == "locate":
        parser.description = "Print where the library file is."
    return parser


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=f"library file (default: $NEWSREADER_DB or {default_path()})")


# ---------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        position = _command_position(argv)
        if position is not None:
            command = argv[position]
            args = build_command_parser(command).parse_args(argv[:position] + argv[position + 1:])
            status = COMMAND_HANDLERS[command](args)
        else:
            args = build_parser().parse_args(argv)
            status = cmd_read(args)
    except CommandError as error:
        _error(str(error))
        status = error.status
    except StoreError as error:
        _error(str(error))
        status = EXIT_ERROR
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        sys.stderr.close()
        status = EXIT_OK
    return status


def _command_position(argv: list[str]) -> int | None:
    """Where the command word is: the first argument that is neither an option nor its value."""
    position = 0
    while position < len(argv):
        arg = argv[position]
        if arg == "--":
            return None
        if arg == "--db":
            position += 2
            continue
        if not arg.startswith("-"):
            return position if arg in COMMANDS else None
        position += 1
    return None


def _error(message: str) -> None:
    """One line on stderr; a file name or title in it cannot drive the terminal."""
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def open_library(args: argparse.Namespace) -> Library:
    return Library.open(args.db)


# ---------------------------------------------------------------------------- importing


def import_paths(library: Library, paths: Iterable[Path | str], *, quiet: bool = False) -> int:
    """Import files and folders with progress and a summary; return the exit status."""
    items = list(iter_article_files(paths))
    files = [item for item in items if isinstance(item, Path)]
    counts = {outcome: 0 for outcome in ImportOutcome}
    skipped: list[CorpusError] = [item for item in items if isinstance(item, CorpusError)]
    for problem in skipped:
        _error(str(problem))

    def loaded() -> Iterable[Article]:
        for path in files:
            try:
                article = load_file(path)
            except CorpusError as problem:
                skipped.append(problem)
                _error(f"skipped {problem}")
                continue
            for warning in article.warnings:
                _error(f"warning: {path}: {warning}")
            yield article

    with _progress(len(files), quiet) as advance:
        for outcome, _ in library.import_many(loaded()):
            counts[outcome] += 1
            advance()
    missing = any(not problem.path.exists() for problem in skipped)
    status = EXIT_USAGE if missing else EXIT_ERROR if skipped else EXIT_OK
    if not quiet:
        summary = ", ".join(f"{counts[outcome]} {outcome.value}" for outcome in ImportOutcome)
        errors = len(skipped)
        print(f"{summary}, {errors} skipped" + (" (see above)" if errors else ""), file=sys.stderr)
    return status


class _progress:
    """A Rich progress bar on an interactive terminal for long imports; silence otherwise."""

    def __init__(self, total: int, quiet: bool):
        self.total = total
        self.enabled = not quiet and total >= 50 and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=_stderr_console())
        self.bar.start()
        task = self.bar.add_task("Importing", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# ---------------------------------------------------------------------------- commands


def cmd_read(args: argparse.Namespace) -> int:
    """Open the reader. PATHs are imported by the app in the background, with progress, so
    the library is on screen at once; an empty library starts with the sample corpus."""
    missing = [path for path in args.paths if not Path(path).expanduser().exists()]
    for path in missing:
        _error(f"{path}: no such file or folder")
    if missing:
        return EXIT_USAGE
    library = open_library(args)
    try:
        if not args.paths and library.article_count() == 0:
            from newsreader.resources import sample_corpus_path

            import_paths(library, [sample_corpus_path()], quiet=True)
    finally:
        library.close()
    from newsreader.app import NewsreaderApp

    NewsreaderApp(library.path, import_paths=[Path(p).expanduser() for p in args.paths]).run()
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        return import_paths(library, args.paths)


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        articles = library.articles()
    if args.json:
        _print_json([article.__dict__ for article in articles])
        return EXIT_OK
    if not articles:
        print("The library is empty: newsreader import PATH adds articles.", file=sys.stderr)
        return EXIT_OK
    rows = [(a.id, a.date or "—", a.source or "—", str(a.word_count), a.title) for a in articles]
    _print_table(("ID", "DATE", "SOURCE", "WORDS", "TITLE"), rows)
    return EXIT_OK


def cmd_locate(args: argparse.Namespace) -> int:
    print(Path(args.db).expanduser() if args.db else default_path())
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    """Print the quotes several articles share: those of PATHs, read into a throwaway
    library (the user's is never touched), or else the library's, from its cache."""
    import sqlite3
    import tempfile

    from newsreader import quote_cache, quote_report
    from newsreader.quotes import at_least

    min_words = args.min_words if args.min_words is not None else quote_cache.MIN_WORDS
    if min_words < 1:
        raise CommandError("quotes: --min-words must be at least 1", EXIT_USAGE)
    status = EXIT_OK
    with tempfile.TemporaryDirectory(prefix="newsreader-quotes-") as scratch:
        path = Path(scratch) / "library.db" if args.paths else args.db
        with Library.open(path) as library:
            if args.paths:
                status = import_paths(library, args.paths, quiet=True)
            try:
                with quote_report.IndexProgress() as progress:
                    groups = quote_cache.shared_quotes(library, progress, min_words=min_words)
            except sqlite3.OperationalError as error:  # read-only, or busy beyond the timeout
                _error(f"quotes: cannot update the quote index ({error}); showing it as last indexed")
                groups = at_least(quote_cache.load_groups(library.conn), min_words)
            articles = library.articles()
    if args.json:
        _print_json(quote_report.quotes_json(articles, groups))
    elif groups:
        _print_table(("QUOTE", "SPEAKER", "ARTICLES", "SOURCES"), quote_report.table_rows(articles, groups))
    else:
        count = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
        print(f"No quote is shared by two or more of the {count}.", file=sys.stderr)
    return status


def cmd_export(args: argparse.Namespace) -> int:
    """Write the notes to standard output or, atomically and never over a file unasked, to -o."""
    import sqlite3

    from newsreader import export, quote_cache

    to_file = args.output is not None and str(args.output) != "-"
    fmt = args.format or ("json" if to_file and args.output.suffix.lower() == ".json" else "md")
    with Library.open(args.db, create=False) as library:
        try:
            groups = quote_cache.shared_quotes(library)
        except sqlite3.OperationalError:  # busy or read-only: the quotes as last indexed
            groups = quote_cache.load_groups(library.conn)
        try:
            selection = export.select(library, tags=args.tags, article_ids=args.articles,
                                      quote_groups=groups)
        except export.ExportError as error:
            raise CommandError(str(error)) from None
    text = export.render(selection, fmt, group_by=args.group_by)
    if not to_file:
        sys.stdout.write(text)
        sys.stdout.flush()
        if selection.is_empty:
            _error(selection.summary)
        return EXIT_OK
    try:
        written = export.write_atomic(args.output, text, force=args.force)
    except export.ExportExists as error:
        raise CommandError(f"{error} (--force replaces it)") from None
    except export.ExportError as error:
        raise CommandError(str(error)) from None
    print(f"wrote {written}: {selection.summary}", file=sys.stderr)
    return EXIT_OK


COMMAND_HANDLERS = {
    "import": cmd_import,
    "list": cmd_list,
    "quotes": cmd_quotes,
    "export": cmd_export,
    "locate": cmd_locate,
}


def _print_json(document: object) -> None:
    """``document`` as readable JSON (UTF-8, indented), no control character raw."""
    print(json_controls_escaped(json.dumps(document, ensure_ascii=False, indent=2)))


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 60) -> None:
    """A plain aligned table: readable in a terminal and easy to grep or pipe; control
    characters in a cell are shown as symbols, as in the reader."""
    cells = [list(header)] + [[_clip(cell, max_width) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def _clip(text: str, width: int) -> str:
    text = " ".join(one_line(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
