"""Notes as rows for analysis: CSV (spreadsheets, pandas, R) and JSON Lines.

One row per annotation; an article's own tags and note are a row too, with an empty
passage and no offsets, so nothing the reader added is missing from the table.
"""

from __future__ import annotations

import csv
import io
import json

from newsreader.export.selection import Selection
from newsreader.textlayout import json_controls_escaped

COLUMNS = (
    "article_id",
    "title",
    "source",
    "date",
    "url",
    "passage",
    "start",
    "end",
    "tags",
    "note",
    "created",
    "modified",
)
TAG_SEPARATOR = ";"


def rows(selection: Selection) -> list[dict[str, object]]:
    """The table as dicts in ``COLUMNS`` order; ``start``/``end`` are ``None`` for an
    article's own row and for an orphaned passage (its offsets no longer fit the text)."""
    out: list[dict[str, object]] = []
    for article in selection.articles:
        info = article.info
        common = {
            "article_id": info.id,
            "title": info.title,
            "source": info.source,
            "date": info.date,
            "url": info.url,
        }
        if article.tags or article.note:
            out.append(
                {
                    **common,
                    "passage": "",
                    "start": None,
                    "end": None,
                    "tags": article.tags,
                    "note": article.note,
                    "created": article.created,
                    "modified": article.modified,
                }
            )
        for annotation in article.annotations:
            placed = not annotation.orphaned
            out.append(
                {
                    **common,
                    "passage": annotation.exact,
                    "start": annotation.start if placed else None,
                    "end": annotation.end if placed else None,
                    "tags": annotation.tags,
                    "note": annotation.note,
                    "created": annotation.created,
                    "modified": annotation.updated,
                }
            )
    return out


def to_csv(selection: Selection) -> str:
    """UTF-8 CSV with a header; fields with commas, quotes or line breaks are quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; a lone \r in a field is then quoted too
    writer.writerow(COLUMNS)
    for row in rows(selection):
        cells = {**row, "tags": TAG_SEPARATOR.join(row["tags"])}  # type: ignore[arg-type]
        writer.writerow(["" if cells[column] is None else cells[column] for column in COLUMNS])
    return buffer.getvalue()


def to_jsonl(selection: Selection) -> str:
    """One JSON object a line, tags as a list and missing offsets as ``null``."""
    return "".join(
        json_controls_escaped(json.dumps(row, ensure_ascii=False)) + "\n" for row in rows(selection)
    )
