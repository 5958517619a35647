"""Stories: the articles of a library grouped by the event they report, found from the
quotes and wire passages they share and from the names they use (MinHash LSH, no
all-pairs comparison), within a window of dates; and the coverage of one story across
its outlets. No Textual import."""

from __future__ import annotations

from newsreader.stories.cache import load, sync
from newsreader.stories.coverage import Coverage, attributions, coverage
from newsreader.stories.grouping import Story, StoryIndex

__all__ = ["Coverage", "Story", "StoryIndex", "attributions", "coverage", "load", "sync"]
