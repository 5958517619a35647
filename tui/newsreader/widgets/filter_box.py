"""The filter box above a list (the library, the annotations list).

`/` opens it and typing filters at once; `enter` goes back to the list keeping the
filter (an empty box clears it), `down` goes to the list, `escape` clears. The box only
says what the reader asked for, with ``Input.Changed``, :class:`FilterBox.Cleared` and
:class:`FilterBox.ToList`; the screen decides what the text means
(:class:`~newsreader.screens.filtered.FilteredListScreen`).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from newsreader.widgets.safe_fields import SafeInput


class FilterBox(SafeInput):
    BINDINGS = [
        Binding("escape", "clear_filter", "Clear filter", id="filter.clear"),
        Binding("down", "to_list", "To the list", show=False, id="filter.to_list"),
    ]
    BINDING_GROUP_TITLE = "Filter box"

    class Request(Message):
        """What the reader asked the box for, beyond typing."""

        def __init__(self, box: FilterBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> FilterBox:
            return self.box

    class Cleared(Request):
        """Clear the filter (escape, or enter on an empty box)."""

    class ToList(Request):
        """Back to the list, keeping the filter (down, or enter)."""

    def open(self) -> None:
        self.display = True
        # Focus now, not after the next refresh: keys typed right after "/" go to the box.
        self.screen.set_focus(self)

    def show_text(self, text: str) -> None:
        """Show ``text`` without a ``Changed`` event (the screen has applied it); an empty
        box is hidden."""
        with self.prevent(Input.Changed):
            self.value = text
        self.display = bool(text)

    def action_clear_filter(self) -> None:
        self.post_message(self.Cleared(self))

    def action_to_list(self) -> None:
        self.post_message(self.ToList(self))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.value:
            self.action_to_list()
        else:
            self.action_clear_filter()


async def hand_on_burst_key(table: Widget, event: events.Key) -> None:
    """For a list under a filter box (call it from the list's ``on_key``): keys typed in a
    burst (pasted, or sent by a script) are all queued on the list before the first reaches
    the bindings, so `/` followed at once by filter text would lose the text. Open the
    filter at once on the key bound to it, and hand keys that arrive after focus has moved
    on to the focused widget.
    """
    screen = table.screen
    focused = screen.focused
    if focused is not None and focused is not table:
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
        return
    bound = screen.active_bindings.get(event.key)  # "/" unless the keymap says otherwise
    if bound is not None and bound.binding.action == "filter":
        event.stop()
        event.prevent_default()
        await table.app.run_action(bound.binding.action, bound.node)
