"""A yes/no question before something that cannot be undone (deleting an annotation)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """``question`` with ``detail`` under it; y or enter answers yes, n or escape no."""

    BINDING_GROUP_TITLE = "Confirm"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "yes", no: str = "no") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.question
            dialog.border_subtitle = f"y / enter: {self.yes} · n / escape: {self.no}"
            yield Static(Content(self.detail or self.question), id="confirm-detail")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
