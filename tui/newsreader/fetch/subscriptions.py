"""The feeds a reader follows, kept in the library: adding, listing, removing, updating.

An update asks each feed conditionally (``If-None-Match`` / ``If-Modified-Since`` with
what its last answer said), so a feed that has not changed costs one small request and
imports nothing; of a changed feed, only items not seen before are fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.fetch.feeds import Feed, FeedItem, looks_like_feed, parse_feed
from newsreader.fetch.http import Fetcher, FetchError, Response
from newsreader.fetch.web import Progress, import_items
from newsreader.importing import ImportReport
from newsreader.store import Library, now


@dataclass(frozen=True)
class FeedInfo:
    url: str
    title: str
    last_checked: str
    articles: int
    """How many of the library's articles came from this feed."""


class FeedError(Exception):
    """A feed that cannot be followed; the message is one line naming it."""


def list_feeds(library: Library) -> list[FeedInfo]:
    rows = library.conn.execute(
        """SELECT feeds.url, feeds.title, feeds.last_checked,
                  (SELECT count(DISTINCT article_id) FROM feed_items
                   WHERE feed_url = feeds.url AND article_id IS NOT NULL)
           FROM feeds ORDER BY feeds.added, feeds.url"""
    )
    return [FeedInfo(*row) for row in rows]


def add_feed(
    library: Library, url: str, fetcher: Fetcher, *, progress: Progress | None = None
) -> tuple[FeedInfo, ImportReport]:
    """Follow the feed at ``url`` and import its items now; raise :class:`FeedError` if
    it is already followed or is not a feed."""
    if library.conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone():
        raise FeedError(f"{url}: already followed (newsreader feeds update fetches what is new)")
    try:
        response = fetcher.get(url)
    except FetchError as error:
        raise FeedError(str(error)) from None
    feed = _feed_in(url, response)
    with library.transaction():
        library.conn.execute("INSERT INTO feeds (url, added) VALUES (?, ?)", (url, now()))
    report = _import_new(library, url, response, feed, fetcher, ImportReport(), progress)
    return _info(library, url), report


def remove_feed(library: Library, url: str) -> bool:
    """Stop following ``url``; its articles stay in the library."""
    with library.transaction():
        cursor = library.conn.execute("DELETE FROM feeds WHERE url = ?", (url,))
    return cursor.rowcount > 0


def update_feeds(library: Library, fetcher: Fetcher, *, progress: Progress | None = None) -> ImportReport:
    """Import the new items of every feed followed."""
    report = ImportReport()
    feeds = library.conn.execute("SELECT url, etag, last_modified FROM feeds ORDER BY added, url").fetchall()
    for number, (url, etag, last_modified) in enumerate(feeds, start=1):
        if progress:
            progress(f"Updating feed {number}/{len(feeds)}: {url}…")
        try:
            response = fetcher.get(url, etag=etag, last_modified=last_modified)
        except FetchError as error:
            report.problems.append(str(error))
            continue
        if response.not_modified:
            _checked(library, url)
            continue
        try:
            feed = _feed_in(url, response)
        except FeedError as error:
            report.problems.append(str(error))
            continue
        _import_new(library, url, response, feed, fetcher, report, progress)
    return report


def _feed_in(url: str, response: Response) -> Feed:
    feed = parse_feed(response.content) if looks_like_feed(response.content_type, response.content) else None
    if feed is None:
        kind = response.content_type or "unknown content"
        raise FeedError(f"{url}: not an RSS or Atom feed ({kind})")
    return feed


def _import_new(
    library: Library,
    url: str,
    response: Response,
    feed: Feed,
    fetcher: Fetcher,
    report: ImportReport,
    progress: Progress | None,
) -> ImportReport:
    seen = {
        item
        for (item,) in library.conn.execute(
            "SELECT item FROM feed_items WHERE feed_url = ? AND article_id IS NOT NULL", (url,)
        )
    }
    new = [item for item in feed.items if item.key not in seen]

    def imported(item: FeedItem, article_id: str) -> None:
        with library.transaction():
            library.conn.execute(
                "INSERT INTO feed_items (feed_url, item, article_id, seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (feed_url, item) DO UPDATE SET article_id = excluded.article_id",
                (url, item.key, article_id, now()),
            )

    failures = len(report.problems)
    import_items(library, new, fetcher, report=report, progress=progress, imported=imported)
    # With an item left behind, the next update asks for the whole feed again to retry it.
    complete = len(report.problems) == failures
    with library.transaction():
        library.conn.execute(
            "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_checked = ? WHERE url = ?",
            (
                feed.title,
                response.etag if complete else "",
                response.last_modified if complete else "",
                now(),
                url,
            ),
        )
    return report


def _checked(library: Library, url: str) -> None:
    with library.transaction():
        library.conn.execute("UPDATE feeds SET last_checked = ? WHERE url = ?", (now(), url))


def _info(library: Library, url: str) -> FeedInfo:
    return next(info for info in list_feeds(library) if info.url == url)
