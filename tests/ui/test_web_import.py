"""Feeds and web pages from the reader: `u` updates every feed in the background, and
new articles join the library list without a restart (local server on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from newsreader.app import NewsreaderApp
from newsreader.fetch.http import Fetcher
from newsreader.fetch.subscriptions import add_feed
from newsreader.store import Library
from newsreader.widgets.article_table import ArticleTable

from .conftest import open_reader, settle

WORDPRESS = "/2024/03/27/city-council-approves-bike-lane-plan/"
ARC = "/california/story/2024-03-27/drought-cattle-sales"


def titles(app) -> set[str]:
    return {row.info.title for row in app.screen.query_one(ArticleTable).rows}


async def test_u_updates_the_feeds_and_the_list_grows(tmp_path: Path, web) -> None:
    web.page(WORDPRESS, "pages/wordpress.html")
    web.page(ARC, "pages/arc.html")
    feed = web.feed("/feed/", "feeds/rss.xml", etag='"v1"')
    library_path = tmp_path / "library.db"
    with Library.open(library_path) as library, Fetcher() as fetcher:
        add_feed(library, feed, fetcher)
    app = NewsreaderApp(library_path, index_quotes=False)
    async with open_reader(app) as pilot:
        assert len(titles(app)) == 3
        web.page("/business/port-strike-second-week", "pages/amp.html")
        web.routes["/feed/"].body = web.routes["/feed/"].body.replace(
            b"<item>",
            b"<item><title>Port strike</title><link>"
            + web.base.encode()
            + b"/business/port-strike-second-week</link></item><item>",
            1,
        )
        web.routes["/feed/"].etag = '"v2"'
        await pilot.press("u")
        await settle(pilot)
        assert "Port strike enters second week as talks stall" in titles(app)
        assert len(titles(app)) == 4
        assert app.progress == ""


async def test_u_without_feeds_says_how_to_follow_one(tmp_path: Path, monkeypatch) -> None:
    told: list[str] = []
    original = NewsreaderApp.notify
    monkeypatch.setattr(
        NewsreaderApp,
        "notify",
        lambda self, message, **options: (told.append(message), original(self, message, **options)),
    )
    app = NewsreaderApp(tmp_path / "library.db", index_quotes=False)
    async with open_reader(app) as pilot:
        await pilot.press("u")
        await settle(pilot)
        assert told == ["No feeds followed: newsreader feeds add URL follows one."]


async def test_a_url_given_on_the_command_line_is_imported_in_the_background(tmp_path: Path, web) -> None:
    url = web.page("/science/thwaites-seafloor-map", "pages/nextjs.html")
    app = NewsreaderApp(tmp_path / "library.db", index_quotes=False, import_paths=[url])
    async with open_reader(app) as pilot:
        await settle(pilot)
        assert titles(app) == {"Scientists map the seafloor under Antarctica’s fastest glacier"}
