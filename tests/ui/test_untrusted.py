"""Article and reader text is untrusted: markup and escape sequences show as typed, no
control character reaches the terminal (on any screen, or on a command's output), and
bidi controls cannot reorder the text around them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from textual import events

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.cli import main
from newsreader.corpus import Article
from newsreader.screens.annotate import AnnotateDialog
from newsreader.screens.annotations import AnnotationsScreen
from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.screens.confirm import ConfirmDialog
from newsreader.screens.export_dialog import ExportDialog
from newsreader.screens.help import HelpScreen
from newsreader.screens.library import TagPicker
from newsreader.screens.quote_index import QuoteIndexScreen
from newsreader.screens.search import SearchScreen
from newsreader.store import Library
from newsreader.widgets.article_table import ArticleTable

from .conftest import build_library, open_reader, settle, type_text

QUOTE = "[bold]We will [link=https://evil.example]never[/link] comply[/] with \x1b[31mthis\x1b[0m order"
FILLER = (
    "Plain reporting follows here with enough ordinary words to keep the share of "
    "control characters in this file small, as real articles are. "
) * 3


def injection_files(folder: Path) -> list[Path]:
    first = folder / "inject-one.txt"
    first.write_text(
        "title: [bold red]Breaking[/] \x1b[2J\x1b[H headline [link=http://x]here[/link]\n"
        "source: [i]Evil[/i] Times\x07\n"
        "date: 2025-03-01\n\n"
        f"The union said: “{QUOTE},” according to a statement.\n\n"
        f"{FILLER}\n\n"
        "An OSC link \x1b]8;;http://evil.example\x07click\x1b]8;;\x07 and [/] stray closers [/bold].\n",
        encoding="utf-8",
    )
    second = folder / "inject-two.txt"
    second.write_text(
        "title: Second [dim]outlet[/dim]\nsource: Other\ndate: 2025-03-02\n\n"
        f"Leaders repeated it: “{QUOTE},” they wrote.\n\n{FILLER}\n",
        encoding="utf-8",
    )
    return [first, second]


async def test_markup_and_escape_sequences_show_as_typed(tmp_path: Path) -> None:
    library = build_library(tmp_path / "library.db", injection_files(tmp_path))
    async with open_reader(library) as pilot:
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        assert len(table.rows) == 2
        rendered = "".join(table.render_line(y).text for y in range(3))
        assert "[bold red]Breaking[/]" in rendered
        assert "␛[2J" in rendered and "\x1b" not in rendered
        await pilot.press("G")  # the first article by date is last
        preview = str(app.screen.query_one("#preview-body").render())
        assert "[bold]We will [link=https://evil.example]never[/link] comply[/]" in preview
        assert "[31mthis" in preview and "\x1b" not in preview  # the loader drops ESC from bodies
        assert "[i]Evil[/i] Times␇" in str(app.screen.query_one("#preview-meta").render())

        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        view = screen.view
        text = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "[link=https://evil.example]never[/link]" in text
        assert "]8;;http://evil.example" in text
        assert "[/] stray closers [/bold]" in text
        assert "\x1b" not in text and "\x07" not in text
        title = str(screen.query_one(".pane-title").render())
        assert title.startswith("[bold red]Breaking[/]")

        assert app.quotes is not None and app.quotes.groups  # the quote is shared
        await pilot.press("n", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison.shared
        status = str(app.screen.query_one("#compare-status").render())
        assert "[link=https://evil.example]" in status

        await pilot.press("escape", "escape", "escape")
        await pilot.press("F")
        await type_text(pilot, "comply")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.hits
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


async def test_raw_escape_sequences_in_a_stored_body_are_made_visible(tmp_path: Path) -> None:
    """Even a body stored with control characters (bypassing the loader) cannot reach the
    terminal: they are drawn as visible symbols."""
    from newsreader.corpus import Article
    from newsreader.store import Library

    body = (
        "Clear \x1b[2J\x1b[H screen; bell \x07; title \x1b]0;pwned\x07; csi \x9b31m "
        "and [bold]markup[/bold].\n\nSecond paragraph."
    )
    with Library.open(tmp_path / "library.db") as library:
        library.import_article(
            Article(path=tmp_path / "raw.txt", title="Raw \x1b[5mblink", body=body, source="\x1b[31mRed")
        )
    async with open_reader(tmp_path / "library.db") as pilot:
        app = pilot.app
        row = app.screen.query_one(ArticleTable).render_line(1).text
        assert "Raw ␛[5mblink" in row and "␛[31mRed" in row
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.view
        text = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "Clear ␛[2J␛[H screen; bell ␇; title ␛]0;pwned␇; csi \ufffd31m" in text
        assert "[bold]markup[/bold]" in text
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in text
        await pilot.press("j", "j", "G", "g")  # moving about with controls in the text
        app.save_screenshot(str(tmp_path / "shot.svg"))  # and exporting: no crash


# ---------------------------------------------------------------------------- every screen, every command

#: An OSC that sets the terminal's title (ended by BEL), an SGR colour, a C1 CSI that
#: clears the screen, and a right-to-left override.
HOSTILE = "\x1b]0;pwned\x07\x1b[31m\x9b2J\u202e"
#: What HOSTILE looks like when shown safely, by hand: the control pictures, U+FFFD for
#: the C1 control and the override.
SHOWN = "␛]0;pwned␇␛[31m\ufffd2J\ufffd"
#: Anything a terminal would act on: C0 but the newline, DEL, C1, bidi embeddings,
#: overrides and isolates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
QUOTE_WORDS = f"We will never comply with this {HOSTILE} order from the ministry today"


def hostile_library(path: Path) -> list[str]:
    """Two articles sharing a quote, every field of them holding HOSTILE, with an
    annotation (passage, tags, note) on the first sentence of the first and article tags
    and a note on it; returns the two article ids."""
    filler = "Plain reporting follows with enough ordinary words to read on. " * 4
    ids = []
    with Library.open(path) as library:
        for number, outlet in enumerate(("Daily", "Weekly")):
            body = (
                f"Opening line {HOSTILE} of story {number}.\n\n"
                f"The union said: “{QUOTE_WORDS},” according to Jane Doe.\n\n{filler}\n\nEnd."
            )
            _, article_id = library.import_article(
                Article(
                    path=path.parent / f"hostile-{number}.txt",
                    title=f"Title {number} {HOSTILE} end",
                    body=body,
                    source=f"{outlet} {HOSTILE}",
                    date=f"2025-03-0{number + 1}",
                    author=f"Writer {HOSTILE}",
                )
            )
            ids.append(article_id)
        first_sentence = len(f"Opening line {HOSTILE} of story 0.")
        notes.create(library, ids[0], 0, first_sentence, [f"tag {HOSTILE}"], f"note {HOSTILE}\nsecond line")
        notes.set_article_tags(library, ids[0], [f"story {HOSTILE}"])
        notes.set_article_note(library, ids[0], f"article note {HOSTILE}")
    return ids


def screen_text(app: NewsreaderApp) -> str:
    """Everything the screen sends to the terminal, as text."""
    return html.unescape(app.export_screenshot())


def assert_safe(app: NewsreaderApp, where: str, *, shows: str | None = "␛]0;pwned␇") -> None:
    text = screen_text(app)
    raw = sorted(set(RAW.findall(text)))
    assert not raw, f"{where}: raw control characters {raw!r} reach the terminal"
    if shows is not None:
        assert shows in text.replace("\xa0", " "), f"{where}: the hostile text is not shown visibly"


async def test_no_screen_sends_a_control_character_to_the_terminal(tmp_path: Path) -> None:
    first, _ = hostile_library(tmp_path / "library.db")
    async with open_reader(tmp_path / "library.db") as pilot:
        app = pilot.app
        assert app.quotes is not None and app.quotes.groups  # the hostile quote is shared
        assert_safe(app, "library and preview")
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        assert_safe(app, "tag picker", shows="#story ␛]0;pwned␇")
        await pilot.press("escape", "A")
        await settle(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        assert_safe(app, "annotations list and detail", shows="#tag ␛]0;pwned␇")
        detail = str(app.screen.query_one("#detail-article").render())
        assert "\x1b" not in detail and "Title 0 ␛]0;pwned␇" in detail
        await pilot.press("escape", "e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert_safe(app, "export dialog", shows=None)
        app.screen.query_one("#export-tags").post_message(events.Paste(f"nothing {HOSTILE}"))
        await settle(pilot)  # pasted into the tag filter: the field and the summary show it
        assert_safe(app, "export dialog with a pasted filter", shows="nothing ␛]0;pwned")
        summary = str(app.screen.query_one("#export-summary").render())
        assert summary.endswith("match “nothing ␛]0;pwned␇␛[31m\ufffd2J\ufffd”")
        await pilot.press("escape", "Q")
        await settle(pilot)
        assert isinstance(app.screen, QuoteIndexScreen)
        assert_safe(app, "quote index", shows="this ␛]0;pwned␇")
        await pilot.press("escape")
        await pilot.pause()

        app.open_article(first)
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert_safe(app, "article")
        await pilot.press("enter")  # the cursor starts on the annotated first sentence
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        assert_safe(app, "edit annotation dialog", shows="note ␛]0;pwned␇")
        assert app.screen.query_one("#annotate-note").text == f"note {HOSTILE}\nsecond line"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert_safe(app, "delete confirmation", shows="Tags: tag ␛]0;pwned␇")
        await pilot.press("n", "t")
        await pilot.pause()
        assert_safe(app, "article tags dialog", shows="story ␛]0;pwned")  # an Input drops BEL itself
        await pilot.press("escape", "n")  # the shared quote, with the articles printing it
        await pilot.pause()
        assert_safe(app, "article with a quote selected", shows="Weekly ␛]0;pwned␇")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert_safe(app, "compare")

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_safe(app, "help", shows=None)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert_safe(app, "command palette", shows=None)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        await pilot.press("F")
        await type_text(pilot, "ministry")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.hits
        assert_safe(app, "search results", shows="Title 0 ␛]0;pwned␇")


async def test_a_right_to_left_override_cannot_reorder_a_title(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db") as library:
        library.import_article(
            Article(
                path=tmp_path / "a.txt",
                title="Invoice \u202eexe.txt\u202c paid",
                body="Some text to read.",
                source="\u2067Outlet\u2069",
            )
        )
    async with open_reader(tmp_path / "library.db") as pilot:
        app = pilot.app
        row = app.screen.query_one(ArticleTable).render_line(1).text
        assert "Invoice \ufffdexe.txt\ufffd paid" in row and "\ufffdOutlet\ufffd" in row
        await pilot.press("enter")
        await settle(pilot)
        assert_safe(app, "article", shows="Invoice \ufffdexe.txt\ufffd paid")


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    hostile_library(path)
    return path


@pytest.mark.parametrize(
    "command, shows",
    [
        (["list"], "Title 0 " + SHOWN + " end"),
        (["quotes"], "this " + SHOWN + " order"),
        (["export"], "Daily ␛\\]0;pwned␇␛\\[31m\ufffd2J\ufffd"),  # and Markdown-escaped
        (["export", "--group-by", "tag"], "note " + SHOWN),
    ],
)
def test_commands_print_control_characters_visibly(
    hostile_db: Path, command: list[str], shows: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hostile_db), *command]) == 0
    printed = capsys.readouterr()
    assert not RAW.findall(printed.out) and not RAW.findall(printed.err)
    assert shows in printed.out


@pytest.mark.parametrize(
    "command", [["list", "--json"], ["quotes", "--json"], ["export", "--format", "json"]]
)
def test_json_output_escapes_every_control_character_and_keeps_the_text(
    hostile_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hostile_db), *command]) == 0
    out = capsys.readouterr().out
    assert not RAW.findall(out)
    assert any(HOSTILE in text for text in strings(json.loads(out)))  # the same data, escaped


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in strings(item)] if isinstance(value, list) else []


def test_import_messages_show_a_hostile_file_name_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "evil\x1b]0;pwned\x07.txt"
    bad.write_bytes(b"")  # empty: refused with a message naming the file
    main(["--db", str(tmp_path / "library.db"), "import", str(bad)])
    err = capsys.readouterr().err
    assert not RAW.findall(err) and "evil␛]0;pwned␇.txt" in err


def test_a_note_line_cannot_pass_for_a_block_id_in_markdown(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(hostile_db) as library:
        (note,) = notes.in_library(library)
        notes.update(library, note.id, note=f"see the other one ^nr-{note.id}\n^nr-0000")
    assert main(["--db", str(hostile_db), "export"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"^nr-{note.id}" in lines  # the real block id, on its own line
    assert f"> see the other one \\^nr-{note.id}" in lines and "> \\^nr-0000" in lines


async def test_the_coverage_screen_shows_hostile_text_visibly(tmp_path: Path) -> None:
    hostile_library(tmp_path / "library.db")
    async with open_reader(tmp_path / "library.db") as pilot:
        app = pilot.app
        await pilot.press("S")
        await pilot.pause()
        from newsreader.screens.coverage import CoverageScreen

        assert isinstance(app.screen, CoverageScreen)
        assert_safe(app, "coverage", shows="Title 0 ␛]0;pwned␇")


def story_id(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", str(hostile_db), "stories", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["stories"][0]["id"]


@pytest.mark.parametrize(
    "command",
    [
        ["stories"],
        ["report", "STORY"],
        ["report", "STORY", "--format", "csv"],
        ["quotes", "--format", "csv"],
        ["export", "--format", "csv"],
    ],
)
def test_documents_printed_to_a_terminal_show_control_characters(
    hostile_db: Path, command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command = [story_id(hostile_db, capsys) if word == "STORY" else word for word in command]
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["--db", str(hostile_db), *command]) == 0
    printed = capsys.readouterr()
    assert not RAW.findall(printed.out) and not RAW.findall(printed.err)
    assert re.search(r"␛\\?\]0;pwned", printed.out)  # Markdown escapes the bracket too


@pytest.mark.parametrize(
    "command",
    [
        ["stories", "--json"],
        ["report", "STORY", "--format", "json"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "hypothesis"],
    ],
)
def test_json_documents_escape_control_characters_even_when_piped(
    hostile_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command = [story_id(hostile_db, capsys) if word == "STORY" else word for word in command]
    assert main(["--db", str(hostile_db), *command]) == 0
    out = capsys.readouterr().out
    assert not RAW.findall(out)
    documents = [json.loads(line) for line in out.splitlines()] if "jsonl" in command else [json.loads(out)]
    assert any(HOSTILE in text for text in strings(documents))


def test_csv_piped_to_a_file_keeps_the_text_exactly(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    assert main(["--db", str(hostile_db), "export", "-o", str(tmp_path / "notes.csv")]) == 0
    with (tmp_path / "notes.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["note"] == f"note {HOSTILE}\nsecond line" for row in rows)


def test_vault_notes_hold_no_control_character(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hostile_db), "export", "--split", str(tmp_path / "vault")]) == 0
    notes = list((tmp_path / "vault").glob("*.md"))
    assert len(notes) == 2
    for note in notes:
        text = note.read_text(encoding="utf-8")
        assert not RAW.findall(text), note.name
        assert not RAW.findall(note.name)
