"""The library list's logic, kept apart from the widgets so it can be tested directly and
stays fast with tens of thousands of articles: rows and their sort (``rows``), what a
filter means (``filters``), the view grouped by story (``grouping``), search hits
(``search``) and marks and compare pairs (``marks``). No Textual import.
"""

from newsreader.listing.filters import (
    STORY_PREFIX,
    filter_annotations,
    filter_rows,
    ranked,
    split_query,
    split_story,
    title_has_words,
    word_cutoff,
)
from newsreader.listing.grouping import Heading, group_rows
from newsreader.listing.marks import Marks, compare_pair
from newsreader.listing.rows import (
    SORT_LABELS,
    SORTS,
    Reuse,
    Row,
    build_rows,
    next_sort,
    sort_rows,
    story_label,
    tag_counts,
    with_counts,
    with_reuse,
    with_stories,
    with_summaries,
)
from newsreader.listing.search import Hit, locate_hit, parse_snippet

__all__ = [
    "SORTS",
    "SORT_LABELS",
    "STORY_PREFIX",
    "Heading",
    "Hit",
    "Marks",
    "Reuse",
    "Row",
    "build_rows",
    "compare_pair",
    "filter_annotations",
    "filter_rows",
    "group_rows",
    "locate_hit",
    "next_sort",
    "parse_snippet",
    "ranked",
    "sort_rows",
    "split_query",
    "split_story",
    "story_label",
    "tag_counts",
    "title_has_words",
    "with_counts",
    "with_reuse",
    "with_stories",
    "with_summaries",
    "word_cutoff",
]
