"""What a filter box means, for the library list and the annotations list alike.

A filter is ``#tag`` terms, found with :mod:`newsreader.tags` (so ``#coa`` finds
"coast-guard" while it is typed), and words matched fuzzily (part of a word matches, a
typo or two allowed), the best matches first. The library list also takes a ``story:``
term. No Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsreader.listing.rows import Row
from newsreader.notes import ListedAnnotation
from newsreader.tags import finds, tag_forms, term_key

STORY_PREFIX = "story:"


def word_cutoff(word: str) -> float:
    """How alike (0-100) a word must be: exact for up to 3 letters, then one typo per word,
    two for words of 8 letters or more."""
    if len(word) <= 3:
        return 100.0
    edits = 1 if len(word) < 8 else 2
    return 100.0 - 100.0 * edits / len(word) - 0.5


def split_query(query: str) -> tuple[list[str], list[str]]:
    """``(tags, words)`` of a filter: ``#tag`` terms (as :func:`~newsreader.tags.term_key`)
    and the other words.

    A lone ``#`` (a tag still being typed) is ignored.
    """
    tags, words = [], []
    for term in query.split():
        if term.startswith("#"):
            if term.strip("#"):
                tags.append(term_key(term))
        else:
            words.append(term)
    return tags, words


def ranked(haystacks: Sequence[str], words: Sequence[str]) -> list[int]:
    """The indices of ``haystacks`` (already through rapidfuzz's ``default_process``) that
    every word matches, best first: ranked by the weakest word's score, ties in the order
    given. Each word is compared with rapidfuzz's partial ratio against
    :func:`word_cutoff`."""
    from rapidfuzz import fuzz, process, utils

    scores: dict[int, float] | None = None
    for word in words:
        matches = process.extract(
            utils.default_process(word),
            haystacks,
            scorer=fuzz.partial_ratio,
            limit=None,
            score_cutoff=word_cutoff(word),
        )
        found = {index: score for _, score, index in matches}
        scores = (
            found
            if scores is None
            else {index: min(score, found[index]) for index, score in scores.items() if index in found}
        )
    if scores is None:  # no words: every haystack, in order
        return list(range(len(haystacks)))
    return [index for index, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]


def split_story(query: str, story_ids: Iterable[str] = ()) -> tuple[str | None, list[str], str]:
    """``(story_id, title_words, rest)`` of a filter holding a ``story:`` term.

    ``story:ID`` names a story by its id (one of ``story_ids``), and the words after it
    are ordinary filter words; otherwise the words after ``story:`` (up to the end, ``#tag``
    terms aside) are words of the story's title. Without a ``story:`` term, or with
    nothing after it yet, ``(None, [], query)``.
    """
    terms = query.split()
    at = next((i for i, term in enumerate(terms) if term.casefold().startswith(STORY_PREFIX)), None)
    if at is None:
        return None, [], query
    before, after = terms[:at], terms[at + 1 :]
    first = terms[at][len(STORY_PREFIX) :]
    if first and first.casefold() in {story_id.casefold() for story_id in story_ids}:
        return first.casefold(), [], " ".join(before + after)
    words = ([first] if first else []) + [term for term in after if not term.startswith("#")]
    rest = before + [term for term in after if term.startswith("#")]
    return None, [word.casefold() for word in words], " ".join(rest)


def title_has_words(title: str, words: Sequence[str]) -> bool:
    """Whether every word begins a word of ``title`` (case-folded, punctuation ignored):
    ``story:key bri`` finds "Key Bridge collapses" while the reader types."""
    from rapidfuzz import utils

    title_words = utils.default_process(title).split()
    return all(
        any(tw.startswith(w) for tw in title_words)
        for word in words
        for w in utils.default_process(word).split()
    )


def filter_rows(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows matching ``query``: a ``story:`` term, every ``#tag`` term, the other words
    fuzzily.

    ``story:ID`` keeps the articles of that story, ``story:words`` those of the stories
    whose titles have those words (:func:`split_story`, :func:`title_has_words`). A ``#tag``
    term keeps the articles carrying a tag it finds, themselves or on an annotation. Each
    other word must match the title, source or tags somewhere (:func:`ranked`); the best
    matches come first. Without words, the order is kept.
    """
    story_ids = {row.story_id for row in rows if row.story_id} if STORY_PREFIX in query.casefold() else ()
    story_id, story_words, query = split_story(query, story_ids)
    if story_id is not None:
        rows = [row for row in rows if row.story_id == story_id]
    elif story_words:
        titles = {row.story_title for row in rows if row.story_id}
        wanted = {title for title in titles if title_has_words(title, story_words)}
        rows = [row for row in rows if row.story_id and row.story_title in wanted]
    tags, words = split_query(query.casefold())
    if tags:
        rows = [row for row in rows if all(finds(tag, row.tag_forms) for tag in tags)]
    if not words:
        return list(rows)
    return [rows[index] for index in ranked([row.needle for row in rows], words)]


def filter_annotations(items: Sequence[ListedAnnotation], query: str) -> list[ListedAnnotation]:
    """Annotations matching ``query``: every ``#tag`` term finds one of its tags, and every
    other word matches its passage, note, tags or article title or source (as in
    :func:`filter_rows`), the best matches first."""
    tags, words = split_query(query.casefold())
    if tags:
        items = [item for item in items if all(finds(tag, tag_forms(item.tags)) for tag in tags)]
    if not words:
        return list(items)
    haystacks = [
        _processed("\n".join((item.exact, item.note, item.article_title, item.article_source, *item.tags)))
        for item in items
    ]
    return [items[index] for index in ranked(haystacks, words)]


@lru_cache(maxsize=1 << 16)
def _processed(text: str) -> str:
    """``text`` as rapidfuzz compares it, worked out once per text: the list is filtered
    again at every keystroke."""
    from rapidfuzz import utils

    return utils.default_process(text)
