"""The shared-quote engine: which words several articles print.

`words` is the one tokeniser; `extract` finds quotations and speakers; `align`
aligns two of them; `groups` cuts and groups matches into stretches; `index`
keeps the incremental index; `passages` finds wire copy shared outside quotes;
`model` is the one quote model every screen and output reads; `cache` keeps the
groups in the library; `report` prints them.
"""

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
