"""Plain text and Markdown: front matter, or the header a scrape starts with.

Scrapes rarely have front matter. Their first lines may be a headline, a byline ("By
Jane Doe"), a date line, or a dateline naming the source ("date 2025-02-26 [Source:
Reuters]"); the first paragraph may open with an agency dateline ("WASHINGTON (AP) —").
These become the title, author, date and source and leave the body. A text with no
headline is titled by its first sentence, cut at a word; never by its file name.
"""

from __future__ import annotations

import re

from newsreader.corpus import frontmatter
from newsreader.corpus.article import Metadata
from newsreader.corpus.dates import date_line, iso_date
from newsreader.corpus.text import (
    is_list_item,
    one_line,
    reflow,
    runs_on,
    strip_invisible,
    strip_markup,
    undouble,
)

TITLE_CHARS = 90
"""A title made from the first sentence is cut, at a word, to about this many characters."""

_SOURCE_DATELINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*(?:\[\s*source\s*:\s*(?P<source>[^\]]+)\])?"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
"""A scraper's dateline: on a line of its own, or with the article's first words after it."""
_BYLINE = re.compile(
    r"^\s*by\s+(?P<name>[^\W\d_][\w.'’ -]*(?:(?:,|,? and|&)\s*[^\W\d_][\w.'’ -]*)*)"
    r"(?:\s*[|·•,–—-]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_AGENCIES = {
    "ap": "The Associated Press",
    "reuters": "Reuters",
    "afp": "AFP",
    "upi": "UPI",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "xinhua": "Xinhua",
    "pa": "PA Media",
    "tass": "TASS",
}
_OUTLET_LINES = {name.casefold(): name for name in _AGENCIES.values()} | {
    "ap": "The Associated Press",
    "associated press": "The Associated Press",
}
"""An outlet named alone on a line under the headline, as scrapes of syndicated copy do."""
_AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’ -]*(?:,\s*[A-Za-z. ]+?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<agency>%s)\)\s*(?:[—–-]|--)\s" % "|".join(_AGENCIES),
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^(?:the )?source:\s*(?:information (?:from|by)\s+)?(?P<name>[A-Z][\w.&'’ -]{1,40}?)"
    r"(?:\s+reporting\b|\s+and\b|[,.;]|$)",
    re.IGNORECASE,
)
"""A closing credit naming the outlet ("The Source: Information from FOX 5 DC reporting …")."""
_CITY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Za-z.]+(?:\s+\d{1,2})?)*\s*(?:\([^)]{1,20}\))?"
    r"|\([^)]{1,20}\))\s*(?:[—–:]|-{1,2})\s+"
)
"""The place (and agency) an article opens with, "WASHINGTON (AP) — ": not part of a title."""
_LEGACY_HEADER = re.compile(r"^\s*(title|source|date|url|author)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
"""A Markdown horizontal rule (``---``, ``***``): layout, not text."""
HEADER_LINES = 6


def parse_plain(text: str) -> tuple[Metadata, str]:
    """The metadata and the cleaned body (paragraphs separated by a blank line)."""
    meta = Metadata()
    matter, text = frontmatter.split_front_matter(text)
    lines = text.split("\n")
    if matter is not None:
        _apply_front_matter(meta, matter)
    else:
        lines = _take_legacy_header(meta, lines)
    lines = [line for line in lines if not _RULE.match(line)]
    lines = _take_scrape_header(meta, lines)
    # Only the body is cleaned of control characters: in a title or source they are
    # shown (made visible) rather than silently changed.
    body, alt_texts = strip_markup(strip_invisible("\n".join(lines)))
    paragraphs = reflow(body.split("\n"))
    if not meta.title and len(paragraphs) > 1 and paragraphs[0].startswith("# "):
        meta.title = paragraphs.pop(0).lstrip("# ").strip()
    if meta.title and paragraphs and one_line(paragraphs[0].lstrip("# ")) == one_line(meta.title):
        paragraphs.pop(0)
    if not meta.source and paragraphs and (agency := _AGENCY_DATELINE.match(paragraphs[0])):
        meta.source = _AGENCIES[agency.group("agency").lower()]
    if not meta.source:
        meta.source = _credited_source(paragraphs[-3:])
    if not meta.title and alt_texts:
        meta.title = undouble(alt_texts[0])
    if not meta.title and paragraphs:
        meta.title = first_sentence_title(paragraphs[0])
    return meta, "\n\n".join(paragraphs)


def _apply_front_matter(meta: Metadata, matter: frontmatter.FrontMatter) -> None:
    fields = matter.fields
    meta.title = frontmatter.as_text(fields.get("title"))
    meta.source = frontmatter.as_text(fields.get("source"))
    meta.author = frontmatter.as_text(fields.get("author"))
    meta.url = frontmatter.as_text(fields.get("url"))
    meta.tags = frontmatter.as_tags(fields.get("tags"))
    if "date" in fields:
        meta.date = iso_date(fields["date"])
        if not meta.date:
            matter.extra.setdefault("date", frontmatter.as_text(fields["date"]))
            meta.warnings.append(
                f"front matter date {frontmatter.as_text(fields['date'])!r} "
                "is not a date newsreader can read; kept as metadata"
            )
    meta.extra = matter.extra
    if matter.warning:
        meta.warnings.append(matter.warning)


def _take_legacy_header(meta: Metadata, lines: list[str]) -> list[str]:
    """``Title: …`` lines, unfenced, then a blank line: the header of older exports."""
    start = _first_text_line(lines, 0)
    found: dict[str, str] = {}
    cursor = start
    while cursor < len(lines) and (match := _LEGACY_HEADER.match(lines[cursor])):
        found[match.group(1).lower()] = match.group(2)
        cursor += 1
    if not found or (cursor < len(lines) and lines[cursor].strip()):
        return lines
    meta.title = found.get("title", "")
    meta.source = found.get("source", "")
    meta.author = found.get("author", "")
    meta.url = found.get("url", "")
    meta.date = iso_date(found.get("date", ""))
    if found.get("date") and not meta.date:
        meta.extra["date"] = found["date"]  # kept as written: not a date newsreader can read
    return lines[cursor:]


def _take_scrape_header(meta: Metadata, lines: list[str]) -> list[str]:
    """Headline, byline, date and outlet lines among the first short lines, in any order;
    a standfirst or kicker between them stays in the text. Taken only when text follows
    them (a one-line file is all body)."""
    found: dict[str, str] = {}
    taken: set[int] = set()
    replaced: dict[int, str] = {}
    cursor = _first_text_line(lines, 0)
    for _ in range(HEADER_LINES):
        following = _next_text(lines, cursor) if cursor < len(lines) else None
        if following is None:
            break
        line = lines[cursor].strip()
        if dateline := _SOURCE_DATELINE.match(line):
            found.setdefault("date", dateline.group("date"))
            if dateline.group("source"):
                found.setdefault("source", dateline.group("source").strip())
            if dateline.group("rest").strip():
                replaced[cursor] = dateline.group("rest").strip()  # the article starts here
                break
        elif day := date_line(line):
            found.setdefault("date", day)
        elif byline := _byline(line):
            if byline[0]:
                found.setdefault("author", byline[0])
            if byline[1] and (day := date_line(byline[1])):
                found.setdefault("date", day)
        elif line.casefold() in _OUTLET_LINES:
            found.setdefault("source", _OUTLET_LINES[line.casefold()])
        elif not meta.title and "title" not in found and _is_headline(line, following):
            found["title"] = line.lstrip("# ").strip()
        elif (meta.title or "title" in found) and _is_headline(line, following):
            cursor = _first_text_line(lines, cursor + 1)  # a standfirst: it stays
            continue
        else:
            break
        taken.add(cursor)
        cursor = _first_text_line(lines, cursor + 1)
    if not taken and not replaced:
        return lines
    for name, value in found.items():
        if not getattr(meta, name):
            setattr(meta, name, value)
    return [replaced.get(index, line) for index, line in enumerate(lines) if index not in taken]


def _byline(line: str) -> tuple[str, str] | None:
    """``(author, rest of the line)`` of a byline; the author is empty when the scrape
    lost the names (linked names dropped: "By  and")."""
    if re.fullmatch(r"\s*by(?:\s+(?:and|&|,))*\s*", line, re.IGNORECASE):
        return "", ""
    match = _BYLINE.match(line)
    if not match:
        return None
    name = one_line(match.group("name"))
    words = name.split()
    if (
        not words
        or len(words) > 8
        or not all(
            w[0].isupper()
            or w.lower() in ("and", "&", "de", "van", "von", "da", "der", "la", "le", "bin", "al")
            for w in words
        )
    ):
        return None
    return name.rstrip(",. "), (match.group("rest") or "").strip()


def _is_headline(line: str, following: str) -> bool:
    if line.startswith("# "):
        return True
    words = line.split()
    return (
        0 < len(words) <= 20
        and len(line) <= 140
        and line[-1] not in '.,;:"”’'
        and not is_list_item(line)
        and not runs_on(line, following)
    )


def _credited_source(last_paragraphs: list[str]) -> str:
    for paragraph in reversed(last_paragraphs):
        if credit := _CREDIT_LINE.match(paragraph):
            return credit.group("name").strip()
    return ""


def first_sentence_title(paragraph: str) -> str:
    """The paragraph's first sentence, cut at a word to about :data:`TITLE_CHARS`."""
    from newsreader.textlayout import sentences

    spans = sentences(paragraph)
    sentence = paragraph[spans[0].start : spans[0].end] if spans else paragraph
    sentence = _CITY_DATELINE.sub("", one_line(sentence), count=1)
    if len(sentence) <= TITLE_CHARS:
        return sentence
    cut = sentence[: TITLE_CHARS + 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def _first_text_line(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _next_text(lines: list[str], index: int) -> str | None:
    after = _first_text_line(lines, index + 1)
    return lines[after].strip() if after < len(lines) else None
