"""The annotations list (A): every annotation, filter, open at the passage, orphaned flag."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsreader import notes
from newsreader.app import NewsreaderApp
from newsreader.corpus import load_file
from newsreader.screens.annotations import EMPTY, ORPHANED, AnnotationsScreen, AnnotationTable
from newsreader.screens.article import ArticleScreen
from newsreader.screens.library import LibraryScreen
from newsreader.store import Library

from .conftest import open_reader, settle, type_text

LEAD = "Federal workers faced fresh uncertainty"
CONFUSING = "The confusing back-and-forth has rippled through the federal bureaucracy"
REVOLT = "Revolt! Agency bosses"


def annotate(
    library: Library, source_or_title: str, passage: str, tags: list[str], note: str = ""
) -> notes.Annotation:
    info = next(
        info
        for info in library.articles()
        if source_or_title in (info.source, info.title) or info.title.startswith(source_or_title)
    )
    body = library.article(info.id).body
    start = body.index(passage)
    return notes.create(library, info.id, start, start + len(passage), tags, note)


def annotated_library(path: Path) -> dict[str, notes.Annotation]:
    with Library.open(path) as library:
        return {
            "lead": annotate(library, "Reuters", LEAD, ["DOGE", "lede"], "Strong opening.\nSecond line."),
            "confusing": annotate(library, "Reuters", CONFUSING, ["confusion"], "[b]not markup[/b]"),
            "revolt": annotate(library, REVOLT, "Elon Musk", ["doge"]),
        }


def orphan(path: Path, made: notes.Annotation) -> None:
    """Re-import the article's file with the passage gone, the way a changed file arrives."""
    with Library.open(path) as library:
        stored = library.article(made.article_id)
        article = load_file(Path(stored.path))
        library.import_article(replace(article, body=article.body.replace(made.exact, "Something else")))
        assert notes.get(library, made.id).orphaned


def table(app) -> AnnotationTable:
    return app.screen.query_one(AnnotationTable)


def shown(app) -> list[str]:
    return [item.id for item in app.screen.shown]


async def open_annotations_list(pilot) -> None:
    """From the library just opened: ``A``."""
    await pilot.press("A")
    await settle(pilot)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_A_lists_every_annotation_with_its_article_tags_and_note(sample_library) -> None:
    made = annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        assert set(shown(app)) == {m.id for m in made.values()}
        assert table(app).row_count == 3
        lines = [table(app).render_line(y).text for y in range(1, 4)]
        lead = next(line for line in lines if LEAD in line)
        assert "Reuters — Federal workers" in lead and "#DOGE #lede" in lead
        assert "Strong opening." in lead and "Second line" not in lead  # the note's first line
        assert "3 annotations" in text_of(app, "#annotations-bar")
        # the detail panel shows the highlighted one in full, markup-like text as written
        await pilot.press("home")
        while app.screen.highlighted.id != made["confusing"].id:
            await pilot.press("j")
        assert text_of(app, "#detail-passage") == CONFUSING
        assert text_of(app, "#detail-note") == "[b]not markup[/b]"
        assert text_of(app, "#detail-tags") == "#confusion"
        assert not app.screen.query_one("#detail-flag").display
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_slash_filters_by_text_and_exact_tag(sample_library) -> None:
    made = annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        await pilot.press("slash")
        assert app.focused.id == "annotations-filter"
        await type_text(pilot, "#doge")  # case-folded, on two articles
        assert set(shown(app)) == {made["lead"].id, made["revolt"].id}
        await type_text(pilot, " strong")  # and the text of the note
        assert shown(app) == [made["lead"].id]
        await pilot.press("enter")  # keeps the filter, back to the list
        assert app.focused is table(app)
        assert "filter “#doge strong”: 1 shown" in text_of(app, "#annotations-bar")
        await pilot.press("escape")  # clears it
        assert len(shown(app)) == 3 and app.screen.filter_text == ""
        await pilot.press("slash")
        await type_text(pilot, "#doges")  # exact tags only
        assert shown(app) == []
        # Typed in a burst: no late report of a row shown at "#doge" brings its detail back.
        assert "No annotations match" in text_of(app, "#detail-article")
        await pilot.press("escape")
        assert len(shown(app)) == 3
        await pilot.press("escape")  # no filter: back
        assert isinstance(app.screen, LibraryScreen)


async def test_enter_opens_the_article_at_the_passage(sample_library) -> None:
    made = annotated_library(sample_library)["confusing"]
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        await pilot.press("slash")
        await type_text(pilot, "#confusion")
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article_id == made.article_id
        cursor = screen.view.cursor_span
        assert cursor is not None and made.start in cursor
        assert screen.view.body[made.start : made.end] == CONFUSING
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        assert app.screen.highlighted.id == made.id  # the filter and the row are kept


async def test_an_orphaned_annotation_is_flagged_and_still_opens(sample_library) -> None:
    made = annotated_library(sample_library)
    orphan(sample_library, made["confusing"])
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        row = shown(app).index(made["confusing"].id)
        assert ORPHANED in table(app).render_line(row + 1).text
        assert sum(ORPHANED in table(app).render_line(y).text for y in range(1, 4)) == 1
        assert "1 orphaned" in text_of(app, "#annotations-bar")
        await pilot.press("home")
        for _ in range(row):
            await pilot.press("j")
        assert "not found" in text_of(app, "#detail-flag")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == made["confusing"].article_id
        assert any("not found in the article's current text" in n.message for n in app._notifications)


async def test_the_list_reloads_when_it_comes_back(sample_library) -> None:
    annotated_library(sample_library)
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        assert len(shown(app)) == 3
        await pilot.press("enter")
        await settle(pilot)
        with Library.open(sample_library) as other:  # another process adds one meanwhile
            extra = annotate(other, "Reuters", "Elon Musk", ["later"])
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        assert extra.id in shown(app) and len(shown(app)) == 4


async def test_an_empty_library_says_how_to_annotate(sample_library) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await open_annotations_list(pilot)
        assert text_of(app, "#annotations-empty") == EMPTY
        assert app.screen.query_one("#annotations-empty").display
        assert not table(app).display
        await pilot.press("A")  # not stacked twice
        assert len(app.screen_stack) == 3  # default screen, library, annotations


async def test_moving_up_in_an_empty_list_is_no_crash(sample_library) -> None:
    async with open_reader(NewsreaderApp(sample_library, index_quotes=False)) as pilot:
        app = pilot.app
        await pilot.press("A", "k", "up", "j")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen) and app.screen.items == []
