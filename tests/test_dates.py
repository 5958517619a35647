"""Dates as ISO 8601, from the forms pages, feeds and scrapes write them in."""

from __future__ import annotations

import datetime as dt

import pytest

from newsreader.corpus.dates import date_line, day, iso_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("March 27, 2024", "2024-03-27"),
        ("27 Mar 2024", "2024-03-27"),
        ("Wed, 27 Mar 2024 14:05:00 -0400", "2024-03-27T14:05:00-04:00"),  # RFC 822, from feeds
        ("Wed, 27 Mar 2024 18:05:00 GMT", "2024-03-27T18:05:00+00:00"),
        ("2024-03-27T14:05:00Z", "2024-03-27T14:05:00+00:00"),
        ("2024-03-27", "2024-03-27"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("Feb. 25, 2025 10:32 AM ET", "2025-02-25T10:32:00-05:00"),
        ("Tuesday, February 25, 2025", "2025-02-25"),
        ("not a date", ""),
        ("", ""),
    ],
)
def test_iso_date(text: str, iso: str) -> None:
    assert iso_date(text) == iso


def test_yaml_values() -> None:
    assert iso_date(dt.date(2024, 3, 27)) == "2024-03-27"
    assert iso_date(dt.datetime(2024, 3, 27, 9, 30, tzinfo=dt.UTC)) == "2024-03-27T09:30:00+00:00"
    assert iso_date(20240327) == ""


def test_a_date_line_is_only_a_date() -> None:
    assert date_line("Published: March 27, 2024") == "2024-03-27"
    assert date_line("Updated March 27, 2024") == "2024-03-27"
    assert date_line("On March 27, 2024 the council voted.") == ""


def test_the_day_of_a_date_time_for_the_date_column() -> None:
    assert day("2024-03-27T14:05:00-04:00") == "2024-03-27"
    assert day("2024-03-27") == "2024-03-27"
    assert day("spring 2024") == "spring 2024"
