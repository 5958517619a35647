"""Which articles the reader marked in the library list, and which two ``c`` compares.

No Textual import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Marks:
    """Articles marked with ``space``, in the order they were marked."""

    ids: list[str] = field(default_factory=list)

    def toggle(self, article_id: str) -> bool:
        """Mark or unmark ``article_id``; return whether it is now marked."""
        if article_id in self.ids:
            self.ids.remove(article_id)
            return False
        self.ids.append(article_id)
        return True

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def clear(self) -> None:
        self.ids.clear()


def compare_pair(
    highlighted: str | None,
    marks: Sequence[str],
    partners: Mapping[str, Sequence[tuple[str, int]]],
) -> tuple[str, str] | str:
    """Which two articles ``c`` compares, or a one-line reason why it cannot.

    Two or more marked: the last two marked. One marked: it and the highlighted one. None
    marked: the highlighted one and the first of its ``partners`` (the article sharing the
    most quotes with it, or else the most passages).
    """
    if len(marks) >= 2:
        return marks[-2], marks[-1]
    if highlighted is None:
        return "No article is highlighted."
    if len(marks) == 1:
        if marks[0] == highlighted:
            return "Highlight a second article to compare with the marked one."
        return marks[0], highlighted
    ranked = partners.get(highlighted) or ()
    if not ranked:
        return "This article shares no quote or passage with another; mark two articles with space to compare them."
    return highlighted, ranked[0][0]
