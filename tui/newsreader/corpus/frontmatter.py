"""YAML front matter (``---`` … ``---`` at the top of a Markdown or text file), read with
PyYAML: the keys newsreader knows become the article's fields, every other key is kept
as its metadata, and a block that is not valid YAML is reported, never read as text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Each field, and the keys that give it, most specific first.
FIELD_KEYS = {
    "title": ("title", "headline"),
    "source": ("source", "site_name", "sitename", "publisher", "outlet", "publication"),
    "date": ("date", "published", "pubdate", "pubDate", "date_published", "published_at"),
    "author": ("author", "byline", "authors", "creator"),
    "url": ("url", "canonical", "canonical_url", "link"),
    "tags": ("tags", "keywords"),
}
_FENCE = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass
class FrontMatter:
    fields: dict[str, Any] = field(default_factory=dict)
    """Known fields by newsreader's name (``title``, ``source``, ``date``, ``author``,
    ``url``, ``tags``), values as YAML gave them."""
    extra: dict[str, Any] = field(default_factory=dict)
    warning: str = ""


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter at the top of ``text`` (or ``None``) and the text after it.

    A fenced block that is not a YAML mapping comes back with a ``warning`` and its
    lines are still left out of the body: they are metadata, whatever their syntax.
    """
    opening = _FENCE.match(text)
    if not opening:
        return None, text
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return None, text  # a horizontal rule at the top, not front matter
    block, rest = text[opening.end() : closing.start()], text[closing.end() :]
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        return FrontMatter(
            warning=f"front matter is not valid YAML ({problem}{where}); its fields were ignored"
        ), rest
    if data is None:
        return FrontMatter(), rest
    if not isinstance(data, dict):
        return FrontMatter(warning="front matter is not a list of key: value fields; ignored"), rest
    return _mapped(data), rest


def _mapped(data: dict[Any, Any]) -> FrontMatter:
    by_key = {str(key).casefold(): (str(key), value) for key, value in data.items()}
    matter = FrontMatter()
    used: set[str] = set()
    for name, keys in FIELD_KEYS.items():
        for key in keys:
            found = by_key.get(key.casefold())
            if found is not None and found[1] not in (None, "", []):
                matter.fields[name] = found[1]
                used.add(key.casefold())
                break
    matter.extra = {
        original: _plain(value) for folded, (original, value) in by_key.items() if folded not in used
    }
    return matter


def _plain(value: Any) -> Any:
    """A YAML value as JSON can hold it (dates become ISO text)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if isoformat else str(value)


def as_text(value: Any) -> str:
    """A field value as one string: a list of authors joined with commas."""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(item) for item in value if item not in (None, ""))
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "")
    return "" if value is None else str(value)


def as_tags(value: Any) -> list[str]:
    """Tags from a YAML list, or from one comma-separated string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [as_text(item).strip() for item in value if as_text(item).strip()]
    return []
