"""What the reader adds to a whole article (its own tags and note), and a summary per
article of everything added, for the library table.

Saved at once, as annotations are. No Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.notes.annotations import check_note
from newsreader.notes.tagging import AnnotationError, clean_tags, write_tags
from newsreader.store import Library, now


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


def _stamp_article(library: Library, article_id: str) -> None:
    """Note when the reader changed the article's own tags or note (for exports)."""
    stamp = now()
    library.conn.execute(
        "INSERT INTO article_changes (article_id, created, updated) VALUES (?, ?, ?) "
        "ON CONFLICT(article_id) DO UPDATE SET updated = excluded.updated",
        (article_id, stamp, stamp),
    )


def set_article_tags(library: Library, article_id: str, tags: Iterable[str]) -> list[str]:
    """Replace an article's own tags; returns the labels saved."""
    labels = clean_tags(tags)
    with library.transaction():
        _require_article(library, article_id)
        write_tags(library, "article_tags", "article_id", article_id, labels)
        _stamp_article(library, article_id)
    return labels


def article_tags(library: Library, article_id: str) -> list[str]:
    rows = library.conn.execute(
        "SELECT label FROM article_tags WHERE article_id = ? ORDER BY rowid", (article_id,)
    )
    return [label for (label,) in rows]


def set_article_note(library: Library, article_id: str, note: str) -> None:
    """Replace an article's note, kept exactly as written; an empty note removes it."""
    note = check_note(note)
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
