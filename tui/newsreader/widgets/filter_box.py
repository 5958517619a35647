"""The filter box above a list (the library, the annotations list).

`/` opens it and typing filters at once; `enter` goes back to the list keeping the
filter (an empty box clears it), `down` goes to the list, `escape` clears. The screen
decides what the text means: it handles ``Input.Changed`` and provides ``clear_filter``
and ``focus_table``.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from newsreader.widgets.safe_fields import SafeInput


class FilterBox(SafeInput):
    BINDINGS = [
        Binding("escape", "clear_filter", "Clear filter", id="filter.clear"),
        Binding("down", "to_list", "To the list", show=False, id="filter.to_list"),
    ]
    BINDING_GROUP_TITLE = "Filter box"

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
        self.screen.clear_filter()  # type: ignore[attr-defined]

    def action_to_list(self) -> None:
        self.screen.focus_table()  # type: ignore[attr-defined]

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.value:
            self.action_to_list()
        else:
            self.action_clear_filter()


def hand_on_burst_key(table: Widget, event: events.Key) -> bool:
    """For a list under a filter box: keys typed in a burst (pasted, or sent by a script)
    are all queued on the list before the first reaches the bindings, so `/` followed at
    once by filter text would lose the text. Open the filter at once on the key bound to
    it, and hand keys that arrive after focus has moved on to the focused widget.

    True when the key was handed on (the list should not act on it).
    """
    screen = table.screen
    focused = screen.focused
    if focused is not None and focused is not table:
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
        return True
    bound = screen.active_bindings.get(event.key)  # "/" unless the keymap says otherwise
    if bound is not None and bound.binding.action == "filter" and hasattr(screen, "action_filter"):
        screen.action_filter()
    return False
