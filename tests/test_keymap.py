"""The [keymap] table of config.toml: rebinding keys by binding id, and broken files."""

from __future__ import annotations

from pathlib import Path

from newsreader.keymap import config_path, load_keymap


def test_the_config_file_is_found_through_the_environment(no_user_config: Path) -> None:
    assert config_path() == no_user_config


def test_no_file_is_no_keymap_and_no_complaint(no_user_config: Path) -> None:
    assert load_keymap() == ({}, None)


def test_keys_are_read_by_binding_id_with_spaces_trimmed(no_user_config: Path) -> None:
    no_user_config.write_text(
        '[keymap]\n"library.filter" = "f"\n"reader.select" = "V, s"\n[other]\nx = 1\n', encoding="utf-8"
    )
    assert load_keymap() == ({"library.filter": "f", "reader.select": "V,s"}, None)


def test_bad_entries_are_named_and_the_rest_kept(no_user_config: Path) -> None:
    no_user_config.write_text(
        '[keymap]\n"library.sort" = 3\n"library.quit" = " , "\n"library.search" = "ctrl+g"\n',
        encoding="utf-8",
    )
    keymap, problem = load_keymap()
    assert keymap == {"library.search": "ctrl+g"}
    assert problem is not None and "library.sort, library.quit" in problem and "\n" not in problem


def test_a_broken_file_is_one_line_and_changes_no_key(no_user_config: Path) -> None:
    no_user_config.write_text('[keymap\n"library.filter" = "f"\n', encoding="utf-8")
    keymap, problem = load_keymap()
    assert keymap == {}
    assert problem is not None and problem.startswith(str(no_user_config))
    assert "not valid TOML" in problem and "\n" not in problem


def test_binary_or_non_utf8_file_is_reported(no_user_config: Path) -> None:
    no_user_config.write_bytes(b"\xff\xfe\x00keymap")
    keymap, problem = load_keymap()
    assert keymap == {} and problem is not None and "cannot read it" in problem
