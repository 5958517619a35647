"""Turn article files (plain text, Markdown, HTML) into clean bodies with metadata.

Everything later (quote offsets, annotation anchors, full-text search) refers to the
cleaned ``body`` this module produces, so cleaning happens exactly once, here.
No Textual import: the CLI, the tests and the benchmarks load articles without a UI.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
MAX_BYTES = 8 * 1024 * 1024
"""Larger files are refused: no article is this long, and a stray dump would stall the UI."""

HEADER_KEYS = ("title", "source", "date", "url", "author")


class CorpusError(Exception):
    """A file that cannot be read as an article; the message names the file and why."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Article:
    """One loaded article. ``body`` is cleaned text; paragraphs are separated by one blank line."""

    path: Path
    title: str
    body: str
    source: str = ""
    date: str = ""
    url: str = ""
    author: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return content_id(self.body)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    @property
    def word_count(self) -> int:
        return len(self.body.split())


def content_id(body: str) -> str:
    """A stable id from the text itself, so the same article imported twice is one article."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()


# --------------------------------------------------------------------------- files


def iter_article_files(paths: Iterable[Path | str]) -> Iterator[Path | CorpusError]:
    """Yield article files under ``paths`` (folders recursively, sorted), or an error per bad path."""
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            yield CorpusError(path, "no such file or folder")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not _hidden(child, path):
                    yield child
        else:
            yield path


def _hidden(child: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def load_paths(paths: Iterable[Path | str]) -> Iterator[Article | CorpusError]:
    """Load every article under ``paths``; bad files come back as errors, never raised."""
    for item in iter_article_files(paths):
        if isinstance(item, CorpusError):
            yield item
            continue
        try:
            yield load_file(item)
        except CorpusError as error:
            yield error


def load_file(path: Path | str) -> Article:
    """Read one file and return its article, or raise :class:`CorpusError` saying why not."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorpusError(path, f"skipped: {size / 1e6:.1f} MB is larger than the "
                                    f"{MAX_BYTES // (1024 * 1024)} MB limit for one article")
        data = path.read_bytes()
    except CorpusError:
        raise
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a file") from None
    except PermissionError:
        raise CorpusError(path, "permission denied") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    text, warnings = decode(path, data)
    return parse_text(path, text, warnings)


def parse_text(path: Path | str, text: str, warnings: Iterable[str] = ()) -> Article:
    """Build an article from already-decoded text, choosing the parser by file suffix."""
    path = Path(path)
    warnings = list(warnings)
    if path.suffix.lower() in {".html", ".htm"} or _looks_like_html_document(text):
        meta, body = _parse_html(text)
    else:
        meta, body = _parse_plain(text)
    if not body.strip():
        raise CorpusError(path, "no article text after cleaning")
    title = meta.get("title") or _prettify_stem(path)
    return Article(
        path=path.resolve(),
        title=_one_line(title),
        body=body,
        source=_one_line(meta.get("source", "")),
        date=_one_line(meta.get("date", "")),
        url=_one_line(meta.get("url", "")),
        author=_one_line(meta.get("author", "")),
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- decoding

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "a program"),
)


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM), falling back to cp1252 with a warning."""
    if not data.strip():
        raise CorpusError(path, "empty file")
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise CorpusError(path, f"binary file ({kind}), not text")
    warnings: list[str] = []
    sample = data[:8192]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise CorpusError(path, "binary file (contains NUL bytes), not text")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
        warnings.append("removed NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not valid UTF-8; read as Windows-1252 (cp1252)")
    if _control_ratio(text) > 0.05:
        raise CorpusError(path, "binary file (mostly control characters), not text")
    return text, warnings


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    """Share of control characters (other than line breaks, tabs and form feeds) in
    the first 8 KiB: counted by one regex scan, not a loop over characters."""
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROLS.findall(sample)) / len(sample)


# --------------------------------------------------------------------------- plain text

_HEADER_LINE = re.compile(r"^\s*(%s)\s*:\s*(.*?)\s*$" % "|".join(HEADER_KEYS), re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*(?:\[\s*source\s*:\s*(?P<source>[^\]]+)\])?\s*$",
    re.IGNORECASE,
)
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
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\r]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_JOIN_WORDS = frozenset(
    "a an and as at by for from in into of on or that the to with has have had is was were "
    "are be been but than said wrote told".split()
)
_TERMINAL = ".!?:;\"”’')]…"


def _parse_plain(text: str) -> tuple[dict[str, str], str]:
    text = _INVISIBLE.sub("", text)
    lines = text.split("\n")
    meta, lines = _take_header(lines)
    body = "\n".join(lines)
    alt_texts = [alt for block in _IMAGE_BLOCK.finditer(body) for alt in _IMAGE_ALT.findall(block["inner"])]
    body = _IMAGE_BLOCK.sub("\n", body)
    body = _DATA_URI_IMAGE.sub("\n", body)
    body = _DATA_URI.sub("", body)
    body = _HTML_TAG.sub("", body)
    body = _ENTITY.sub(lambda m: html.unescape(m.group(0)), body)
    body = _CONTROL.sub("", body)
    paragraphs = _reflow(body.split("\n"))
    if "title" not in meta and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        meta["title"] = paragraphs.pop(0).lstrip("# ").strip()
    if meta.get("title") and paragraphs and paragraphs[0].lstrip("# ") == _one_line(meta["title"]):
        paragraphs.pop(0)
    if "title" not in meta and alt_texts:
        meta["title"] = _undouble(alt_texts[0])
    return meta, "\n\n".join(paragraphs)


def _take_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Read a leading ``key: value`` block (optionally fenced by ``---``), then a dateline."""
    meta: dict[str, str] = {}
    rest = _skip_blank(lines)
    fenced = bool(rest) and rest[0].strip() == "---"
    candidate = rest[1:] if fenced else rest
    found: dict[str, str] = {}
    cursor = 0
    while cursor < len(candidate) and (match := _HEADER_LINE.match(candidate[cursor])):
        found[match.group(1).lower()] = match.group(2)
        cursor += 1
    closing = candidate[cursor].strip() if cursor < len(candidate) else ""
    if found and (closing == "---" if fenced else closing == ""):
        meta.update({key: value for key, value in found.items() if value})
        rest = _skip_blank(candidate[cursor + (1 if fenced else 0) :])
    if rest and (dateline := _DATELINE.match(rest[0])):
        meta.setdefault("date", dateline.group("date"))
        if dateline.group("source"):
            meta.setdefault("source", dateline.group("source").strip())
        rest = rest[1:]
    return meta, rest


