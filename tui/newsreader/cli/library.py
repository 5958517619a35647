"""The commands about the library itself: open the reader, import, list, follow feeds,
and say where the library is. No Textual import (the reader loads it when it runs).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from newsreader.cli.output import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    TerminalProgress,
    print_error,
    print_json,
    print_table,
)
from newsreader.fetch.http import is_web_address
from newsreader.importing import import_sources
from newsreader.store import Library, default_path


def open_library(args: argparse.Namespace) -> Library:
    return Library.open(args.db)


def import_paths(library: Library, paths: Iterable[Path | str], *, quiet: bool = False) -> int:
    """Import files, folders and web addresses with progress and a summary; return the exit status."""
    with TerminalProgress("Importing", quiet=quiet) as progress:
        report = import_sources(library, paths, progress=progress.show)
    for line in report.unusable:
        print_error(line)
    for line in report.warnings:
        print_error(f"warning: {line}")
    for line in report.problems:
        print_error(f"skipped {line}")
    if not quiet:
        print(report.summary, file=sys.stderr)
    return EXIT_USAGE if report.missing else EXIT_ERROR if report.skipped else EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    """Open the reader. PATHs are imported by the app in the background, with progress, so
    the library is on screen at once; an empty library starts with the sample corpus."""
    missing = [
        path for path in args.paths if not is_web_address(path) and not Path(path).expanduser().exists()
    ]
    for path in missing:
        print_error(f"{path}: no such file or folder")
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
        print_json(listed)
        return EXIT_OK
    if not articles:
        print("The library is empty: newsreader import PATH adds articles.", file=sys.stderr)
        return EXIT_OK
    rows = [(a.id, a.date or "—", a.source or "—", str(a.word_count), a.title) for a in articles]
    print_table(("ID", "DATE", "SOURCE", "WORDS", "TITLE"), rows)
    return EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    """Follow feeds: ``add URL``, ``list [--json]``, ``remove URL``, ``update``."""
    from newsreader.fetch import subscriptions

    with open_library(args) as library:
        if args.action == "list":
            feeds = subscriptions.list_feeds(library)
            if args.json:
                print_json([feed.__dict__ for feed in feeds])
            elif feeds:
                print_table(
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

        with Fetcher() as fetcher, TerminalProgress("Fetching") as progress:
            if args.action == "add":
                try:
                    info, report = subscriptions.add_feed(library, args.url, fetcher, progress=progress.show)
                except subscriptions.FeedError as error:
                    raise CommandError(str(error)) from None
                print(f"following {info.url}" + (f" ({info.title})" if info.title else ""), file=sys.stderr)
            else:
                report = subscriptions.update_feeds(library, fetcher, progress=progress.show)
    for problem in report.problems:
        print_error(f"skipped {problem}")
    print(report.summary, file=sys.stderr)
    return EXIT_ERROR if report.problems else EXIT_OK


def cmd_locate(args: argparse.Namespace) -> int:
    print(Path(args.db).expanduser() if args.db else default_path())
    return EXIT_OK
