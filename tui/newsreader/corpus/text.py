"""Cleaning text: stray markup from scrapers, invisible and control characters, spacing,
and hard-wrapped lines joined back into paragraphs."""

from __future__ import annotations

import html
import re

_IMAGE_BLOCK = re.compile(
    r"<(?:[\w-]+:)?image\b[^>]*>(?P<inner>.*?)</(?:[\w-]+:)?image>", re.IGNORECASE | re.DOTALL
)
_IMAGE_ALT = re.compile(r'alt="([^"]+)"', re.IGNORECASE)
_DATA_URI_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*data:[^)]*\)", re.IGNORECASE)
_DATA_URI = re.compile(r"data:[\w/+.-]+(?:;[\w=.-]+)*,[^\s<>\"')]+")
_KNOWN_TAGS = (
    "a|abbr|b|blockquote|br|caption|cite|div|em|figcaption|figure|font|h[1-6]|hr|i|image|img|"
    "li|ol|p|picture|small|source|span|strong|sub|sup|u|ul|video|iframe|section|article|header|"
    "footer|nav|aside|main|table|tbody|thead|tr|td|th|time|mark|q"
)
_HTML_TAG = re.compile(r"</?(?:%s)(?:\s[^<>]*)?/?>" % _KNOWN_TAGS, re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\r]")
"""Zero-width space, word joiner, BOM, CR. Not ZWJ/ZWNJ (U+200D/U+200C): they are part
of emoji sequences and of Persian and Indic spelling."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_JOIN_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "with",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "but",
        "than",
        "said",
        "wrote",
        "told",
    ]
)
_TERMINAL = ".!?:;\"”’')]…"


def strip_invisible(text: str) -> str:
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def strip_markup(text: str) -> tuple[str, list[str]]:
    """Remove scraped image blocks, data URIs and stray HTML tags, decode entities; return
    the text and the images' alt texts (a scrape's lead image often carries the headline)."""
    alt_texts = [alt for block in _IMAGE_BLOCK.finditer(text) for alt in _IMAGE_ALT.findall(block["inner"])]
    text = _IMAGE_BLOCK.sub("\n", text)
    text = _DATA_URI_IMAGE.sub("\n", text)
    text = _DATA_URI.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text, alt_texts


def one_line(value: str) -> str:
    return SPACES.sub(" ", value.replace("\n", " ")).strip()


def undouble(text: str) -> str:
    """Scrapers often repeat an image caption twice in its alt text; keep one copy."""
    text = one_line(text)
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1 :]:
        return text[:half]
    return text


def reflow(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs.

    Blank lines always end a paragraph. Scraped text also uses single newlines between
    paragraphs, so a single newline is kept as a break unless the line plainly runs on:
    the next line starts in lower case, or this one ends in a comma or a word like "the".
    In a file that separates paragraphs by blank lines, single newlines are wraps.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        line = SPACES.sub(" ", line).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    multi_line = sum(1 for block in blocks if len(block) > 1)
    blank_separated = len(blocks) > 2 and multi_line <= len(blocks) // 4
    paragraphs: list[str] = []
    for block in blocks:
        current = block[0]
        for line in block[1:]:
            if is_list_item(line) or line.startswith("#"):
                paragraphs.append(current)
                current = line
            elif runs_on(current, line) or (blank_separated and not is_list_item(current)):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return paragraphs


def runs_on(line: str, following: str) -> bool:
    if following[0].islower():
        return True
    if line.endswith((",", ',"', ",”", "—", "–", "-")) and not line.endswith(" -"):
        return True
    if line[-1] in _TERMINAL:
        return False
    last_word = line.rsplit(" ", 1)[-1].lower()
    return last_word in _JOIN_WORDS


def is_list_item(line: str) -> bool:
    return bool(re.match(r"^(?:[-*•]|\d{1,3}[.)])\s", line))
