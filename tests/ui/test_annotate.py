"""Annotating in the reader (issue 5): select, annotate, edit, delete, article tags and note,
copy as a citation, on the article screen and in either pane of the compare screen."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.screens.annotate import AnnotateDialog
from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.screens.confirm import ConfirmDialog
from newsreader.widgets.article_view import Mark
from newsreader.widgets.tag_suggester import TagSuggester

from .conftest import open_reader, settle, type_text
from .test_article import open_most_quoted
from .test_compare import open_compare


def status_of(screen) -> str:
    return str(screen.query_one(".status", Static).render())


async def annotate_cursor(pilot, tags: str, note: str = "") -> AnnotateDialog:
    """``a`` on the target passage, fill in the dialog, ``ctrl+s``; returns the dialog."""
    await pilot.press("a")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AnnotateDialog)
    await type_text(pilot, tags)
    if note:
        await pilot.press("tab")
        await type_text(pilot, note)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return dialog


async def test_annotate_two_sentences_and_find_them_again_after_a_restart(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        article_id, view = screen.article_id, screen.view
        await pilot.press("v", "j")
        first = view.sentence_spans[view.cursor_index - 1]
        second = view.cursor_span
        assert (view.selection_span.start, view.selection_span.end) == (first.start, second.end)
        dialog = await annotate_cursor(pilot, "Musk, needs source", "Check the figure.\nAsk the agency")
        assert not dialog.is_attached and app.screen is screen
        saved = notes.for_article(app.library, article_id)
        assert len(saved) == 1
        note = saved[0]
        assert note.tags == ["Musk", "needs source"]
        assert note.note == "Check the figure.\nAsk the agency"
        assert (note.start, note.end) == (first.start, second.end)
        assert note.exact == view.body[first.start : second.end]
        assert view.selection_span is None  # the selection is used up
        assert view.marks("annotation") == [Mark(note.start, note.end, "annotation")]
        await app.action_quit()

    async with open_reader(sample_library) as pilot:
        screen = await open_most_quoted(pilot)
        assert screen.article_id == article_id
        assert screen.view.marks("annotation") == [Mark(note.start, note.end, "annotation")]
        # The cursor starts on the first sentence, inside the annotation: its status shows.
        assert screen.view.cursor_span.start == note.start
        status = status_of(screen)
        assert "✎ Musk, needs source · Check the figure.…" in status
        await pilot.press("j", "j")  # past the two sentences: the quote status is back
        await pilot.pause()
        assert "✎" not in status_of(screen)


async def test_the_dialog_says_when_the_passage_is_a_shared_quote(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("n")  # the cursor goes to the first shared quote
        await pilot.pause()
        assert "We will not use" in screen.groups[screen.selected].text
        await pilot.press("a")
        await pilot.pause()
        info = app.screen.query_one("#annotate-info", Static).render()
        # The sentence holds the staffers' letter: two outlets print it whole, and a
        # third its last words, so three print part of the passage.
        assert str(info) == "Shared quote · printed by 3 articles"
        await pilot.press("escape")
        await pilot.press("g")  # the headline sentence is no quote
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog) and not app.screen.query("#annotate-info")


async def test_enter_edits_the_annotation_under_the_cursor_and_compares_elsewhere(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("j")
        await annotate_cursor(pilot, "draft", "first thoughts")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        tags = dialog.query_one("#annotate-tags", Input)
        assert tags.value == "draft"
        assert dialog.query_one("#annotate-note", TextArea).text == "first thoughts"
        await pilot.press("ctrl+u")  # clear the tags field
        await type_text(pilot, "checked")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = notes.for_article(app.library, screen.article_id)
        assert note.tags == ["checked"] and note.note == "first thoughts"
        assert app.screen is screen
        while screen.annotation_at_cursor() is not None:
            await pilot.press("j")
        await pilot.press("enter")  # no annotation here: enter compares as before
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)


async def test_d_deletes_the_annotation_after_confirmation(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("j")
        await annotate_cursor(pilot, "gone soon")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert app.screen is screen
        assert len(notes.for_article(app.library, screen.article_id)) == 1
        await pilot.press("d", "n")  # keep it
        await pilot.pause()
        assert len(notes.for_article(app.library, screen.article_id)) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert notes.for_article(app.library, screen.article_id) == []
        assert screen.view.marks("annotation") == []
        await pilot.press("d")  # nothing under the cursor now: nothing to confirm
        await pilot.pause()
        assert app.screen is screen


async def test_t_and_N_edit_the_articles_tags_and_note(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        assert dialog.focused is dialog.query_one("#annotate-tags", Input)
        await type_text(pilot, "climate, Politics")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notes.article_tags(app.library, screen.article_id) == ["climate", "Politics"]
        assert notes.article_note(app.library, screen.article_id) == ""
        await pilot.press("N")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        assert dialog.query_one("#annotate-tags", Input).value == "climate, Politics"
        assert dialog.focused is dialog.query_one("#annotate-note", TextArea)
        await type_text(pilot, "Read the\nfollow-up")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notes.article_note(app.library, screen.article_id) == "Read the\nfollow-up"
        assert notes.article_tags(app.library, screen.article_id) == ["climate", "Politics"]
        assert notes.for_article(app.library, screen.article_id) == []


async def test_escape_cancels_the_selection_then_goes_back(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("v", "j")
        assert screen.view.selecting
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.view.selecting and app.screen is screen
        await pilot.press("v", "j", "v")  # v again ends the selection too
        assert not screen.view.selecting
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen and not isinstance(app.screen, ArticleScreen)


async def test_tags_field_completes_the_last_tag_from_the_tags_in_use(sample_library) -> None:
    suggester = TagSuggester(["needs source", "Musk", "climate"])
    assert await suggester.get_suggestion("Musk, NE") == "Musk, needs source"
    assert await suggester.get_suggestion("mu") == "Musk"
    assert await suggester.get_suggestion("Musk, mu") is None  # already there
    assert await suggester.get_suggestion("Musk, ") is None
    assert await suggester.get_suggestion("#cl") == "#climate"  # typed the Markdown way
    assert await suggester.get_suggestion("#Musk, mu") is None

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        notes.set_article_tags(app.library, screen.article_id, ["Needs source"])
        await pilot.press("j", "a")
        await pilot.pause()
        await type_text(pilot, "later, ne")
        await settle(pilot)
        await pilot.press("right")  # accept the suggestion
        tags = app.screen.query_one("#annotate-tags", Input)
        assert tags.value == "later, Needs source"


async def test_an_empty_tag_is_refused_in_the_dialog_and_nothing_is_saved(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("j")
        dialog = await annotate_cursor(pilot, "one, , two", "kept as typed")
        assert app.screen is dialog
        assert "a tag cannot be empty" in str(dialog.query_one("#annotate-error", Static).render())
        assert dialog.query_one("#annotate-tags", Input).value == "one, , two"
        assert dialog.query_one("#annotate-note", TextArea).text == "kept as typed"
        assert notes.for_article(app.library, screen.article_id) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert notes.for_article(app.library, screen.article_id) == []


async def test_y_copies_the_target_passage_as_a_citation(sample_library) -> None:
    app = NewsreaderApp(sample_library)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with open_reader(app) as pilot:
        await open_most_quoted(pilot)
        await pilot.press("j", "y")  # the second sentence of the Reuters article
        source = (
            "— Reuters, *Federal workers faced fresh uncertainty about their futures on Tuesday "
            "after Elon Musk…*, 2025-02-26\n"
        )
        confusing = (
            "The confusing back-and-forth has rippled through the federal bureaucracy, "
            "with some agencies instructing workers to comply and others not."
        )
        test = (
            "It has become a test of how much power Musk wields over the government’s operations "
            "as he pursues an unprecedented cost-cutting campaign with President Donald Trump’s backing."
        )
        assert copied == [f"> {confusing}\n\n{source}"]
        await pilot.press("v", "j", "y")  # and the next, a paragraph on
        assert copied[-1] == f"> {confusing}\n>\n> {test}\n\n{source}"


async def test_annotating_in_the_right_pane_annotates_the_right_article(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_compare(pilot)
        await pilot.press("tab", "j")
        right = screen.view("right")
        span = right.cursor_span
        await annotate_cursor(pilot, "right side", "only here")
        [note] = notes.for_article(app.library, screen.ids["right"])
        assert (note.start, note.end) == (span.start, span.end)
        assert notes.for_article(app.library, screen.ids["left"]) == []
        assert right.marks("annotation") == [Mark(note.start, note.end, "annotation")]
        assert screen.view("left").marks("annotation") == []
        assert "✎ right side · only here" in status_of(screen)
        await pilot.press("enter")  # edits the annotation in the focused pane
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        assert app.screen.query_one("#annotate-tags", Input).value == "right side"
