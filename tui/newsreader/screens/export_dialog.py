"""The export dialog (``e``): the notes in any export format (Markdown, an Obsidian vault
of one note per article, Web Annotation JSON, Hypothesis, CSV, JSON Lines), to a file or
folder or the clipboard, with a tag filter and a preview of what will be exported.

Gathering the export reads the whole library (about 0.1 s for 10,000 articles and 5,000
annotations), so the preview and the export itself run in worker threads, each on its
own connection; typing in the tag filter never waits for it. Problems (no such folder, a
file that exists, a folder that cannot be written) are shown as one line in the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from newsreader import export, notes
from newsreader.quotes import cache as quote_cache
from newsreader.store import Library
from newsreader.textlayout import counted, one_line
from newsreader.widgets.safe_fields import SafeInput
from newsreader.widgets.tag_suggester import TagSuggester

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp

VAULT = "vault"
"""Not a format of ``export.render``: Markdown written as a folder by ``export.write_vault``."""
VAULT_FOLDER = "newsreader-vault"
FORMATS = [
    ("Markdown", "md"),
    ("Obsidian vault: a note per article", VAULT),
    ("Web Annotation JSON", "json"),
    ("Hypothesis (API objects)", "hypothesis"),
    ("CSV", "csv"),
    ("JSON Lines", "jsonl"),
]
GROUPINGS = [("Article", "article"), ("Tag", "tag")]


@dataclass(frozen=True)
class Request:
    """One export as the dialog's fields describe it."""

    tags: tuple[str, ...]
    fmt: str
    group_by: str
    path: Path
    force: bool = False


