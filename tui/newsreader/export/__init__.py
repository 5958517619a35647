"""Notes leave newsreader in the form each tool takes as it is: Markdown (drafts, wikis),
an Obsidian vault, W3C Web Annotation JSON, Hypothesis's API objects, CSV and JSON Lines.

Three steps, each usable alone by the CLI and the export dialog: :func:`select` gathers
what to export from the library; :func:`render` turns it into text, the same bytes for the
same library apart from the export time, which is a parameter (or :func:`write_vault`
writes it as a folder of notes); :func:`write_atomic` puts it on disk without ever leaving
half a file or overwriting one by accident. Problems raise :class:`ExportError` with a
one-line message. No Textual import.
"""

from __future__ import annotations

from datetime import datetime

from newsreader.export.errors import ExportError, ExportExists
from newsreader.export.files import EXTENSIONS, default_filename, write_atomic
from newsreader.export.hypothesis import to_hypothesis
from newsreader.export.markdown import GROUPINGS, TITLE, citation, text_fragment_link, to_markdown
from newsreader.export.selection import NOTHING, Selection, select
from newsreader.export.tables import to_csv, to_jsonl
from newsreader.export.vault import VaultReport, note_name, write_vault
from newsreader.export.webanno import to_web_annotation

FORMATS = tuple(EXTENSIONS)
"""``md``, ``json`` (Web Annotation), ``hypothesis``, ``csv``, ``jsonl``."""

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "GROUPINGS",
    "NOTHING",
    "TITLE",
    "ExportError",
    "ExportExists",
    "Selection",
    "VaultReport",
    "citation",
    "default_filename",
    "note_name",
    "now",
    "render",
    "select",
    "text_fragment_link",
    "to_csv",
    "to_hypothesis",
    "to_jsonl",
    "to_markdown",
    "to_web_annotation",
    "write_atomic",
    "write_vault",
]


def now() -> str:
    """The export time as written into exports: local time with its offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def render(
    selection: Selection, fmt: str = "md", *, group_by: str = "article", exported_at: str | None = None
) -> str:
    """The selection in ``fmt``, stamped now unless ``exported_at`` is given."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose {', '.join(FORMATS)}")
    stamp = exported_at or now()
    if fmt == "json":
        return to_web_annotation(selection, exported_at=stamp)
    if fmt == "hypothesis":
        return to_hypothesis(selection)
    if fmt == "csv":
        return to_csv(selection)
    if fmt == "jsonl":
        return to_jsonl(selection)
    return to_markdown(selection, exported_at=stamp, group_by=group_by)
