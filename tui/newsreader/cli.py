"""The ``newsreader`` command: open the reader, or import, list, follow feeds, find quotes,
export.

Only the reader itself imports Textual, and only when it runs, so the other commands
start fast. Every expected failure is one line on stderr and an exit status, never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newsreader import __version__
from newsreader.corpus import Article, CorpusError, iter_article_files, load_files
from newsreader.fetch.http import is_web_address
from newsreader.store import ImportOutcome, Library, StoreError, default_path, library_error
from newsreader.textlayout import clip, display_text, json_controls_escaped, one_line

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
COMMANDS = ("import", "list", "feeds", "quotes", "stories", "report", "export", "locate")
EXPORT_FORMATS = ("md", "json", "hypothesis", "csv", "jsonl")
"""As ``newsreader.export.FORMATS``, without importing the exporter to build the parser."""


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
        epilog="Commands: import, list, feeds, quotes, stories, report, export, locate "
        "(newsreader COMMAND --help). With no command, opens the reader, importing PATHs and "
        "URLs in the background.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _add_db_option(parser)
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|URL",
        help="files, folders or web addresses to import while the reader opens",
    )
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"newsreader {command}")
    _add_db_option(parser)
    if command == "import":
        parser.description = (
            "Import article files (.txt, .md, .html), folders, web pages and "
            "feeds (every item a URL's RSS or Atom feed links) into the library."
        )
        parser.add_argument("paths", nargs="+", metavar="PATH|URL")
    elif command == "list":
        parser.description = "List the articles in the library."
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    elif command == "feeds":
        parser.description = "Follow RSS and Atom feeds: add, list, remove, or update (import new items)."
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        add = actions.add_parser("add", help="follow a feed and import its items")
        add.add_argument("url", metavar="URL")
        listing = actions.add_parser("list", help="the feeds followed")
        listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
        remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
        remove.add_argument("url", metavar="URL")
        actions.add_parser("update", help="import the new items of every feed")
        for action in actions.choices.values():  # --db after the action works too
            action.add_argument(
                "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="library file"
            )
    elif command == "quotes":
        parser.description = (
            "Find the quotes, and the passages of wire copy, that several "
            "articles share. With PATHs, works on those files alone and leaves "
            "the library untouched."
        )
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument(
            "--min-words",
            type=int,
            default=None,
            metavar="N",
            help="ignore quotes shorter than N words (3 or more)",
        )
        parser.add_argument(
            "--kind",
            choices=("quote", "passage", "all"),
            default="all",
            help="quotes, passages shared outside quotation marks, or all (the default)",
        )
        parser.add_argument(
            "--format",
            choices=("table", "json", "csv", "jsonl"),
            default=None,
            help="table (the default), json (as --json), or csv / jsonl: one row per "
            "article's version of each group, for analysis",
        )
    elif command == "stories":
        parser.description = (
            "Group the library's articles by the story they report: by the "
            "quotes and passages they share and the names they use, within a "
            "window of dates. Largest story first."
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    elif command == "report":
        parser.description = (
            "The coverage of one story: for every quote and passage its articles "
            "share, how each article prints it (in full, in part, altered, not at "
            "all), every reworded version, and who published when."
        )
        parser.add_argument("story", metavar="STORY_ID", help="a story id from newsreader stories")
        parser.add_argument(
            "--format",
            choices=("md", "csv", "json"),
            help="md (the default), csv or json; -o FILE.csv or .json also choose",
        )
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="FILE",
            help="write FILE (all at once) instead of standard output",
        )
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    elif command == "export":
        parser.description = (
            "Export annotations as Markdown (one file, or an Obsidian vault with "
            "--split), W3C Web Annotation JSON, Hypothesis API objects, CSV or "
            "JSON Lines."
        )
        parser.add_argument(
            "--format",
            choices=EXPORT_FORMATS,
            help="md (the default), json (Web Annotation), hypothesis, csv or jsonl; "
            "-o FILE.json, .csv or .jsonl also choose the format",
        )
        parser.add_argument(
            "--split",
            type=Path,
            metavar="DIR",
            help="Markdown only: one note per article in DIR, with an index note "
            "linking them (an Obsidian vault); re-running updates them",
        )
        parser.add_argument(
            "--tag",
            dest="tags",
            action="extend",
            nargs="+",
            default=[],
            metavar="TAG",
            help="keep annotations (and articles) with any of these tags",
        )
        parser.add_argument(
            "--article",
            dest="articles",
            action="extend",
            nargs="+",
            default=[],
            metavar="ID",
            help="keep these articles (ids from newsreader list)",
        )
        parser.add_argument(
            "--group-by",
            choices=("article", "tag"),
            default="article",
            help="Markdown sections per article (default) or per tag",
        )
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="FILE",
            help="write FILE (all at once) instead of standard output",
        )
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    elif command == "locate":
        parser.description = "Print where the library file is."
    return parser


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help=f"library file (default: $NEWSREADER_DB or {default_path()})"
    )


# ---------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        position = _command_position(argv)
        if position is not None:
            command = argv[position]
            args = build_command_parser(command).parse_args(argv[:position] + argv[position + 1 :])
            status = COMMAND_HANDLERS[command](args)
        else:
            args = build_parser().parse_args(argv)
            _check_not_a_mistyped_command(args.paths)
            status = cmd_read(args)
    except CommandError as error:
        _error(str(error))
        status = error.status
    except StoreError as error:
        _error(str(error))
        status = EXIT_ERROR
    except sqlite3.DatabaseError as error:  # met while reading: the file is damaged, or busy
        _error(str(library_error(_library_path(argv), error)))
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


def _library_path(argv: list[str]) -> Path:
    """The library a command line names with ``--db``, else the default one."""
    for position, arg in enumerate(argv):
        if arg == "--db" and position + 1 < len(argv):
            return Path(argv[position + 1]).expanduser()
        if arg.startswith("--db="):
            return Path(arg.removeprefix("--db=")).expanduser()
    return default_path()


def _check_not_a_mistyped_command(paths: list[str]) -> None:
    """``newsreader lst`` is a typo, not a file to import: say so, and what was meant."""
    if not paths:
        return
    first = paths[0]
    if Path(first).expanduser().exists() or is_web_address(first) or "/" in first or "." in first:
        return
    close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.6)
    hint = f"; did you mean newsreader {close[0]}?" if close else f" (commands: {', '.join(COMMANDS)})"
    raise CommandError(f"{first}: neither a command nor an existing file or folder{hint}", EXIT_USAGE)


def _error(message: str) -> None:
    """One line on stderr; a file name or title in it cannot drive the terminal."""
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def open_library(args: argparse.Namespace) -> Library:
    return Library.open(args.db)


# ---------------------------------------------------------------------------- importing


def import_paths(library: Library, paths: Iterable[Path | str], *, quiet: bool = False) -> int:
    """Import files, folders and web addresses with progress and a summary; return the exit status."""
    sources = [str(path) for path in paths]
    urls = [source for source in sources if is_web_address(source)]
    items = list(iter_article_files(source for source in sources if not is_web_address(source)))
    files = [item for item in items if isinstance(item, Path)]
    counts = dict.fromkeys(ImportOutcome, 0)
    skipped: list[CorpusError] = [item for item in items if isinstance(item, CorpusError)]
    for problem in skipped:
        _error(str(problem))

    def loaded() -> Iterable[Article]:
        for path, article in zip(files, load_files(files)):
            if isinstance(article, CorpusError):
                skipped.append(article)
                _error(f"skipped {article}")
                continue
            for warning in article.warnings:
                _error(f"warning: {path}: {warning}")
            yield article

    with _progress(len(files), quiet) as advance:
        for outcome, _ in library.import_many(loaded()):
            counts[outcome] += 1
            advance()
    failed = 0
    if urls:
        report = _import_urls(library, urls)
        for outcome, count in report.counts.items():
            counts[outcome] += count
        failed = len(report.problems)
    missing = any(isinstance(problem.path, Path) and not problem.path.exists() for problem in skipped)
    status = EXIT_USAGE if missing else EXIT_ERROR if skipped or failed else EXIT_OK
    if not quiet:
        summary = ", ".join(f"{counts[outcome]} {outcome.value}" for outcome in ImportOutcome)
        errors = len(skipped) + failed
        print(f"{summary}, {errors} skipped" + (" (see above)" if errors else ""), file=sys.stderr)
    return status


def _import_urls(library: Library, urls: list[str]):
    """Fetch and import web pages and feeds; each failure is one line on stderr."""
    from newsreader.fetch.http import Fetcher
    from newsreader.fetch.web import import_urls

    with Fetcher() as fetcher, _status() as progress:
        report = import_urls(library, urls, fetcher, progress=progress)
    for problem in report.problems:
        _error(f"skipped {problem}")
    return report


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


class _status:
    """A one-line status ("Fetching …") on an interactive terminal while the web is slow;
    nothing when stderr is a file or a pipe."""

    def __init__(self) -> None:
        self.live = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return lambda text: None
        from rich.text import Text  # a URL is shown as typed, never as markup

        self.live = _stderr_console().status("Fetching…")
        self.live.start()
        return lambda text: self.live.update(Text(text))

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# ---------------------------------------------------------------------------- commands


def cmd_read(args: argparse.Namespace) -> int:
    """Open the reader. PATHs are imported by the app in the background, with progress, so
    the library is on screen at once; an empty library starts with the sample corpus."""
    missing = [
        path for path in args.paths if not is_web_address(path) and not Path(path).expanduser().exists()
    ]
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

    app = NewsreaderApp(
        library.path, import_paths=[p if is_web_address(p) else Path(p).expanduser() for p in args.paths]
    )
    app.run()
    return app.return_code or EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        return import_paths(library, args.paths)


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        articles = library.articles()
        if args.json:
            from newsreader.notes import summaries

            added = summaries(library)
            metadata = library.article_metadata()
    if args.json:
        listed = [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "author": a.author,
                "date": a.date,
                "url": a.url,
                "path": a.path or None,
                "words": a.word_count,
                "version": a.version,
                "tags": added[a.id].tags if a.id in added else [],
                "metadata": metadata.get(a.id, {}),
            }
            for a in articles
        ]
        _print_json(listed)
        return EXIT_OK
    if not articles:
        print("The library is empty: newsreader import PATH adds articles.", file=sys.stderr)
        return EXIT_OK
    rows = [(a.id, a.date or "—", a.source or "—", str(a.word_count), a.title) for a in articles]
    _print_table(("ID", "DATE", "SOURCE", "WORDS", "TITLE"), rows)
    return EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    """Follow feeds: ``add URL``, ``list [--json]``, ``remove URL``, ``update``."""
    from newsreader.fetch import subscriptions

    with open_library(args) as library:
        if args.action == "list":
            feeds = subscriptions.list_feeds(library)
            if args.json:
                _print_json([feed.__dict__ for feed in feeds])
            elif feeds:
                _print_table(
                    ("URL", "TITLE", "LAST CHECKED", "ARTICLES"),
                    [(f.url, f.title or "—", f.last_checked or "never", str(f.articles)) for f in feeds],
                )
            else:
                print("No feeds followed: newsreader feeds add URL follows one.", file=sys.stderr)
            return EXIT_OK
        if args.action == "remove":
            if not subscriptions.remove_feed(library, args.url):
                raise CommandError(f"{args.url}: not a feed you follow (newsreader feeds list)")
            print(f"stopped following {args.url}; its articles stay in the library", file=sys.stderr)
            return EXIT_OK
        from newsreader.fetch.http import Fetcher

        with Fetcher() as fetcher, _status() as progress:
            if args.action == "add":
                try:
                    info, report = subscriptions.add_feed(library, args.url, fetcher, progress=progress)
                except subscriptions.FeedError as error:
                    raise CommandError(str(error)) from None
                print(f"following {info.url}" + (f" ({info.title})" if info.title else ""), file=sys.stderr)
            else:
                report = subscriptions.update_feeds(library, fetcher, progress=progress)
    for problem in report.problems:
        _error(f"skipped {problem}")
    print(report.summary, file=sys.stderr)
    return EXIT_ERROR if report.problems else EXIT_OK


def cmd_locate(args: argparse.Namespace) -> int:
    print(Path(args.db).expanduser() if args.db else default_path())
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    """Print the quotes and passages several articles share: those of PATHs, read and
    indexed in memory (no library is touched), or else the library's, from its cache."""
    from newsreader.quotes import cache as quote_cache
    from newsreader.quotes import find_shared_quotes
    from newsreader.quotes import report as quote_report

    min_words = args.min_words if args.min_words is not None else quote_cache.MIN_WORDS
    if min_words < quote_cache.MIN_WORDS:
        raise CommandError(
            f"quotes: --min-words must be at least {quote_cache.MIN_WORDS} "
            "(shorter quotes cannot be told from coincidence)",
            EXIT_USAGE,
        )
    kind = None if args.kind == "all" else args.kind
    status = EXIT_OK
    if args.paths:
        articles, status = _read_articles(args.paths)
        with quote_report.IndexProgress() as progress:
            found = find_shared_quotes(
                _counted(articles, progress), min_words=quote_cache.MIN_WORDS, passages=kind != "quote"
            )
        groups = quote_cache.select(found, min_words, kind)
    else:
        with Library.open(args.db) as library:
            with quote_report.IndexProgress() as progress:
                groups, problem = quote_cache.shared_quotes_anyway(library, progress, min_words, kind)
            if problem:
                _error(f"quotes: {problem}")
            articles = library.articles()
    fmt = "json" if args.json else args.format or "table"
    if fmt == "json":
        sys.stdout.write(
            json_controls_escaped(quote_report.json_text(quote_report.quotes_json(articles, groups)))
        )
        return status
    if fmt in ("csv", "jsonl"):
        rows = quote_report.member_rows(articles, groups)
        _write(quote_report.to_csv(rows) if fmt == "csv" else quote_report.to_jsonl(rows))
        return status
    quoted = [g for g in groups if g.kind == "quote"]
    passages = [g for g in groups if g.kind == "passage"]
    if quoted:
        _print_table(("QUOTE", "SPEAKER", "ARTICLES", "SOURCES"), quote_report.table_rows(articles, quoted))
    if passages:
        if quoted:
            print()
        _print_table(
            ("PASSAGE", "ARTICLES", "SOURCES"),
            [(text, n, sources) for text, _, n, sources in quote_report.table_rows(articles, passages)],
        )
    if not groups:
        count = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
        what = {None: "quote or passage", "quote": "quote", "passage": "passage"}[kind]
        print(f"No {what} is shared by two or more of the {count}.", file=sys.stderr)
    return status


