"""One tag matcher for every filter, the export and the tag completion."""

from __future__ import annotations

from newsreader.tags import obsidian_tag, tag_key, tag_matcher, term_key


def test_tags_fold_case_and_inner_spaces() -> None:
    assert tag_key("  Needs   Source ") == "needs source"
    assert term_key(" #Needs  Source") == "needs source"
    assert obsidian_tag("Needs source!") == "Needs-source"


def test_a_typed_tag_finds_the_tags_it_begins() -> None:
    matches = tag_matcher(["#coa"])
    assert matches is not None
    assert matches("coast-guard") and matches("Coast guard") and matches("COAST")
    assert not matches("guard-coast") and not matches("cola")


def test_a_parent_finds_its_nested_tags_but_not_the_other_way() -> None:
    matches = tag_matcher(["climate"])
    assert matches is not None
    assert matches("climate/policy") and matches("Climate")
    parent = tag_matcher(["climate/policy"])
    assert parent is not None and not parent("climate")


def test_the_slug_form_finds_a_tag_with_spaces() -> None:
    matches = tag_matcher(["#needs-source"])
    assert matches is not None and matches("Needs source") and not matches("needs")


def test_any_of_several_terms_finds_and_no_terms_keep_everything() -> None:
    matches = tag_matcher(["claim", "#quo"])
    assert matches is not None and matches("Quote") and matches("claims") and not matches("lead")
    assert tag_matcher([]) is None and tag_matcher(["#", "  "]) is None
