"""Annotations, tags and notes: what the reader adds to articles, saved the moment it is made.

Every change runs in its own short ``BEGIN IMMEDIATE`` transaction and is committed before
the function returns, so a reader killed right after saving loses nothing and a second
reader on the same library sees it on its next read. Bad input raises
:class:`AnnotationError` (a ``ValueError``) with a message meant for the user.
No Textual import: the UI, the CLI and the export all use this module.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.anchors import TextPositionSelector, TextQuoteSelector, quote_selector, reanchor
from newsreader.store import Library, now
from newsreader.tags import tag_key

MAX_TAG_LENGTH = 64
_SPACES = re.compile(r"\s+")
_COLUMNS = (
    'a.id, a.article_id, a.article_version, a.start, a."end", a.exact, a.prefix, '
    "a.suffix, a.note, a.orphaned, a.created, a.updated, "
    "(SELECT json_group_array(label) FROM (SELECT label FROM annotation_tags "
    "WHERE annotation_id = a.id ORDER BY rowid))"
)
_ARTICLE_ORDER = "articles.date, articles.source, articles.title, articles.id"
_READING_ORDER = 'a.orphaned, a.start, a."end", a.created, a.id'


class AnnotationError(ValueError):
    """Input that cannot be saved; the message says why in one line."""


@dataclass(frozen=True)
class Annotation:
    """A tagged, annotated passage of one article.

    ``start``/``end`` are character offsets into the body of ``article_version``, which is
    the current body unless the annotation is ``orphaned`` (its passage could not be found
    again after the text changed; it then describes the version it was last placed in).
    ``tags`` are display labels, in the order the reader gave them.
    """

    id: str
    article_id: str
    article_version: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    tags: list[str]
    note: str
    orphaned: bool
    created: str
    updated: str


@dataclass(frozen=True)
class ListedAnnotation(Annotation):
    """An annotation with the article it belongs to named, for lists across the library."""

    article_title: str
    article_source: str


@dataclass(frozen=True)
class ArticleSummary:
    """What the reader added to one article, for the library table."""

    article_id: str
    tags: list[str]
    """The article's own tags (display labels)."""
    annotation_count: int
    orphaned_count: int
    annotation_tags: dict[str, int]
    """Tags used on the article's annotations, each with how many annotations carry it."""
    has_note: bool


# ---------------------------------------------------------------------------- tags


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


# ---------------------------------------------------------------------------- annotations


def create(
    library: Library, article_id: str, start: int, end: int, tags: Iterable[str] = (), note: str = ""
) -> Annotation:
    """Annotate ``body[start:end]`` of an article and save it at once.

    Whitespace at the edges of the selection is left out. The passage and 32 characters
    of context either side are saved with the offsets, so the passage can be found again
    if the article's text changes.
    """
    labels = clean_tags(tags)
    note = _check_note(note)
    stamp = now()
    with library.transaction():  # read and write under one lock: a re-import cannot slip between
        row = library.conn.execute(
            "SELECT body, version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise AnnotationError(f"no article {article_id} in the library")
        body, version = row
        start, end = _trimmed_range(body, start, end)
        quote = quote_selector(body, start, end)
        annotation = Annotation(
            id=secrets.token_hex(8),
            article_id=article_id,
            article_version=version,
            start=start,
            end=end,
            exact=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            tags=labels,
            note=note,
            orphaned=False,
            created=stamp,
            updated=stamp,
        )
        library.conn.execute(
            'INSERT INTO annotations (id, article_id, article_version, start, "end", exact, prefix, '
            "suffix, note, orphaned, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            (
                annotation.id,
                article_id,
                version,
                start,
                end,
                quote.exact,
                quote.prefix,
                quote.suffix,
                note,
                stamp,
                stamp,
            ),
        )
        _write_tags(library, "annotation_tags", "annotation_id", annotation.id, labels)
    return annotation


def _trimmed_range(body: str, start: int, end: int) -> tuple[int, int]:
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
        raise AnnotationError(f"the selection {start}–{end} is not inside the article (0–{len(body)})")
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise AnnotationError("the selection holds no text")
    return start, end


def _check_note(note: str) -> str:
    if not isinstance(note, str):
        raise AnnotationError("a note must be text")
    return note


