"""Stories in the library (issue 14): the Story column, the story: filter, a palette
command per story, and the grouped view with each story's articles folded under it."""

from __future__ import annotations

from pathlib import Path

from newsreader.app import NewsreaderApp
from newsreader.listing import Heading
from newsreader.screens.article import ArticleScreen
from newsreader.screens.coverage import CoverageScreen
from newsreader.widgets.article_table import ArticleTable

from .conftest import open_reader, settle, type_text

LONE = "title: A bakery wins\n\nThe Corner Bakery on Elm Street won a prize for its rye bread."


def with_a_lone_article(library: Path, folder: Path) -> NewsreaderApp:
    """The reader on ``library``, importing one article that belongs to no story."""
    lone = folder / "lone.txt"
    lone.write_text(LONE)
    return NewsreaderApp(library, import_paths=[lone])


def table(app) -> ArticleTable:
    return app.screen.query_one(ArticleTable)


async def stories_found(pilot) -> None:
    await settle(pilot)  # the stories are found after the quotes
    assert pilot.app.stories is not None


def story_cells(app) -> dict[str, str]:
    header = table(app).render_line(0).text
    start = header.index("Story")
    return {
        row.info.title: table(app).render_line(y).text[start : start + 12].strip()
        for y, row in enumerate(table(app).lines, start=1)
    }


async def test_the_story_column_fills_in_when_the_stories_are_found(sample_library: Path) -> None:
    app = NewsreaderApp(sample_library, index_quotes=False)
    async with open_reader(app) as pilot:
        assert app.stories is None and "Story" not in table(app).render_line(0).text  # no room spent yet
        app.index_quotes()  # the stories are found after the quotes
        await stories_found(pilot)
        title = app.stories.stories[0].title
        cells = story_cells(app)
        assert len(cells) == 5 and len(set(cells.values())) == 1  # one story, its first words
        label = cells.popitem()[1]
        assert label.endswith("…") and title.startswith(label[:-1])


async def test_an_article_in_no_story_has_a_blank_story_cell(sample_library: Path, tmp_path: Path) -> None:
    app = with_a_lone_article(sample_library, tmp_path)
    async with open_reader(app):
        cells = story_cells(app)
        assert cells.pop("A bakery wins") == ""
        assert len(cells) == 5 and all(cells.values())


async def test_story_filter_keeps_that_storys_articles(sample_library: Path, tmp_path: Path) -> None:
    app = with_a_lone_article(sample_library, tmp_path)
    async with open_reader(app) as pilot:
        story = app.stories.stories[0]
        await pilot.press("slash")
        await type_text(pilot, f"story:{story.id}")
        await pilot.press("enter")
        assert sorted(row.id for row in table(app).rows) == sorted(story.articles)
        await pilot.press("escape", "slash")
        await type_text(pilot, f"story:{story.title.split()[0].lower()}")
        await pilot.press("enter")
        assert sorted(row.id for row in table(app).rows) == sorted(story.articles)
        await pilot.press("escape", "slash")
        await type_text(pilot, "story:bakery")
        await pilot.press("enter")
        assert table(app).rows == []  # the bakery article is in no story


async def test_a_palette_command_per_story_filters_to_it(sample_library: Path, tmp_path: Path) -> None:
    app = with_a_lone_article(sample_library, tmp_path)
    async with open_reader(app) as pilot:
        story = app.stories.stories[0]
        await pilot.press("ctrl+p")
        await type_text(pilot, f"story: {story.title.split()[0]}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.filter_text == f"story:{story.id}"
        assert sorted(row.id for row in table(app).rows) == sorted(story.articles)


async def test_o_groups_by_story_enter_unfolds_and_opens(sample_library: Path, tmp_path: Path) -> None:
    app = with_a_lone_article(sample_library, tmp_path)
    async with open_reader(app) as pilot:
        story = app.stories.stories[0]
        await pilot.press("o")
        lines = table(app).lines
        assert [(line.story_id, line.count, line.open) for line in lines] == [
            (story.id, 5, False),
            ("", 1, False),
        ]
        assert "grouped by story" in str(app.screen.query_one("#library-bar").render())
        assert story.title.split()[0] in str(app.screen.query_one("#preview-title").render())
        await pilot.press("enter")  # unfolds the story under the cursor
        lines = table(app).lines
        assert isinstance(lines[0], Heading) and lines[0].open
        assert [line.id for line in lines[1:6]] == [row.id for row in lines[1:6] if row.story_id == story.id]
        assert len(lines) == 7 and table(app).cursor == 0
        await pilot.press("space")  # folds it again
        assert len(table(app).lines) == 2
        await pilot.press("enter", "j", "enter")  # unfold, then open its first article
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k", "S")  # coverage of the story under the cursor
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen) and app.screen.story_id == story.id
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")  # back to the plain list
        assert len(table(app).lines) == 6 and not any(isinstance(line, Heading) for line in table(app).lines)


async def test_help_lists_the_grouped_view_key(sample_library: Path) -> None:
    async with open_reader(sample_library) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        await settle(pilot)
        text = " ".join(str(widget.render()) for widget in app.screen.query("*") if hasattr(widget, "render"))
        assert "Group by story" in text and "library.group_stories" in text
