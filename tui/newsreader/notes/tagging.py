"""Tags as the reader gives them: cleaned into display labels, saved with their matching
key, and the tags in use offered for completion.

Bad input raises :class:`AnnotationError` (a ``ValueError``) with a message meant for the
user. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsreader.store import Library
from newsreader.tags import tag_key

MAX_TAG_LENGTH = 64
_SPACES = re.compile(r"\s+")


class AnnotationError(ValueError):
    """Input that cannot be saved; the message says why in one line."""


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Trimmed display labels, first spelling kept for tags equal once case-folded.

    A leading ``#`` is dropped (people type tags the way Markdown shows them). Empty tags,
    commas (the tag field's separator) and very long tags are refused.
    """
    if isinstance(tags, str):
        raise AnnotationError("tags must be a list; use parse_tags() for comma-separated text")
    labels: dict[str, str] = {}
    for raw in tags:
        label = _SPACES.sub(" ", raw).strip().lstrip("#").strip()
        if not label:
            raise AnnotationError("a tag cannot be empty")
        if "," in label:
            raise AnnotationError(f"a tag cannot contain a comma: {label!r}")
        if len(label) > MAX_TAG_LENGTH:
            raise AnnotationError(f"a tag can have at most {MAX_TAG_LENGTH} characters: {label[:20]!r}…")
        labels.setdefault(label.casefold(), label)
    return list(labels.values())


def parse_tags(text: str) -> list[str]:
    """Tags from a comma-separated field: ``"climate, Needs source"`` → two tags.

    A blank field is no tags and a trailing comma is ignored (autocompletion leaves one);
    an empty tag between commas is refused.
    """
    parts = text.split(",")
    if parts and not parts[-1].strip():
        parts.pop()
    return clean_tags(parts)


def format_tags(tags: Iterable[str]) -> str:
    """The inverse of :func:`parse_tags`, for filling the tag field."""
    return ", ".join(tags)


def tags_in_use(library: Library) -> list[str]:
    """Every tag used in the library, most used first, for autocompletion."""
    return [label for label, _ in _tag_usage(library)]


def _tag_usage(library: Library) -> list[tuple[str, int]]:
    """``(label, uses)`` per tag; the label is the spelling used most often."""
    rows = library.conn.execute(
        """SELECT key, label, count(*) FROM (
               SELECT key, label FROM annotation_tags UNION ALL SELECT key, label FROM article_tags)
           GROUP BY key, label"""
    )
    uses: dict[str, int] = {}
    spelling: dict[str, tuple[int, str]] = {}
    for key, label, count in rows:
        uses[key] = uses.get(key, 0) + count
        if key not in spelling or (-count, label) < (-spelling[key][0], spelling[key][1]):
            spelling[key] = (count, label)
    ordered = sorted(uses, key=lambda key: (-uses[key], key))
    return [(spelling[key][1], uses[key]) for key in ordered]


def write_tags(library: Library, table: str, owner_column: str, owner: str, labels: list[str]) -> None:
    library.conn.execute(f"DELETE FROM {table} WHERE {owner_column} = ?", (owner,))
    library.conn.executemany(
        f"INSERT INTO {table} ({owner_column}, key, label) VALUES (?, ?, ?)",
        [(owner, tag_key(label), label) for label in labels],
    )