def update(
    library: Library, annotation_id: str, *, tags: Iterable[str] | None = None, note: str | None = None
) -> Annotation:
    """Replace an annotation's tags and/or note (``None`` leaves one as it is); save at once."""
    labels = clean_tags(tags) if tags is not None else None
    note = _check_note(note) if note is not None else None
    with library.transaction():
        if get(library, annotation_id) is None:
            raise AnnotationError(
                f"no annotation {annotation_id}; it may have been deleted in another window"
            )
        if note is not None:
            library.conn.execute("UPDATE annotations SET note = ? WHERE id = ?", (note, annotation_id))
        if labels is not None:
            _write_tags(library, "annotation_tags", "annotation_id", annotation_id, labels)
        library.conn.execute("UPDATE annotations SET updated = ? WHERE id = ?", (now(), annotation_id))
    updated = get(library, annotation_id)
    assert updated is not None
    return updated


def delete(library: Library, annotation_id: str) -> bool:
    """Delete an annotation with its tags; False if it was already gone."""
    with library.transaction():
        cursor = library.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
    return cursor.rowcount > 0


def get(library: Library, annotation_id: str) -> Annotation | None:
    rows = _query(library, f"SELECT {_COLUMNS} FROM annotations a WHERE a.id = ?", (annotation_id,))
    return rows[0] if rows else None


def for_article(library: Library, article_id: str, *, include_orphaned: bool = False) -> list[Annotation]:
    """An article's annotations in reading order.

    Orphaned ones are left out unless asked for: their offsets do not fit the current text.
    """
    where = "a.article_id = ?" + ("" if include_orphaned else " AND a.orphaned = 0")
    return _query(
        library,
        f"SELECT {_COLUMNS} FROM annotations a WHERE {where} ORDER BY {_READING_ORDER}",
        (article_id,),
    )


def in_library(library: Library, *, article_ids: Iterable[str] | None = None) -> list[ListedAnnotation]:
    """Annotations across the library, by article then in reading order, orphaned ones
    included; with ``article_ids``, those articles' only. The lists filter them with
    :func:`newsreader.listing.filter_annotations`."""
    where, params = "", []
    if article_ids is not None:
        params = sorted(set(article_ids))
        where = f"WHERE a.article_id IN ({', '.join('?' * len(params))})"
    return _query(
        library,
        f"SELECT {_COLUMNS}, articles.title, articles.source FROM annotations a "
        f"JOIN articles ON articles.id = a.article_id {where} "
        f"ORDER BY {_ARTICLE_ORDER}, {_READING_ORDER}",
        params,
    )


def _query(library: Library, sql: str, params: Iterable[object]) -> list:
    results = []
    for row in library.conn.execute(sql, [*params]):
        # id … suffix, note, orphaned, created, updated, tags as JSON, [title, source]
        fields = (*row[:8], json.loads(row[12]), row[8], bool(row[9]), row[10], row[11], *row[13:])
        results.append(ListedAnnotation(*fields) if len(row) > 13 else Annotation(*fields))
    return results


def _write_tags(library: Library, table: str, owner_column: str, owner: str, labels: list[str]) -> None:
    library.conn.execute(f"DELETE FROM {table} WHERE {owner_column} = ?", (owner,))
    library.conn.executemany(
        f"INSERT INTO {table} ({owner_column}, key, label) VALUES (?, ?, ?)",
        [(owner, tag_key(label), label) for label in labels],
    )


def reanchor_article(library: Library, article_id: str, old_body: str, new_body: str, version: int) -> None:
    """Re-anchor every annotation of an article whose body changed, or flag it orphaned.

    Called by the library inside the transaction that stores the new text, so the new body
    and the annotations' new places are committed together. Placed annotations get their new
    offsets, passage, context and ``version``; the others are flagged orphaned and keep what
    they had, which still describes them in the version they were made on.
    """
    rows = library.conn.execute(
        'SELECT id, start, "end", exact, prefix, suffix FROM annotations WHERE article_id = ?',
        (article_id,),
    ).fetchall()
    for annotation_id, start, end, exact, prefix, suffix in rows:
        place = reanchor(
            old_body, new_body, TextPositionSelector(start, end), TextQuoteSelector(exact, prefix, suffix)
        )
        if place is None:
            library.conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?", (annotation_id,))
            continue
        quote = quote_selector(new_body, *place)
        library.conn.execute(
            'UPDATE annotations SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
            "article_version = ?, orphaned = 0 WHERE id = ?",
            (*place, quote.exact, quote.prefix, quote.suffix, version, annotation_id),
        )


