"""The command line's grammar: the reader's own options, and each command's.

Built without importing what the commands use, so ``--help`` is instant. No Textual import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsreader import __version__
from newsreader.store import default_path

COMMANDS = ("import", "list", "feeds", "quotes", "stories", "report", "export", "locate")
EXPORT_FORMATS = ("md", "json", "hypothesis", "csv", "jsonl")
"""As ``newsreader.export.FORMATS``, without importing the exporter to build the parser."""


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
    add_db_option(parser)
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|URL",
        help="files, folders or web addresses to import while the reader opens",
    )
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"newsreader {command}")
    add_db_option(parser)
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
        _add_output(parser)
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
            help="keep annotations (and articles) with a tag one of these begins (climate finds climate/policy)",
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
        _add_output(parser)
    elif command == "locate":
        parser.description = "Print where the library file is."
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db PATH``, which every command takes."""
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help=f"library file (default: $NEWSREADER_DB or {default_path()})"
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    """``-o FILE`` and ``--force``, as every command writing a document takes them."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write FILE (all at once) instead of standard output",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
