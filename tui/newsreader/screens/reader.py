"""ReaderScreen: the base of screens that show articles (compare, single article).

It carries the styles of the marks drawn in articles (shared-quote colours, differing
words, the cursor…) as component classes, ``reader--<style>``, styled in
``styles/reader.tcss``; every :class:`~newsreader.widgets.article_view.ArticleView` on the
screen draws with them.

It also holds what the reader adds to the articles on screen, the same on every reader
screen: annotating a passage, editing or deleting an annotation, the article's own tags
and note, copying a passage as a citation. Each acts on the pane with focus. The
*target passage* is the keyboard selection (``v``), else the mouse selection, else the
sentence under the reading cursor. Annotations are marked in the ``annotation`` layer and
reloaded whenever the screen comes back (another window may have added some).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from newsreader import export, notes
from newsreader.notes import Annotation
from newsreader.screens.annotate import AnnotateDialog, AnnotationInput, preview
from newsreader.screens.confirm import ConfirmDialog
from newsreader.store import StoreError
from newsreader.textlayout import one_line
from newsreader.widgets.article_pane import ArticlePane
from newsreader.widgets.article_view import ArticleView
from newsreader.widgets.marks import MARK_STYLES, Mark

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp

SEPARATOR = "   │   "
NOTE_PREVIEW = 70
"""Characters of an annotation's note shown in the status line."""

EDIT_BINDING = Binding("enter", "edit_annotation", "Edit annotation", id="reader.edit")
"""Only active on an annotated sentence (see ``check_action``), so a screen can bind
``enter`` to something else after it: the key falls through when there is nothing to edit."""

ANNOTATION_BINDINGS = [
    Binding("v", "select", "Select", id="reader.select"),
    Binding("a", "annotate", "Annotate", id="reader.annotate"),
    Binding("d", "delete_annotation", "Delete annotation", show=False, id="reader.delete"),
    Binding("t", "article_tags", "Article tags", show=False, id="reader.tags"),
    Binding("N", "article_note", "Article note", show=False, id="reader.note"),
    Binding("y", "copy_citation", "Copy as citation", show=False, id="reader.copy"),
]
"""Spliced into each reader screen's ``BINDINGS`` where they belong in its footer (a key
bound in a subclass would otherwise replace the base class's binding of that key)."""


