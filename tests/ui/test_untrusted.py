"""Article text is untrusted: markup and escape sequences show as typed, nothing breaks."""

from __future__ import annotations

from pathlib import Path

from newsreader.app import NewsreaderApp
from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.screens.search import SearchScreen
from newsreader.widgets.article_table import ArticleTable

from .conftest import SIZE, build_library, settle

QUOTE = "[bold]We will [link=https://evil.example]never[/link] comply[/] with \x1b[31mthis\x1b[0m order"
FILLER = ("Plain reporting follows here with enough ordinary words to keep the share of "
          "control characters in this file small, as real articles are. ") * 3


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
    app = NewsreaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
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
        await pilot.press("F", *"comply", "enter")
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

    body = ("Clear \x1b[2J\x1b[H screen; bell \x07; title \x1b]0;pwned\x07; csi \x9b31m "
            "and [bold]markup[/bold].\n\nSecond paragraph.")
    with Library.open(tmp_path / "library.db") as library:
        library.import_article(Article(path=tmp_path / "raw.txt", title="Raw \x1b[5mblink",
                                       body=body, source="\x1b[31mRed"))
    app = NewsreaderApp(tmp_path / "library.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
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
