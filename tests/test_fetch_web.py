"""Importing from the web through a real socket: pages, feeds, followed feeds and every
way a fetch fails, served by a local server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.fetch.http import Fetcher
from newsreader.fetch.web import import_urls
from newsreader.store import Library
from webserver import Route

WORDPRESS = "/2024/03/27/city-council-approves-bike-lane-plan/"
ARC = "/california/story/2024-03-27/drought-cattle-sales"


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_a_page_by_url(library_path: Path, web, capsys: pytest.CaptureFixture[str]) -> None:
    url = web.page(WORDPRESS, "pages/wordpress.html")
    assert main(["import", url]) == 0
    assert "1 imported, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().err
    [article] = listed(capsys)
    assert {key: article[key] for key in ("title", "source", "author", "date", "url", "path")} == {
        "title": "City council approves bike lane plan after heated debate",
        "source": "Riverside Ledger",
        "author": "Maria Gonzalez",
        "date": "2024-03-27",
        "url": "https://riversideledger.example/2024/03/27/city-council-approves-bike-lane-plan/",
        "path": None,
    }
    assert article["tags"] == ["bike lanes", "city council"]
    assert web.requests[0][1]["User-Agent"].startswith("newsreader/")


def test_importing_a_page_again_updates_it_and_keeps_the_old_version(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    url = web.page(WORDPRESS, "pages/wordpress.html")
    main(["import", url])
    assert main(["import", url]) == 0
    assert "0 imported, 0 updated, 1 unchanged" in capsys.readouterr().err
    changed = web.routes[WORDPRESS].body.replace(b"take about eight months", b"take about ten months")
    web.routes[WORDPRESS].body = changed
    assert main(["import", url]) == 0
    assert "0 imported, 1 updated, 0 unchanged" in capsys.readouterr().err
    [article] = listed(capsys)
    assert article["version"] == 2
    with Library.open(library_path) as library:
        [(old,)] = library.conn.execute("SELECT body FROM article_versions").fetchall()
    assert "eight months" in old


def test_another_address_of_the_same_page_is_the_same_article(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    """The AMP copy names the article page as canonical: importing both makes one article."""
    amp = web.page("/amp/port-strike", "pages/amp.html")
    main(["import", amp])
    web.routes["/amp/port-strike"].body = web.routes["/amp/port-strike"].body.replace(
        b"for an eighth day", b"for a ninth day"
    )
    web.page("/business/port-strike-second-week", "pages/amp.html")
    body = web.routes["/amp/port-strike"].body
    web.routes["/business/port-strike-second-week"].body = body
    assert main(["import", web.base + "/business/port-strike-second-week"]) == 0
    assert "0 imported, 1 updated" in capsys.readouterr().err
    assert len(listed(capsys)) == 1


def test_a_feed_url_imports_every_item_falling_back_to_the_items_own_text(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    web.page(WORDPRESS, "pages/wordpress.html")
    web.page(ARC, "pages/arc.html")
    feed = web.feed("/feed/", "feeds/rss.xml")  # its third item's page is missing (404)
    assert main(["import", feed]) == 0
    assert "3 imported, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().err
    articles = {article["title"]: article for article in listed(capsys)}
    assert set(articles) == {
        "City council approves bike lane plan after heated debate",
        "Drought forces farmers to sell cattle early",
        "Library extends weekend hours from April",
    }
    fallback = articles["Library extends weekend hours from April"]
    assert (fallback["author"], fallback["date"]) == ("Sam Lee", "2024-03-26T09:15:00+00:00")
    assert fallback["url"] == web.base + "/2024/03/26/library-weekend-hours/"
    with Library.open(library_path) as library:
        body = library.article(fallback["id"]).body
    assert body.startswith("The Riverside Public Library will open on Sundays")
    assert len(body.split("\n\n")) == 3


def test_an_atom_feed(library_path: Path, web, capsys: pytest.CaptureFixture[str]) -> None:
    web.page("/science/thwaites-seafloor-map", "pages/nextjs.html")
    web.page("/business/port-strike-second-week", "pages/amp.html")
    feed = web.feed("/science/atom.xml", "feeds/atom.xml", content_type="application/atom+xml")
    assert main(["import", feed]) == 0
    assert {a["source"] for a in listed(capsys)} == {"Polar Post", "Harbor Times"}


def test_every_failure_is_one_line_naming_the_url_and_the_rest_is_imported(
    library_path: Path, web, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    good = web.page(WORDPRESS, "pages/wordpress.html")
    web.routes["/broken"] = Route(status=500, body=b"oops")
    web.routes["/image.png"] = Route(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")
    web.routes["/empty"] = Route(
        body=b'<html><body><nav><a href="/">Home</a></nav><footer>\xc2\xa9 2024</footer></body></html>'
    )
    failing = {
        web.base + "/missing": "HTTP 404 Not Found",
        web.base + "/broken": "HTTP 500 Internal Server Error",
        web.base + "/image.png": "not a web page or a feed (image/png)",
        web.base + "/empty": "no article text found in the page",
        f"http://127.0.0.1:{closed_port}/story": "connection refused",
    }
    status = main(["import", *failing, good])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    for url, reason in failing.items():
        assert f"newsreader: skipped {url}: {reason}" in lines
    assert lines[-1] == "1 imported, 0 updated, 0 unchanged, 5 skipped (see above)"


def test_timeouts_and_oversized_responses_through_a_real_socket(library_path: Path, web) -> None:
    slow = web.page("/slow", "pages/wordpress.html", delay=2)
    big = web.page("/big", "pages/wordpress.html")
    with Library.open(library_path) as library, Fetcher(timeout=0.5, retries=0, max_bytes=1000) as fetcher:
        report = import_urls(library, [slow, big], fetcher)
    assert report.problems == [
        f"{slow}: timed out after 0.5 s",
        f"{big}: 7 KB, larger than the 1 KB limit for one page",
    ]


def test_follow_a_feed_list_update_and_remove(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    web.page(WORDPRESS, "pages/wordpress.html")
    web.page(ARC, "pages/arc.html")
    feed = web.feed("/feed/", "feeds/rss.xml", etag='"v1"')
    assert main(["feeds", "add", feed]) == 0
    err = capsys.readouterr().err
    assert f"following {feed} (Riverside Ledger – Local News)" in err and "3 imported" in err
    assert main(["feeds", "list", "--json"]) == 0
    [info] = json.loads(capsys.readouterr().out)
    assert (info["url"], info["title"], info["articles"]) == (feed, "Riverside Ledger – Local News", 3)
    assert info["last_checked"]

    asked = len(web.requests)
    assert main(["feeds", "update"]) == 0
    assert "0 imported, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().err
    assert web.requests[asked:] == [("/feed/", web.requests[asked][1])]  # one request: the feed
    assert web.requests[asked][1]["If-None-Match"] == '"v1"'

    # The feed changes: a new item is imported, the old ones are not fetched again.
    web.page("/amp/port-strike", "pages/amp.html")
    web.routes["/feed/"].body = web.routes["/feed/"].body.replace(
        b"<item>",
        b"<item><title>Port strike</title><link>"
        + web.base.encode()
        + b"/amp/port-strike</link><guid>port-strike</guid></item><item>",
        1,
    )
    web.routes["/feed/"].etag = '"v2"'
    pages_before = web.asked(WORDPRESS)
    assert main(["feeds", "update"]) == 0
    assert "1 imported" in capsys.readouterr().err
    assert web.asked(WORDPRESS) == pages_before
    assert main(["feeds", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["URL", "TITLE", "LAST", "CHECKED", "ARTICLES"] and out[1].endswith(" 4")

    assert main(["feeds", "remove", feed]) == 0
    assert main(["feeds", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert len(listed(capsys)) == 4  # its articles stay


def test_feeds_add_refuses_what_is_not_a_feed(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    page = web.page(WORDPRESS, "pages/wordpress.html")
    assert main(["feeds", "add", page]) == 1
    assert capsys.readouterr().err.strip() == f"newsreader: {page}: not an RSS or Atom feed (text/html)"
    assert main(["feeds", "remove", page]) == 1


def test_a_latin1_page_and_a_redirect_through_a_real_socket(
    library_path: Path, web, capsys: pytest.CaptureFixture[str]
) -> None:
    web.page("/lokal/seeufer", "pages/latin1.html", content_type="text/html")  # charset in <meta> only
    web.routes["/kurz"] = Route(status=301, location="/lokal/seeufer")
    assert main(["import", web.base + "/kurz"]) == 0
    [article] = listed(capsys)
    assert (article["title"], article["author"]) == (
        "Bürgerinitiative stoppt Neubau am Seeufer",
        "Jürgen Weiß",
    )
    assert article["url"] == web.base + "/lokal/seeufer"  # where it was, after the redirect
    assert main(["import", web.base + "/lokal/seeufer"]) == 0
    assert "1 unchanged" in capsys.readouterr().err
