"""The coverage of one story as a report: Markdown (the quote-fidelity report a
fact-checker files: the table, then every reworded quote version by version with the
differing words marked), CSV (a row per quote and article, for pandas or a spreadsheet)
and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from newsreader.corpus.article import ArticleFacts
from newsreader.export.markdown import escape_inline
from newsreader.export.selection import source_name
from newsreader.stories.coverage import Cell, Coverage, Row
from newsreader.textlayout import clip, json_controls_escaped

FORMATS = ("md", "csv", "json")
CSV_COLUMNS = (
    "story",
    "quote_id",
    "kind",
    "article_id",
    "source",
    "date",
    "status",
    "text",
    "differing_words",
    "speaker",
)
SYMBOLS = {"full": "●", "part": "◐", "altered": "✎", "absent": "·"}
LEGEND = "● in full · ◐ in part · ✎ altered (words differ) · · not printed"


def render(report: Coverage, facts: Mapping[str, ArticleFacts], fmt: str = "md") -> str:
    if fmt == "csv":
        return to_csv(report, facts)
    if fmt == "json":
        return to_json(report, facts)
    return to_markdown(report, facts)


def to_json(report: Coverage, facts: Mapping[str, ArticleFacts]) -> str:
    document = {
        "story": report.story.to_json(),
        "articles": [
            {"id": i, "source": facts[i].source, "title": facts[i].title, "date": facts[i].date}
            for i in report.articles
        ],
        "rows": [
            {
                "group_id": row.group_id,
                "kind": row.kind,
                "text": row.text,
                "speaker": row.speaker,
                "speakers": list(row.speakers),
                "fullest": row.fullest,
                "cells": [
                    {
                        "article_id": cell.article_id,
                        "status": cell.status,
                        "text": cell.text,
                        "differing_words": list(cell.differing),
                        "speaker": cell.speaker,
                    }
                    for cell in row.cells
                ],
            }
            for row in report.rows
        ],
        "timeline": [
            {
                "article_id": line.article_id,
                "date": line.date,
                "source": line.source,
                "copied_from": line.copied_from,
            }
            for line in report.timeline
        ],
    }
    return json_controls_escaped(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_csv(report: Coverage, facts: Mapping[str, ArticleFacts]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        for cell in row.cells:
            info = facts[cell.article_id]
            writer.writerow(
                [
                    report.story.id,
                    row.group_id,
                    row.kind,
                    cell.article_id,
                    info.source,
                    info.date,
                    cell.status,
                    cell.text,
                    ";".join(cell.differing),
                    _speaker(row, cell),
                ]
            )
    return buffer.getvalue()


def to_markdown(report: Coverage, facts: Mapping[str, ArticleFacts]) -> str:
    story = report.story
    names = {i: escape_inline(source_name(facts[i])) for i in report.articles}  # type: ignore[arg-type]
    span = " to ".join(dict.fromkeys(d for d in (story.first, story.last) if d))
    lines = [
        f"# {escape_inline(story.title)}",
        "",
        escape_inline(
            f"Story {story.id} · {len(story.articles)} articles"
            + (f" · {span}" if span else "")
            + (f" · {', '.join(story.sources)}" if story.sources else "")
        ),
        "",
    ]
    if report.rows:
        lines += ["## Coverage", "", escape_inline(LEGEND), ""]
        header = (
            ["Quote"]
            + [
                f"{escape_inline(clip(source_name(facts[i]), 24))} "  # type: ignore[arg-type]
                f"({escape_inline(facts[i].date[:10]) or 'undated'})"
                for i in report.articles
            ]
        )
        lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for row in report.rows:
            label = clip(" ".join(row.text.split()), 60) + (f" — {said_by(row)}" if row.speakers else "")
            if row.kind == "passage":
                label = f"(passage) {label}"
            lines.append(
                "| " + " | ".join([escape_inline(label)] + [SYMBOLS[c.status] for c in row.cells]) + " |"
            )
        lines.append("")
    else:
        lines += ["No quote or passage is shared by two of its articles.", ""]
    reworded = [row for row in report.rows if row.reworded]
    if reworded:
        lines += ["## Wording that differs", ""]
        for row in reworded:
            lines += _versions(row, names)
    lines += ["## Timeline", ""]
    for line in report.timeline:
        took = f" · shares wire copy with {names[line.copied_from]}" if line.copied_from else ""
        lines.append(
            f"- {escape_inline(line.date or 'undated')} · {names[line.article_id]}"
            f" · {escape_inline(facts[line.article_id].title)}{took}"
        )
    return "\n".join(lines + [""])


def _versions(row: Row, names: Mapping[str, str]) -> list[str]:
    said = f" — {escape_inline(said_by(row))}" if row.speakers else ""
    lines = [f"### {escape_inline(clip(' '.join(row.text.split()), 80))}{said}", ""]
    for cell in row.cells:
        if cell.status == "absent":
            continue
        lines.append(f"- **{names[cell.article_id]}** ({cell.status}): {_marked(cell.text, cell.differing)}")
    return lines + [""]


def said_by(row: Row) -> str:
    """The speaker's names, the fullest first: "Baltimore Mayor Brandon Scott / Scott"."""
    return " / ".join(row.speakers)


def _speaker(row: Row, cell: Cell) -> str:
    """The CSV's speaker: whom this article names, else whom most articles name."""
    return "" if cell.status == "absent" else cell.speaker or row.speaker


def _marked(text: str, differing: tuple[str, ...]) -> str:
    """The version, escaped, with each differing word in bold."""
    out, position = [], 0
    for word in differing:
        found = text.find(word, position)
        if found < 0 or not word.strip():
            continue
        out += [escape_inline(text[position:found]), f"**{escape_inline(word)}**"]
        position = found + len(word)
    return "".join(out + [escape_inline(text[position:])])
