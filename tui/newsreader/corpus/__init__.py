"""Turn article files (plain text, Markdown, HTML) and web pages into clean bodies with
metadata.

Everything later (quote offsets, annotation anchors, full-text search) refers to the
cleaned ``body`` this package produces, so cleaning happens exactly once, here. Its
parts: ``files`` (finding and safely reading files), ``decode`` (bytes to text),
``text`` (cleaning and paragraphs), ``frontmatter`` (YAML headers), ``plain`` (the
header of a plain-text scrape), ``html`` (web pages, by trafilatura), ``dates`` (ISO
8601). No Textual import; the parsers' libraries load only when a file needs them.
"""

from __future__ import annotations

from newsreader.corpus.article import Article, CorpusError, content_id
from newsreader.corpus.decode import _control_ratio, decode  # noqa: F401 (its old home's name)
from newsreader.corpus.files import MAX_BYTES, SUFFIXES, iter_article_files, read_bytes
from newsreader.corpus.loader import load_file, load_files, load_paths, page_article, parse_text

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Article",
    "CorpusError",
    "content_id",
    "decode",
    "iter_article_files",
    "load_file",
    "load_files",
    "load_paths",
    "page_article",
    "parse_text",
    "read_bytes",
]
