"""Importing from the web: an article page, or every item of a feed.

Pages are fetched in a few threads at once (the fetcher limits each host); articles
are stored on the calling thread, which owns the library connection. Every failure is
one line naming the URL, and the rest is imported.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from newsreader.corpus import Article, CorpusError, page_article
from newsreader.corpus.decode import decode_html
from newsreader.fetch.feeds import FeedItem, looks_like_feed, parse_feed
from newsreader.fetch.http import Fetcher, FetchError, Response
from newsreader.importing import ImportReport
from newsreader.store import Library

WORKERS = 4
Progress = Callable[[str], None]


def import_urls(
    library: Library,
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    report: ImportReport | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Fetch and import each URL: an article page, or all the items a feed links."""
    report = report or ImportReport()
    for url in urls:
        if progress:
            progress(f"Fetching {url}…")
        try:
            response = fetcher.get(url)
        except FetchError as error:
            report.problems.append(str(error))
            continue
        if looks_like_feed(response.content_type, response.content):
            feed = parse_feed(response.content)
            if feed is None:
                report.problems.append(f"{url}: looks like a feed but cannot be read as RSS or Atom")
                continue
            import_items(library, feed.items, fetcher, report=report, progress=progress)
            continue
        try:
            article = article_from_response(url, response)
        except (FetchError, CorpusError) as error:
            report.problems.append(str(error))
            continue
        outcome, _ = library.import_article(article)
        report.add(outcome)
    return report


def article_from_response(url: str, response: Response) -> Article:
    if response.content_type and not (
        response.content_type.startswith("text/html")
        or response.content_type in ("application/xhtml+xml", "text/plain")
    ):
        raise FetchError(url, f"not a web page or a feed ({response.content_type})")
    text, _ = decode_html(url, response.content, response.charset)
    return page_article(text, url=response.url, fetched_url=url)


def import_items(
    library: Library,
    items: list[FeedItem],
    fetcher: Fetcher,
    *,
    report: ImportReport,
    progress: Progress | None = None,
    imported: Callable[[FeedItem, str], None] | None = None,
) -> ImportReport:
    """Import each item's linked page, or its own content where the page cannot be had;
    ``imported(item, article_id)`` is told of each item stored."""
    if not items:
        return report

    def fetch(item: FeedItem) -> tuple[FeedItem, Article | None, str]:
        problem = ""
        if item.link:
            try:
                return (
                    item,
                    _with_item_metadata(article_from_response(item.link, fetcher.get(item.link)), item),
                    "",
                )
            except (FetchError, CorpusError) as error:
                problem = str(error)
        article = _item_article(item)
        if article is None:
            return item, None, problem or f"{item.key}: the feed item has no link and no text"
        return item, article, ""

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for done, (item, article, problem) in enumerate(pool.map(fetch, items), start=1):
            if progress:
                progress(f"Importing {done:,}/{len(items):,} feed items…")
            if article is None:
                report.problems.append(problem)
                continue
            outcome, article_id = library.import_article(article)
            report.add(outcome)
            if imported:
                imported(item, article_id)
    return report


def _with_item_metadata(article: Article, item: FeedItem) -> Article:
    """What the page did not say, the feed may have."""
    return replace(
        article,
        title=article.title or item.title,
        date=article.date or item.date,
        author=article.author or item.author,
    )


def _item_article(item: FeedItem) -> Article | None:
    """The item's own content as an article, identified by its link (or id)."""
    if not item.content.strip():
        return None
    page = f"<html><head><title>{html.escape(item.title, quote=False)}</title></head><body><article>{item.content}</article></body></html>"
    try:
        article = page_article(page, url=item.link or item.key, fetched_url=item.link or item.key)
    except CorpusError:
        return None
    return replace(
        article,
        title=item.title or article.title,
        date=item.date or article.date,
        author=item.author or article.author,
        url=item.link or item.key,
    )
