"""Notes as an Obsidian vault: one note per article, an index note linking them, and
"also in" lists that link the other articles' notes.

Re-running updates the notes in place. A manifest (``.newsreader-vault.json``, hidden
from Obsidian) remembers which file newsreader wrote for which article and what was in
it, so names stay stable across runs (renaming a note would break the user's links)
and a file newsreader did not write, or that was edited since, is never overwritten
without ``force``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from newsreader.export.errors import ExportError, ExportExists
from newsreader.export.files import write_atomic
from newsreader.export.markdown import (
    TITLE,
    block_quote,
    byline,
    escape_inline,
    hashtags,
    note_callout,
    passage,
)
from newsreader.export.selection import ExportedArticle, Selection, count
from newsreader.tags import obsidian_tag
from newsreader.textlayout import json_controls_escaped, one_line

MANIFEST = ".newsreader-vault.json"
INDEX = TITLE
MAX_NAME_BYTES = 150
"""Room under every file system's 255-byte limit for a suffix and ``.md``."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*#^\[\]]+')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
_KEPT_FORMAT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: part of the spelling of words


@dataclass(frozen=True)
class VaultReport:
    folder: Path
    written: list[Path]
    unchanged: int


def note_name(title: str) -> str:
    """A file name (without ``.md``) from a title, safe on Windows, macOS and Linux and
    usable in a ``[[wikilink]]``: no path or link syntax, no control or bidi characters,
    no reserved device name, no leading dot, at most ``MAX_NAME_BYTES`` bytes."""
    name = unicodedata.normalize("NFC", title)
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf" or ch in _KEPT_FORMAT)
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        cut = name.rsplit(" ", 1)[0] if " " in name else name[:-1]
        name = cut.rstrip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name = f"{name} (note)"
    return name or "Untitled"


