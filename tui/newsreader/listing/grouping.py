"""The library list grouped by story: a heading per story, its articles folded under it.

No Textual import.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsreader.corpus.article import known_source
from newsreader.listing.filters import STORY_PREFIX
from newsreader.listing.rows import Row
from newsreader.stories.grouping import StoryIndex


@dataclass(frozen=True)
class Heading:
    """A story's line in the grouped view, its articles folded under it or not."""

    story_id: str
    """"" for the heading of the articles in no story."""
    title: str
    count: int
    """How many of its articles the filter keeps."""
    sources: int
    first: str
    last: str
    open: bool

    @property
    def id(self) -> str:
        """Where the cursor is kept across a refresh (never an article id)."""
        return STORY_PREFIX + self.story_id


def group_rows(rows: Sequence[Row], stories: StoryIndex, unfolded: Collection[str]) -> list[Row | Heading]:
    """``rows`` under a heading per story (largest story first, each story's rows in the
    order given), the articles in no story last; a story's rows are listed only when its id
    is in ``unfolded`` ("" unfolds the articles in no story). A story none of whose
    articles are in ``rows`` is left out."""
    kept: dict[str, list[Row]] = {}
    loose: list[Row] = []
    for row in rows:
        story_id = stories.of.get(row.id)
        if story_id:
            kept.setdefault(story_id, []).append(row)
        else:
            loose.append(row)
    listed: list[Row | Heading] = []
    for story in stories.stories:
        members = kept.get(story.id)
        if not members:
            continue
        sources = len({row.info.source for row in members if known_source(row.info.source)})
        listed.append(
            Heading(
                story.id, story.title, len(members), sources, story.first, story.last, story.id in unfolded
            )
        )
        if story.id in unfolded:
            listed += members
    if loose:
        listed.append(Heading("", "In no story", len(loose), 0, "", "", "" in unfolded))
        if "" in unfolded:
            listed += loose
    return listed
