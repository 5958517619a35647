"""Annotations: tagged, annotated passages of an article, saved the moment they are made.

Every change runs in its own short ``BEGIN IMMEDIATE`` transaction and is committed before
the function returns, so a reader killed right after saving loses nothing and a second
reader on the same library sees it on its next read. When an article's text changes the
library calls :func:`reanchor_article` in the same transaction. No Textual import.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.anchors import TextPositionSelector, TextQuoteSelector, quote_selector, reanchor
from newsreader.notes.tagging import AnnotationError, clean_tags, write_tags
from newsreader.store import Library, now

_COLUMNS = (
    'a.id, a.article_id, a.article_version, a.start, a."end", a.exact, a.prefix, '
    "a.suffix, a.note, a.orphaned, a.created, a.updated, "
    "(SELECT json_group_array(label) FROM (SELECT label FROM annotation_tags "
    "WHERE annotation_id = a.id ORDER BY rowid))"
)
_ARTICLE_ORDER = "articles.date, articles.source, articles.title, articles.id"
_READING_ORDER = 'a.orphaned, a.start, a."end", a.created, a.id'


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


def create(
    library: Library, article_id: str, start: int, end: int, tags: Iterable[str] = (), note: str = ""
) -> Annotation:
    """Annotate ``body[start:end]`` of an article and save it at once.

    Whitespace at the edges of the selection is left out. The passage and 32 characters
    of context either side are saved with the offsets, so the passage can be found again
    if the article's text changes.
    """
    labels = clean_tags(tags)
    note = check_note(note)
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
        write_tags(library, "annotation_tags", "annotation_id", annotation.id, labels)
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


def check_note(note: str) -> str:
    if not isinstance(note, str):
        raise AnnotationError("a note must be text")
    return note


def update(
    library: Library, annotation_id: str, *, tags: Iterable[str] | None = None, note: str | None = None
) -> Annotation:
    """Replace an annotation's tags and/or note (``None`` leaves one as it is); save at once."""
    labels = clean_tags(tags) if tags is not None else None
    note = check_note(note) if note is not None else None
    with library.transaction():
        if get(library, annotation_id) is None:
            raise AnnotationError(
                f"no annotation {annotation_id}; it may have been deleted in another window"
            )
        if note is not None:
            library.conn.execute("UPDATE annotations SET note = ? WHERE id = ?", (note, annotation_id))
        if labels is not None:
            write_tags(library, "annotation_tags", "annotation_id", annotation_id, labels)
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
