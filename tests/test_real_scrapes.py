"""Scrapes shaped like real ones (header lines as the sites print them, bodies shortened):
the expected fields were written down by hand from the originals before the importer ran."""

from __future__ import annotations

from pathlib import Path

from newsreader.corpus import load_file

SCRAPES = Path(__file__).parent / "fixtures" / "scrapes"


def test_headline_standfirst_byline_and_posted_time() -> None:
    article = load_file(SCRAPES / "wire_roundup.txt")
    assert article.title == "Some Federal Agencies Do U-Turn on Musk Email"
    assert article.author == "Newser Editors and Wire Services"
    assert article.date == "2025-03-03T19:20:00-06:00"
    assert article.body.startswith(
        "Second email to federal workers has a midnight deadline\n\nWorkers Face Midnight Deadline"
    )
    assert "Newser Editors" not in article.body and "Posted" not in article.body


def test_scraper_dateline_with_the_first_words_on_its_line() -> None:
    article = load_file(SCRAPES / "dateline_inline.txt")
    assert article.date == "2025-02-25"
    assert article.body.startswith("WASHINGTON — The agency that oversees federal workers")
    assert article.title == (
        "The agency that oversees federal workers said on Monday that they could ignore the weekend…"
    )


def test_a_byline_whose_names_were_lost_is_dropped() -> None:
    article = load_file(SCRAPES / "lost_byline.txt")
    assert article.title == "Federal workers left in limbo as clock ticks down to Musk’s email deadline"
    assert article.author == ""
    assert article.body.startswith("Federal workers spent Monday")


def test_an_outlet_alone_under_the_headline_is_the_source() -> None:
    article = load_file(SCRAPES / "syndicated.txt")
    assert article.title == (
        "‘It’s bedlam’: Federal workers left in limbo as clock ticks down to Musk’s email deadline"
    )
    assert article.source == "CNN"
    assert article.body.startswith("Federal workers spent Monday")
