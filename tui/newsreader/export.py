"""Notes leave newsreader as Markdown (drafts, wikis, Obsidian) or W3C Web Annotation JSON.

Three steps, each usable alone by the CLI and the export dialog: :func:`select` gathers
what to export from the library; :func:`render` (or :func:`to_markdown` /
:func:`to_web_annotation`) turns it into text, the same bytes for the same library apart
from the export time, which is a parameter; :func:`write_atomic` puts it on disk without
ever leaving half a file or overwriting one by accident. Problems raise
:class:`ExportError` with a one-line message. No Textual import.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Protocol, Sequence

from newsreader import annotations
from newsreader.anchors import TextPositionSelector, TextQuoteSelector
from newsreader.annotations import Annotation
from newsreader.store import ArticleInfo, Library
from newsreader.textlayout import display_text, json_controls_escaped, one_line

FORMATS = ("md", "json")
GROUPINGS = ("article", "tag")
TITLE = "newsreader notes"
NOTHING = "Nothing to export"
UNTAGGED = "Untagged"


class ExportError(Exception):
    """The export cannot be made or written; the message is one line meant for the user."""


class ExportExists(ExportError):
    """The target file exists and overwriting was not asked for (a dialog may offer to)."""


class QuoteMember(Protocol):
    article_id: str
    start: int
    end: int


class QuoteGroup(Protocol):
    """A quote several articles share, as the quote engine finds it."""

    text: str
    speaker: str
    members: Sequence[QuoteMember]


@dataclass(frozen=True)
class ExportedArticle:
    info: ArticleInfo
    tags: list[str]
    note: str
    annotations: list[Annotation]


@dataclass(frozen=True)
class SharedQuote:
    text: str
    speaker: str
    sources: list[str]


@dataclass(frozen=True)
class Selection:
    """What one export holds, already filtered and in document order."""

    articles: list[ExportedArticle]
    shared_quotes: list[SharedQuote]
    also_in: dict[str, list[str]]
    """Annotation id → the other sources carrying the shared quote it is on."""
    tag_filter: list[str]

    @property
    def annotation_count(self) -> int:
        return sum(len(article.annotations) for article in self.articles)

    @property
    def is_empty(self) -> bool:
        return not self.articles

    @property
    def summary(self) -> str:
        """One line for a status message: ``2 articles, 5 annotations`` or why it is empty."""
        if self.is_empty:
            wanted = ", ".join(f"“{tag}”" for tag in self.tag_filter)
            return f"{NOTHING.lower()}: no annotations, tags or notes" + (
                f" match {wanted}" if wanted else " yet")
        return (f"{_count(len(self.articles), 'article')}, "
                f"{_count(self.annotation_count, 'annotation')}")

    @property
    def tags(self) -> list[str]:
        """Every tag in the export (one spelling per tag), sorted."""
        labels: dict[str, str] = {}
        for article in self.articles:
            for label in article.tags + [t for a in article.annotations for t in a.tags]:
                labels.setdefault(annotations.tag_key(label), label)
        return [labels[key] for key in sorted(labels)]


# ---------------------------------------------------------------------------- selecting


def select(library: Library, *, tags: Iterable[str] = (), article_ids: Iterable[str] = (),
           quote_groups: Iterable[QuoteGroup] = ()) -> Selection:
    """Gather the articles, annotations and shared quotes to export.

    With ``tags``, keeps annotations carrying any of them (written as shown, case-folded,
    or in their ``#tag`` form) and articles whose own tags match or that keep an
    annotation. With ``article_ids``, keeps those articles (an unknown id is an error).
    Articles the reader added nothing to are left out.
    """
    wanted_tags = [tag for tag in tags if tag.strip()]
    wanted_ids = list(dict.fromkeys(article_ids))
    infos = {info.id: info for info in library.articles()}
    unknown = [article_id for article_id in wanted_ids if article_id not in infos]
    if unknown:
        raise ExportError(f"no article {unknown[0]} in the library (newsreader list shows the ids)")
    matches = _tag_matcher(wanted_tags)
    by_article: dict[str, list[Annotation]] = {}
    for annotation in annotations.all(library, article_ids=wanted_ids or None):
        if matches is None or any(matches(tag) for tag in annotation.tags):
            by_article.setdefault(annotation.article_id, []).append(annotation)
    exported = []
    for article_id, summary in annotations.summaries(library).items():
        if wanted_ids and article_id not in wanted_ids:
            continue
        kept = by_article.get(article_id, [])
        article_matches = any(matches(tag) for tag in summary.tags) if matches else bool(
            summary.tags or summary.has_note)
        if kept or article_matches:
            note = annotations.article_note(library, article_id) if summary.has_note else ""
            exported.append(ExportedArticle(infos[article_id], summary.tags, note, kept))
    exported.sort(key=lambda a: (not a.info.date, a.info.date, a.info.source, a.info.title, a.info.id))
    shared, also_in = _shared_quotes(exported, infos, list(quote_groups))
    return Selection(exported, shared, also_in, wanted_tags)


def _tag_matcher(wanted: list[str]) -> Callable[[str], bool] | None:
    """Whether a tag label is one of ``wanted``; None when nothing is wanted (keep all)."""
    if not wanted:
        return None
    keys = {annotations.tag_key(tag.lstrip("#")) for tag in wanted}
    slugs = {obsidian_tag(tag.lstrip("#")).casefold() for tag in wanted}

    def matches(label: str) -> bool:
        return annotations.tag_key(label) in keys or obsidian_tag(label).casefold() in slugs

    return matches


def _shared_quotes(exported: list[ExportedArticle], infos: dict[str, ArticleInfo],
                   groups: list[QuoteGroup]) -> tuple[list[SharedQuote], dict[str, list[str]]]:
    in_export = {article.info.id for article in exported}
    placed = {article.info.id: [a for a in article.annotations if not a.orphaned] for article in exported}
    shared: list[SharedQuote] = []
    also_in: dict[str, set[str]] = {}
    for group in groups:
        article_ids = {member.article_id for member in group.members if member.article_id in infos}
        if len(article_ids) < 2 or not article_ids & in_export:
            continue
        shared.append(SharedQuote(group.text, group.speaker,
                                  _names(infos[article_id] for article_id in article_ids)))
        for member in group.members:
            for annotation in placed.get(member.article_id, ()):
                if annotation.start < member.end and member.start < annotation.end:
                    others = (infos[i] for i in article_ids if i != annotation.article_id)
                    also_in.setdefault(annotation.id, set()).update(_names(others))
    shared.sort(key=lambda quote: (-len(quote.sources), quote.text, quote.speaker))
    return shared, {key: sorted(names, key=_by_name) for key, names in also_in.items()}


def _names(infos: Iterable[ArticleInfo]) -> list[str]:
    return sorted({_source_name(info) for info in infos}, key=_by_name)


def _by_name(name: str) -> tuple[str, str]:
    return name.casefold(), name


def _source_name(info: ArticleInfo) -> str:
    """How an article is named in a list of sources: its outlet, else its title, so two
    articles of unknown source are never merged into one "unknown"."""
    if info.source and info.source.casefold() != "unknown":
        return info.source
    return f"“{info.title}”" if info.title else info.id


# ---------------------------------------------------------------------------- Markdown


def to_markdown(selection: Selection, *, exported_at: str, group_by: str = "article") -> str:
    """The selection as Markdown with YAML front matter, grouped by article or by tag."""
    if group_by not in GROUPINGS:
        raise ExportError(f"cannot group by {group_by!r}: choose article or tag")
    lines = _front_matter(selection, exported_at) + [f"# {TITLE}", ""]
    if selection.is_empty:
        lines += [_escape_inline(_sentence(selection.summary)), ""]
        return "\n".join(lines)
    lines += [_escape_inline(_sentence(f"{selection.summary}, exported {exported_at}")), ""]
    if group_by == "article":
        for article in selection.articles:
            lines += _article_section(article, selection)
    else:
        lines += _tag_sections(selection)
    if selection.shared_quotes:
        lines += ["## Shared quotes", ""]
        for quote in selection.shared_quotes:
            lines += _block_quote(quote.text)
            said = f"— {quote.speaker} · " if quote.speaker else ""
            lines += [_escape_inline(said) + _escape_inline(", ".join(quote.sources)), ""]
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
    lines = [f"## {_escape_inline(info.title) or 'Untitled'}", "", _byline(info), ""]
    if article.tags:
        lines += [_hashtags(article.tags), ""]
    if article.note:
        lines += _note(article.note)
    for annotation in article.annotations:
        lines += _annotation(annotation, selection, block_id=True)
    return lines


def _tag_sections(selection: Selection) -> list[str]:
    """One section per tag; an annotation under several tags has its block id only once."""
    matches = _tag_matcher(selection.tag_filter)
    sections: dict[str, tuple[str, list[ExportedArticle], list[Annotation]]] = {}

    def section(label: str | None) -> tuple[str, list[ExportedArticle], list[Annotation]]:
        # Untagged annotations get the key "", which no tag has, and come last.
        key = annotations.tag_key(label) if label else ""
        return sections.setdefault(key, (label or UNTAGGED, [], []))

    for article in selection.articles:
        for label in article.tags:
            if matches is None or matches(label):
                section(label)[1].append(article)
        for annotation in article.annotations:
            labels = [t for t in annotation.tags if matches is None or matches(t)] or [None]
            for label in labels:
                section(label)[2].append(annotation)
    titled = {article.info.id: article.info for article in selection.articles}
    ordered = [sections[key] for key in sorted(sections, key=lambda key: (not key, key))]
    lines: list[str] = []
    seen: set[str] = set()
    for label, tagged_articles, tagged in ordered:
        lines += [f"## {_escape_inline(label)}", ""]
        for article in tagged_articles:
            lines += [f"**{_escape_inline(article.info.title) or 'Untitled'}** · {_byline(article.info)}", ""]
            if article.note:
                lines += _note(article.note)
        for annotation in tagged:
            info = titled[annotation.article_id]
            lines += _annotation(annotation, selection, block_id=annotation.id not in seen,
                                 named=info)
            seen.add(annotation.id)
    return lines


def _annotation(annotation: Annotation, selection: Selection, *, block_id: bool,
                named: ArticleInfo | None = None) -> list[str]:
    lines = _block_quote(annotation.exact)
    if block_id:
        lines += [f"^nr-{annotation.id}", ""]
    if named is not None:
        lines += [f"From *{_escape_inline(named.title) or 'Untitled'}* · {_byline(named)}", ""]
    if annotation.tags:
        lines += [_hashtags(annotation.tags), ""]
    if annotation.note:
        lines += _note(annotation.note)
    others = selection.also_in.get(annotation.id)
    if others:
        lines += [_escape_inline(f"Shared quote, also in: {', '.join(others)}."), ""]
    if annotation.orphaned:
        lines += [f"*Orphaned: this passage is no longer in the article's current text "
                  f"(annotated in version {annotation.article_version}).*", ""]
    return lines


def citation(passage: str, info: ArticleInfo) -> str:
    """A passage as a Markdown citation, for the clipboard: block quote, then where it is from.

    Escaped like the export, so whatever the article says pastes as the quoted words.
    """
    title = f"*{_escape_inline(info.title)}*" if info.title.strip() else ""
    source = ", ".join(part for part in (_escape_inline(info.source), title, _escape_inline(info.date))
                       if part)
    return "\n".join(_block_quote(passage) + [f"— {source}" if source else "—", ""])


def _byline(info: ArticleInfo) -> str:
    parts = [_escape_inline(part) for part in (info.source, info.date) if part]
    if _SAFE_URL.match(info.url):
        parts.append(f"<{info.url}>")
    elif info.url or info.path:
        parts.append(_escape_inline(info.url or info.path))
    return " · ".join(parts)


def _hashtags(labels: list[str]) -> str:
    return " ".join(f"#{slug}" if (slug := obsidian_tag(label)) else _escape_inline(label)
                    for label in labels)


def obsidian_tag(label: str) -> str:
    """A tag as Obsidian accepts it after ``#``: spaces and punctuation become hyphens."""
    chars = "".join(ch if ch.isalnum() or ch in "_-/" else "-" for ch in label)
    return re.sub(r"-{2,}", "-", chars).strip("-_/")


def _note(note: str) -> list[str]:
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


def _block_quote(text: str) -> list[str]:
    """Article text as a block quote that renders literally and cannot be left early."""
    quoted = []
    for line in _LINE_BREAK.split(text):
        line = _escape_line_start(_escape_inline(line.strip()))
        quoted.append(f"> {line}" if line else ">")
    return quoted + [""]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Obsidian reads ``^id`` ending a line (after a space, or alone) as the block's id.
_BLOCK_ID_AT_END = re.compile(r"(?:(?<=\s)|^)(\^[A-Za-z0-9-]+)\s*$")
_SAFE_URL = re.compile(r"^https?://[^\s<>\\`]+$")
_ALWAYS_ESCAPED = frozenset("\\`*_[]<>#|~$^")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])")


