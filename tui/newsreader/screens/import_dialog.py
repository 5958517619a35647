"""The import dialog (``i``): a file, folder or web address (a page or a feed) to add to
the library, imported in the background with progress in the library's status line."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from newsreader.widgets.safe_fields import SafeInput


class PathSuggester(Suggester):
    """Completes the last part of a path from what is on disk."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.startswith(("http://", "https://")):
            return None
        path = Path(value).expanduser()
        folder, stem = (path, "") if value.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(
                child.name + ("/" if child.is_dir() else "")
                for child in folder.iterdir()
                if child.name.startswith(stem) and not child.name.startswith(".")
            )
        except OSError:
            return None
        if not names:
            return None
        return value + names[0][len(stem) :]


class ImportDialog(ModalScreen[list[str] | None]):
    BINDING_GROUP_TITLE = "Import"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog") as dialog:
            dialog.border_title = "Import articles"
            dialog.border_subtitle = "enter imports · → completes · escape cancels"
            yield Static(
                Content(
                    "A file (.txt, .md, .html), a folder of them, or a web address "
                    "(a page, or a feed to import all its items); several "
                    "separated by ;"
                ),
                id="import-help",
            )
            yield SafeInput(
                placeholder="~/news/story or https://…", id="import-path", suggester=PathSuggester()
            )

    @on(Input.Submitted, "#import-path")
    def _submit(self, event: Input.Submitted) -> None:
        paths = [part.strip() for part in event.value.split(";") if part.strip()]
        self.dismiss(paths or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