def _skip_blank(lines: list[str]) -> list[str]:
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    return lines[index:]


def _reflow(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs.

    Blank lines always end a paragraph. Scraped text also uses single newlines between
    paragraphs, so a single newline is kept as a break unless the line plainly runs on:
    the next line starts in lower case, or this one ends in a comma or a word like "the".
    In a file that separates paragraphs by blank lines, single newlines are wraps.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        line = _SPACES.sub(" ", line).strip()
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
            if _is_list_item(line) or line.startswith("#"):
                paragraphs.append(current)
                current = line
            elif _runs_on(current, line) or (blank_separated and not _is_list_item(current)):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return paragraphs


def _runs_on(line: str, following: str) -> bool:
    if following[0].islower():
        return True
    if line.endswith((",", ",\"", ",”", "—", "–", "-")) and not line.endswith(" -"):
        return True
    if line[-1] in _TERMINAL:
        return False
    last_word = line.rsplit(" ", 1)[-1].lower()
    return last_word in _JOIN_WORDS


def _is_list_item(line: str) -> bool:
    return bool(re.match(r"^(?:[-*•]|\d{1,3}[.)])\s", line))


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return (
        paragraph.startswith("# ")
        or (0 < len(words) <= 20 and len(paragraph) <= 140 and paragraph[-1] not in ".,;:\"”’")
    )


# --------------------------------------------------------------------------- HTML


def _looks_like_html_document(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


class _HTMLText(HTMLParser):
    """Collect visible text (paragraphs at block boundaries) and metadata from an HTML page."""

    BLOCKS = frozenset(
        "p div br h1 h2 h3 h4 h5 h6 li blockquote section article header footer tr ul ol "
        "figure figcaption pre hr table main aside".split()
    )
    SKIP = frozenset("script style noscript template svg head nav".split())
    META = {
        "og:title": "title", "twitter:title": "title", "title": "title",
        "og:site_name": "source", "application-name": "source",
        "article:published_time": "date", "date": "date", "pubdate": "date",
        "dc.date": "date", "publish-date": "date",
        "og:url": "url", "author": "author", "article:author": "author",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.parts: list[str] = []
        self._skip = 0
        self._in_title = False
        self._title: list[str] = []
        self._first_h1: list[str] | None = None
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): value or "" for key, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            field_name = self.META.get(key)
            if field_name and values.get("content") and field_name not in self.meta:
                self.meta[field_name] = values["content"]
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        elif tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip += 1
        if tag == "h1" and self._first_h1 is None:
            self._first_h1, self._in_h1 = [], True
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self._skip:
            return
        if self._in_h1 and self._first_h1 is not None:
            self._first_h1.append(data)
        self.parts.append(data)

    @property
    def title(self) -> str:
        return "".join(self._title).strip()

    @property
    def h1(self) -> str:
        return "".join(self._first_h1 or []).strip()


def _parse_html(text: str) -> tuple[dict[str, str], str]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    meta = dict(parser.meta)
    if not meta.get("title"):
        meta["title"] = parser.title or parser.h1
    raw = _CONTROL.sub("", _INVISIBLE.sub("", "".join(parser.parts)))
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", raw):
        paragraph = _SPACES.sub(" ", chunk.replace("\n", " ")).strip()
        if paragraph:
            paragraphs.append(paragraph)
    if paragraphs and meta.get("title") and paragraphs[0] == _one_line(meta["title"]):
        paragraphs.pop(0)
    if paragraphs and parser.h1 and paragraphs[0] == _one_line(parser.h1):
        paragraphs.pop(0)
    return {key: value for key, value in meta.items() if value}, "\n\n".join(paragraphs)


# --------------------------------------------------------------------------- helpers


def _one_line(value: str) -> str:
    return _SPACES.sub(" ", value.replace("\n", " ")).strip()


def _undouble(text: str) -> str:
    """Scrapers often repeat an image caption twice in its alt text; keep one copy."""
    text = _one_line(text)
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1 :]:
        return text[:half]
    return text


def _prettify_stem(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name
