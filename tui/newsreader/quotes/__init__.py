"""The shared-quote engine: which words several articles print.

`words` is the one tokeniser; `extract` finds quotations and speakers; `align`
aligns two of them; `groups` cuts and groups matches into stretches; `index`
keeps the incremental index; `passages` finds wire copy shared outside quotes;
`model` is the one quote model every screen and output reads; `cache` keeps the
groups in the library; `report` prints them.

Importing the package loads none of them: the reader's first screen needs only
the model, and the engine (with rapidfuzz) loads when a name below is first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import QuoteIndex, find_shared_quotes, prepare_quotes
    from .model import QuoteGroup, QuoteMember, at_least, sort_groups

__all__ = [
    "QuoteGroup",
    "QuoteIndex",
    "QuoteMember",
    "at_least",
    "find_shared_quotes",
    "prepare_quotes",
    "sort_groups",
]

_HOME = {
    "QuoteIndex": "index",
    "find_shared_quotes": "index",
    "prepare_quotes": "index",
    "QuoteGroup": "model",
    "QuoteMember": "model",
    "at_least": "model",
    "sort_groups": "model",
}


def __getattr__(name: str) -> object:
    """The names above, imported from their module on first use (PEP 562)."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOME[name]}", __name__), name)
