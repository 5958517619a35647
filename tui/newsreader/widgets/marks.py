"""Marks on an article's text, in named layers, and drawing one visual line with them.

Marks come in named layers (quiet quotes, shared passages, shared quotes, differing words,
search hits, annotations, the selected quote, the selection, the reading cursor); each mark
names a style (``reader--<style>``) whose look lives in ``styles/reader.tcss``. Layers
drawn later win where they set the same attribute. Drawing is given a function from
style names to a Rich style (the widget resolves its component classes), so nothing here
depends on a widget.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from newsreader.comparison import COLOURS

LAYERS = ("quiet", "passage", "quote", "annotation", "diff", "hit", "focus", "selection", "cursor")
GUTTER = {"passage": "gutter-passage", "cursor": "gutter", "annotation": "annotation", "focus": "gutter-mark"}
"""Layers that also draw a bar in the gutter beside the lines they touch, and the style of
the bar; where several touch a line, the last in this order wins."""
_GUTTER_RANK = {layer: rank for rank, layer in enumerate(GUTTER)}
_NO_UNDERLINE = Style(underline=False)
GUTTER_WIDTH = 2

MARK_STYLES = (
    *(f"group-{index}" for index in range(COLOURS)),
    "quiet",
    "passage",
    "diff",
    "hit",
    "focus",
    "annotation",
    "cursor",
    "selection",
    "gutter",
    "gutter-mark",
    "gutter-passage",
)
"""Every style a mark can name. They are component classes (``reader--<style>``) of the
screen showing the views (``screens.reader.ReaderScreen``), declared once per screen rather
than per view: Textual resolves component classes each time a node is styled, and two panes
of twenty classes each made opening the compare screen measurably slower."""

MARK_LEGEND = (
    "colour: shared quote (n/p) · italic, bar: shared passage (w/W) · "
    "reversed: words differ · green underline: your note"
)
"""What the marks mean, for the status line of the screens that draw them."""


class Mark(NamedTuple):
    """``body[start:end]`` drawn with the screen's component class ``reader--<style>``."""

    start: int
    end: int
    style: str


class MarkLayers:
    """The marks of one article, by layer; ``version`` changes with every change, so
    drawn lines can be cached against it."""

    def __init__(self) -> None:
        self._layers: dict[str, list[Mark]] = {}
        self.version = 0
        self._ordered: tuple[int, list[tuple[str, list[Mark]]]] | None = None

    def set(self, layer: str, marks: Iterable[Mark]) -> None:
        """Replace the marks of ``layer`` (see ``LAYERS``; other names draw after them)."""
        self._layers[layer] = sorted(marks)
        self.version += 1

    def clear(self, layer: str) -> bool:
        """Drop ``layer``; whether there was one."""
        if self._layers.pop(layer, None) is None:
            return False
        self.version += 1
        return True

    def clear_all(self) -> None:
        self._layers.clear()
        self.version += 1

    def get(self, layer: str) -> Sequence[Mark]:
        return self._layers.get(layer, ())

    def ordered(self) -> list[tuple[str, list[Mark]]]:
        """The layers with marks, in drawing order."""
        if self._ordered is None or self._ordered[0] != self.version:
            order = {name: index for index, name in enumerate(LAYERS)}
            layers = [(name, marks) for name, marks in self._layers.items() if marks]
            layers.sort(key=lambda item: order.get(item[0], len(LAYERS)))
            self._ordered = (self.version, layers)
        return self._ordered[1]


def draw_line(
    text: str,
    start: int,
    line_index: int,
    width: int,
    layers: MarkLayers,
    extra: Sequence[Mark],
    base: Style,
    style_of: Callable[[tuple[str, ...]], Style],
) -> Strip:
    """One visual line (``text``, at body offset ``start``) as a single Strip: gutter, then
    the text cut where marks (and ``extra`` ones) start and end, each piece carrying its
    offset for Textual's mouse selection."""
    end = start + len(text)
    cells = len(text) if text.isascii() else cell_len(text)
    room = max(0, width - GUTTER_WIDTH)
    if cells > room and text.isascii():
        # Only trailing spaces run past the width (see textlayout.wrap): drop them.
        text = text[:room]
        cells = room
    active: list[Mark] = []
    gutter_layer = None
    for layer, marks in layers.ordered():
        for mark in _overlapping(marks, start, end):
            active.append(mark)
            if layer in GUTTER and (gutter_layer is None or _GUTTER_RANK[layer] > _GUTTER_RANK[gutter_layer]):
                gutter_layer = layer
    gutter = GUTTER[gutter_layer] if gutter_layer else None
    active.extend(mark for mark in extra if mark.start < end and mark.end > start)
    length = len(text)
    cuts = {0, length}
    for mark in active:
        cuts.add(min(max(mark.start - start, 0), length))
        cuts.add(min(max(mark.end - start, 0), length))
    points = sorted(cuts)
    # The bar takes the layer's colour only: an underline would run under "▌ ".
    gutter_style = style_of((gutter,)) + _NO_UNDERLINE if gutter else base
    segments = [Segment("▌ " if gutter else "  ", gutter_style)]
    for left, right in itertools.pairwise(points):
        if left == right:
            continue
        names = tuple(mark.style for mark in active if mark.start < start + right and mark.end > start + left)
        style = style_of(names) if names else base
        offset = Style.from_meta({"offset": (left, line_index)})
        segments.append(Segment(text[left:right], style + offset))
    if cells < room:
        segments.append(Segment(" " * (room - cells), base))
    strip = Strip(segments, GUTTER_WIDTH + max(cells, room))
    return strip if cells <= room else strip.crop_extend(0, width, base)


def _overlapping(marks: Sequence[Mark], start: int, end: int) -> Iterable[Mark]:
    """Marks that overlap ``[start, end)`` (an empty line overlaps marks that span it)."""
    # Marks are few (tens to hundreds) per article; a linear scan with an early stop is
    # cheaper than maintaining an interval tree, and lines are cached once drawn.
    for mark in marks:
        if mark.start > end or (mark.start == end and end > start):
            break
        if mark.end > start and mark.start < max(end, start + 1):
            yield mark
