"""The ``newsreader`` command: open the reader, or import, list, follow feeds, find quotes
and stories, export.

``parser`` holds the grammar, ``output`` how every command speaks, and one module per area
its commands (``library``, ``coverage``, ``exporting``). Only the reader itself imports
Textual, and only when it runs, so the other commands start fast. Every expected failure
is one line on stderr and an exit status, never a traceback.
"""

from __future__ import annotations

import difflib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader.cli.coverage import cmd_quotes, cmd_report, cmd_stories
from newsreader.cli.exporting import cmd_export
from newsreader.cli.library import cmd_feeds, cmd_import, cmd_list, cmd_locate, cmd_read
from newsreader.cli.output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError, print_error
from newsreader.cli.parser import COMMANDS, build_command_parser, build_parser
from newsreader.fetch.http import is_web_address
from newsreader.store import StoreError, default_path, library_error

__all__ = ["main"]

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
        print_error(str(error))
        status = error.status
    except StoreError as error:
        print_error(str(error))
        status = EXIT_ERROR
    except sqlite3.DatabaseError as error:  # met while reading: the file is damaged, or busy
        print_error(str(library_error(_library_path(argv), error)))
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
