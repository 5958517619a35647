"""Per-item work spread over worker processes, one per core (at most 8), in order.

Reading web pages and preparing articles for the quote engine take milliseconds of CPU
an item, so thousands add up; the items are independent, so cores divide the wait. The
workers start from a clean interpreter (forkserver), whatever threads (a progress bar,
the reader's own) the calling process runs, and a machine that gives no worker processes
gets the work done in this one. No Textual here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

__all__ = ["in_order"]

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
            for result in pool.map(work, items, chunksize=chunk):
                done += 1
                yield result
    except (BrokenProcessPool, OSError, ValueError):  # no workers to be had: the rest here
        yield from map(work, items[done:])
