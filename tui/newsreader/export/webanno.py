"""Notes as a W3C Web Annotation collection (JSON-LD), the model annotation tools share.

Passage annotations carry a TextQuoteSelector and, unless orphaned (their offsets no
longer fit the current text), a TextPositionSelector; offsets count characters of the
article's cleaned text. An article's own tags and note target the whole article. Targets
are the article's web address, or a ``file://`` URI when it has none.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsreader import __version__
from newsreader.anchors import TextPositionSelector, TextQuoteSelector
from newsreader.export.markdown import TITLE
from newsreader.export.selection import NOTHING, ExportedArticle, Selection
from newsreader.notes import Annotation
from newsreader.store import ArticleInfo
from newsreader.textlayout import json_controls_escaped

SOFTWARE = {"id": "urn:newsreader", "type": "Software", "name": f"newsreader {__version__}"}
"""The agent that made and serialised every annotation: newsreader has no accounts."""


def to_web_annotation(selection: Selection, *, exported_at: str) -> str:
    items = []
    for article in selection.articles:
        source = source_iri(article.info)
        if article.tags or article.note:
            items.append(_article_item(article, source))
        items += [_passage_item(annotation, source) for annotation in article.annotations]
    collection: dict[str, object] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:newsreader:notes",
        "type": "AnnotationCollection",
        "label": TITLE if items else f"{TITLE}: {NOTHING.lower()}",
        "generator": SOFTWARE,
        "generated": exported_at,
        "total": len(items),
    }
    if items:
        collection["first"] = {
            "id": "urn:newsreader:notes:page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return json_controls_escaped(json.dumps(collection, ensure_ascii=False, indent=2)) + "\n"


def source_iri(info: ArticleInfo) -> str:
    """Where the article lives: its web address, else its file as a ``file://`` URI."""
    if info.url:
        return info.url
    path = Path(info.path)
    return path.as_uri() if path.is_absolute() else info.path


def selectors(annotation: Annotation) -> list[dict[str, object]]:
    found = [TextQuoteSelector(annotation.exact, annotation.prefix, annotation.suffix).to_json()]
    if not annotation.orphaned:
        found.append(TextPositionSelector(annotation.start, annotation.end).to_json())
    return found


def _bodies(tags: list[str], note: str) -> list[dict[str, str]]:
    bodies = []
    if note:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": note, "format": "text/markdown"}
        )
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    return bodies


def _item(
    item_id: str, created: str, modified: str, bodies: list[dict[str, str]], target: dict[str, object]
) -> dict[str, object]:
    item: dict[str, object] = {"id": item_id, "type": "Annotation"}
    if created:
        item["created"] = created
    if modified:
        item["modified"] = modified
    item["creator"] = SOFTWARE
    item["generator"] = SOFTWARE
    item["motivation"] = bodies[0]["purpose"] if bodies else "highlighting"
    if bodies:
        item["body"] = bodies
    item["target"] = target
    return item


def _passage_item(annotation: Annotation, source: str) -> dict[str, object]:
    return _item(
        f"urn:newsreader:annotation:{annotation.id}",
        annotation.created,
        annotation.updated,
        _bodies(annotation.tags, annotation.note),
        {"source": source, "selector": selectors(annotation)},
    )


def _article_item(article: ExportedArticle, source: str) -> dict[str, object]:
    return _item(
        f"urn:newsreader:article:{article.info.id}",
        article.created,
        article.modified,
        _bodies(article.tags, article.note),
        {"source": source},
    )
