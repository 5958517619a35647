"""Saved web pages from common publishing platforms: clean bodies and the right metadata.

The fixtures under ``fixtures/pages`` are written in the structure of real pages
(WordPress with Yoast JSON-LD, Arc XP, Next.js, AMP, a bare page, a Latin-1 page), each
with the boilerplate real pages carry: cookie banners, menus, share bars, newsletter
boxes, "most read" lists, related links, comments and footers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.corpus import CorpusError, load_file, page_article, parse_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
BOILERPLATE = (
    "cookie",
    "Cookie",
    "Subscribe",
    "Most read",
    "Most Read",
    "Most popular",
    "Share",
    "Newsletter",
    "newsletter",
    "Sign up",
    "Sign Me Up",
    "Privacy",
    "©",
    "Copyright",
    "Related",
    "More to Read",
    "Log in",
    "Accept",
    "Facebook",
    "thoughts on",
    "Startseite",
    "Impressum",
)

EXPECTED = {
    # page: (title, source, date, author, url, first words, last words, paragraphs)
    "wordpress.html": (
        "City council approves bike lane plan after heated debate",
        "Riverside Ledger",
        "2024-03-27",
        "Maria Gonzalez",
        "https://riversideledger.example/2024/03/27/city-council-approves-bike-lane-plan/",
        "The Riverside City Council voted 7-2",
        "a state transportation grant awarded last year.",
        8,
    ),
    "arc.html": (
        "Drought forces farmers to sell cattle early",
        "LA Times Now",
        "2024-03-27",
        "James Whitaker",
        "https://www.latimesnow.example/california/story/2024-03-27/drought-cattle-sales",
        "Ranchers across the San Joaquin Valley",
        "with grants of up to $50,000 per ranch.",
        7,
    ),
    "nextjs.html": (
        "Scientists map the seafloor under Antarctica’s fastest glacier",
        "Polar Post",
        "2024-03-27T09:30:00+01:00",
        "Ingrid Sørensen",
        "https://polarpost.example/science/thwaites-seafloor-map",
        "A robot submarine returned the first detailed images",
        "a second submarine that can stay under the ice for longer.",
        7,
    ),
    "amp.html": (
        "Port strike enters second week as talks stall",
        "Harbor Times",
        "2024-03-26T16:20:00+00:00",
        "Kofi Mensah",
        "https://harbortimes.example/business/port-strike-second-week",
        "Dockworkers at the city’s container port",
        "if the strike continues.",
        5,
    ),
    "no_meta.html": (
        "Volunteers clean up Willow Creek after spring flood",
        "",
        "",
        "",
        "",
        "More than 200 volunteers spent Saturday",
        "a second cleanup downstream in May.",
        5,
    ),
    "latin1.html": (
        "Bürgerinitiative stoppt Neubau am Seeufer",
        "Südkurier Lokal",
        "2024-03-25",
        "Jürgen Weiß",
        "",
        "Der geplante Neubau von 48 Wohnungen",
        "im Gemeinderat erneut beraten.",
        4,
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_page_has_a_clean_body_and_its_metadata(name: str) -> None:
    title, source, date, author, url, first, last, paragraphs = EXPECTED[name]
    article = load_file(PAGES / name)
    assert (article.title, article.source, article.date, article.author, article.url) == (
        title,
        source,
        date,
        author,
        url,
    )
    assert article.body.startswith(first) and article.body.endswith(last)
    assert len(article.paragraphs) == paragraphs
    for word in BOILERPLATE:
        assert word not in article.body, word
    assert article.warnings == ()


def test_headings_stay_paragraphs_of_their_own() -> None:
    paragraphs = load_file(PAGES / "wordpress.html").paragraphs
    assert "A long fight over parking" in paragraphs
    assert "Feed costs double" in load_file(PAGES / "arc.html").paragraphs


def test_captions_and_pull_quotes_are_not_in_the_text() -> None:
    body = load_file(PAGES / "wordpress.html").body
    assert "Photo by Sam Lee" not in body
    # the pull quote repeats words of a paragraph: printed once, so it is one quotation
    assert body.count("This is the safest street we can build") == 1
    assert "Icefin" not in load_file(PAGES / "nextjs.html").body


def test_title_loses_its_site_suffix_and_kicker_and_byline_leave_the_body() -> None:
    arc = load_file(PAGES / "arc.html")
    assert not arc.body.startswith(("California", "Drought forces", "By "))
    latin = load_file(PAGES / "latin1.html")
    assert "Von Jürgen Weiß" not in latin.body


def test_the_tags_a_page_links_become_its_tags() -> None:
    assert load_file(PAGES / "wordpress.html").tags == ("bike lanes", "city council")


def test_non_utf8_page_is_read_in_its_declared_charset() -> None:
    raw = (PAGES / "latin1.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = load_file(PAGES / "latin1.html")
    assert "»Das Ufer gehört allen" in article.body


def test_entities_and_wrapped_lines_in_a_page(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Budget passes | The Daily</title>"
        '<meta property="og:site_name" content="The Daily"></head><body><article>'
        "<p>The council passed the &ldquo;people&rsquo;s budget&rdquo; on Monday night\n"
        "after a long debate that ran past midnight in the old town hall.</p>"
        "<p>It raises spending on <b>parks</b> and <a href='/x'>libraries</a> by a "
        "tenth, the mayor said in a statement.</p></article></body></html>"
    )
    article = parse_text(tmp_path / "budget.html", page)
    assert article.title == "Budget passes" and article.source == "The Daily"
    assert article.paragraphs == [
        "The council passed the “people’s budget” on Monday night after a long debate that "
        "ran past midnight in the old town hall.",
        "It raises spending on parks and libraries by a tenth, the mayor said in a statement.",
    ]


def test_a_page_without_article_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no article text"):
        parse_text(tmp_path / "x.html", "<html><script>only code</script></html>")


def test_a_fetched_page_is_identified_by_its_address() -> None:
    article = page_article(
        (PAGES / "amp.html").read_bytes(),
        url="https://harbortimes.example/amp/port-strike",
        fetched_url="https://harbortimes.example/amp/port-strike",
    )
    assert article.path is None
    assert article.url == "https://harbortimes.example/business/port-strike-second-week"
    assert article.fetched_url == "https://harbortimes.example/amp/port-strike"
