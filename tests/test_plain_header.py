"""Plain-text scrapes with no front matter: headline, byline, date lines and datelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.corpus import load_file


def load(tmp_path: Path, text: str, name: str = "scrape.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_file(path)


def test_headline_byline_and_date_on_three_lines(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "Storm knocks out power to 3,000 homes\nBy Jane Doe\nMarch 27, 2024\n\n"
        "Crews worked through the night to restore power.\n\nMore text.\n",
    )
    assert (article.title, article.author, article.date) == (
        "Storm knocks out power to 3,000 homes",
        "Jane Doe",
        "2024-03-27",
    )
    assert article.paragraphs == ["Crews worked through the night to restore power.", "More text."]


@pytest.mark.parametrize(
    "byline, author",
    [
        ("By UPI Staff", "UPI Staff"),
        ("BY JANE DOE AND JOHN ROE", "JANE DOE AND JOHN ROE"),
        ("By Ana María de la Cruz | 27 Mar 2024", "Ana María de la Cruz"),
    ],
)
def test_bylines(tmp_path: Path, byline: str, author: str) -> None:
    article = load(tmp_path, f"Port strike enters second week\n{byline}\n\nDockworkers stayed out.\n")
    assert (article.title, article.author) == ("Port strike enters second week", author)
    assert article.body == "Dockworkers stayed out."


def test_a_sentence_starting_with_by_is_not_a_byline(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "By the end of the day, the council had voted to build the lanes.\n\nMore text follows here.\n",
    )
    assert article.author == ""
    assert article.body.startswith("By the end of the day")


@pytest.mark.parametrize(
    "first, source",
    [
        ("WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "The Associated Press"),
        ("LONDON, Feb 25 (Reuters) - Shares rose on Tuesday.", "Reuters"),
        ("(Reuters) - Shares rose on Tuesday.", "Reuters"),
        ("PARIS (AFP) - Les manifestants ont défilé mardi.", "AFP"),
    ],
)
def test_agency_datelines_give_the_source_and_stay_in_the_text(
    tmp_path: Path, first: str, source: str
) -> None:
    article = load(tmp_path, f"{first}\n\nThe second paragraph.\n")
    assert article.source == source
    assert article.body.startswith(first)
    assert article.title == first.split(" - " if " - " in first else " — ", 1)[1]  # no dateline


def test_source_dateline_of_a_scrape(tmp_path: Path) -> None:
    article = load(tmp_path, " date 2025-02-26 [Source: Reuters]\n\nFederal workers waited. More.\n")
    assert (article.date, article.source, article.title) == (
        "2025-02-26",
        "Reuters",
        "Federal workers waited.",
    )
    assert article.body == "Federal workers waited. More."


def test_title_from_the_first_sentence_is_cut_at_a_word(tmp_path: Path) -> None:
    sentence = (
        "Ranchers across the San Joaquin Valley are selling their herds months ahead of "
        "schedule as a third dry winter leaves pastures brown."
    )
    article = load(tmp_path, f"{sentence} Hay costs more.\n\nSecond.\n")
    assert article.title == (
        "Ranchers across the San Joaquin Valley are selling their herds months ahead of schedule as…"
    )
    assert article.body.startswith(sentence)


def test_legacy_plain_header_still_reads(tmp_path: Path) -> None:
    article = load(tmp_path, "Title: Plain\nSource: Example Times\nDate: 1 March 2025\n\nBody.\n")
    assert (article.title, article.source, article.date, article.body) == (
        "Plain",
        "Example Times",
        "2025-03-01",
        "Body.",
    )
