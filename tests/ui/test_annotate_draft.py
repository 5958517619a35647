"""``escape`` in the annotate dialog keeps what was typed: the next ``a`` on the same
passage (or ``enter`` on the same annotation, ``t`` on the same article) brings it back."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from newsreader import notes
from newsreader.screens.annotate import AnnotateDialog

from .conftest import open_reader, type_text
from .test_article import open_most_quoted


def fields(pilot) -> tuple[str, str]:
    dialog = pilot.app.screen
    assert isinstance(dialog, AnnotateDialog)
    return dialog.query_one("#annotate-tags", Input).value, dialog.query_one("#annotate-note", TextArea).text


def info(pilot) -> str:
    """The line under the passage, if the dialog shows one."""
    lines = pilot.app.screen.query("#annotate-info")
    return str(lines.first().render()) if lines else ""


async def test_escape_keeps_the_draft_for_the_next_a_on_that_passage(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("a")
        await type_text(pilot, "urgent, check")
        await pilot.press("tab")
        await type_text(pilot, "Half a thought\nand more")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert notes.for_article(app.library, screen.article_id) == []  # nothing saved

        await pilot.press("j", "a")  # another passage: no draft there
        await pilot.pause()
        assert fields(pilot) == ("", "")
        await pilot.press("escape", "k", "a")  # back on the first one
        await pilot.pause()
        assert fields(pilot) == ("urgent, check", "Half a thought\nand more")
        assert "draft" in info(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = notes.for_article(app.library, screen.article_id)
        assert (saved.tags, saved.note) == (["urgent", "check"], "Half a thought\nand more")

        await pilot.press("enter")  # edit it: a changed note, escaped, is kept as well
        await pilot.pause()
        await pilot.press("tab", "end")
        await type_text(pilot, "!")
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert fields(pilot) == ("urgent, check", "Half a thought!\nand more")
        assert notes.get(app.library, saved.id).note == "Half a thought\nand more"
        await pilot.press("tab", "end", "backspace", "escape")  # put back as it was: no draft
        await pilot.press("enter")
        await pilot.pause()
        assert fields(pilot) == ("urgent, check", "Half a thought\nand more")
        assert "draft" not in info(pilot)


async def test_a_saved_draft_is_gone_and_article_tags_keep_theirs(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = await open_most_quoted(pilot)
        await pilot.press("t")
        await type_text(pilot, "follow up")
        await pilot.press("escape", "t")
        await pilot.pause()
        assert fields(pilot)[0] == "follow up"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notes.article_tags(app.library, screen.article_id) == ["follow up"]
        await pilot.press("t")
        await pilot.pause()
        assert fields(pilot)[0] == "follow up"  # what is saved, no draft on top
        assert "draft" not in info(pilot)
