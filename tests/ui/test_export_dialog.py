"""The export dialog (e): default path, Markdown and JSON files, overwrite, errors, clipboard."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsreader.app import NewsreaderApp
from newsreader.screens.export_dialog import ExportDialog
from newsreader.screens.library import LibraryScreen

from .conftest import open_reader, settle, type_text
from .test_annotations_list import CONFUSING, LEAD, annotated_library


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    """An empty working folder (the library is in ``tmp_path``): where exports go by default."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def todays_file(folder, extension: str):
    """The name the dialog offers by default: it sorts by date in a folder."""
    return folder / f"newsreader-notes-{date.today().isoformat()}.{extension}"


def field(app, selector: str):
    return app.screen.query_one(selector)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_dialog(pilot) -> None:
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)


async def test_e_opens_the_dialog_with_a_default_path_and_a_preview(sample_library, cwd) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        md = todays_file(cwd, "md")
        assert field(app, "#export-path").value == str(md)
        assert text_of(app, "#export-summary") == "Will export 2 articles, 3 annotations"
        await type_text(pilot, "confusion")
        await settle(pilot)
        assert text_of(app, "#export-summary") == "Will export 1 article, 1 annotation"
        await pilot.press("s")
        await settle(pilot)
        assert "no annotations, tags or notes match “confusions”" in text_of(app, "#export-summary")
        field(app, "#export-format").value = "json"  # the name follows the format
        await pilot.pause()
        assert field(app, "#export-path").value == str(md.with_suffix(".json"))
        assert field(app, "#export-group").disabled
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
    assert list(cwd.iterdir()) == []  # cancel writes nothing


async def test_ctrl_s_writes_markdown_with_passages_tags_and_notes(sample_library, cwd) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        written = todays_file(cwd, "md")
        text = written.read_text(encoding="utf-8")
        assert LEAD in text and CONFUSING in text
        assert "#DOGE" in text and "#confusion" in text
        assert "Strong opening." in text and "[b]not markup[/b]" in text
        assert any(
            n.message == f"Wrote 3 annotations from 2 articles to {written}" for n in app._notifications
        )


async def test_json_with_a_tag_filter_writes_web_annotations(sample_library, cwd) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        field(app, "#export-format").value = "json"
        await type_text(pilot, "#doge")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    data = json.loads(todays_file(cwd, "json").read_text())
    assert (data["type"], data["first"]["type"]) == ("AnnotationCollection", "AnnotationPage")
    items = data["first"]["items"]
    assert len(items) == 2 and all(item["type"] == "Annotation" for item in items)
    text = json.dumps(data, ensure_ascii=False)
    assert LEAD in text and CONFUSING not in text  # only the #doge annotations


async def test_an_existing_file_is_replaced_only_when_write_is_pressed_again(sample_library, cwd) -> None:
    annotated_library(sample_library)
    existing = todays_file(cwd, "md")
    existing.write_text("keep me", encoding="utf-8")
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "already exists" in text_of(app, "#export-error")
        assert existing.read_text(encoding="utf-8") == "keep me"
        await pilot.click("#export-write")  # the second press replaces it
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert LEAD in existing.read_text(encoding="utf-8")


async def test_editing_the_path_after_the_warning_asks_again(sample_library, cwd) -> None:
    annotated_library(sample_library)
    (cwd / "a.md").write_text("old a", encoding="utf-8")
    (cwd / "b.md").write_text("old b", encoding="utf-8")
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        field(app, "#export-path").value = "a.md"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already exists" in text_of(app, "#export-error")
        field(app, "#export-path").value = "b.md"  # another file: not confirmed
        await pilot.pause()
        assert not field(app, "#export-error").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
    assert (cwd / "b.md").read_text() == "old b" and (cwd / "a.md").read_text() == "old a"


async def test_a_missing_folder_is_an_error_line_and_nothing_is_written(sample_library, cwd) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        field(app, "#export-path").value = str(cwd / "nowhere" / "notes.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert text_of(app, "#export-error") == f"{cwd / 'nowhere'}: no such folder"
        assert "Traceback" not in text_of(app, "#export-error")
    assert list(cwd.iterdir()) == []


async def test_nothing_to_export_writes_nothing(sample_library, cwd) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        assert "Nothing to export" in text_of(app, "#export-summary")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing to export" in text_of(app, "#export-error")
    assert list(cwd.iterdir()) == []


async def test_copy_markdown_puts_the_markdown_on_the_clipboard(sample_library, cwd, monkeypatch) -> None:
    annotated_library(sample_library)
    app = NewsreaderApp(sample_library)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with open_reader(app) as pilot:
        await open_dialog(pilot)
        field(app, "#export-format").value = "json"  # the copy is Markdown all the same
        await pilot.pause()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("Copied the Markdown of 3 annotations" in n.message for n in app._notifications)
    assert len(copied) == 1 and copied[0].startswith("---") and LEAD in copied[0]
    assert list(cwd.iterdir()) == []


async def test_tags_in_use_are_suggested(sample_library, cwd) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        await type_text(pilot, "lede, con")
        await settle(pilot)
        await pilot.press("right")  # accepts the suggestion
        assert field(app, "#export-tags").value == "lede, confusion"


async def test_the_dialog_writes_an_obsidian_vault_and_asks_before_replacing_foreign_notes(
    sample_library, cwd
) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        field(app, "#export-format").value = "vault"
        await pilot.pause()
        assert field(app, "#export-path").value == str(cwd / "newsreader-vault")
        assert text_of(app, "#export-path-label") == "Folder"
        assert field(app, "#export-group").disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    notes = sorted(path.name for path in (cwd / "newsreader-vault").glob("*.md"))
    assert len(notes) == 3 and "newsreader notes.md" in notes  # two articles and the index
    article = next(cwd.glob("newsreader-vault/[!n]*.md"))
    article.write_text("rewritten by hand\n")

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_dialog(pilot)
        field(app, "#export-format").value = "vault"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "did not write, or that were edited" in text_of(app, "#export-error")
        assert article.read_text() == "rewritten by hand\n"
        await pilot.press("ctrl+s")  # again: replace
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert article.read_text().startswith("---\ntitle:")
