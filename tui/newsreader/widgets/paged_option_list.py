"""An ``OptionList`` whose page keys work at every size.

Textual 8.2's ``OptionList`` lays out its lines only when it has room to show one;
with none (a terminal a few cells high, or a list squeezed to nothing), ``page up`` /
``page down`` look up a line that was never laid out and raise ``KeyError``. A page
of no lines is no move, so with no room the keys do nothing.
"""

from __future__ import annotations

from textual.widgets import OptionList


class PagedOptionList(OptionList):
    """Every list of the reader: an ``OptionList`` that cannot crash on a page key."""

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()
