"""What the reader adds to articles: annotations (``annotations``), an article's own tags
and note (``articles``), and the tags themselves (``tagging``), each saved the moment it is
made. The UI, the CLI and the export all use this package; no Textual import.
"""

from newsreader.notes.annotations import (
    Annotation,
    ListedAnnotation,
    create,
    delete,
    for_article,
    get,
    in_library,
    reanchor_article,
    update,
)
from newsreader.notes.articles import (
    ArticleSummary,
    article_note,
    article_tags,
    article_times,
    set_article_note,
    set_article_tags,
    summaries,
)
from newsreader.notes.tagging import (
    MAX_TAG_LENGTH,
    AnnotationError,
    clean_tags,
    format_tags,
    parse_tags,
    tags_in_use,
)

__all__ = [
    "MAX_TAG_LENGTH",
    "Annotation",
    "AnnotationError",
    "ArticleSummary",
    "ListedAnnotation",
    "article_note",
    "article_tags",
    "article_times",
    "clean_tags",
    "create",
    "delete",
    "for_article",
    "format_tags",
    "get",
    "in_library",
    "parse_tags",
    "reanchor_article",
    "set_article_note",
    "set_article_tags",
    "summaries",
    "tags_in_use",
    "update",
]