class ReaderScreen(Screen[None]):
    app: NewsreaderApp
    COMPONENT_CLASSES = {f"reader--{name}" for name in MARK_STYLES}

    def __init__(self) -> None:
        super().__init__()
        self._annotations: dict[str, list[Annotation]] = {}
        self._status_parts = ("", "")
        self._on_annotation = False

    # ------------------------------------------------------------------ panes

    def reading_pane(self) -> ArticlePane | None:
        """The pane the keys act on: the one with focus, else the first; ``None`` before
        an article is shown."""
        panes = list(self.query(ArticlePane))
        pane = next((p for p in panes if p.view is self.focused), panes[0] if panes else None)
        return pane if pane is not None and pane.article is not None else None

    def load_annotations(self) -> None:
        """Mark every annotation of the articles on screen; call after showing an article
        (showing one clears its marks)."""
        library = self.app.library
        for pane in self.query(ArticlePane):
            if pane.article is None:
                continue
            found = [
                note
                for note in notes.for_article(library, pane.article.id)
                if note.article_version == pane.article.version
            ]
            self._annotations[pane.article.id] = found
            pane.view.set_marks("annotation", [Mark(n.start, n.end, "annotation") for n in found])
        self._show_status()

    def annotation_at_cursor(self, pane: ArticlePane | None = None) -> Annotation | None:
        """The first annotation overlapping the sentence under the pane's reading cursor."""
        pane = pane or self.reading_pane()
        if pane is None or pane.article is None:
            return None
        span = pane.view.cursor_span
        if span is None:
            return None
        return next(
            (
                note
                for note in self._annotations.get(pane.article.id, ())
                if note.start < span.end and span.start < note.end
            ),
            None,
        )

    def on_screen_resume(self) -> None:
        if self.reading_pane() is not None:
            self.load_annotations()

    # ------------------------------------------------------------------ status line

    def set_status(self, main: str, detail: str = "") -> None:
        """Show the screen's status; ``detail`` (the right part) gives way to the annotation
        under the cursor while there is one."""
        self._status_parts = (main, detail)
        self._show_status()

    def _show_status(self) -> None:
        main, detail = self._status_parts
        note = self.annotation_at_cursor()
        if note is not None:
            content = Content.assemble(main, SEPARATOR if main else "", (describe(note), "$text-success"))
        else:
            content = Content(main + (SEPARATOR + detail if detail else ""))
        for status in self.query(".status").results(Static):  # none on a bare test screen
            status.update(content)
        if self._on_annotation != (note is not None):
            self._on_annotation = note is not None
            self.refresh_bindings()  # enter edits here (see EDIT_BINDING)

    @on(ArticleView.CursorMoved)
    def _annotation_under_cursor(self) -> None:
        self._show_status()

    def on_descendant_focus(self) -> None:
        self._show_status()  # another pane, another cursor

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return False  # a key that arrived before the screen was composed: no panes yet
        if action == "edit_annotation":
            return self.annotation_at_cursor() is not None
        return True

    def step_quote(self, delta: int) -> None:
        """Select the next (``1``) or previous (``-1``) shared quote; each screen knows how."""
        raise NotImplementedError

    def action_next_quote(self) -> None:
        self.step_quote(1)

    def action_previous_quote(self) -> None:
        self.step_quote(-1)

    def target_span(self, view: ArticleView) -> tuple[int, int] | None:
        """The keyboard selection, else the mouse selection, else the cursor's sentence."""
        if view.mouse_selection_span is not None and not view.selecting:
            return view.mouse_selection_span
        span = view.selection_span or view.cursor_span  # the cursor starts on sentence one
        return None if span is None else (span.start, span.end)

    def action_select(self) -> None:
        pane = self.reading_pane()
        if pane is None:
            return
        if pane.view.selecting:
            pane.view.cancel_selection()
        else:
            pane.view.start_selection()

    def action_annotate(self) -> None:
        pane = self.reading_pane()
        if pane is None or pane.article is None:
            return
        span = self.target_span(pane.view)
        if span is None:
            self.notify("Nothing to annotate: this article has no text.", timeout=2)
            return
        article_id, (start, end) = pane.article.id, span
        library = self.app.library

        def save(tags: list[str], note: str) -> None:
            notes.create(library, article_id, start, end, tags, note)

        self._open_dialog(
            AnnotateDialog(
                "Annotate passage",
                pane.view.body[start:end],
                info=self._shared_quote(article_id, start, end),
                suggestions=notes.tags_in_use(library),
                save=save,
                drafts=self.app.annotation_drafts,
                draft_key=("passage", article_id, start, end),
            ),
            "Annotation saved",
            clear=pane.view,
        )

    def action_edit_annotation(self) -> None:
        note = self.annotation_at_cursor()
        if note is None:
            return
        library = self.app.library

        def save(tags: list[str], text: str) -> None:
            notes.update(library, note.id, tags=tags, note=text)

        self._open_dialog(
            AnnotateDialog(
                "Edit annotation",
                note.exact,
                info=self._shared_quote(note.article_id, note.start, note.end),
                tags=note.tags,
                note=note.note,
                suggestions=notes.tags_in_use(library),
                save=save,
                drafts=self.app.annotation_drafts,
                draft_key=("annotation", note.id),
            ),
            "Annotation updated",
        )

    def action_delete_annotation(self) -> None:
        note = self.annotation_at_cursor()
        if note is None:
            if self.reading_pane() is not None:
                self.notify("No annotation under the cursor.", timeout=2)
            return
        library = self.app.library

        def confirmed(yes: bool | None) -> None:
            if yes:
                try:
                    notes.delete(library, note.id)
                except StoreError as error:
                    self.notify(str(error), severity="error", markup=False, timeout=8)
                    return
                self.load_annotations()
                self.notify("Annotation deleted", timeout=2)

        self.app.push_screen(
            ConfirmDialog("Delete this annotation?", describe_passage(note), yes="delete", no="keep"),
            confirmed,
        )

    def action_article_tags(self) -> None:
        self._edit_article("tags", "Article tags saved")

    def action_article_note(self) -> None:
        self._edit_article("note", "Article note saved")

    def _edit_article(self, focus: str, message: str) -> None:
        """The article's own tags and note, in one dialog; ``focus`` is the field to start in."""
        pane = self.reading_pane()
        if pane is None or pane.article is None:
            return
        library, article_id = self.app.library, pane.article.id
        old_tags = notes.article_tags(library, article_id)
        old_note = notes.article_note(library, article_id)

        def save(tags: list[str], note: str) -> None:
            if tags != old_tags:
                notes.set_article_tags(library, article_id, tags)
            if note != old_note:
                notes.set_article_note(library, article_id, note)

        self._open_dialog(
            AnnotateDialog(
                "Article tags and note",
                one_line(pane.article.title) or "Untitled article",
                tags=old_tags,
                note=old_note,
                suggestions=notes.tags_in_use(library),
                save=save,
                focus=focus,
                passage=False,
                drafts=self.app.annotation_drafts,
                draft_key=("article", article_id),
            ),
            message,
        )

    def action_copy_citation(self) -> None:
        pane = self.reading_pane()
        if pane is None or pane.article is None:
            return
        span = self.target_span(pane.view)
        passage = pane.view.body[span[0] : span[1]].strip() if span else ""
        if not passage:
            self.notify("Nothing to copy: this article has no text.", timeout=2)
            return
        citation = export.citation(passage, pane.article)
        self.app.copy_to_clipboard(citation)
        self.notify(f"Copied citation ({len(citation):,} characters)", timeout=2)

    def _open_dialog(self, dialog: AnnotateDialog, message: str, *, clear: ArticleView | None = None) -> None:
        """Show ``dialog`` (it saves itself); once saved, drop ``clear``'s selection,
        redraw the marks and say so."""
        self.app.push_screen(dialog, partial(self._saved, message, clear))

    def _saved(self, message: str, clear: ArticleView | None, result: AnnotationInput | None) -> None:
        if result is None:
            return
        if clear is not None:
            clear.cancel_selection()
            if clear.mouse_selection_span is not None:
                self.clear_selection()
        self.load_annotations()
        self.notify(message, timeout=2)

    def _shared_quote(self, article_id: str, start: int, end: int) -> str:
        """ "Shared quote · printed by N articles" when the passage overlaps one."""
        quotes = self.app.quotes
        if quotes is None:
            return ""
        sizes = [
            group.size
            for group in quotes.groups_of(article_id)
            if any(p.start < end and start < p.end for p in group.members_of(article_id))
        ]
        return f"Shared quote · printed by {max(sizes)} articles" if sizes else ""


def describe(note: Annotation) -> str:
    """An annotation in one line for the status line: ✎ tags · the note's first line."""
    parts = []
    if note.tags:
        parts.append(one_line(notes.format_tags(note.tags)))
    first = one_line(note.note.strip().split("\n", 1)[0]) if note.note.strip() else ""
    if first:
        more = "\n" in note.note.strip()
        if len(first) > NOTE_PREVIEW:
            first, more = first[: NOTE_PREVIEW - 1].rstrip(), True
        parts.append(first + ("…" if more else ""))
    return "✎ " + (" · ".join(parts) or "annotated, no tags or note")


def describe_passage(note: Annotation) -> str:
    """An annotation's passage (clipped) and tags, for the delete confirmation."""
    tags = f"\nTags: {one_line(notes.format_tags(note.tags))}" if note.tags else ""
    return preview(note.exact) + tags
