"""Editable fields that draw control characters the way the rest of the reader does.

An ``Input`` or ``TextArea`` holds exactly what was typed, pasted or stored (a tag or a
note may carry an escape sequence another program saved); only what is drawn goes
through :func:`~newsreader.textlayout.one_line`, so no control character reaches the
terminal and the value is never changed behind the user's back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

from newsreader.textlayout import one_line

if TYPE_CHECKING:
    from textual.widget import Widget as LineWidget  # what the mixin is mixed into
else:
    LineWidget = object


class ShowsControls(LineWidget):
    """Mixin for a line-rendered widget: control characters drawn as visible symbols."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        text = strip.text
        if one_line(text) == text:
            return strip
        shown = Strip([Segment(one_line(segment.text), segment.style, segment.control) for segment in strip])
        # A control takes no cell and its symbol one: keep the line as wide as it was.
        return shown.crop_extend(0, strip.cell_length, None)


class SafeInput(ShowsControls, Input):
    """An ``Input`` that never sends a control character of its value to the terminal."""


class SafeTextArea(ShowsControls, TextArea):
    """A ``TextArea`` that never sends a control character of its text to the terminal."""