def _escape_inline(text: str) -> str:
    """Backslash-escape what Markdown (CommonMark, GFM, Obsidian) would read as syntax.

    Emphasis, code, links, HTML, headings, tables, strikethrough, math, block ids and
    tags always; ``&`` only before an entity, ``=`` and ``%`` only doubled (highlight,
    comment), so ordinary prose stays readable in the source. Control characters are
    made visible, as on screen.
    """
    text = one_line(" ".join(_LINE_BREAK.split(text)))
    out = []
    for index, char in enumerate(text):
        if (char in _ALWAYS_ESCAPED
                or (char == "&" and _ENTITY.match(text, index))
                or (char in "=%" and char in (text[index - 1:index], text[index + 1:index + 2]))):
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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# ---------------------------------------------------------------------------- JSON


def to_web_annotation(selection: Selection, *, exported_at: str) -> str:
    """The selection as a W3C Web Annotation collection (JSON-LD), with an embedded first page.

    Passage annotations carry a TextQuoteSelector and, unless orphaned (their offsets no
    longer fit the current text), a TextPositionSelector; offsets count characters of the
    article's cleaned text. An article's own tags and note target the whole article.
    """
    items = []
    for article in selection.articles:
        source = _source_iri(article.info)
        if article.tags or article.note:
            items.append(_article_item(article, source))
        items += [_passage_item(annotation, source) for annotation in article.annotations]
    collection: dict[str, object] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:newsreader:notes",
        "type": "AnnotationCollection",
        "label": TITLE if items else f"{TITLE}: {NOTHING.lower()}",
        "generated": exported_at,
        "total": len(items),
    }
    if items:
        collection["first"] = {"id": "urn:newsreader:notes:page1", "type": "AnnotationPage",
                               "startIndex": 0, "items": items}
    return json_controls_escaped(json.dumps(collection, ensure_ascii=False, indent=2)) + "\n"