class ExportDialog(ModalScreen[None]):
    app: NewsreaderApp
    BINDING_GROUP_TITLE = "Export"
    AUTO_FOCUS = "#export-tags"
    BINDINGS = [
        Binding("ctrl+s", "write", "Write", id="export.write"),
        Binding("ctrl+y", "copy", "Copy Markdown", id="export.copy"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._auto_path = ""
        """The default path last filled in; the name follows the format until edited."""
        self._confirm: Path | None = None
        """A file that exists and that a second Write will replace."""
        self._busy = False

    def compose(self) -> ComposeResult:
        tags = notes.tags_in_use(self.app.library)
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export notes"
            dialog.border_subtitle = "ctrl+s writes · ctrl+y copies Markdown · escape cancels"
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                yield Select(FORMATS, value="md", allow_blank=False, id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("Group by", classes="export-label")
                yield Select(GROUPINGS, value="article", allow_blank=False, id="export-group")
            with Horizontal(classes="export-row"):
                yield Label("Tags", classes="export-label")
                hint = one_line(", ".join(tags[:3]))
                yield SafeInput(
                    placeholder="all — or only these, comma-separated" + (f" (e.g. {hint})" if hint else ""),
                    suggester=TagSuggester(tags),
                    id="export-tags",
                )
            with Horizontal(classes="export-row"):
                yield Label("File", classes="export-label", id="export-path-label")
                yield SafeInput(id="export-path")
            yield Static(id="export-summary")
            yield Static(id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Write", variant="primary", id="export-write")
                yield Button("Copy Markdown", id="export-copy")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._fill_default_path()
        self._set_error("")
        self._preview(self.tags, self._quote_groups())

    # ------------------------------------------------------------------ fields

    @property
    def fmt(self) -> str:
        return str(self.query_one("#export-format", Select).value)

    @property
    def tags(self) -> tuple[str, ...]:
        value = self.query_one("#export-tags", Input).value
        return tuple(tag.strip() for tag in value.split(",") if tag.strip())

    def _request(self, fmt: str | None = None) -> Request:
        raw = self.query_one("#export-path", Input).value.strip()
        path = Path(raw).expanduser() if raw else Path(_default_name(self.fmt))
        if not path.is_absolute():
            path = Path.cwd() / path
        return Request(
            self.tags,
            fmt or self.fmt,
            str(self.query_one("#export-group", Select).value),
            path,
            force=path == self._confirm,
        )

    def _fill_default_path(self) -> None:
        self._auto_path = str(Path.cwd() / _default_name(self.fmt))
        box = self.query_one("#export-path", Input)
        with box.prevent(Input.Changed):
            box.value = self._auto_path

    @on(Select.Changed, "#export-format")
    def _format_changed(self) -> None:
        self.query_one("#export-group", Select).disabled = self.fmt != "md"
        self.query_one("#export-path-label", Label).update("Folder" if self.fmt == VAULT else "File")
        if self.query_one("#export-path", Input).value == self._auto_path:
            self._fill_default_path()
            self._confirm = None
            self._set_error("")

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm = None
        self._set_error("")

    @on(Input.Changed, "#export-tags")
    def _tags_changed(self) -> None:
        self._preview(self.tags, self._quote_groups())

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self) -> None:
        self.action_write()

    def _set_error(self, text: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content(one_line(text)))
        error.display = bool(text)

    # ------------------------------------------------------------------ preview

    def _quote_groups(self) -> list | None:
        """The shared quotes as the app indexed them (``None``: read the cache instead)."""
        model = self.app.quotes
        return list(model.groups) if model is not None else None

    @work(thread=True, exclusive=True, group="export-preview")
    def _preview(self, tags: tuple[str, ...], groups: list | None) -> None:
        selection = _select(self.app.library_path, tags, groups)
        self.app.call_from_thread(self._show_summary, tags, selection)

    def _show_summary(self, tags: tuple[str, ...], selection: export.Selection) -> None:
        if tags != self.tags:  # the filter changed since; a newer preview is on its way
            return
        text = one_line(selection.summary)
        self.query_one("#export-summary", Static).update(
            Content(("Will export " + text) if not selection.is_empty else text[:1].upper() + text[1:])
        )

    # ------------------------------------------------------------------ actions

    def action_write(self) -> None:
        if not self._busy:
            self._busy = True
            self._export(self._request(), "write", self._quote_groups())

    def action_copy(self) -> None:
        if not self._busy:
            self._busy = True
            self._export(self._request(fmt="md"), "copy", self._quote_groups())

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: Request, action: str, groups: list | None) -> None:
        """Gather, render and write (or hand to the clipboard) off the UI thread."""
        try:
            selection = _select(self.app.library_path, request.tags, groups)
            if selection.is_empty:
                raise export.ExportError(selection.summary.capitalize())
            if action == "write" and request.fmt == VAULT:
                report = export.write_vault(
                    selection, request.path, exported_at=export.now(), force=request.force
                )
                self.app.call_from_thread(
                    self._done,
                    f"Wrote {_what(selection)} as notes in "
                    f"{report.folder.absolute()} ({len(report.written)} "
                    "changed)",
                )
                return
            text = export.render(
                selection, "md" if request.fmt == VAULT else request.fmt, group_by=request.group_by
            )
            if action == "write":
                written = export.write_atomic(request.path, text, force=request.force)
                self.app.call_from_thread(self._done, f"Wrote {_what(selection)} to {written.absolute()}")
            else:
                self.app.call_from_thread(self._copied, text, selection)
        except export.ExportExists:
            self.app.call_from_thread(self._ask_overwrite, request.path)
        except (export.ExportError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))

    def _copied(self, text: str, selection: export.Selection) -> None:
        self.app.copy_to_clipboard(text)
        self._done(f"Copied the Markdown of {_what(selection)} to the clipboard")

    def _done(self, message: str) -> None:
        self._busy = False
        self.notify(one_line(message), title="Export", markup=False)
        self.dismiss(None)

    def _ask_overwrite(self, path: Path) -> None:
        self._busy = False
        self._confirm = path
        if self.fmt == VAULT:
            self._set_error(
                f"{path.name} has notes newsreader did not write, or that were edited: "
                "Write again to replace them, or change the folder."
            )
        else:
            self._set_error(f"{path.name} already exists: Write again to replace it, or change the name.")

    def _failed(self, message: str) -> None:
        self._busy = False
        self._set_error(message)

    @on(Button.Pressed, "#export-write")
    def _write_pressed(self) -> None:
        self.action_write()

    @on(Button.Pressed, "#export-copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)


def _select(library_path: Path, tags: Sequence[str], groups: list | None) -> export.Selection:
    """The export's selection, read on a connection of the calling thread."""
    with Library.open(library_path) as library:
        if groups is None:
            groups = quote_cache.load_groups(library.conn)
        return export.select(library, tags=tags, quote_groups=groups)


def _default_name(fmt: str) -> str:
    return VAULT_FOLDER if fmt == VAULT else export.default_filename(date.today(), fmt)


def _what(selection: export.Selection) -> str:
    annotations_count, articles = selection.annotation_count, len(selection.articles)
    return f"{counted(annotations_count, 'annotation')} from {counted(articles, 'article')}"
