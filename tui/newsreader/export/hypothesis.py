"""Notes in the shape Hypothesis's API takes for a new annotation (``POST /api/annotations``),
one object per annotation, so a short script can post them to a Hypothesis account."""

from __future__ import annotations

import json

from newsreader.export.selection import Selection
from newsreader.export.webanno import selectors, source_iri
from newsreader.textlayout import json_controls_escaped


def to_hypothesis(selection: Selection) -> str:
    """A JSON list; each object has ``uri``, ``document.title``, ``text`` (the note, in
    Markdown), ``tags`` and a ``target`` with its source and TextQuote/TextPosition
    selectors. An article's own tags and note become a page note (a target with no
    selector). ``group`` and ``permissions`` are left to the poster (Hypothesis then uses
    the public group)."""
    items: list[dict[str, object]] = []
    for article in selection.articles:
        uri = source_iri(article.info)
        document = {"title": [article.info.title]} if article.info.title else {}
        if article.tags or article.note:
            items.append(
                {
                    "uri": uri,
                    "document": document,
                    "text": article.note,
                    "tags": article.tags,
                    "target": [{"source": uri}],
                }
            )
        for annotation in article.annotations:
            items.append(
                {
                    "uri": uri,
                    "document": document,
                    "text": annotation.note,
                    "tags": annotation.tags,
                    "target": [{"source": uri, "selector": selectors(annotation)}],
                }
            )
    return json_controls_escaped(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"
