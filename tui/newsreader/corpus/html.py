"""Saved and fetched web pages: the article's text and metadata, by trafilatura.

trafilatura finds the main content (leaving out menus, cookie banners, share bars,
"most read" lists, comments and footers) and reads the title, author, date, site name
and canonical URL from the page's meta tags and JSON-LD. Its fast mode is used: on the
publishing platforms tested (WordPress, Arc, Next.js, AMP, bare HTML) it gives the
same text as the full mode with its fallback extractors, in about half the time.

What is left here is what a reader of news needs on top: the headline, kicker and
byline that open the extracted text are dropped (they are the title and author), a
pull quote that repeats a paragraph's words is dropped (it would count as a second
quotation), and the " | Site" or " - Site" suffix comes off the title.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsreader.corpus.article import Metadata
from newsreader.corpus.dates import date_line, iso_date
from newsreader.corpus.text import one_line, strip_invisible

FAST = True
PRUNE = [
    # Newsletter sign-up boxes sit inside the article on many sites; trafilatura keeps them.
    "//*[contains(translate(@class, 'NEWSLETTR', 'newslettr'), 'newsletter')]",
    "//*[contains(translate(@id, 'NEWSLETTR', 'newslettr'), 'newsletter')]",
]
_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " // ")
_BYLINE_WORDS = ("by ", "von ", "par ", "por ", "di ", "door ", "af ", "av ")
_QUOTES = "\"'“”‘’«»„‚ "


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html"))


def parse_html(page: str | bytes, url: str | None = None) -> tuple[Metadata, str]:
    """The page's metadata and its article text (paragraphs separated by a blank line);
    the body is empty when no article text was found."""
    import trafilatura

    document = trafilatura.bare_extraction(
        page,
        url=url,
        fast=FAST,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        prune_xpath=PRUNE,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if document is None:
        return Metadata(url=url or ""), ""
    found = document if isinstance(document, dict) else document.as_dict()
    site = one_line(found.get("sitename") or "")
    hostname = found.get("hostname") or ""
    if site and ("." in site and " " not in site):  # trafilatura's stand-in: the host name
        site = ""
    title, suffix = strip_site_suffix(one_line(found.get("title") or ""), site)
    meta = Metadata(
        title=title,
        source=site or suffix or _host_name(hostname),
        date=_page_date(found.get("date") or ""),
        author=one_line(found.get("author") or "").replace(";", ","),
        url=found.get("url") or url or "",
        tags=[one_line(tag) for tag in found.get("tags") or () if one_line(tag)],
    )
    paragraphs = [one_line(strip_invisible(line)) for line in (found.get("text") or "").split("\n")]
    paragraphs = _without_repeats(_without_header([p for p in paragraphs if p], meta))
    return meta, "\n\n".join(paragraphs)


def strip_site_suffix(title: str, site: str) -> tuple[str, str]:
    """``"Headline | Site"`` → ``("Headline", "Site")``. Without a known site name, a
    short capitalised last part ("LA Times Now") is taken to be the site."""
    for separator in _SUFFIX_SEPARATORS:
        if separator not in title:
            continue
        head, tail = (part.strip() for part in title.rsplit(separator, 1))
        if not head or not tail:
            continue
        if site and _same_name(tail, site):
            return head, tail
        words = tail.split()
        if (
            not site
            and len(words) <= 4
            and len(head.split()) >= 3
            and all(word[0].isupper() or word[0].isdigit() for word in words)
        ):
            return head, tail
    return title, ""


def _same_name(a: str, b: str) -> bool:
    """ "LA Times Now" and "latimesnow": one name, spaced and cased differently."""
    a, b = (re.sub(r"[\W_]+", "", text).casefold() for text in (a, b))
    return bool(a and b) and (a in b or b in a)


def _host_name(hostname: str) -> str:
    host = urlsplit(f"//{hostname}").hostname or ""
    return host[4:] if host.startswith("www.") else host


def _page_date(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00", value):
        return value[:10]  # htmldate found a day, not a time
    return iso_date(value)


def _without_header(paragraphs: list[str], meta: Metadata) -> list[str]:
    """Drop the headline (and a kicker above it), the byline and date lines that open
    the extracted text: they are the title, author and date, not the article."""
    title = _squash(meta.title)
    for index, paragraph in enumerate(paragraphs[:4]):
        if (
            title
            and _squash(paragraph) == title
            and all(len(before.split()) <= 6 for before in paragraphs[:index])
        ):
            paragraphs = paragraphs[index + 1 :]
            break
    while paragraphs and _is_byline_or_date(paragraphs[0], meta.author):
        paragraphs = paragraphs[1:]
    return paragraphs


def _is_byline_or_date(paragraph: str, author: str) -> bool:
    if len(paragraph) > 120:
        return False
    lowered = paragraph.casefold()
    if lowered.startswith(_BYLINE_WORDS) and (not author or author.split(",")[0].casefold() in lowered):
        return True
    return bool(date_line(paragraph))


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """Drop a short paragraph whose words another paragraph already prints: a pull quote."""
    squashed = [_squash(paragraph) for paragraph in paragraphs]
    kept = []
    for index, paragraph in enumerate(paragraphs):
        words = squashed[index]
        if (
            len(paragraph) <= 300
            and words
            and any(
                other != index and len(squashed[other]) > len(words) and words in squashed[other]
                for other in range(len(paragraphs))
            )
        ):
            continue
        kept.append(paragraph)
    return kept


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
