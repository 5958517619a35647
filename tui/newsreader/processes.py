"""Per-item work spread over worker processes, one per core (at most 8), in order.

Reading web pages and preparing articles for the quote engine take milliseconds of CPU
an item, so thousands add up; the items are independent, so cores divide the wait. The
workers start from a clean interpreter (forkserver), whatever threads (a progress bar,
the reader's own) the calling process runs, and a machine that gives no worker processes
gets the work done in this one. No Textual here.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["WORTH_IT", "in_order"]

WORTH_IT = 64
"""Items from which starting worker processes saves more than it costs (about half a
second to start them), for work of a few milliseconds an item."""

AHEAD = 4
"""Chunks of work each worker may have done or be doing before they are taken: items
are read and results kept only that far ahead of the caller, whatever their number."""

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    count: int,
    at_least: int = WORTH_IT,
    chunk: int = 16,
) -> Iterator[Result]:
    """`work` (a module-level function, or a partial of one) applied to each of the
    `count` items, the results in the items' order, as they come. Fewer than `at_least`
    items, or one core, and the work is done here: starting workers costs more than it
    saves."""
    workers = min(os.cpu_count() or 1, 8)
    items = iter(items)
    if count < at_least or workers < 2:
        yield from map(work, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending: deque[tuple[Future[list[Result]], list[Item]]] = deque()
    try:
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            while True:
                while len(pending) < AHEAD * workers and (part := list(islice(items, chunk))):
                    pending.append((pool.submit(_each, work, part), part))
                if not pending:
                    return
                results = pending[0][0].result()
                pending.popleft()
                yield from results
    except (BrokenProcessPool, OSError, ValueError):  # no workers to be had: the rest here
        for _, part in pending:
            yield from map(work, part)
        yield from map(work, items)


def _each(work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [work(item) for item in items]
