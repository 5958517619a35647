"""Publication dates as ISO 8601: a date (``2024-03-27``), or a date-time with its offset
when the source gives a time (``2024-03-27T14:05:00-04:00``).

Sources write dates every way: ISO from page metadata, RFC 822 from feeds, "March 27,
2024" or "27 Mar 2024" in a scrape. Stored as ISO, they sort as text and read the same
everywhere. Parsing is ``email.utils`` (RFC 822) and ``dateutil`` (the rest).
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
_DATE_TEXT = re.compile(
    r"(?:%s\s+)?(?:%s\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+%s,?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)%s"
    % (_WEEKDAY, _MONTH, _MONTH, _TIME),
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|updated|posted|last updated|date|first published)\s*(?:on)?\s*:?\s*)?"
    r"(?P<date>%s)\s*$" % _DATE_TEXT.pattern,
    re.IGNORECASE,
)
_RFC822 = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun),?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{2}:\d{2}", re.IGNORECASE
)
"""What feeds write: ``Wed, 27 Mar 2024 14:05:00 -0400``."""
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
# US zone abbreviations news sites print after a time; dateutil knows none of them.
_ZONES = {
    "ET": -5,
    "EST": -5,
    "EDT": -4,
    "CT": -6,
    "CST": -6,
    "CDT": -5,
    "MT": -7,
    "MST": -7,
    "MDT": -6,
    "PT": -8,
    "PST": -8,
    "PDT": -7,
    "GMT": 0,
    "UTC": 0,
    "BST": 1,
}


def iso_date(value: object) -> str:
    """``value`` (text, or a ``date``/``datetime`` such as YAML gives) as ISO 8601, or ""
    when it is not a date."""
    if isinstance(value, dt.datetime):
        return _format(value, has_time=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    if not text or len(text) > 80:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    else:
        return parsed.date().isoformat() if len(text) == 10 else _format(parsed, has_time=True)
    if _RFC822.match(text) and not re.search(r"\d\s*[ap]\.?m\b", text, re.IGNORECASE):
        from email.utils import parsedate_to_datetime  # here: the library screen imports this module

        try:
            return _format(parsedate_to_datetime(text), has_time=True)
        except (TypeError, ValueError, IndexError):
            pass
    return _parse_loose(text)


def _parse_loose(text: str) -> str:
    from dateutil import parser

    match = _DATE_TEXT.search(text)
    if not match:
        return ""
    found = match.group(0)
    try:
        parsed = parser.parse(found.replace(" at ", " "), tzinfos={k: v * 3600 for k, v in _ZONES.items()})
    except (ValueError, OverflowError):
        return ""
    return _format(parsed, has_time=bool(_HAS_TIME.search(found)))


def _format(value: dt.datetime, *, has_time: bool) -> str:
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def date_line(line: str) -> str:
    """The ISO date if ``line`` is nothing but a date ("Published March 27, 2024 10:05 ET"),
    else ""."""
    if len(line) > 80:
        return ""
    match = _DATE_LINE.match(line)
    return iso_date(match.group("date")) if match else ""


def day(value: str) -> str:
    """The day of an ISO date or date-time (``2024-03-27``), for a column; other text as is."""
    return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}(?:T|$)", value) else value
