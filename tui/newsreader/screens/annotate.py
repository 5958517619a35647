"""The annotate dialog: tags and a note for a passage (or for a whole article).

The dialog saves through a function it is given, so a refused input (an empty tag, an
annotation deleted meanwhile in another window) is shown in the dialog, which stays open
with what was typed; it closes with what was saved, or ``None`` when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from newsreader import annotations
from newsreader.annotations import AnnotationError
from newsreader.store import StoreError
from newsreader.textlayout import one_line
from newsreader.widgets.tag_suggester import TagSuggester

PREVIEW_CHARACTERS = 190
"""About three lines of the dialog (wrapped at words): longer passages are clipped."""


@dataclass(frozen=True)
class AnnotationInput:
    """What the dialog saved."""

    tags: list[str]
    note: str


def preview(text: str, limit: int = PREVIEW_CHARACTERS) -> str:
    """``text`` on one line, spaces collapsed, clipped to ``limit`` characters."""
    flat = " ".join(one_line(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


class AnnotateDialog(ModalScreen[AnnotationInput | None]):
    HELP_SECTION = "Annotate"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="annotate.save"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel"),
    ]

    def __init__(self, title: str, subject: str, *, info: str = "", tags: Iterable[str] = (),
                 note: str = "", suggestions: Iterable[str] = (),
                 save: Callable[[list[str], str], None] | None = None,
                 focus: str = "tags", passage: bool = True) -> None:
        """``subject`` is what is annotated (a passage, in italics, or an article's title);
        ``info`` a line under it; ``save(tags, note)`` may raise :class:`AnnotationError`
        or :class:`StoreError` (the dialog then says why and keeps what was typed);
        ``focus`` is the field to start in, ``"tags"`` or ``"note"``."""
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.info = info
        self.tags = list(tags)
        self.note = note
        self.suggestions = list(suggestions)
        self.save = save
        self.start_in = focus
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-dialog") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = "ctrl+s saves · tab next field · escape cancels"
            yield Static(Content(preview(self.subject)), id="annotate-subject",
                         classes="-passage" if self.passage else "")
            if self.info:
                yield Static(Content(self.info), id="annotate-info")
            yield Static(Content("Tags"), classes="annotate-label")
            yield Input(annotations.format_tags(self.tags), id="annotate-tags",
                        placeholder="comma-separated, e.g. climate, needs source · → completes",
                        suggester=TagSuggester(self.suggestions))
            yield Static(Content("Note"), classes="annotate-label")
            yield TextArea(self.note, id="annotate-note", soft_wrap=True, tab_behavior="focus",
                           show_line_numbers=False)
            yield Static(id="annotate-error")

    def on_mount(self) -> None:
        if self.start_in == "note":
            note = self.query_one("#annotate-note", TextArea)
            note.move_cursor(note.document.end)
            note.focus()
        else:
            self.query_one("#annotate-tags", Input).focus()

    @on(Input.Submitted, "#annotate-tags")
    def _submitted(self) -> None:
        self.action_save()  # enter in the tags field saves, as in other dialogs

    def action_save(self) -> None:
        tags_text = self.query_one("#annotate-tags", Input).value
        note = self.query_one("#annotate-note", TextArea).text
        try:
            tags = annotations.parse_tags(tags_text)
            if self.save is not None:
                self.save(tags, note)
        except (AnnotationError, StoreError) as error:  # the draft stays to save again
            self._show_error(str(error))
            return
        self.dismiss(AnnotationInput(tags, note))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#annotate-tags")
    @on(TextArea.Changed, "#annotate-note")
    def _edited(self) -> None:
        self._show_error("")  # the message was about what was there before

    def _show_error(self, message: str) -> None:
        error = self.query_one("#annotate-error", Static)
        error.update(Content(one_line(message)))
        error.set_class(bool(message), "-shown")
