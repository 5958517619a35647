"""Completion for a comma-separated tags field (the annotate and export dialogs)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester

from newsreader.tags import finds, tag_forms, term_key


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags in use.

    Case-insensitive, completing to the tag's usual spelling; a leading ``#`` is allowed
    (people type tags the way Markdown shows them); tags already in the field are not
    offered again. Gets the value as typed (``case_sensitive=True``) so that the tags
    before the last comma keep their spelling.
    """

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        stem = last.lstrip().lstrip("#")
        if not stem:
            return None
        typed = {term_key(tag) for tag in head.split(",")} if comma else set()
        key = term_key(stem)
        for tag in self.tags:
            if finds(key, tag_forms([tag])) and len(tag) > len(stem) and term_key(tag) not in typed:
                return value[: len(value) - len(stem)] + tag
        return None
