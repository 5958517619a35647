"""Find the direct quotations in an article body, and who said them.

Scraped news mixes curly and straight quotation marks, shares a code point
between apostrophes and closing single quotes, runs quotes over paragraphs,
splits them with narration ("…," Musk said. "…") and sometimes loses a mark.
This module turns a body string into `Quotation`s: the exact character spans of
the quoted words (offsets into the body, marks excluded), one `Quotation` per
utterance, and the speaker when the nearby text names one.

Only the body string is assumed: paragraphs are separated by a blank line, and
offsets always refer to the string given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsreader.textlayout import ABBREVIATIONS

__all__ = ["Quotation", "extract_quotations", "paragraphs"]

# A quotation longer than this is a runaway unbalanced mark, not speech.
MAX_QUOTE_CHARS = 20_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MARK = re.compile(r"[\"“”„«»‘’]")
_OPEN_CONTEXT = set(" \t\n([{—–-/") | set('"“”„«»‘’')
_CLOSE_CONTEXT = set(" \t\n.,;:!?)]}—–-…") | set('"“”„«»‘’')
_TRIM_END = " \t\n,;"

_VERBS = (
    "said|says|say|wrote|writes|told|tells|added|adds|explained|explains|continued|"
    "continues|stated|states|asserted|asserts|argued|argues|noted|notes|warned|warns|"
    "posted|posts|tweeted|tweets|declared|declares|insisted|insists|claimed|claims|"
    "replied|replies|responded|announced|announces|recalled|acknowledged|admitted|"
    "cautioned|remarked|observed|urged|concluded|commented|emphasized|emphasised|"
    "stressed|vowed|joked|conceded|countered|testified|maintained|complained|"
    "pleaded|asked|asks|reported|reports|predicted|predicts|suggested|suggests"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_AFTER_VERB_FIRST = re.compile(
    rf"[\s,;]*(?:{_VERBS})\s+(?P<np>[^,.;:!?“”\"«»]{{1,80}}?)\s*(?:[,.;:!?“”\"]|$)"
)
_AFTER_NP_FIRST = re.compile(rf"[\s,;]*(?P<np>[^,.;:!?“”\"«»]{{1,80}}?)\s+(?:{_VERBS})\b")
# The full stop of an abbreviation (Mr., Dr., U.S.) ends no sentence: it is
# swapped for a look-alike while attributions are read, and swapped back.
_ABBREVIATION = re.compile(
    r"\b(%s|[A-Z])\." % "|".join(re.escape(word) for word in sorted(ABBREVIATIONS, key=len, reverse=True))
)
_DOT = "\u2024"
_SENTENCE_END = re.compile(r"[.!?]+[\"”’]?\s+")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_CLAUSE_BREAK = re.compile(r"[,;:(“”\"«»]")
_ADVERB = re.compile(r"\s+(?:later|also|then|again|once|previously|earlier|since|\w+ly)$", re.I)
_LEADING_CONJ = re.compile(r"^(?:and|but|while|as|so|then|yet)\s+", re.I)
_TIME = re.compile(
    r"\s+(?:(?:on|late|early|last|this|on\s+the)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|"
    r"week|month|year|morning|afternoon|evening|night)(?:\s+(?:morning|afternoon|evening|night))?$"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "one",
    "both",
    "several",
    "many",
    "some",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
}
_NOT_IN_NAME = {
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "will",
    "would",
    "can",
    "could",
    "did",
    "does",
    "do",
    "not",
    "no",
    "if",
    "when",
    "while",
    "because",
    "but",
    "as",
    "than",
    "to",
    "by",
    "about",
    "after",
    "before",
    "into",
    "over",
    "under",
    "there",
    "here",
    "this",
    "these",
    "those",
    "it",
    "what",
}
_MAX_ATTRIBUTION_WORDS = 30
_MAX_LEAD_IN_WORDS = 16


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quoted utterance.

    `spans` are (start, end) offsets into the body, one per stretch of quoted
    words: a quote split by narration, or running over paragraphs, has several.
    `speaker` is the name or description the text gives next to the quote, or
    "" when the text names nobody (or only a pronoun).
    """

    spans: tuple[tuple[int, int], ...]
    speaker: str = ""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def text(self, body: str) -> str:
        """The quoted words, parts joined by an ellipsis where narration was cut."""
        return " … ".join(body[s:e] for s, e in self.spans)


