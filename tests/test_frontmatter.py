"""Markdown and text with YAML front matter: known keys mapped, the rest kept, tags
imported, broken blocks reported and kept out of the body."""

from __future__ import annotations

from pathlib import Path

from newsreader.corpus import load_file
from newsreader.notes import article_tags
from newsreader.store import Library


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_known_keys_are_mapped_whatever_the_file_calls_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        """---
title: "Budget passes: what it means"
site_name: 'The Daily Wire Service'
published: March 27, 2024
byline: Jane Doe
link: https://example.org/budget
tags: [budget, city hall]
section: Politics
word_goal: 800
---

The council passed the budget on Monday.
""",
    )
    article = load_file(path)
    assert (article.title, article.source, article.date, article.author, article.url) == (
        "Budget passes: what it means",
        "The Daily Wire Service",
        "2024-03-27",
        "Jane Doe",
        "https://example.org/budget",
    )
    assert article.tags == ("budget", "city hall")
    assert dict(article.metadata) == {"section": "Politics", "word_goal": 800}
    assert article.body == "The council passed the budget on Monday."


def test_yaml_dates_and_other_spellings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "b.md",
        "---\ntitle: B\npubDate: 2024-03-27\npublisher: Wire\n"
        "author: [Ann Lee, Bo Park]\nurl: https://x.example/b\n"
        "tags: 'one, two'\nupdated: 2024-03-28 10:00:00\n---\nBody.\n",
    )
    article = load_file(path)
    assert (article.date, article.source, article.author) == ("2024-03-27", "Wire", "Ann Lee, Bo Park")
    assert article.tags == ("one", "two")
    assert article.metadata == {"updated": "2024-03-28T10:00:00"}


def test_a_broken_block_is_one_warning_and_not_read_as_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.md",
        "---\ntitle: Broken: yes: no\ntags: [unclosed\n---\n\n# The real headline\n\nThe text.\n",
    )
    article = load_file(path)
    assert article.body == "The text."
    assert article.title == "The real headline"
    assert len(article.warnings) == 1 and "front matter is not valid YAML" in article.warnings[0]
    assert "\n" not in article.warnings[0]


def test_a_rule_at_the_top_is_not_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "d.md", "---\n\nHeadline here\n\nThe text goes on.\n")
    article = load_file(path)
    assert (article.title, article.body) == ("Headline here", "The text goes on.")


def test_front_matter_tags_become_article_tags_beside_the_users(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "e.md", "---\ntitle: E\ntags: [budget, '#city hall']\n---\nVersion one.\n")
    _, article_id = library.import_article(load_file(path))
    assert article_tags(library, article_id) == ["budget", "city hall"]
    from newsreader.notes import set_article_tags

    set_article_tags(library, article_id, ["budget", "city hall", "mine"])
    path.write_text("---\ntitle: E\ntags: [budget, schools]\n---\nVersion two.\n", encoding="utf-8")
    library.import_article(load_file(path))
    assert article_tags(library, article_id) == ["budget", "city hall", "mine", "schools"]
    assert library.article_metadata() == {}


def test_further_metadata_is_stored_with_the_article(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "f.md", "---\ntitle: F\nsection: Politics\n---\nText.\n")
    _, article_id = library.import_article(load_file(path))
    assert library.article_metadata() == {article_id: {"section": "Politics"}}
