"""Stories kept in the library, updated incrementally.

An update reads only what changed since the last one: the new, edited and deleted
articles (their names and LSH bands, looked up against the stored bands) and the quote
and passage groups whose articles changed (``stories.links``). The articles whose links
changed, with every article of the stories they were in, are regrouped; every other story
keeps its id and membership, and only the stories that came out different are rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping

from newsreader.stories import links
from newsreader.stories.grouping import Group, Story, assign_ids, components, describe, sort_stories
from newsreader.stories.similarity import jaccard

Progress = Callable[[int, int], None]
BATCH = 500
"""Articles read per step of the progress shown."""
TYPICAL_SAMPLE = 200
"""Typicality is measured against at most this many of the story's articles."""


def sync(library, groups: Iterable[Group], progress: Progress | None = None) -> list[Story]:
    """Bring the library's stories up to date with its articles and ``groups`` (the quote
    and passage groups of the quote engine), and return them, largest first."""
    conn: sqlite3.Connection = library.conn
    dates = dict(conn.execute("SELECT id, date FROM articles"))
    pending = [
        article_id
        for (article_id,) in conn.execute(
            """SELECT a.id FROM articles a LEFT JOIN story_terms s ON s.article_id = a.id
               WHERE s.version IS NOT a.version OR s.date IS NOT a.date
                  OR s.title IS NOT a.title OR s.source IS NOT a.source"""
        )
    ]
    gone = [
        article_id
        for (article_id,) in conn.execute(
            "SELECT article_id FROM story_terms WHERE article_id NOT IN (SELECT id FROM articles)"
        )
    ]
    signed = []
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        signed += links.sign(
            conn.execute(
                f"SELECT id, version, date, title, source, body FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    changed, dropped = links.changed_groups(conn, groups, {*pending, *gone})
    if not (signed or gone or changed or dropped):
        return load(conn)
    with library.transaction():
        dirty = links.store_names(conn, signed, gone, dates)
        dirty |= links.store_groups(conn, changed, dropped, dates)
        _regroup(library, dirty, dates)
    return load(conn)


def load(conn: sqlite3.Connection) -> list[Story]:
    """The stories as last synced, largest first."""
    rows = conn.execute("SELECT id, title, first, last, sources, articles FROM stories")
    return sort_stories(
        Story(i, title, first, last, json.loads(sources), json.loads(articles))
        for i, title, first, last, sources, articles in rows
    )


def _regroup(library, dirty: set[str], dates: Mapping[str, str]) -> None:
    """Group again the ``dirty`` articles (whose links changed) with every article of the
    stories they were in: no link leaves that set, so its connected sets are the stories
    it now holds. Each keeps the id most of its articles had; only those that differ from
    the story of that id are rewritten."""
    conn = library.conn
    previous = dict(
        links.select_in(
            conn,
            "SELECT article_id, story_id FROM story_articles WHERE story_id IN "
            "(SELECT story_id FROM story_articles WHERE article_id IN ({}))",
            sorted(dirty),
        )
    )
    regrouped = {article_id for article_id in {*dirty, *previous} if article_id in dates}
    found = components(links.links_among(conn, regrouped))
    named = assign_ids(found, previous)
    facts = library.article_infos(article_id for _, members in named for article_id in members)
    old = {story.id: story for story in _stories(conn, set(previous.values()))}
    stories = [
        describe(story_id, members, facts, _typicality(links.stored_names(conn, members)))
        for story_id, members in named
    ]
    rewritten = [story for story in stories if old.get(story.id) != story]
    for story_id in set(old) - {story.id for story in stories} | {story.id for story in rewritten}:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story_id,))
    for story in rewritten:
        conn.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?)",
            (
                story.id,
                story.title,
                story.first,
                story.last,
                json.dumps(story.sources),
                json.dumps(story.articles),
            ),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO story_articles VALUES (?, ?)",
            [(article_id, story.id) for article_id in story.articles],
        )


def _stories(conn: sqlite3.Connection, story_ids: set[str]) -> list[Story]:
    rows = links.select_in(
        conn,
        "SELECT id, title, first, last, sources, articles FROM stories WHERE id IN ({})",
        sorted(story_ids),
    )
    return [
        Story(i, title, first, last, json.loads(sources), json.loads(articles))
        for i, title, first, last, sources, articles in rows
    ]


def _typicality(names: Mapping[str, frozenset[str]]) -> dict[str, float]:
    """How alike each article's names are to the rest of its story's, on average."""
    ids = sorted(names)
    others = ids[:TYPICAL_SAMPLE]
    return {
        article_id: sum(jaccard(names[article_id], names[other]) for other in others if other != article_id)
        / max(1, len(others) - 1)
        for article_id in ids
    }