@dataclass(slots=True)
class _Segment:
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or the paragraph end if none
    start: int
    end: int
    paragraph: tuple[int, int]
    continues: bool  # opens a paragraph that carries on the previous one's quote
    speaker: str = ""
    pronoun: bool = False


@lru_cache(maxsize=2)
def extract_quotations(body: str) -> tuple[Quotation, ...]:
    """Return every direct quotation in `body`, in reading order (remembered for the
    last two bodies: the quote and passage indexes both ask for each article's)."""
    segments = _segments(body)
    for seg in segments:
        seg.speaker, seg.pronoun = _speaker_after(body, seg)
    units: list[list[_Segment]] = []
    previous: _Segment | None = None
    for seg in segments:
        if units and (seg.continues or _continues_utterance(body, previous, seg)):
            units[-1].append(seg)
        else:
            units.append([seg])
        previous = seg
    quotations = []
    for unit in units:
        first = unit[0]
        speaker = first.speaker
        if not speaker and not first.pronoun:
            speaker = _speaker_before(body, first)
        if not speaker and not first.pronoun:
            speaker = next((s.speaker for s in unit[1:] if s.speaker), "")
        quotations.append(Quotation(tuple((s.start, s.end) for s in unit), speaker))
    return tuple(quotations)


@lru_cache(maxsize=2)
def paragraphs(body: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph: text between blank lines (remembered for the
    last two bodies, like the quotations)."""
    paragraphs = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(body):
        if m.start() > start:
            paragraphs.append((start, m.start()))
        start = m.end()
    if start < len(body):
        paragraphs.append((start, len(body)))
    return tuple(paragraphs)


def _role(body: str, pos: int, lo: int, hi: int) -> str:
    """Whether the mark at `pos` opens ("open"), closes ("close"), may do either
    ("either", a straight double quote between two letters) or is an apostrophe
    ("none"), judged from its neighbours inside the paragraph [lo, hi)."""
    ch = body[pos]
    before = body[pos - 1] if pos > lo else " "
    after = body[pos + 1] if pos + 1 < hi else " "
    if ch in "“„«":
        return "open"
    if ch in "”»":
        return "close"
    if ch == '"':
        if before in _OPEN_CONTEXT:
            return "open" if not after.isspace() else "either"
        return "close" if after in _CLOSE_CONTEXT else "either"
    if ch == "‘":
        return "open" if before in _OPEN_CONTEXT and after.isalnum() else "none"
    # ’ : an apostrophe inside a word (don’t), a closing single quote otherwise.
    if before.isalnum() and after.isalnum():
        return "none"
    return "close" if not before.isspace() and after in _CLOSE_CONTEXT else "none"


def _segments(body: str) -> list[_Segment]:
    """Quoted stretches, paragraph by paragraph, with unbalanced marks closed at
    the paragraph end and nested quotes (‘…’ inside “…”) kept inside."""
    segments: list[_Segment] = []
    found = paragraphs(body)
    carry = False
    for index, (lo, hi) in enumerate(found):
        opener: str | None = None  # the mark that opened the current quote
        open_at = -1
        continues = carry
        carry = False
        for m in _MARK.finditer(body, lo, hi):
            pos = m.start()
            ch = body[pos]
            role = _role(body, pos, lo, hi)
            if opener is None:
                if (ch in "‘" and role == "open") or (ch not in "‘’" and role in ("open", "either")):
                    opener, open_at = ch, pos
                continue
            if opener == "‘":  # a top-level single quote: only ’ closes it
                if ch == "’" and role == "close":
                    _emit(segments, body, open_at, pos, (lo, hi), continues)
                    opener, continues = None, False
                continue
            if ch in "‘’":  # nested single quote inside a double one
                continue
            closes = role in ("close", "either") or (opener == "„" and ch == "“")
            _emit(segments, body, open_at, pos, (lo, hi), continues)
            continues = False
            opener = None if closes else ch
            open_at = pos
        if opener is not None and opener != "‘":
            _emit(segments, body, open_at, hi, (lo, hi), continues)
            nxt = found[index + 1][0] if index + 1 < len(found) else None
            carry = nxt is not None and body[nxt] in '"“„«'
    return segments


def _emit(
    segments: list[_Segment],
    body: str,
    open_at: int,
    close_at: int,
    paragraph: tuple[int, int],
    continues: bool,
) -> None:
    start, end = open_at + 1, close_at
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1] in _TRIM_END:
        end -= 1
    if end - start > MAX_QUOTE_CHARS or not any(c.isalnum() for c in body[start:end]):
        return
    segments.append(_Segment(open_at, close_at, start, end, paragraph, continues))


def _continues_utterance(body: str, prev: _Segment | None, seg: _Segment) -> bool:
    """A quote split by its own attribution sentence ("…,” Musk said. “…”) is
    one utterance, unless the second part names a different speaker."""
    if prev is None or prev.paragraph != seg.paragraph or not (prev.speaker or prev.pronoun):
        return False
    gap = _protect(body[prev.close_mark + 1 : seg.open_mark]).strip()
    if not gap or gap[-1] not in ".,:" or len(gap.split()) > _MAX_ATTRIBUTION_WORDS:
        return False
    if _SENTENCE_END.search(gap[:-1]):
        return False
    return not seg.speaker or seg.speaker.casefold() == prev.speaker.casefold()


def _speaker_after(body: str, seg: _Segment) -> tuple[str, bool]:
    """The attribution that follows a quote: “…,” Musk wrote / “…,” said X."""
    hi = seg.paragraph[1]
    text = _protect(body[seg.close_mark + 1 : min(hi, seg.close_mark + 200)])
    if text[:1].isalnum():  # a word glued to the closing mark: not an attribution
        return "", False
    for pattern in (_AFTER_VERB_FIRST, _AFTER_NP_FIRST):
        m = pattern.match(text)
        if m and not _LEADING_CONJ.match(m["np"]):
            name, pronoun = _as_speaker(m["np"])
            if name or pronoun:
                return name, pronoun
    return "", False


def _speaker_before(body: str, seg: _Segment) -> str:
    """The attribution that leads into a quote: Musk later wrote on X: “…”."""
    lo = max(seg.paragraph[0], seg.open_mark - 300)
    text = _protect(body[lo : seg.open_mark])
    last_mark = max(text.rfind(c) for c in '"“”«»')
    text = text[last_mark + 1 :]
    ends = list(_SENTENCE_END.finditer(text))
    sentence = text[ends[-1].end() :] if ends else text
    for verb in _VERB.finditer(sentence):
        if len(sentence[verb.end() :].split()) > _MAX_LEAD_IN_WORDS:
            continue
        head = _PARENTHETICAL.sub("", sentence[: verb.start()])
        breaks = list(_CLAUSE_BREAK.finditer(head))
        np = head[breaks[-1].end() :] if breaks else head
        if not np.strip() and breaks:  # "Name, apposition, said": the first clause
            np = head[: breaks[0].start()]
        np = _LEADING_CONJ.sub("", _ADVERB.sub("", np.strip()))
        name, pronoun = _as_speaker(np)
        if name or pronoun:
            return name
    return ""


def _protect(text: str) -> str:
    return _ABBREVIATION.sub(lambda match: match.group().replace(".", _DOT), text)


def _as_speaker(phrase: str) -> tuple[str, bool]:
    """(name, is_pronoun) when `phrase` reads as who spoke: a name, possibly
    with a title ("union president Everett Kelley"), or a short description
    ("the 21 staffers", "a spokesperson for the company"); ("", False) when it
    does not."""
    phrase = _TIME.sub("", " ".join(_PARENTHETICAL.sub("", phrase).split())).replace(_DOT, ".")
    words = phrase.split()
    if not words or len(words) > 7:
        return "", False
    lowered = [w.casefold() for w in words]
    if len(words) == 1 and lowered[0] in _PRONOUNS:
        return "", True
    if any(w in _NOT_IN_NAME for w in lowered):
        return "", False
    if lowered[0] in _DETERMINERS or words[-1][:1].isupper():
        return phrase, False
    return "", False
