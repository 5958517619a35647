"""What one export holds: the articles the reader added something to, their passages,
tags and notes, and the quotes they share, gathered once for every format."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsreader import notes
from newsreader.corpus.article import known_source
from newsreader.export.errors import ExportError
from newsreader.notes import Annotation
from newsreader.quotes.model import QuoteGroup
from newsreader.store import ArticleInfo, Library
from newsreader.tags import tag_key, tag_matcher

NOTHING = "Nothing to export"


@dataclass(frozen=True)
class ExportedArticle:
    info: ArticleInfo
    tags: list[str]
    note: str
    annotations: list[Annotation]
    created: str
    """When the reader first tagged or noted the article itself ("" if never)."""
    modified: str


@dataclass(frozen=True)
class SharedQuote:
    text: str
    speaker: str
    article_ids: list[str]
    """Every article printing it, ordered by how it is named."""


@dataclass(frozen=True)
class Selection:
    """What one export holds, already filtered and in document order."""

    articles: list[ExportedArticle]
    shared_quotes: list[SharedQuote]
    also_in: dict[str, list[str]]
    """Annotation id → the other articles printing the shared quote it is on."""
    tag_filter: list[str]
    names: dict[str, str]
    """Article id → how a list of sources names it, for every article mentioned."""

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
                f" match {wanted}" if wanted else " yet"
            )
        return f"{count(len(self.articles), 'article')}, {count(self.annotation_count, 'annotation')}"

    @property
    def tags(self) -> list[str]:
        """Every tag in the export (one spelling per tag), sorted."""
        labels: dict[str, str] = {}
        for article in self.articles:
            for label in article.tags + [t for a in article.annotations for t in a.tags]:
                labels.setdefault(tag_key(label), label)
        return [labels[key] for key in sorted(labels)]

    def sources(self, article_ids: Iterable[str]) -> list[str]:
        """The names of ``article_ids``, once each, in name order."""
        return sorted({self.names[article_id] for article_id in article_ids}, key=_by_name)

    def quotes_of(self, article_id: str) -> list[SharedQuote]:
        return [quote for quote in self.shared_quotes if article_id in quote.article_ids]


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def select(
    library: Library,
    *,
    tags: Iterable[str] = (),
    article_ids: Iterable[str] = (),
    quote_groups: Iterable[QuoteGroup] = (),
) -> Selection:
    """Gather the articles, annotations and shared quotes to export.

    With ``tags``, keeps annotations carrying a tag one of them finds (as the filters find
    tags: :func:`newsreader.tags.tag_matcher`) and articles whose own tags match or that
    keep an annotation. With ``article_ids``, keeps those articles (an unknown id is an error).
    Articles the reader added nothing to are left out.
    """
    wanted_tags = [tag for tag in tags if tag.strip()]
    wanted_ids = list(dict.fromkeys(article_ids))
    infos = {info.id: info for info in library.articles()}
    unknown = [article_id for article_id in wanted_ids if article_id not in infos]
    if unknown:
        raise ExportError(f"no article {unknown[0]} in the library (newsreader list shows the ids)")
    matches = tag_matcher(wanted_tags)
    by_article: dict[str, list[Annotation]] = {}
    for annotation in notes.in_library(library, article_ids=wanted_ids or None):
        if matches is None or any(matches(tag) for tag in annotation.tags):
            by_article.setdefault(annotation.article_id, []).append(annotation)
    times = notes.article_times(library)
    exported = []
    for article_id, summary in notes.summaries(library).items():
        if wanted_ids and article_id not in wanted_ids:
            continue
        kept = by_article.get(article_id, [])
        article_matches = (
            any(matches(tag) for tag in summary.tags) if matches else bool(summary.tags or summary.has_note)
        )
        if kept or article_matches:
            note = notes.article_note(library, article_id) if summary.has_note else ""
            created, modified = times.get(article_id, ("", ""))
            exported.append(ExportedArticle(infos[article_id], summary.tags, note, kept, created, modified))
    exported.sort(key=lambda a: (not a.info.date, a.info.date, a.info.source, a.info.title, a.info.id))
    names = {article_id: source_name(info) for article_id, info in infos.items()}
    shared, also_in = _shared_quotes(exported, names, list(quote_groups))
    return Selection(exported, shared, also_in, wanted_tags, names)


def _shared_quotes(
    exported: list[ExportedArticle], names: dict[str, str], groups: list[QuoteGroup]
) -> tuple[list[SharedQuote], dict[str, list[str]]]:
    in_export = {article.info.id for article in exported}
    placed = {article.info.id: [a for a in article.annotations if not a.orphaned] for article in exported}
    shared: list[SharedQuote] = []
    also_in: dict[str, set[str]] = {}
    for group in groups:
        if group.kind != "quote":  # wire passages are not quotes anyone said
            continue
        article_ids = {member.article_id for member in group.members if member.article_id in names}
        if len(article_ids) < 2 or not article_ids & in_export:
            continue
        ordered = sorted(article_ids, key=lambda article_id: (_by_name(names[article_id]), article_id))
        shared.append(SharedQuote(group.text, group.speaker, ordered))
        for member in group.members:
            for annotation in placed.get(member.article_id, ()):
                if annotation.start < member.end and member.start < annotation.end:
                    also_in.setdefault(annotation.id, set()).update(
                        i for i in article_ids if i != annotation.article_id
                    )
    shared.sort(key=lambda quote: (-len({names[i] for i in quote.article_ids}), quote.text, quote.speaker))
    return shared, {key: sorted(ids, key=lambda i: (_by_name(names[i]), i)) for key, ids in also_in.items()}


def _by_name(name: str) -> tuple[str, str]:
    return name.casefold(), name


def source_name(info: ArticleInfo) -> str:
    """How an article is named in a list of sources: its outlet, else its title, so two
    articles of unknown source are never merged into one "unknown"."""
    return known_source(info.source) or (f"“{info.title}”" if info.title else info.id)
