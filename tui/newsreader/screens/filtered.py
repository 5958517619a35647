"""FilteredListScreen: the base of screens with a list under a filter box (the library,
the annotations list), so both handle the box in one way.

``/`` opens the box; its text is ``filter_text`` (a reactive: each change shows the list
again through ``show_filtered``); the box's ``Cleared`` clears the filter and its
``ToList`` goes back to the list (``filtered_list``), keeping the filter.
"""

from __future__ import annotations

from textual import on
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from newsreader.widgets.filter_box import FilterBox


class FilteredListScreen(Screen[None]):
    filter_text: reactive[str] = reactive("", init=False)
    """What the list is filtered by ("" for every item)."""

    @property
    def filter_box(self) -> FilterBox:
        return self.query_one(FilterBox)

    @property
    def filtered_list(self) -> Widget:
        """The list the filter applies to, where focus goes back to."""
        raise NotImplementedError

    def show_filtered(self) -> None:
        """Show the list again for ``filter_text``."""
        raise NotImplementedError

    def watch_filter_text(self) -> None:
        self.show_filtered()

    @property
    def filtering(self) -> bool:
        """Whether there is a filter, or the box is open."""
        return bool(self.filter_text) or self.filter_box.display

    def on_mount(self) -> None:
        self.filter_box.display = False

    def action_filter(self) -> None:
        self.filter_box.open()

    @on(Input.Changed, "FilterBox")
    def _filter_typed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    def set_filter(self, text: str) -> None:
        """Show ``text`` in the box and filter by it, with the focus on the list."""
        self.filter_box.show_text(text)
        self.filter_text = text
        self.focus_list()

    @on(FilterBox.Cleared)
    def clear_filter(self) -> None:
        self.set_filter("")

    @on(FilterBox.ToList)
    def focus_list(self) -> None:
        # At once (not after a refresh), so keys right after enter act on the list.
        self.set_focus(self.filtered_list)
