"""Plain-text layout for the reader: safe display text, clipping, word wrapping, sentences,
paragraphs.

Everything here works on character offsets into an article's cleaned ``body``, so the
quote spans, search hits and annotation anchors that other modules compute can be drawn
without translation. No Textual import: the reader widgets use it, tests use it directly.

Untrusted text is never interpreted: :func:`display_text` maps every control character
(terminal escape sequences start with one) and every bidi override or isolate to a
visible stand-in of the same length, so a ``\\x1b[31m`` in an article shows as ``␛[31m``
and offsets stay valid. The reader, the command line and the Markdown export all use it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, set_cell_size

# --------------------------------------------------------------------------- safe text


#: Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): in a
#: terminal that reorders right-to-left text they would reorder the text after them, the
#: other pane and the next column included. The marks (LRM, RLM, ALM) only nudge their
#: neighbours and stay.
_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_NO_PICTURE = "\ufffd"


def _control_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟ (␛ for ESC)
    table[ord("\t")] = " "
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls (CSI is \x9b) have no picture
        table[code] = _NO_PICTURE
    for code in (0x2028, 0x2029):  # line / paragraph separators would break lines
        table[code] = " "
    for code in _BIDI_CONTROLS:
        table[code] = _NO_PICTURE
    return table


_CONTROLS = _control_table()
_CONTROLS_WITH_NEWLINE = {code: char for code, char in _CONTROLS.items() if code != ord("\n")}
#: What ``json.dumps(..., ensure_ascii=False)`` leaves raw although a terminal acts on it.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in _CONTROLS if code >= 0x7F}
_JSON_RAW = re.compile("[%s]" % "".join(f"\\u{code:04x}" for code in sorted(_JSON_ESCAPES)))


def display_text(text: str) -> str:
    """``text`` with every control character shown as a visible character; newlines kept.

    The one rule for article and reader text on screen, on standard output and in
    Markdown: C0 controls as their control pictures (``␛``), C1 and bidi controls as
    ``\ufffd``, tabs and line separators as spaces. The result has exactly the length of
    ``text`` (one character for one character), so offsets into it stay valid.
    """
    return text.translate(_CONTROLS_WITH_NEWLINE)


def one_line(text: str) -> str:
    """``text`` safe to show on one line: controls made visible, newlines as spaces."""
    return text.replace("\n", " ").translate(_CONTROLS)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (a wide character takes two), an ellipsis
    marking the cut: the one way every column, list and report shortens text."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return set_cell_size(text, max(0, width))
    return set_cell_size(text, width - 1).rstrip() + "…"


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless one: "1 quote", "2,041 articles" (every
    noun counted on screen and in the commands takes an "s")."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def json_controls_escaped(document: str) -> str:
    """A JSON document written with ``ensure_ascii=False``, with the controls JSON leaves
    raw (DEL, C1, bidi, line separators) written as ``\\uXXXX``: the same data, safe to print.

    Those characters can only occur inside JSON strings, where the escape means the same.
    """
    # A search finds the rare ones: translating a large document costs 20 times more.
    return _JSON_RAW.sub(lambda m: _JSON_ESCAPES[ord(m.group())], document)


# --------------------------------------------------------------------------- wrapping


@dataclass(frozen=True)
class Line:
    """One visual line: ``body[start:end]`` (trailing spaces included, newline excluded)."""

    start: int
    end: int


_TOKEN = re.compile(r"\s*\S+\s*|\s+")


@lru_cache(maxsize=4096)
def _width(text: str) -> int:
    return cell_len(text)


def wrap(text: str, width: int) -> list[Line]:
    """Word-wrap ``text`` to ``width`` cells; every ``\\n`` starts a new line.

    Words longer than the width are split. Trailing spaces stay on the line they end
    (they may run past the width and are cropped when drawn), so line ``n + 1`` always
    starts where line ``n`` ended or just after a newline.
    """
    width = max(1, width)
    lines: list[Line] = []
    append = lines.append
    position = 0
    for logical in text.split("\n"):
        base = position
        position += len(logical) + 1
        if not logical:
            append(Line(base, base))
            continue
        if logical.isascii() and len(logical) <= width:
            append(Line(base, base + len(logical)))
            continue
        line_start = base
        used = 0
        for match in _TOKEN.finditer(logical):
            token = match.group()
            word = token.rstrip()
            word_width = _width(word) if not word.isascii() else len(word)
            token_start = base + match.start()
            if used and used + word_width > width:
                append(Line(line_start, token_start))
                line_start = token_start
                used = 0
            if word_width > width:
                # A word wider than the line: cut it into pieces that fit.
                for index, char in enumerate(word):
                    char_width = _width(char)
                    if used + char_width > width and used:
                        append(Line(line_start, token_start + index))
                        line_start = token_start + index
                        used = 0
                    used += char_width
                used += len(token) - len(word)
            else:
                used += word_width + (len(token) - len(word))
        append(Line(line_start, base + len(logical)))
    return lines


class Layout:
    """A wrapped text: visual lines and fast offset ↔ line look-ups."""

    def __init__(self, text: str, width: int):
        self.text = text
        self.width = width
        self.lines = wrap(text, width)
        self._starts = [line.start for line in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The visual line holding character ``offset`` (clamped to the text)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return min(max(index, 0), len(self.lines) - 1)

    def offset_at(self, line: int, cells: int = 0) -> int:
        """The character offset under cell ``cells`` of visual line ``line``."""
        line = min(max(line, 0), len(self.lines) - 1)
        visual = self.lines[line]
        segment = self.text[visual.start : visual.end]
        if segment.isascii():
            return visual.start + min(max(cells, 0), len(segment))
        used = 0
        for index, char in enumerate(segment):
            used += _width(char)
            if used > cells:
                return visual.start + index
        return visual.end


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end


ABBREVIATIONS = frozenset(
    (
        "Mr Mrs Ms Dr Prof Sen Rep Gov Gen Col Lt Sgt St Jr Sr Rev vs etc Inc Corp Co Ltd "
        "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Calif Mass Wash Fla "
        "U.S U.K U.N D.C a.m p.m e.g i.e"
    ).split()
)
"""Abbreviations whose full stop ends no sentence, as news text writes them (without the
last stop): the reader's sentence steps and the quote engine's attributions both use them."""
_FOLDED_ABBREVIATIONS = frozenset(word.casefold() for word in ABBREVIATIONS)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[\"”]\s*$")
_CLOSERS = "\"'”’)]"


def paragraphs(text: str) -> list[Span]:
    """Paragraphs: runs of non-blank lines, as spans without surrounding whitespace."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start, end = match.span()
        chunk = match.group()
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk) - len(chunk.rstrip())
        if end - right > start + left:
            spans.append(Span(start + left, end - right))
    return spans


