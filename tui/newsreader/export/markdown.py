"""Notes as Markdown that renders literally wherever it is pasted: drafts, wikis, Obsidian.

Article text and the reader's words are escaped so that nothing in them becomes Markdown
syntax (emphasis, links, HTML, headings, block ids, tags); the reader's own notes are kept
as written, inside a callout they cannot leave. Obsidian conventions: ``#tags``, ``^nr-…``
block ids after each passage, YAML front matter.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from newsreader.export.errors import ExportError
from newsreader.export.selection import ExportedArticle, Selection
from newsreader.notes import Annotation
from newsreader.store import ArticleInfo
from newsreader.tags import obsidian_tag, tag_key, tag_matcher
from newsreader.textlayout import display_text, json_controls_escaped, one_line

TITLE = "newsreader notes"
GROUPINGS = ("article", "tag")
UNTAGGED = "Untagged"


def to_markdown(selection: Selection, *, exported_at: str, group_by: str = "article") -> str:
    """The selection as Markdown with YAML front matter, grouped by article or by tag."""
    if group_by not in GROUPINGS:
        raise ExportError(f"cannot group by {group_by!r}: choose article or tag")
    lines = _front_matter(selection, exported_at) + [f"# {TITLE}", ""]
    if selection.is_empty:
        lines += [escape_inline(_sentence(selection.summary)), ""]
        return "\n".join(lines)
    lines += [escape_inline(_sentence(f"{selection.summary}, exported {exported_at}")), ""]
    if group_by == "article":
        for article in selection.articles:
            lines += _article_section(article, selection)
    else:
        lines += _tag_sections(selection)
    if selection.shared_quotes:
        lines += ["## Shared quotes", ""]
        for quote in selection.shared_quotes:
            lines += block_quote(quote.text)
            said = f"— {quote.speaker} · " if quote.speaker else ""
            lines += [
                escape_inline(said) + escape_inline(", ".join(selection.sources(quote.article_ids))),
                "",
            ]
    return "\n".join(lines)


def _front_matter(selection: Selection, exported_at: str) -> list[str]:
    tags = [obsidian_tag(label) or label for label in selection.tags]
    return [
        "---",
        f"title: {json.dumps(TITLE)}",
        f"exported: {json.dumps(exported_at)}",
        f"articles: {len(selection.articles)}",
        f"annotations: {selection.annotation_count}",
        f"shared_quotes: {len(selection.shared_quotes)}",
        f"tags: [{json_controls_escaped(', '.join(json.dumps(tag, ensure_ascii=False) for tag in tags))}]",
        "---",
        "",
    ]


def _article_section(article: ExportedArticle, selection: Selection) -> list[str]:
    info = article.info
    lines = [f"## {escape_inline(info.title) or 'Untitled'}", "", byline(info), ""]
    if article.tags:
        lines += [hashtags(article.tags), ""]
    if article.note:
        lines += note_callout(article.note)
    for annotation in article.annotations:
        lines += passage(annotation, info, also_in=_also_in(selection, annotation))
    return lines


def _tag_sections(selection: Selection) -> list[str]:
    """One section per tag; an annotation under several tags has its block id only once."""
    matches = tag_matcher(selection.tag_filter)
    sections: dict[str, tuple[str, list[ExportedArticle], list[Annotation]]] = {}

    def section(label: str | None) -> tuple[str, list[ExportedArticle], list[Annotation]]:
        # Untagged annotations get the key "", which no tag has, and come last.
        key = tag_key(label) if label else ""
        return sections.setdefault(key, (label or UNTAGGED, [], []))

    for article in selection.articles:
        for label in article.tags:
            if matches is None or matches(label):
                section(label)[1].append(article)
        for annotation in article.annotations:
            labels: list[str | None] = [t for t in annotation.tags if matches is None or matches(t)]
            for tag in labels or [None]:
                section(tag)[2].append(annotation)
    titled = {article.info.id: article.info for article in selection.articles}
    ordered = [sections[key] for key in sorted(sections, key=lambda key: (not key, key))]
    lines: list[str] = []
    seen: set[str] = set()
    for label, tagged_articles, tagged in ordered:
        lines += [f"## {escape_inline(label)}", ""]
        for article in tagged_articles:
            lines += [f"**{escape_inline(article.info.title) or 'Untitled'}** · {byline(article.info)}", ""]
            if article.note:
                lines += note_callout(article.note)
        for annotation in tagged:
            lines += passage(
                annotation,
                titled[annotation.article_id],
                named=True,
                block_id=annotation.id not in seen,
                also_in=_also_in(selection, annotation),
            )
            seen.add(annotation.id)
    return lines


def passage(
    annotation: Annotation,
    info: ArticleInfo,
    *,
    block_id: bool = True,
    named: bool = False,
    also_in: str = "",
) -> list[str]:
    """One annotated passage: the words as a block quote, its block id, a link to the
    passage on the live page, tags, note, and ``also_in`` (Markdown) for a shared quote."""
    lines = block_quote(annotation.exact)
    if block_id:
        lines += [f"^nr-{annotation.id}", ""]
    if named:
        lines += [f"From *{escape_inline(info.title) or 'Untitled'}* · {byline(info)}", ""]
    link = text_fragment_link(info.url, annotation.exact)
    if link and not annotation.orphaned:
        lines += [f"[Open at this passage](<{link}>)", ""]
    if annotation.tags:
        lines += [hashtags(annotation.tags), ""]
    if annotation.note:
        lines += note_callout(annotation.note)
    if also_in:
        lines += [f"Shared quote, also in: {also_in}.", ""]
    if annotation.orphaned:
        lines += [
            f"*Orphaned: this passage is no longer in the article's current text "
            f"(annotated in version {annotation.article_version}).*",
            "",
        ]
    return lines


def _also_in(selection: Selection, annotation: Annotation) -> str:
    return escape_inline(", ".join(selection.sources(selection.also_in.get(annotation.id, ()))))


_FRAGMENT_WORDS = 5
"""A longer passage is linked by its first and last words (``text=start,end``)."""


def text_fragment_link(url: str, exact: str) -> str:
    """``url#:~:text=…``: a link that opens the live page scrolled to the passage and
    highlights it (URL Fragment Text Directives); "" for a page with no web address."""
    if not _SAFE_URL.match(url):
        return ""
    words = exact.split()
    if not words:
        return ""
    if len(words) <= 2 * _FRAGMENT_WORDS:
        directive = _fragment_part(" ".join(words))
    else:
        directive = (
            _fragment_part(" ".join(words[:_FRAGMENT_WORDS]))
            + ","
            + _fragment_part(" ".join(words[-_FRAGMENT_WORDS:]))
        )
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


def _fragment_part(text: str) -> str:
    # The directive's own syntax (``-``, ``,``, ``&``) must be percent-encoded in the text.
    return urllib.parse.quote(text, safe="").replace("-", "%2D")


def citation(passage: str, info: ArticleInfo) -> str:
    """A passage as a Markdown citation, for the clipboard: block quote, then where it is from.

    Escaped like the export, so whatever the article says pastes as the quoted words.
    """
    title = f"*{escape_inline(info.title)}*" if info.title.strip() else ""
    source = ", ".join(part for part in (escape_inline(info.source), title, escape_inline(info.date)) if part)
    return "\n".join(block_quote(passage) + [f"— {source}" if source else "—", ""])


def byline(info: ArticleInfo) -> str:
    parts = [escape_inline(part) for part in (info.source, info.date) if part]
    if _SAFE_URL.match(info.url):
        parts.append(f"<{info.url}>")
    elif info.url or info.path:
        parts.append(escape_inline(info.url or info.path))
    return " · ".join(parts)


def hashtags(labels: list[str]) -> str:
    return " ".join(f"#{slug}" if (slug := obsidian_tag(label)) else escape_inline(label) for label in labels)


def note_callout(note: str) -> list[str]:
    """The reader's Markdown as written, inside a note callout it cannot get out of.

    Every line carries the ``>`` marker, so nothing in the note (an unclosed code fence,
    an HTML block, a heading, ``---``) can end the callout or reach the text after it.
    Control characters are made visible, and a line ending like a block id (``^nr-…``)
    has its ``^`` escaped, so a note cannot name itself as an annotation's block.
    """
    lines = [_BLOCK_ID_AT_END.sub(r"\\\1", display_text(line)) for line in _LINE_BREAK.split(note)]
    while lines and not lines[-1].strip():
        lines.pop()
    return ["> [!NOTE]"] + [f"> {line}" if line else ">" for line in lines] + [""]


def block_quote(text: str) -> list[str]:
    """Article text as a block quote that renders literally and cannot be left early."""
    quoted = []
    for line in _LINE_BREAK.split(text):
        line = _escape_line_start(escape_inline(line.strip()))
        quoted.append(f"> {line}" if line else ">")
    return quoted + [""]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Obsidian reads ``^id`` ending a line (after a space, or alone) as the block's id.
_BLOCK_ID_AT_END = re.compile(r"(?:(?<=\s)|^)(\^[A-Za-z0-9-]+)\s*$")
_SAFE_URL = re.compile(r"^https?://[^\s<>\\`]+$")
_ALWAYS_ESCAPED = frozenset("\\`*_[]<>#|~$^")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])")


def escape_inline(text: str) -> str:
    """Backslash-escape what Markdown (CommonMark, GFM, Obsidian) would read as syntax.

    Emphasis, code, links, HTML, headings, tables, strikethrough, math, block ids and
    tags always; ``&`` only before an entity, ``=`` and ``%`` only doubled (highlight,
    comment), so ordinary prose stays readable in the source. Control characters are
    made visible, as on screen.
    """
    text = one_line(" ".join(_LINE_BREAK.split(text)))
    out = []
    for index, char in enumerate(text):
        if (
            char in _ALWAYS_ESCAPED
            or (char == "&" and _ENTITY.match(text, index))
            or (char in "=%" and char in (text[index - 1 : index], text[index + 1 : index + 2]))
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _escape_line_start(line: str) -> str:
    """Escape what only matters at the start of a line: list markers and setext underlines."""
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    return _ORDERED_ITEM.sub(r"\1\\\2", line, count=1)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