def _stamp_article(library: Library, article_id: str) -> None:
    """Note when the reader changed the article's own tags or note (for exports)."""
    stamp = now()
    library.conn.execute(
        "INSERT INTO article_changes (article_id, created, updated) VALUES (?, ?, ?) "
        "ON CONFLICT(article_id) DO UPDATE SET updated = excluded.updated",
        (article_id, stamp, stamp),
    )


# ---------------------------------------------------------------------------- articles


def set_article_tags(library: Library, article_id: str, tags: Iterable[str]) -> list[str]:
    """Replace an article's own tags; returns the labels saved."""
    labels = clean_tags(tags)
    with library.transaction():
        _require_article(library, article_id)
        _write_tags(library, "article_tags", "article_id", article_id, labels)
        _stamp_article(library, article_id)
    return labels


def article_tags(library: Library, article_id: str) -> list[str]:
    rows = library.conn.execute(
        "SELECT label FROM article_tags WHERE article_id = ? ORDER BY rowid", (article_id,)
    )
    return [label for (label,) in rows]


def set_article_note(library: Library, article_id: str, note: str) -> None:
    """Replace an article's note, kept exactly as written; an empty note removes it."""
    note = _check_note(note)
    stamp = now()
    with library.transaction():
        _require_article(library, article_id)
        if note:
            library.conn.execute(
                "INSERT INTO article_notes (article_id, note, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET note = excluded.note, updated = excluded.updated",
                (article_id, note, stamp, stamp),
            )
        else:
            library.conn.execute("DELETE FROM article_notes WHERE article_id = ?", (article_id,))
        _stamp_article(library, article_id)


def article_times(library: Library) -> dict[str, tuple[str, str]]:
    """Article id → when the reader first and last changed its own tags or note."""
    rows = library.conn.execute(
        """SELECT article_id, min(created), max(updated) FROM (
               SELECT article_id, created, updated FROM article_changes
               UNION ALL SELECT article_id, created, updated FROM article_notes)
           GROUP BY article_id"""
    )
    return {article_id: (created, updated) for article_id, created, updated in rows}


def article_note(library: Library, article_id: str) -> str:
    row = library.conn.execute(
        "SELECT note FROM article_notes WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else ""


def _require_article(library: Library, article_id: str) -> None:
    if library.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise AnnotationError(f"no article {article_id} in the library")


def summaries(library: Library) -> dict[str, ArticleSummary]:
    """Tags, annotation counts and note presence for every article that has any, in one query.

    One pass over the tag and annotation tables (indexed by article), so the library table
    stays fast with ten thousand articles. Articles with nothing added are absent.
    """
    rows = library.conn.execute(
        """SELECT article_id, 'tag', label, 0, rowid FROM article_tags
           UNION ALL
           SELECT a.article_id, 'annotation tag', min(t.label), count(*), min(t.rowid)
             FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id
             GROUP BY a.article_id, t.key
           UNION ALL
           SELECT article_id, 'annotations', '', count(*), sum(orphaned)
             FROM annotations GROUP BY article_id
           UNION ALL
           SELECT article_id, 'note', '', 1, 0 FROM article_notes
           ORDER BY 1, 2, 5"""
    )
    parts: dict[str, dict] = {}
    for article_id, kind, label, count, extra in rows:
        part = parts.setdefault(
            article_id, {"tags": [], "annotation_tags": {}, "count": 0, "orphaned": 0, "note": False}
        )
        if kind == "tag":
            part["tags"].append(label)
        elif kind == "annotation tag":
            part["annotation_tags"][label] = count
        elif kind == "annotations":
            part["count"], part["orphaned"] = count, extra
        else:
            part["note"] = True
    return {
        article_id: ArticleSummary(
            article_id, part["tags"], part["count"], part["orphaned"], part["annotation_tags"], part["note"]
        )
        for article_id, part in parts.items()
    }
