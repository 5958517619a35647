"""``newsreader export``: the reader's notes to standard output, a file, or a folder of
notes (an Obsidian vault). No Textual import.
"""

from __future__ import annotations

import argparse
import sys

from newsreader.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    deliver,
    export_errors,
    output_format,
    print_error,
)
from newsreader.store import Library


def cmd_export(args: argparse.Namespace) -> int:
    """Write the notes to standard output or, atomically and never over a file unasked, to
    -o; or, with --split, a folder of notes."""
    from newsreader import export
    from newsreader.quotes import cache as quote_cache

    fmt = output_format(args.format, args.output, ("json", "csv", "jsonl"), default="md")
    if args.split is not None and (fmt != "md" or args.output is not None):
        raise CommandError(
            "export: --split writes Markdown notes to a folder; it takes "
            "neither --format other than md nor -o",
            EXIT_USAGE,
        )
    with Library.open(args.db, create=False) as library:
        groups, problem = quote_cache.shared_quotes_anyway(library)
        if problem:
            print_error(f"export: {problem}")
        with export_errors():
            selection = export.select(library, tags=args.tags, article_ids=args.articles, quote_groups=groups)
    with export_errors():
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
    written = deliver(text, args.output, force=args.force)
    if written is not None:
        print(f"wrote {written}: {selection.summary}", file=sys.stderr)
    elif selection.is_empty:
        print_error(selection.summary)
    return EXIT_OK
