"""What `newsreader quotes` prints: the JSON document, the table rows and the rows for
analysis (CSV, JSON Lines).

Kept apart from the engine so the engine stays free of output concerns, and
apart from the CLI so the shapes can be tested on their own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Protocol

from newsreader.corpus.article import ArticleFacts, known_source
from newsreader.textlayout import clip

from .model import QuoteGroup

__all__ = [
    "MEMBER_COLUMNS",
    "json_text",
    "member_rows",
    "quotes_json",
    "table_rows",
    "to_csv",
    "to_jsonl",
]

MEMBER_COLUMNS = (
    "group_id",
    "kind",
    "quote",
    "speaker",
    "article_id",
    "source",
    "date",
    "start",
    "end",
    "text",
    "differing_words",
)


class ArticleLike(ArticleFacts, Protocol):
    """An article as a quote report names it, with where it came from."""

    @property
    def path(self) -> object: ...


def quotes_json(articles: Iterable[ArticleLike], groups: Iterable[QuoteGroup]) -> dict:
    """The documented JSON shape: the articles, and each group (its `kind`, "quote"
    or "passage") with its members' exact spans (`text == body[start:end]`) and the
    offsets of differing words."""
    return {
        "articles": [
            {"id": a.id, "title": a.title, "source": a.source, "date": a.date, "path": str(a.path)}
            for a in articles
        ],
        "groups": [
            {
                "id": g.id,
                "kind": g.kind,
                "text": g.text,
                "speaker": g.speaker,
                "articles": len(g.articles),
                "members": [
                    {
                        "article": m.article_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "diffs": [list(span) for span in m.diffs],
                    }
                    for m in g.members
                ],
            }
            for g in groups
        ],
    }


def member_rows(articles: Iterable[ArticleLike], groups: Iterable[QuoteGroup]) -> list[dict]:
    """One row per group member, for analysis (``MEMBER_COLUMNS``): the group, the
    article's version with its exact span, and the words that differ (a list)."""
    facts = {a.id: a for a in articles}
    rows = []
    for g in groups:
        for m in g.members:
            info = facts.get(m.article_id)
            rows.append(
                {
                    "group_id": g.id,
                    "kind": g.kind,
                    "quote": g.text,
                    "speaker": g.speaker,
                    "article_id": m.article_id,
                    "source": info.source if info else "",
                    "date": info.date if info else "",
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "differing_words": [m.text[a - m.start : b - m.start] for a, b in m.diffs],
                }
            )
    return rows


def to_csv(rows: list[dict]) -> str:
    """UTF-8 CSV with a header (RFC 4180 quoting); differing words separated by ";"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MEMBER_COLUMNS)
    for row in rows:
        cells = {**row, "differing_words": ";".join(row["differing_words"])}
        writer.writerow([cells[column] for column in MEMBER_COLUMNS])
    return buffer.getvalue()


def to_jsonl(rows: list[dict]) -> str:
    """One JSON object a line, the differing words as a list."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def json_text(document: dict) -> str:
    """`quotes_json`'s document as text: one article or group per line, encoded by
    the C encoder (an indented dump is many times slower on a large library)."""

    def lines(key: str) -> str:
        items = document[key]
        if not items:
            return f'"{key}": []'
        body = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
        return f'"{key}": [\n    {body}\n  ]'

    return "{\n  " + ",\n  ".join(lines(key) for key in document) + "\n}\n"


def table_rows(
    articles: Iterable[ArticleLike], groups: Iterable[QuoteGroup]
) -> list[tuple[str, str, str, str]]:
    """(quote, speaker, number of articles, sources) for each group; an article
    without a known source is named by the start of its title, in quotes."""
    label = {a.id: known_source(a.source) or _short_title(a) for a in articles}
    return [
        (
            g.text,
            g.speaker or "—",
            str(len(g.articles)),
            ", ".join(dict.fromkeys(label.get(a, a) for a in g.articles)),
        )
        for g in groups
    ]


def _short_title(article: ArticleLike, width: int = 24) -> str:
    title = clip(" ".join((article.title or article.id).split()), width)
    return f"“{title}”"