def _read_articles(paths: Sequence[str]) -> tuple[list[Article], int]:
    """The articles under `paths`, each once, and the exit status their problems call for."""
    from dataclasses import replace

    from newsreader.corpus import load_paths

    articles: dict[str, Article] = {}
    status = EXIT_OK
    for item in load_paths(paths):
        if isinstance(item, CorpusError):
            _error(str(item))
            status = EXIT_USAGE if not item.path.exists() else max(status, EXIT_ERROR)
            continue
        articles.setdefault(item.id, replace(item, path=item.path.resolve()))
    return list(articles.values()), status


def _counted(articles: list[Article], progress) -> Iterable[tuple[str, str]]:
    for done, article in enumerate(articles, 1):
        yield article.id, article.body
        progress(done, len(articles))


def cmd_export(args: argparse.Namespace) -> int:
    """Write the notes to standard output or, atomically and never over a file unasked, to
    -o; or, with --split, a folder of notes."""
    from newsreader import export
    from newsreader.quotes import cache as quote_cache

    fmt = _output_format(args, ("json", "csv", "jsonl"), default="md")
    if args.split is not None and (fmt != "md" or args.output is not None):
        raise CommandError(
            "export: --split writes Markdown notes to a folder; it takes "
            "neither --format other than md nor -o",
            EXIT_USAGE,
        )
    with Library.open(args.db, create=False) as library:
        groups, problem = quote_cache.shared_quotes_anyway(library)
        if problem:
            _error(f"export: {problem}")
        with _export_errors():
            selection = export.select(library, tags=args.tags, article_ids=args.articles, quote_groups=groups)
    with _export_errors():
        if args.split is not None:
            report = export.write_vault(selection, args.split, exported_at=export.now(), force=args.force)
            changed = len(report.written)
            print(
                f"wrote {changed} note{'' if changed == 1 else 's'} to {report.folder} ({report.unchanged} "
                f"unchanged): {selection.summary}",
                file=sys.stderr,
            )
            return EXIT_OK
        text = export.render(selection, fmt, group_by=args.group_by)
    written = _deliver(text, args.output, force=args.force)
    if written is not None:
        print(f"wrote {written}: {selection.summary}", file=sys.stderr)
    elif selection.is_empty:
        _error(selection.summary)
    return EXIT_OK


