"""The annotate dialog: tags and a note for a passage (or for a whole article).

The dialog saves through a function it is given, so a refused input (an empty tag, an
annotation deleted meanwhile in another window) is shown in the dialog, which stays open
with what was typed; it closes with what was saved, or ``None`` when cancelled.

``escape`` never throws typing away: what differs from what the dialog opened with is
kept as a draft (in the :class:`Drafts` it is given, under its key) and comes back the
next time the same dialog opens on the same passage or article; saving drops it, and so
does cancelling with the fields put back as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from newsreader import notes
from newsreader.notes import AnnotationError
from newsreader.store import StoreError
from newsreader.textlayout import clip, one_line
from newsreader.widgets.safe_fields import SafeInput, SafeTextArea
from newsreader.widgets.tag_suggester import TagSuggester

PREVIEW_CHARACTERS = 190
"""About three lines of the dialog (wrapped at words): longer passages are clipped."""


@dataclass(frozen=True)
class AnnotationInput:
    """What the dialog saved."""

    tags: list[str]
    note: str


@dataclass(frozen=True)
class Draft:
    """What was typed in a dialog closed without saving: the tags field as typed, the note."""

    tags_text: str
    note: str


Drafts = dict[Hashable, Draft]
"""Unsaved drafts by dialog key, kept by the app for as long as it runs."""

DRAFT_RESTORED = "Your unsaved draft from last time · escape keeps it again"


def preview(text: str, limit: int = PREVIEW_CHARACTERS) -> str:
    """``text`` on one line, spaces collapsed, clipped to ``limit`` characters."""
    flat = " ".join(one_line(text).split())
    return clip(flat, limit)


class AnnotateDialog(ModalScreen[AnnotationInput | None]):
    BINDING_GROUP_TITLE = "Annotate"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="annotate.save"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel"),
    ]

    def __init__(
        self,
        title: str,
        subject: str,
        *,
        info: str = "",
        tags: Iterable[str] = (),
        note: str = "",
        suggestions: Iterable[str] = (),
        save: Callable[[list[str], str], None] | None = None,
        focus: str = "tags",
        passage: bool = True,
        drafts: Drafts | None = None,
        draft_key: Hashable = None,
    ) -> None:
        """``subject`` is what is annotated (a passage, in italics, or an article's title);
        ``info`` a line under it; ``save(tags, note)`` may raise :class:`AnnotationError`
        or :class:`StoreError` (the dialog then says why and keeps what was typed);
        ``focus`` is the field to start in, ``"tags"`` or ``"note"``; ``drafts`` keeps
        what ``escape`` leaves unsaved, under ``draft_key``."""
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
        self.drafts = drafts
        self.draft_key = draft_key
        self.original = Draft(notes.format_tags(self.tags), note)
        """The fields as opened: cancelling with these leaves no draft."""
        self.draft = drafts.get(draft_key) if drafts is not None else None
        """The draft the dialog opened with, if any."""

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-dialog") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = "ctrl+s saves · tab next field · escape keeps a draft"
            yield Static(
                Content(preview(self.subject)),
                id="annotate-subject",
                classes="-passage" if self.passage else "",
            )
            info = " · ".join(part for part in (self.info, self.draft and DRAFT_RESTORED) if part)
            if info:
                yield Static(Content(one_line(info)), id="annotate-info")
            fields = self.draft or self.original
            yield Static(Content("Tags"), classes="annotate-label")
            yield SafeInput(
                fields.tags_text,
                id="annotate-tags",
                placeholder="comma-separated, e.g. climate, needs source · → completes",
                suggester=TagSuggester(self.suggestions),
            )
            yield Static(Content("Note"), classes="annotate-label")
            yield SafeTextArea(
                fields.note, id="annotate-note", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
            )
            yield Static(id="annotate-error")

    def on_mount(self) -> None:
        if self.start_in == "note":
            note = self.query_one("#annotate-note", SafeTextArea)
            note.move_cursor(note.document.end)
            note.focus()
        else:
            self.query_one("#annotate-tags", Input).focus()

    @on(Input.Submitted, "#annotate-tags")
    def _submitted(self) -> None:
        self.action_save()  # enter in the tags field saves, as in other dialogs

    def action_save(self) -> None:
        typed = self._typed()
        try:
            tags = notes.parse_tags(typed.tags_text)
            if self.save is not None:
                self.save(tags, typed.note)
        except (AnnotationError, StoreError) as error:  # the draft stays to save again
            self._show_error(str(error))
            return
        if self.drafts is not None:
            self.drafts.pop(self.draft_key, None)
        self.dismiss(AnnotationInput(tags, typed.note))

    def action_cancel(self) -> None:
        """Close without saving, keeping what was typed as the draft for next time."""
        typed = self._typed()
        if self.drafts is not None:
            if typed == self.original:
                self.drafts.pop(self.draft_key, None)
            else:
                self.drafts[self.draft_key] = typed
                if typed != self.draft:
                    self.notify("Not saved; kept as a draft for the next time you open this.", timeout=3)
        self.dismiss(None)

    def _typed(self) -> Draft:
        return Draft(
            self.query_one("#annotate-tags", Input).value, self.query_one("#annotate-note", SafeTextArea).text
        )

    @on(Input.Changed, "#annotate-tags")
    @on(SafeTextArea.Changed, "#annotate-note")
    def _edited(self) -> None:
        self._show_error("")  # the message was about what was there before

    def _show_error(self, message: str) -> None:
        error = self.query_one("#annotate-error", Static)
        error.update(Content(one_line(message)))
        error.set_class(bool(message), "-shown")
