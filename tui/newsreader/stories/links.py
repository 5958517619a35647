"""The links stories are made of, kept in the library so that an import reads only what
changed: name links (two articles' names overlap enough, found through the LSH bands of
their signatures, in ``story_links``) and group links (two articles print the same quote
or passage, in ``story_group_links`` by group).

Each writer returns the articles whose links may have changed: the stories holding them
are the only ones to regroup.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import attrgetter

from newsreader.stories import similarity
from newsreader.stories.grouping import Group, close_in_time, group_links

CHUNK = 500
"""Ids per ``IN (…)`` query (SQLite allows a few thousand parameters at most)."""

Link = tuple[str, str]


@dataclass(frozen=True)
class Signed:
    """What an article's text gives its name links: its names and their LSH band keys
    (none when it names too few things to have a signature)."""

    article_id: str
    read: tuple[int, str, str, str]
    """The version of its text and the date, title and source it was read with."""
    names: frozenset[str]
    bands: tuple[bytes, ...]


def sign(rows: list[tuple[str, int, str, str, str, str]]) -> list[Signed]:
    """The names and band keys of articles given as (id, version, date, title, source, body)."""
    names = [frozenset(similarity.terms(row[-1])) for row in rows]
    signatures = similarity.signatures([set(found) for found in names])
    return [
        Signed(row[0], row[1:5], found, tuple(similarity.band_keys(sig)) if sig is not None else ())
        for row, found, sig in zip(rows, names, signatures)
    ]


def store_names(
    conn: sqlite3.Connection, signed: list[Signed], gone: list[str], dates: Mapping[str, str]
) -> set[str]:
    """Replace the name links of the ``signed`` articles (new or changed) and of the
    ``gone`` ones (deleted); each is linked to those sharing an LSH bucket with it (a
    bucket of more than ``MAX_BUCKET`` names nothing) whose names overlap enough, within
    the date window. Returns the articles whose name links changed.

    A bucket that grows past ``MAX_BUCKET`` keeps the links it gave while it was smaller
    (each was checked on the names); found from scratch, it would give none."""
    redone = [s.article_id for s in signed] + gone
    touched = {
        x
        for link in select_in(conn, "SELECT a, b FROM story_links WHERE a IN ({}) OR b IN ({})", redone)
        for x in link
    }
    for query in (
        "DELETE FROM story_terms WHERE article_id IN ({})",
        "DELETE FROM story_bands WHERE article_id IN ({})",
        "DELETE FROM story_links WHERE a IN ({}) OR b IN ({})",
    ):
        execute_in(conn, query, redone)
    buckets: dict[tuple[int, bytes], list[str]] = {}
    for s in signed:
        for band, key in enumerate(s.bands):
            buckets.setdefault((band, key), []).append(s.article_id)
    candidates: dict[str, set[str]] = {s.article_id: set() for s in signed if s.bands}
    look_up = conn.execute("SELECT 1 FROM story_bands LIMIT 1").fetchone() is not None
    for (band, key), members in buckets.items():
        stored = (
            [
                row[0]
                for row in conn.execute(
                    "SELECT article_id FROM story_bands WHERE band = ? AND key = ? LIMIT ?",
                    (band, key, similarity.MAX_BUCKET + 1),
                )
            ]
            if look_up
            else []
        )
        if len(members) + len(stored) <= similarity.MAX_BUCKET:
            for article_id in members:
                candidates[article_id].update(members, stored)
    names = {s.article_id: s.names for s in signed}
    names.update(stored_names(conn, {c for found in candidates.values() for c in found} - names.keys()))
    links = {
        (min(article_id, other), max(article_id, other))
        for article_id, found in candidates.items()
        for other in found
        if other != article_id
        and other in names
        and other in dates
        and close_in_time(dates[article_id], dates[other])
        and similarity.jaccard(names[article_id], names[other]) >= similarity.THRESHOLD
    }
    conn.executemany(
        "INSERT INTO story_terms (article_id, version, date, title, source, terms) VALUES (?, ?, ?, ?, ?, ?)",
        [(s.article_id, *s.read, json.dumps(sorted(s.names), ensure_ascii=False)) for s in signed],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_bands VALUES (?, ?, ?)",
        [(band, key, s.article_id) for s in signed for band, key in enumerate(s.bands)],
    )
    conn.executemany("INSERT OR IGNORE INTO story_links VALUES (?, ?)", sorted(links))
    return touched | set(redone) | {x for link in links for x in link}


def changed_groups(
    conn: sqlite3.Connection, groups: Iterable[Group], touched: AbstractSet[str]
) -> tuple[list[tuple[Group, str]], list[str]]:
    """The groups whose links must be found again (new ones, those whose articles changed,
    those printed by an article in ``touched``), each with the articles it now prints, and
    the ids of the groups gone since the last update. (A group's id names its words and
    kind, so the same id never starts or stops linking by itself.)

    Every group is looked at, so this is the one step of an update that grows with the
    library (tens of milliseconds for ten thousand groups): a group changes when an
    article is added, edited or removed, and also when the quote engine is improved."""
    stored = dict(conn.execute("SELECT group_id, linking FROM story_groups"))
    article_id = attrgetter("article_id")
    changed = []
    for group in groups:
        now = " ".join(map(article_id, group.members))
        if stored.pop(group.id, None) != now or (
            touched and not touched.isdisjoint(map(article_id, group.members))
        ):
            changed.append((group, now))
    return changed, list(stored)


def store_groups(
    conn: sqlite3.Connection, changed: list[tuple[Group, str]], gone: list[str], dates: Mapping[str, str]
) -> set[str]:
    """Replace the links of the ``changed`` groups and drop those of the ``gone`` ones.
    Returns the articles that gained or lost a link."""
    redone = [group.id for group, _ in changed] + gone
    old = set(select_in(conn, "SELECT group_id, a, b FROM story_group_links WHERE group_id IN ({})", redone))
    new = {(group.id, a, b) for group, _ in changed for a, b in group_links([group], dates)}
    execute_in(conn, "DELETE FROM story_group_links WHERE group_id IN ({})", redone)
    execute_in(conn, "DELETE FROM story_groups WHERE group_id IN ({})", redone)
    conn.executemany("INSERT OR IGNORE INTO story_group_links VALUES (?, ?, ?)", sorted(new))
    conn.executemany("INSERT INTO story_groups VALUES (?, ?)", [(group.id, now) for group, now in changed])
    return {x for _, a, b in old ^ new for x in (a, b)}


def links_among(conn: sqlite3.Connection, article_ids: Collection[str]) -> list[Link]:
    """Every link, of either kind, between two of ``article_ids``."""
    found = []
    for query in (
        "SELECT a, b FROM story_links WHERE a IN ({})",
        "SELECT a, b FROM story_group_links WHERE a IN ({})",
    ):
        found += [(a, b) for a, b in select_in(conn, query, list(article_ids)) if b in article_ids]
    return found


def stored_names(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    return {
        article_id: frozenset(json.loads(data))
        for article_id, data in select_in(
            conn, "SELECT article_id, terms FROM story_terms WHERE article_id IN ({})", list(article_ids)
        )
    }


def select_in(conn: sqlite3.Connection, query: str, ids: list[str]) -> Iterator[tuple]:
    """The rows of ``query`` for ``ids``, a chunk at a time: each ``{}`` in it is a chunk."""
    holes = query.count("{}")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield from conn.execute(query.format(*[", ".join("?" * len(chunk))] * holes), chunk * holes)


def execute_in(conn: sqlite3.Connection, query: str, ids: list[str]) -> None:
    """Run ``query`` (a statement returning no rows) for ``ids``, a chunk at a time."""
    for _ in select_in(conn, query, ids):
        pass