def write_vault(
    selection: Selection, folder: Path | str, *, exported_at: str, force: bool = False
) -> VaultReport:
    """Write (or update) the vault in ``folder``; raises :class:`ExportExists` before
    writing anything if a note would replace a file newsreader did not write."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file; give a folder for the notes")
    manifest = _read_manifest(folder)
    names = _names(selection, manifest.get("notes", {}))
    texts = {
        names[article.info.id]: _article_note(article, selection, names) for article in selection.articles
    }
    texts[INDEX] = _index_note(selection, names, exported_at)
    known = {entry["file"]: entry["sha256"] for entry in manifest.get("notes", {}).values()}
    known.update({manifest["index"]["file"]: manifest["index"]["sha256"]} if "index" in manifest else {})
    to_write, unchanged = {}, 0
    for name, text in texts.items():
        path = folder / f"{name}.md"
        if path.exists():
            current = _digest(path.read_bytes())
            if current == _digest(text.encode("utf-8")):
                unchanged += 1
                continue
            if known.get(name) != current and not force:
                raise ExportExists(
                    f"{path}: exists and was not written by this export (or was "
                    "edited since); not overwritten"
                )
        to_write[name] = text
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the folder ({error.strerror or error})") from None
    written = [write_atomic(folder / f"{name}.md", text, force=True) for name, text in to_write.items()]
    notes = dict(manifest.get("notes", {}))
    for article in selection.articles:
        name = names[article.info.id]
        notes[article.info.id] = {"file": name, "sha256": _digest(texts[name].encode("utf-8"))}
    record = {
        "generator": "newsreader",
        "notes": notes,
        "index": {"file": INDEX, "sha256": _digest(texts[INDEX].encode("utf-8"))},
    }
    write_atomic(folder / MANIFEST, json.dumps(record, ensure_ascii=False, indent=2) + "\n", force=True)
    return VaultReport(folder, written, unchanged)


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ExportError(f"{path}: unreadable; remove it to export afresh") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("notes", {}), dict):
        raise ExportError(f"{path}: not a newsreader vault manifest; remove it to export afresh")
    return manifest


def _names(selection: Selection, previous: dict[str, dict]) -> dict[str, str]:
    """Article id → note name: the name it had last time, else one from its title, made
    unique (case-insensitively, for macOS and Windows) by its source, then its id."""
    taken = {INDEX.casefold()}
    names: dict[str, str] = {}
    for entry in previous.values():
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            taken.add(entry["file"].casefold())
    for article in sorted(selection.articles, key=lambda a: a.info.id):
        article_id = article.info.id
        before = previous.get(article_id)
        if isinstance(before, dict) and isinstance(before.get("file"), str):
            names[article_id] = before["file"]
            continue
        base = note_name(article.info.title)
        for candidate in (
            base,
            note_name(f"{base} ({selection.names[article_id]})"),
            note_name(f"{base} ({article_id[:8]})"),
            note_name(f"{base} ({article_id})"),
        ):
            if candidate.casefold() not in taken:
                break
        names[article_id] = candidate
        taken.add(candidate.casefold())
    return names


def _link(name: str, label: str) -> str:
    label = " ".join(re.sub(r"[\[\]|]", " ", one_line(label)).split())
    return f"[[{name}|{label}]]" if label and label != name else f"[[{name}]]"


def _article_links(selection: Selection, article_ids: list[str], names: dict[str, str]) -> str:
    """Each article by its source: a link to its note where it has one."""
    parts = []
    for article_id in article_ids:
        label = selection.names[article_id]
        parts.append(_link(names[article_id], label) if article_id in names else escape_inline(label))
    return ", ".join(parts)


def _front_matter(article: ExportedArticle, selection: Selection) -> list[str]:
    info = article.info
    tags = dict.fromkeys(
        obsidian_tag(label) for label in article.tags + [t for a in article.annotations for t in a.tags]
    )
    fields = [
        ("title", info.title),
        ("source", info.source),
        ("author", info.author),
        ("date", info.date),
        ("url", info.url),
    ]
    lines = ["---"] + [
        f"{key}: {json_controls_escaped(json.dumps(value, ensure_ascii=False))}" for key, value in fields
    ]
    lines.append(
        f"tags: [{json_controls_escaped(', '.join(json.dumps(tag, ensure_ascii=False) for tag in tags if tag))}]"
    )
    lines += [f"newsreader_id: {json.dumps(info.id)}", "---", ""]
    return lines


def _article_note(article: ExportedArticle, selection: Selection, names: dict[str, str]) -> str:
    info = article.info
    lines = _front_matter(article, selection)
    lines += [f"# {escape_inline(info.title) or 'Untitled'}", "", byline(info), ""]
    if article.tags:
        lines += [hashtags(article.tags), ""]
    if article.note:
        lines += note_callout(article.note)
    if article.annotations:
        lines += ["## Passages", ""]
    for annotation in article.annotations:
        others = selection.also_in.get(annotation.id, [])
        lines += passage(annotation, info, also_in=_article_links(selection, others, names))
    quotes = selection.quotes_of(info.id)
    if quotes:
        lines += ["## Shared quotes", ""]
    for quote in quotes:
        lines += block_quote(quote.text)
        others = [i for i in quote.article_ids if i != info.id]
        said = f"— {escape_inline(quote.speaker)} · " if quote.speaker else ""
        lines += [f"{said}also in {_article_links(selection, others, names)}", ""]
    lines += [f"Back to [[{INDEX}]]", ""]
    return "\n".join(lines)


def _index_note(selection: Selection, names: dict[str, str], exported_at: str) -> str:
    lines = [
        "---",
        f"title: {json.dumps(TITLE)}",
        f"exported: {json.dumps(exported_at)}",
        f"articles: {len(selection.articles)}",
        f"annotations: {selection.annotation_count}",
        "---",
        "",
        f"# {TITLE}",
        "",
    ]
    if selection.is_empty:
        lines += [escape_inline(selection.summary[:1].upper() + selection.summary[1:]) + ".", ""]
        return "\n".join(lines)
    for article in selection.articles:
        info = article.info
        details = [escape_inline(part) for part in (info.source, info.date) if part]
        details.append(count(len(article.annotations), "passage"))
        lines.append(f"- {_link(names[info.id], info.title)} · {' · '.join(details)}")
    return "\n".join(lines + [""])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
