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
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["in_order"]

AHEAD = 4
"""Chunks of work each worker may have done or be doing before they are taken."""

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(
    work: Callable[[Item], Result], items: Sequence[Item], at_least: int, chunk: int = 16
) -> Iterator[Result]:
    """`work` (a module-level function, or a partial of one) applied to each item, the
    results in the items' order, as they come. Fewer than `at_least` items, or one core,
    and the work is done here: starting workers costs more than it saves."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < at_least or workers < 2:
        yield from map(work, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            # A few chunks per worker in flight, no more: results that this process has
            # not taken yet wait in its memory, so a slow consumer never holds them all.
            pending: deque[Future[list[Result]]] = deque()
            for start in range(0, len(items), chunk):
                pending.append(pool.submit(_each, work, items[start : start + chunk]))
                if len(pending) >= AHEAD * workers:
                    results = pending.popleft().result()
                    done += len(results)
                    yield from results
            while pending:
                results = pending.popleft().result()
                done += len(results)
                yield from results
    except (BrokenProcessPool, OSError, ValueError):  # no workers to be had: the rest here
        yield from map(work, items[done:])


def _each(work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [work(item) for item in items]
