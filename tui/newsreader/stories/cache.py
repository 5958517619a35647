"""Stories kept in the library, updated incrementally.

Each article's names and LSH bands are found once per version of its text, so an
import only reads the new articles and looks up their partners in the stored bands; the
links found are kept too. Grouping the links into stories is then a union–find over the
whole library (milliseconds), and only the stories whose articles changed are rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from newsreader.stories import similarity
from newsreader.stories.grouping import (
    Group,
    Story,
    assign_ids,
    close_in_time,
    components,
    describe,
    group_links,
    sort_stories,
)

Progress = Callable[[int, int], None]
BATCH = 500


def sync(library, groups: Iterable[Group], progress: Progress | None = None) -> list[Story]:
    """Bring the library's stories up to date with its articles and ``groups`` (the quote
    and passage groups of the quote engine), and return them, largest first."""
    conn: sqlite3.Connection = library.conn
    facts = {info.id: info for info in library.articles()}
    pending = [
        row[0]
        for row in conn.execute(
            """SELECT a.id FROM articles a LEFT JOIN story_terms s ON s.article_id = a.id
           WHERE s.version IS NOT a.version ORDER BY a.rowid"""
        )
    ]
    gone = [
        row[0]
        for row in conn.execute(
            "SELECT article_id FROM story_terms WHERE article_id NOT IN (SELECT id FROM articles)"
        )
    ]
    if gone:
        with library.transaction():
            _forget(conn, gone)
    fresh_library = conn.execute("SELECT count(*) FROM story_terms").fetchone()[0] == 0
    for start in range(0, len(pending), BATCH):
        _sign(library, pending[start : start + BATCH], facts, look_up_stored=not fresh_library)
        fresh_library = False
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    links = [(a, b) for a, b in conn.execute("SELECT a, b FROM story_links")]
    links += group_links(groups, {article_id: info.date for article_id, info in facts.items()})
    return _regroup(library, components(links), facts)


def load(conn: sqlite3.Connection) -> list[Story]:
    """The stories as last synced, largest first."""
    rows = conn.execute("SELECT id, title, first, last, sources, articles FROM stories")
    return sort_stories(
        Story(i, title, first, last, json.loads(sources), json.loads(articles))
        for i, title, first, last, sources, articles in rows
    )


def _sign(library, article_ids: list[str], facts: dict, *, look_up_stored: bool) -> None:
    """Find the names of ``article_ids``, band their signatures, and link each article to
    those whose names overlap enough (checked on the names, within the date window)."""
    conn = library.conn
    rows = conn.execute(
        f"SELECT id, version, body FROM articles WHERE id IN ({_marks(article_ids)})", article_ids
    ).fetchall()
    names = {article_id: similarity.terms(body) for article_id, _, body in rows}
    signed = similarity.signatures([names[article_id] for article_id, _, _ in rows])
    keys = {
        article_id: similarity.band_keys(sig)
        for (article_id, _, _), sig in zip(rows, signed)
        if sig is not None
    }
    candidates: dict[str, set[str]] = {article_id: set() for article_id in keys}
    buckets: dict[tuple[int, bytes], list[str]] = {}
    for article_id, bands in keys.items():
        for band, key in enumerate(bands):
            buckets.setdefault((band, key), []).append(article_id)
    for members in buckets.values():
        if len(members) <= similarity.MAX_BUCKET:
            for article_id in members:
                candidates[article_id].update(members)
    if look_up_stored:
        for article_id, bands in keys.items():
            for band, key in enumerate(bands):
                found = [
                    row[0]
                    for row in conn.execute(
                        "SELECT article_id FROM story_bands WHERE band = ? AND key = ? LIMIT ?",
                        (band, key, similarity.MAX_BUCKET + 1),
                    )
                ]
                if len(found) <= similarity.MAX_BUCKET:
                    candidates[article_id].update(found)
    known = _terms(conn, {c for found in candidates.values() for c in found} - set(names))
    known.update(names)
    links = set()
    for article_id, found in candidates.items():
        for other in found - {article_id}:
            if (
                other in known
                and other in facts
                and close_in_time(facts[article_id].date, facts[other].date)
                and similarity.jaccard(names[article_id], known[other]) >= similarity.THRESHOLD
            ):
                links.add((min(article_id, other), max(article_id, other)))
    with library.transaction():
        _forget(conn, [row[0] for row in rows])
        conn.executemany(
            "INSERT INTO story_terms VALUES (?, ?, ?)",
            [
                (article_id, version, json.dumps(sorted(names[article_id]), ensure_ascii=False))
                for article_id, version, _ in rows
            ],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO story_bands VALUES (?, ?, ?)",
            [(band, key, article_id) for article_id, bands in keys.items() for band, key in enumerate(bands)],
        )
        conn.executemany("INSERT OR IGNORE INTO story_links VALUES (?, ?)", sorted(links))


def _forget(conn: sqlite3.Connection, article_ids: list[str]) -> None:
    marks = _marks(article_ids)
    conn.execute(f"DELETE FROM story_terms WHERE article_id IN ({marks})", article_ids)
    conn.execute(f"DELETE FROM story_bands WHERE article_id IN ({marks})", article_ids)
    conn.execute(f"DELETE FROM story_links WHERE a IN ({marks}) OR b IN ({marks})", article_ids * 2)


def _terms(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, set[str]]:
    ids = sorted(article_ids)
    found = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for article_id, data in conn.execute(
            f"SELECT article_id, terms FROM story_terms WHERE article_id IN ({_marks(chunk)})", chunk
        ):
            found[article_id] = set(json.loads(data))
    return found


def _regroup(library, found: list[set[str]], facts: dict) -> list[Story]:
    """Name the sets found, keeping the ids of the stories they were, and rewrite only the
    stories whose articles changed."""
    conn = library.conn
    previous = dict(conn.execute("SELECT article_id, story_id FROM story_articles"))
    old = {story.id: story for story in load(conn)}
    named = assign_ids(found, previous)
    stories, changed = [], []
    for story_id, members in named:
        kept = old.get(story_id)
        if (
            kept is not None
            and set(kept.articles) == members
            and all(facts[i].date == "" or facts[i].date[:10] >= kept.first for i in members)
        ):
            stories.append(kept)
            continue
        story = describe(story_id, members, facts, _typicality(_terms(conn, members)))
        stories.append(story)
        changed.append(story)
    dropped = set(old) - {story.id for story in stories}
    if changed or dropped:
        with library.transaction():
            for story_id in dropped | {story.id for story in changed}:
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story_id,))
            for story in changed:
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
    return sort_stories(stories)


TYPICAL_SAMPLE = 200
"""Typicality is measured against at most this many of the story's articles."""


def _typicality(names: dict[str, set[str]]) -> dict[str, float]:
    """How alike each article's names are to the rest of its story's, on average."""
    ids = sorted(names)
    others = ids[:TYPICAL_SAMPLE]
    return {
        article_id: sum(
            similarity.jaccard(names[article_id], names[other]) for other in others if other != article_id
        )
        / max(1, len(others) - 1)
        for article_id in ids
    }


def _marks(items: list[str]) -> str:
    return ", ".join("?" * len(items))