def _output_format(args: argparse.Namespace, by_suffix: Sequence[str], *, default: str) -> str:
    """``--format``, else the one ``-o FILE``'s suffix names, else ``default``."""
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".") if args.output is not None else ""
    return suffix if suffix in by_suffix else default


def _deliver(text: str, output: Path | None, *, force: bool) -> Path | None:
    """Print ``text``, or write it to ``output`` (``-`` is standard output) all at once and
    never over an existing file unless ``force``; the path written, if any."""
    from newsreader import export

    if output is None or str(output) == "-":
        _write(text)
        return None
    with _export_errors():
        return export.write_atomic(output, text, force=force)


def _write(text: str) -> None:
    """``text`` on standard output; on a terminal, control characters shown as symbols
    (a document piped or saved keeps them as they are: CSV has no way to escape them)."""
    sys.stdout.write(display_text(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()


@contextlib.contextmanager
def _export_errors() -> Iterator[None]:
    """An export's failure as the command's one line (a file that exists says --force)."""
    from newsreader import export

    try:
        yield
    except export.ExportExists as error:
        raise CommandError(f"{error} (--force replaces it)") from None
    except export.ExportError as error:
        raise CommandError(str(error)) from None


def _stories(library: Library, command: str) -> tuple[list, list]:
    """The library's stories, brought up to date first (as last found on a library that
    cannot be written), and the quote groups they were found with."""
    from newsreader import stories
    from newsreader.quotes import cache as quote_cache

    groups, problem = quote_cache.shared_quotes_anyway(library, kind=None)
    if problem:
        _error(f"{command}: {problem}")
    try:
        return stories.sync(library, groups), groups
    except StoreError as error:
        _error(f"{command}: {error} (showing the stories as last found)")
        return stories.load(library.conn), groups


def cmd_stories(args: argparse.Namespace) -> int:
    with Library.open(args.db, create=False) as library:
        found, _ = _stories(library, "stories")
    if args.json:
        _print_json({"stories": [story.to_json() for story in found]})
    elif found:
        _print_table(
            ("ID", "ARTICLES", "FIRST", "LAST", "SOURCES", "TITLE"),
            [
                (
                    story.id,
                    str(len(story.articles)),
                    story.first or "—",
                    story.last or "—",
                    ", ".join(story.sources) or "—",
                    story.title,
                )
                for story in found
            ],
        )
    else:
        print("No story yet: no two articles share quotes, passages or enough names.", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the coverage report of one story to standard output or, atomically, to -o."""
    from newsreader import stories
    from newsreader.stories import report

    fmt = _output_format(args, ("csv", "json"), default="md")
    with Library.open(args.db, create=False) as library:
        found, groups = _stories(library, "report")
        story = next((s for s in found if s.id == args.story), None)
        if story is None:
            raise CommandError(
                f"report: no story {args.story} in the library (newsreader stories lists them)", EXIT_USAGE
            )
        facts = library.article_infos(story.articles)
        said = stories.attributions({i: library.article(i).body for i in story.articles})
    text = report.render(stories.coverage(story, facts, groups, said), facts, fmt)
    written = _deliver(text, args.output, force=args.force)
    if written is not None:
        print(f"wrote {written}: the coverage of {len(story.articles)} articles", file=sys.stderr)
    return EXIT_OK


COMMAND_HANDLERS = {
    "import": cmd_import,
    "list": cmd_list,
    "feeds": cmd_feeds,
    "quotes": cmd_quotes,
    "stories": cmd_stories,
    "report": cmd_report,
    "export": cmd_export,
    "locate": cmd_locate,
}


def _print_json(document: object) -> None:
    """``document`` as readable JSON (UTF-8, indented), no control character raw."""
    print(json_controls_escaped(json.dumps(document, ensure_ascii=False, indent=2)))


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 60) -> None:
    """A plain aligned table: readable in a terminal and easy to grep or pipe; control
    characters in a cell are shown as symbols, as in the reader."""
    cells = [list(header)] + [
        [clip(" ".join(one_line(cell).split()), max_width) for cell in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