def _source_iri(info: ArticleInfo) -> str:
    if info.url:
        return info.url
    path = Path(info.path)
    return path.as_uri() if path.is_absolute() else info.path


def _bodies(tags: list[str], note: str) -> list[dict[str, str]]:
    bodies = []
    if note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": note,
                       "format": "text/markdown"})
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    return bodies


def _motivated(item: dict[str, object], bodies: list[dict[str, str]]) -> dict[str, object]:
    item["motivation"] = bodies[0]["purpose"] if bodies else "highlighting"
    if bodies:
        item["body"] = bodies
    return item


def _passage_item(annotation: Annotation, source: str) -> dict[str, object]:
    selectors = [TextQuoteSelector(annotation.exact, annotation.prefix, annotation.suffix).to_json()]
    if not annotation.orphaned:
        selectors.append(TextPositionSelector(annotation.start, annotation.end).to_json())
    item: dict[str, object] = {
        "id": f"urn:newsreader:annotation:{annotation.id}",
        "type": "Annotation",
        "created": annotation.created,
        "modified": annotation.updated,
    }
    _motivated(item, _bodies(annotation.tags, annotation.note))
    item["target"] = {"source": source, "selector": selectors}
    return item


def _article_item(article: ExportedArticle, source: str) -> dict[str, object]:
    item: dict[str, object] = {"id": f"urn:newsreader:article:{article.info.id}", "type": "Annotation"}
    _motivated(item, _bodies(article.tags, article.note))
    item["target"] = {"source": source}
    return item


