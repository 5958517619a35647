"""RSS 2.0 and Atom feeds, read with feedparser: the feed's title and its items."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.corpus.dates import iso_date

_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.DOTALL,
)


@dataclass(frozen=True)
class FeedItem:
    key: str
    """What identifies the item across updates: its id (guid), else its link."""
    link: str
    title: str
    content: str
    """The item's own text (HTML, as the feed gives it), for when its page cannot be fetched."""
    date: str
    author: str


@dataclass(frozen=True)
class Feed:
    title: str
    items: list[FeedItem]


def looks_like_feed(content_type: str, content: bytes) -> bool:
    if content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    return bool(_FEED_START.match(content[:2048]))


def parse_feed(content: bytes) -> Feed | None:
    """The feed in ``content``, or ``None`` when it is not one feedparser can read."""
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        return None
    items = []
    for entry in parsed.entries:
        link = entry.get("link", "") or ""
        key = entry.get("id", "") or link
        if not key:
            continue
        content_parts = entry.get("content") or []
        text = content_parts[0].get("value", "") if content_parts else entry.get("summary", "")
        date = entry.get("published") or entry.get("updated") or ""
        items.append(
            FeedItem(
                key=key,
                link=link,
                title=entry.get("title", "") or "",
                content=text or "",
                date=iso_date(date),
                author=entry.get("author", "") or "",
            )
        )
    return Feed(title=parsed.feed.get("title", "") or "", items=items)
