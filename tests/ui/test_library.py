"""The library screen: list, preview, filter, sort, marks, compare, search, help, palette."""

from __future__ import annotations

from newsreader.app import NewsreaderApp
from newsreader.screens.article import ArticleScreen
from newsreader.screens.compare import CompareScreen
from newsreader.screens.help import HelpScreen
from newsreader.screens.library import LibraryScreen
from newsreader.screens.quote_index import QuoteIndexScreen
from newsreader.screens.search import SearchScreen
from newsreader.store import Library
from newsreader.widgets.article_table import ArticleTable

from .conftest import SIZE, open_reader, sample_file, settle, type_text


def table(app) -> ArticleTable:
    return app.screen.query_one(ArticleTable)


def static_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_lists_the_articles_with_quote_counts_and_moves(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        assert isinstance(app.screen, LibraryScreen)
        rows = table(app).rows
        assert len(rows) == 5
        assert rows[0].info.source == "Reuters"  # the only dated article, newest first
        assert sum(row.quotes or 0 for row in rows) > 0
        assert "Reuters" in table(app).render_line(1).text
        await pilot.press("j")
        assert table(app).cursor == 1
        assert static_text(app, "#preview-title") == table(app).highlighted.info.title
        await pilot.press("down", "down", "k")
        assert table(app).cursor == 2
        await pilot.press("G")
        assert table(app).cursor == 4
        await pilot.press("g")
        assert table(app).cursor == 0


async def test_a_hundred_times_the_articles_cost_no_more_widgets(tmp_path) -> None:
    """The list draws its rows itself: a library of 500 articles (far more than the
    screen shows) mounts exactly the widgets a library of 5 does."""
    from newsreader.corpus import Article

    widgets = {}
    for count in (5, 500):
        path = tmp_path / f"{count}.db"
        with Library.open(path) as library:
            articles = (
                Article(
                    path=tmp_path / f"{n}.txt", title=f"Story {n}", body=f"Text number {n}.", source="Wire"
                )
                for n in range(count)
            )
            list(library.import_many(articles))
        async with open_reader(NewsreaderApp(path, index_quotes=False)) as pilot:
            assert len(table(pilot.app).rows) == count
            widgets[count] = len(list(pilot.app.screen.walk_children()))
    assert widgets[500] == widgets[5]


async def test_filter_keeps_on_enter_and_clears_on_escape(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await type_text(pilot, "reuters")
        assert [row.info.source for row in table(app).rows] == ["Reuters"]
        await pilot.press("enter")
        assert app.focused is table(app)
        assert len(table(app).rows) == 1
        assert "filter" in static_text(app, "#library-bar")
        await pilot.press("slash", "escape")
        assert len(table(app).rows) == 5
        assert app.focused is table(app)
        await pilot.press("slash")
        await type_text(pilot, "fedral")  # fuzzy: a typo still matches
        await pilot.press("enter")
        assert 0 < len(table(app).rows) < 5
        await pilot.press("escape")  # escape on the list clears the filter too
        assert len(table(app).rows) == 5


async def test_sort_cycles(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        screen = app.screen
        assert screen.sort == "date"
        await pilot.press("s")
        assert screen.sort == "source"
        sources = [row.info.source for row in table(app).rows]
        assert sources[:2] == ["FOX 5 DC", "Reuters"]
        await pilot.press("s")
        assert screen.sort == "quotes"
        counts = [row.quotes for row in table(app).rows]
        assert counts == sorted(counts, reverse=True)
        await pilot.press("s")
        assert screen.sort == "date"


async def test_enter_opens_the_article_and_escape_returns(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        highlighted = table(app).highlighted.id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == highlighted
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_c_compares_with_the_article_sharing_most_quotes(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        first = table(app).highlighted.id
        assert sample_file(app, first) == "000"  # Reuters, the only dated article
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.ids["left"] == first
        # 003 prints four of Reuters' quotes; FOX (004) two, 001 one.
        assert sample_file(app, app.screen.ids["right"]) == "003"


async def test_space_marks_and_c_compares_marked_with_highlighted(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        rows = table(app).rows
        await pilot.press("space")  # marks the first row and moves down
        assert app.screen.marks.ids == [rows[0].id]
        assert table(app).cursor == 1
        await pilot.press("j", "j")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.ids == {"left": rows[0].id, "right": rows[3].id}
        await pilot.press("escape")
        await pilot.press("escape")  # clears the marks
        assert not app.screen.marks


async def test_search_lists_hits_and_opens_at_the_hit(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("F")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "technologists")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.hits and all(hit.offset is not None for hit in screen.hits)
        hit = screen.hits[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == hit.article_id
        view = app.screen.view
        body = view.body
        assert body[hit.offset : hit.offset + hit.length].casefold() == "technologists"
        assert 0 <= view.row_of(hit.offset) < view.size.height  # scrolled to the hit
        assert [(m.start, m.style) for m in view.marks("hit")] == [(hit.offset, "hit")]


async def test_ctrl_f_searches_too(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_Q_opens_the_quote_index(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, QuoteIndexScreen)


async def test_help_lists_every_key_with_its_id(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = [str(widget.render()) for widget in app.screen.query(".help-id")]
        for binding_id in (
            "library.filter",
            "library.sort",
            "library.search",
            "library.mark",
            "library.compare",
            "library.quote_index",
            "library.quit",
            "library.open",
            "library.down",
            "app.help",
        ):
            assert binding_id in ids
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_every_key_is_a_palette_command(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await type_text(pilot, "library: sort")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.sort == "source"


async def test_q_quits_from_the_library(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_theme_is_remembered(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        app.theme = "nord"
        await settle(pilot)
    with Library.open(sample_library) as library:
        assert library.setting("theme") == "nord"
    async with open_reader(sample_library) as pilot:
        again = pilot.app
        assert again.theme == "nord"


async def test_narrow_terminal_stacks_the_preview(sample_library) -> None:
    async with open_reader(sample_library, size=(80, 30)) as pilot:
        app = pilot.app
        assert app.screen.has_class("-narrow")
        preview = app.screen.query_one("#preview")
        assert preview.region.y > table(app).region.y


async def test_import_runs_in_the_background_and_refreshes_the_list(sample_library, tmp_path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "title: Extra one\nsource: Extra\n\n“Subject to the discretion "
        "of the President, they will be given another chance,” "
        "Musk said.\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text("title: Extra two\nsource: Extra\n\nNothing quoted.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        titles = {row.info.title for row in table(app).rows}
        assert {"Extra one", "Extra two"} <= titles and len(titles) == 7
        extra = next(row for row in table(app).rows if row.info.title == "Extra one")
        assert extra.quotes == 1  # re-indexed: it shares the Musk quote
        assert app.progress == ""


async def test_paths_given_at_start_are_imported_in_the_background(tmp_path) -> None:
    from .conftest import SAMPLE_CORPUS

    app = NewsreaderApp(tmp_path / "library.db", import_paths=[SAMPLE_CORPUS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # usable at once, empty at first
        await settle(pilot)
        await settle(pilot)
        assert len(table(app).rows) == 5
        assert app.quotes is not None and app.quotes.groups


async def test_filter_text_typed_in_a_burst_after_slash_is_kept(sample_library) -> None:
    """Keys sent at once (a paste, tmux send-keys) all reach the table before "/" is acted
    on; the text must still land in the filter box, and no list binding may fire."""
    from textual import events

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        for character in "/reuters":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#filter").value == "reuters"
        assert screen.sort == "date"  # the "s" did not sort
        assert [row.info.source for row in table(app).rows] == ["Reuters"]


# ---------------------------------------------------------------------------- tags and notes


def _annotated(path) -> dict[str, str]:
    """Two annotations on the Reuters article, one on another, an article tag on a third."""
    from newsreader import notes

    with Library.open(path) as library:
        infos = library.articles()
        reuters = next(info for info in infos if info.source == "Reuters")
        revolt = next(info for info in infos if info.title.startswith("Revolt!"))
        fox = next(info for info in infos if info.source == "FOX 5 DC")
        for info, passage, tags in (
            (reuters, "Federal workers", ["DOGE", "lede"]),
            (reuters, "Elon Musk", ["quote"]),
            (revolt, "Elon Musk", ["doge"]),
        ):
            start = library.article(info.id).body.index(passage)
            notes.create(library, info.id, start, start + len(passage), tags)
        notes.set_article_tags(library, fox.id, ["Needs source"])
    return {"reuters": reuters.id, "revolt": revolt.id, "fox": fox.id}


async def test_the_table_shows_tags_and_annotation_counts(sample_library) -> None:
    ids = _annotated(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        header = table(app).render_line(0).text
        assert "Notes" in header and "Tags" in header
        rows = {row.id: y for y, row in enumerate(table(app).rows, start=1)}
        notes, tags = header.index("Notes"), header.index("Tags")

        def cells(article_id: str) -> tuple[str, str]:
            line = table(app).render_line(rows[article_id]).text
            return line[notes : notes + 5].strip(), line[tags:].strip()

        assert cells(ids["reuters"]) == ("2", "DOGE, lede, q…")  # its annotations' tags, clipped
        assert cells(ids["revolt"]) == ("1", "doge")
        assert cells(ids["fox"]) == ("·", "Needs source")  # the article's own tag, no annotations
        table(app).select_id(ids["reuters"])
        await pilot.pause()
        assert "2 annotations" in static_text(app, "#preview-meta")


async def test_hash_tag_filter_keeps_articles_tagged_themselves_or_on_an_annotation(sample_library) -> None:
    ids = _annotated(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, "#doge")
        assert {row.id for row in table(app).rows} == {ids["reuters"], ids["revolt"]}
        await type_text(pilot, " reuters")  # with fuzzy words
        assert [row.id for row in table(app).rows] == [ids["reuters"]]
        await pilot.press("escape")
        await pilot.press("slash")
        await type_text(pilot, "#needs-source")  # a tag with a space
        await pilot.press("enter")
        assert [row.id for row in table(app).rows] == [ids["fox"]]


async def test_T_picks_a_tag_in_use_and_filters_by_it(sample_library) -> None:
    from newsreader.screens.library import TagPicker

    ids = _annotated(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        prompts = [str(app.screen.query_one("#tag-picker").get_option_at_index(i).prompt) for i in range(4)]
        assert prompts == ["#DOGE  (2)", "#lede  (1)", "#Needs source  (1)", "#quote  (1)"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#filter").value == "#Needs-source"
        assert [row.id for row in table(app).rows] == [ids["fox"]]
        assert app.focused is table(app)
        await pilot.press("T", "escape")  # cancel leaves the filter
        assert [row.id for row in table(app).rows] == [ids["fox"]]


async def test_T_without_tags_says_so(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("No tags yet" in n.message for n in app._notifications)


async def test_counts_refresh_when_the_library_comes_back(sample_library) -> None:
    from newsreader import notes

    async with open_reader(sample_library) as pilot:
        app = pilot.app
        row = table(app).highlighted
        assert row.annotation_count == 0
        await pilot.press("enter")
        await settle(pilot)
        with Library.open(sample_library) as other:  # saved on the reader screen, or elsewhere
            notes.create(other, row.id, 0, 10, ["later"])
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert table(app).highlighted.id == row.id
        assert (table(app).highlighted.annotation_count, table(app).highlighted.all_tags) == (1, ("later",))


async def test_typing_e_or_A_in_the_filter_box_stays_in_the_box(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("slash", "e", "A")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#filter").value == "eA"


async def test_a_keymap_in_the_config_rebinds_a_key(sample_library, no_user_config) -> None:
    no_user_config.write_text('[keymap]\n"library.filter" = "f"\n', encoding="utf-8")
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("slash")
        assert not app.screen.query_one("#filter").display  # / is no longer the filter key
        await pilot.press("f")
        assert app.screen.query_one("#filter").display and app.focused.id == "filter"


async def test_a_broken_keymap_is_reported_and_the_app_starts(sample_library, no_user_config) -> None:
    no_user_config.write_text("[keymap\n", encoding="utf-8")
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        assert isinstance(app.screen, LibraryScreen)
        assert any("not valid TOML" in n.message for n in app._notifications)
        await pilot.press("slash")
        assert app.screen.query_one("#filter").display