# ---------------------------------------------------------------------------- whole exports and files


def render(selection: Selection, fmt: str = "md", *, group_by: str = "article",
           exported_at: str | None = None) -> str:
    """The selection in ``fmt`` (``md`` or ``json``), stamped now unless ``exported_at`` is given."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose md or json")
    stamp = exported_at or datetime.now().astimezone().isoformat(timespec="seconds")
    if fmt == "json":
        return to_web_annotation(selection, exported_at=stamp)
    return to_markdown(selection, exported_at=stamp, group_by=group_by)


def default_filename(today: date, fmt: str = "md") -> str:
    """``newsreader-notes-2026-11-24.md``: a name that sorts by date in a folder."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose md or json")
    return f"newsreader-notes-{today.isoformat()}.{fmt}"


def write_atomic(path: Path | str, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` all at once: a temporary file beside it, then a rename.

    Readers of ``path`` see the old file or the new one, never a part. An existing file
    is only replaced with ``force`` (keeping its permissions); otherwise
    :class:`ExportExists`. Returns the path written.
    """
    path = Path(path).expanduser()
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not folder.exists():
        raise ExportError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a folder")
    existing = path.stat() if path.exists() else None
    if existing is not None and not force:
        raise ExportExists(f"{path}: already exists; not overwritten")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportError(f"{folder}: cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({error.strerror or error})") from None
    return path
