"""Tags as the reader writes, types and finds them: one folding and one matching rule.

The library filter, the annotations-list filter, the export selection and the tag
completion all find tags here, so ``#coa`` finds "coast-guard" the same way everywhere:
while it is being typed (a prefix), in its ``#slug`` form (``#needs-source`` for "Needs
source"), and for nested Obsidian tags (``#climate`` finds "climate/policy"). No Textual
import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def tag_key(tag: str) -> str:
    """The stored matching form of a tag: trimmed, inner spaces collapsed, case-folded."""
    return _SPACES.sub(" ", tag).strip().casefold()


def obsidian_tag(label: str) -> str:
    """A tag as Obsidian (and Markdown exports) accept it after ``#``: spaces and
    punctuation become hyphens, ``/`` nests."""
    chars = "".join(ch if ch.isalnum() or ch in "_-/" else "-" for ch in label)
    return re.sub(r"-{2,}", "-", chars).strip("-_/")


def tag_term(label: str) -> str:
    """``label`` as a filter term: ``#climate``; ``#Needs-source`` when it has spaces."""
    return "#" + (obsidian_tag(label) if any(ch.isspace() for ch in label) else label)


def term_key(term: str) -> str:
    """A tag as typed in a filter or a tag field, ready to match: no leading ``#``, folded."""
    return tag_key(term.strip().lstrip("#"))


def tag_forms(labels: Iterable[str]) -> str:
    """The forms a typed tag is matched against, each label folded and its ``#slug``, as
    one string (each form after a newline, which no form holds) that :func:`finds` searches
    at C speed: the library filter checks tens of thousands of rows a keystroke."""
    return "".join(form for label in labels for form in _label_forms(label))


@lru_cache(maxsize=8192)
def _label_forms(label: str) -> tuple[str, ...]:
    forms = dict.fromkeys((tag_key(label), obsidian_tag(label).casefold()))
    return tuple(f"\n{form}" for form in forms if form)


def finds(key: str, forms: str) -> bool:
    """Whether a typed tag (its :func:`term_key`) finds a tag among ``forms``
    (:func:`tag_forms`): it begins one of them, which covers a parent of a nested tag."""
    return bool(key) and f"\n{key}" in forms


def tag_matcher(terms: Iterable[str]) -> Callable[[str], bool] | None:
    """Whether a tag label is found by any of ``terms``; ``None`` when there are no terms
    (nothing is being asked for, so everything is kept)."""
    keys = [key for key in (term_key(term) for term in terms) if key]
    if not keys:
        return None

    def matches(label: str) -> bool:
        forms = tag_forms([label])
        return any(finds(key, forms) for key in keys)

    return matches