def sentences(text: str) -> list[Span]:
    """Sentences in reading order, each within one paragraph, without surrounding spaces.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
    followed by a space and a capital, digit or opening quote, or at the end of a line.
    Common abbreviations (``Mr.``, ``U.S.``) and initials do not end one.
    """
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        chunk = line.group()
        start = 0
        for match in _SENTENCE_END.finditer(chunk):
            end = match.end()
            if not _ends_sentence(chunk, match.start(), end):
                continue
            _add_trimmed(spans, chunk, base, start, end)
            start = end
        _add_trimmed(spans, chunk, base, start, len(chunk))
    return spans


def _ends_sentence(chunk: str, mark: int, end: int) -> bool:
    following = chunk[end:].lstrip()
    if not following:
        return True
    first = following[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘(["):
        return False
    if chunk[mark] == ".":
        word = re.search(r"([\w.]+)$", chunk[:mark])
        if word:
            token = word.group(1).casefold()
            if token in _FOLDED_ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                return False
    return True


def _add_trimmed(spans: list[Span], chunk: str, base: int, start: int, end: int) -> None:
    piece = chunk[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece) - len(piece.rstrip())
    if end - right > start + left:
        spans.append(Span(base + start + left, base + end - right))


def span_index_at(spans: Sequence[Span], offset: int) -> int:
    """Index of the span holding ``offset``, else of the first span after it (clamped)."""
    if not spans:
        return -1
    starts = [span.start for span in spans]
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0:
        return 0
    if offset >= spans[index].end and index + 1 < len(spans):
        return index + 1
    return index
