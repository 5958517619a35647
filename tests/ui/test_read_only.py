"""A library this process cannot write (issue 11): the reader opens it, says so once, reads
and compares as usual, and a save is refused in the dialog without losing what was typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.screens.annotate import AnnotateDialog

from .conftest import SIZE, notifications, open_reader, type_text
from .test_article import open_most_quoted


async def test_a_read_only_library_is_read_and_a_save_is_refused_keeping_the_draft(
    sample_library: Path, make_read_only
) -> None:
    make_read_only(sample_library)
    app = NewsreaderApp(sample_library)
    told = notifications(app)
    async with open_reader(app) as pilot:
        assert app.library.read_only
        assert "Read-only library" in [title for title, _ in told]
        screen = await open_most_quoted(pilot)
        assert screen.view.body  # reading works
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        await type_text(pilot, "lede")
        await pilot.press("tab")
        await type_text(pilot, "my thought")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "the dialog closed although nothing was saved"
        assert "read-only" in str(dialog.query_one("#annotate-error", Static).render())
        assert dialog.query_one("#annotate-tags", Input).value == "lede"
        assert dialog.query_one("#annotate-note", TextArea).text == "my thought"
        assert notes.for_article(app.library, screen.article_id) == []
        await app.action_quit()


async def test_a_library_damaged_where_articles_are_kept_ends_the_reader_with_one_line(
    sample_library: Path,
) -> None:
    from tests.test_library_file import damage, root_pages

    damage(sample_library, root_pages(sample_library, "articles"))
    app = NewsreaderApp(sample_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 1


async def test_a_library_damaged_elsewhere_is_said_at_once_and_no_longer_written(
    sample_library: Path,
) -> None:
    from tests.test_library_file import damage, root_pages

    damage(sample_library, root_pages(sample_library, "article_versions"))
    app = NewsreaderApp(sample_library)
    told = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Damaged library" in [title for title, _ in told]
        assert app.library.read_only
        await app.action_quit()
