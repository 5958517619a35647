"""The shared-quote index, kept in the library so it is built once.

Re-opening a library reads the groups from its `quote_` tables instead of
re-indexing, and a new or changed article is indexed on its own: its
quotations are aligned against the candidates their shingles find in
`quote_shingles`, and only the groups they touch are rebuilt. The engine
(`quotes.QuoteIndex`) does the work; `SqliteStore` is where it keeps its state.
A library with no index yet, or one where most articles are new, is indexed
in memory and written in one go, which is much faster than row by row.

The cache notes the engine version it was built with and starts over when it
changes, so an improved engine never serves stale groups.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from itertools import count

from newsreader.processes import in_order

from .align import Quote
from .groups import Edge
from .index import MAX_POSTING, MemoryStore, Prepared, QuoteIndex, collector_paused, prepare
from .model import Kind, QuoteGroup, QuoteMember, at_least, free_id, sort_groups
from .passages import MIN_WORDS as PASSAGE_WORDS
from .passages import SEED, prepare_passages
from .words import MIN_WORDS, SHINGLE

__all__ = [
    "ENGINE_VERSION",
    "SqliteStore",
    "SyncReport",
    "load_groups",
    "shared_quotes",
    "shared_quotes_anyway",
    "sync",
]

# Bump when the engine would find different groups in the same articles.
ENGINE_VERSION = "4"
# Above this share of new or changed articles, rebuilding in memory beats updating rows.
REBUILD_SHARE = 0.5
# Articles indexed per transaction when updating row by row.
BATCH = 25
_TABLES = (
    "quote_articles",
    "quote_quotes",
    "quote_shingles",
    "quote_singles",
    "quote_edges",
    "quote_groups",
    "quote_members",
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncReport:
    """What `sync` did: articles indexed, forgotten, and whether it started over."""

    indexed: int
    removed: int
    rebuilt: bool


def shared_quotes(
    library, progress: Progress | None = None, min_words: int = MIN_WORDS, kind: Kind | None = "quote"
) -> list[QuoteGroup]:
    """Bring the cache up to date with `library` and return its groups of `kind`
    (None: quotes, then passages), keeping quotes of at least `min_words` words."""
    sync(library, progress)
    return select(load_groups(library.conn), min_words, kind)


def select(
    groups: list[QuoteGroup], min_words: int = MIN_WORDS, kind: Kind | None = "quote"
) -> list[QuoteGroup]:
    """The groups of `kind` (None: every kind, quotes first), quotes of at least `min_words`."""
    quotes = [g for g in groups if g.kind == "quote"] if kind in (None, "quote") else []
    if min_words > MIN_WORDS:
        quotes = at_least(quotes, min_words)
    passages = [g for g in groups if g.kind == "passage"] if kind in (None, "passage") else []
    return quotes + passages


def _indexes(conn: sqlite3.Connection) -> list[QuoteIndex]:
    """The quote index and the passage index, both kept in the library's tables."""
    return [
        QuoteIndex(MIN_WORDS, SqliteStore(conn)),
        QuoteIndex(PASSAGE_WORDS, SqliteStore(conn, "passage"), prepare_passages, "passage"),
    ]


def shared_quotes_anyway(
    library, progress: Progress | None = None, min_words: int = MIN_WORDS, kind: Kind | None = "quote"
) -> tuple[list[QuoteGroup], str]:
    """The groups of `kind` (as :func:`shared_quotes`) even when the cache cannot be
    brought up to date, and a line for the user saying why they may be stale (empty when
    the cache served them).

    The cache is derived data: a read-only or busy library gives the groups as last
    indexed, and a damaged cache is bypassed (the groups are found again in memory), so
    neither ever blocks reading or exporting the annotations.
    """
    from newsreader.store import DamagedLibrary, StoreError, library_error

    from .index import find_shared_quotes

    try:
        return shared_quotes(library, progress, min_words, kind), ""
    except (StoreError, sqlite3.DatabaseError) as error:
        problem = error if isinstance(error, StoreError) else library_error(library.path, error)
    if not isinstance(problem, DamagedLibrary):
        try:
            return (
                select(load_groups(library.conn), min_words, kind),
                f"{problem} (showing the quotes as last indexed)",
            )
        except sqlite3.DatabaseError:
            pass
    found = find_shared_quotes(library.bodies(), MIN_WORDS, passages=kind != "quote")
    return select(found, min_words, kind), (
        f"{library.path}: the quote index in the library is damaged; quotes found without it"
    )


def sync(library, progress: Progress | None = None) -> SyncReport:
    """Index the articles added or changed since the last sync and forget the
    deleted ones. `progress(done, total)` is called as articles are indexed.

    The write lock is held only briefly, so a reader saving notes meanwhile is
    never kept waiting long: a rebuild indexes from a read snapshot and then
    writes its result in one transaction; incremental work commits in batches,
    each leaving the cache consistent.
    """
    conn: sqlite3.Connection = library.conn
    with library.transaction():
        meta = dict(conn.execute("SELECT key, value FROM quote_meta"))
        if meta != {"engine": ENGINE_VERSION, "min_words": str(MIN_WORDS)}:
            _clear(conn)
        todo, gone, articles = _pending(conn)
    rebuilt = len(todo) > REBUILD_SHARE * articles
    indexed = removed = 0
    if rebuilt:
        rows = _index_in_memory(conn, progress)
        with library.transaction():
            _replace_all(conn, rows)
        indexed, removed = len(rows.versions), len(gone)
    done, total = 0, 0
    first_look = not rebuilt  # the first batch goes by it; later ones look again
    while True:
        with library.transaction():
            if not first_look:
                todo, gone, _ = _pending(conn)
            first_look = False
            if not todo and not gone:
                break
            total = total or len(todo)  # a late change may add a few more
            indexes = _indexes(conn)
            gone = gone[:BATCH]
            for article_id in gone:
                for index in indexes:
                    index.remove(article_id)
            conn.execute(f"DELETE FROM quote_articles WHERE article_id IN ({_JSON_IDS})", (json.dumps(gone),))
            for article_id in todo[: BATCH - len(gone)]:
                row = conn.execute(
                    "SELECT body, version FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is None:  # deleted since the first look: forgotten on the next
                    continue
                body, version = row
                for index in indexes:
                    index.add(article_id, body)
                conn.execute("INSERT OR REPLACE INTO quote_articles VALUES (?, ?)", (article_id, version))
                indexed, done = indexed + 1, done + 1
                if progress:
                    progress(min(done, total), total)
            for index in indexes:
                index.flush()
            removed += len(gone)
    return SyncReport(indexed, removed, rebuilt)


def load_groups(
    conn: sqlite3.Connection, article_id: str | None = None, kind: Kind | None = None
) -> list[QuoteGroup]:
    """The cached groups (of `kind`, or every kind), or only those `article_id`
    prints, most widely printed first."""
    where = "WHERE kind = ?1" if kind else "WHERE ?1 IS NULL"
    if article_id is None:
        rows = conn.execute(f"SELECT id, text, speaker, kind FROM quote_groups {where}", (kind,))
    else:
        rows = conn.execute(
            f"SELECT id, text, speaker, kind FROM quote_groups {where} AND id IN "
            "(SELECT group_id FROM quote_members WHERE article_id = ?2)",
            (kind, article_id),
        )
    groups: dict[str, tuple[str, str, list[QuoteMember], Kind]] = {
        gid: (text, speaker, [], k) for gid, text, speaker, k in rows
    }
    members = conn.execute(
        f'SELECT group_id, article_id, start, "end", text, diffs FROM quote_members '
        f"WHERE group_id IN ({_JSON_IDS}) ORDER BY group_id, article_id, start",
        (json.dumps(list(groups)),),
    )
    for gid, aid, start, end, text, diffs in members:
        groups[gid][2].append(QuoteMember(aid, start, end, text, tuple(map(tuple, json.loads(diffs)))))
    return sort_groups(
        QuoteGroup(gid, text, speaker, tuple(m), k) for gid, (text, speaker, m, k) in groups.items()
    )


def _clear(conn: sqlite3.Connection) -> None:
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM quote_meta")
    conn.executemany(
        "INSERT INTO quote_meta VALUES (?, ?)", [("engine", ENGINE_VERSION), ("min_words", str(MIN_WORDS))]
    )


def _pending(conn: sqlite3.Connection) -> tuple[list[str], list[str], int]:
    """Articles to index (new or changed), to forget (deleted), and how many there are:
    one join in SQLite over the covering index of article ids and versions (migration 7),
    which never reads an article's row and brings only the changed ones into Python (a
    row per article costs 20 ms at 10,000)."""
    changed = [
        r[0]
        for r in conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN quote_articles q ON q.article_id = a.id "
            "WHERE q.version IS NOT a.version ORDER BY a.id"
        )
    ]
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    gone = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM quote_articles WHERE article_id NOT IN (SELECT id FROM articles) "
            "ORDER BY article_id"
        )
    ]
    return changed, gone, articles


@dataclass
class _Rows:
    """A whole index as rows for the `quote_` tables, prepared before locking."""

    versions: list[tuple]
    quotes: list[tuple]
    shingles: list[tuple]
    singles: list[tuple]
    edges: list[tuple]
    groups: list[tuple]
    members: list[tuple]


def _prepared(row: tuple[str, str, int]) -> tuple[Prepared, int]:
    """One article's quotations and passages ready to index, made in a worker process,
    and its version."""
    article_id, body, version = row
    return prepare(article_id, body, MIN_WORDS, passages=True), version


def _index_in_memory(conn: sqlite3.Connection, progress: Progress | None) -> _Rows:
    """Index every article in memory, reading one snapshot of the library."""
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    ids = count(1)
    stores: dict[Kind, MemoryStore] = {"quote": MemoryStore(ids), "passage": MemoryStore(ids)}
    indexes = [
        QuoteIndex(MIN_WORDS, stores["quote"]),
        QuoteIndex(PASSAGE_WORDS, stores["passage"], prepare_passages, "passage"),
    ]
    versions = []
    rows = conn.execute("SELECT id, body, version FROM articles ORDER BY rowid")
    with collector_paused():
        for done, (prepared, version) in enumerate(in_order(_prepared, rows, total), 1):
            for index, units in zip(indexes, prepared.units, strict=True):
                index.add_units(prepared.article_id, units)
            versions.append((prepared.article_id, version))
            if progress:
                progress(done, total)
        for index in indexes:
            index.flush()
    every = list(stores.items())
    # Postings in key order, so the WITHOUT ROWID trees are appended to rather than split.
    return _Rows(
        versions=versions,
        quotes=[
            _quote_row(qid, q, kind) + (store.group_of.get(qid),)
            for kind, store in every
            for qid, q in store.quote_by_id.items()
        ],
        shingles=sorted(posting for _, store in every for posting in store.posted()),
        singles=sorted((s, qid) for _, store in every for s, ids in store.singles.items() for qid in ids),
        edges=sorted(
            e for _, store in every for qid, edges in store.links.items() for e in edges if e.a == qid
        ),
        groups=[
            (gid, g.text, g.speaker, len(g.articles), g.kind)
            for _, store in every
            for gid, (g, _) in store.assembled.items()
        ],
        members=[
            _member_row(gid, m)
            for _, store in every
            for gid, (g, _) in store.assembled.items()
            for m in g.members
        ],
    )


def _replace_all(conn: sqlite3.Connection, rows: _Rows) -> None:
    _clear(conn)
    conn.executemany("INSERT INTO quote_articles VALUES (?, ?)", rows.versions)
    conn.executemany(
        "INSERT INTO quote_quotes (id, article_id, spans, texts, speaker, kind, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows.quotes,
    )
    conn.executemany("INSERT INTO quote_shingles VALUES (?, ?)", rows.shingles)
    conn.executemany("INSERT INTO quote_singles VALUES (?, ?)", rows.singles)
    conn.executemany("INSERT INTO quote_edges VALUES (?, ?, ?, ?, ?, ?, ?)", rows.edges)
    conn.executemany(
        "INSERT INTO quote_groups (id, text, speaker, articles, kind) VALUES (?, ?, ?, ?, ?)", rows.groups
    )
    conn.executemany("INSERT INTO quote_members VALUES (?, ?, ?, ?, ?, ?)", rows.members)


class SqliteStore:
    """A `quotes.QuoteStore` in the library's `quote_` tables.

    Every call is a few indexed queries, so adding one article to a large
    library touches only the rows its quotations need. Runs inside the
    caller's transaction.
    """

    def __init__(self, conn: sqlite3.Connection, kind: Kind = "quote") -> None:
        self.conn, self.kind = conn, kind

    def article_quotes(self, article_id: str) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM quote_quotes WHERE article_id = ? AND kind = ? ORDER BY id",
                (article_id, self.kind),
            )
        ]

    def add_quote(self, quote: Quote) -> int:
        distinct = sorted(set(quote.seeds))
        qid = self.conn.execute(
            "INSERT INTO quote_quotes (article_id, spans, texts, speaker, kind) VALUES (?, ?, ?, ?, ?)",
            _quote_row(None, quote, self.kind)[1:],
        ).lastrowid
        assert qid is not None  # an INSERT always gives a row id
        self.conn.executemany(
            "INSERT INTO quote_shingles SELECT ?1, ?2 "
            "WHERE (SELECT count(*) FROM quote_shingles WHERE shingle = ?1) < ?3",
            ((s, qid, MAX_POSTING) for s in distinct),
        )
        if len(distinct) == 1:
            self.conn.execute("INSERT INTO quote_singles VALUES (?, ?)", (distinct[0], qid))
        return qid

    def remove_quotes(self, ids: Collection[int]) -> set[int]:
        ids_json = json.dumps(sorted(ids))
        neighbours = {
            r[0]
            for r in self.conn.execute(
                f"SELECT b FROM quote_edges WHERE a IN ({_JSON_IDS}) "
                f"UNION SELECT a FROM quote_edges WHERE b IN ({_JSON_IDS})",
                (ids_json, ids_json),
            )
        }
        self._drop_groups(ids_json)
        for qid, quote in self.quotes(ids).items():
            rows = [(s, qid) for s in set(quote.seeds)]
            self.conn.executemany("DELETE FROM quote_shingles WHERE shingle = ? AND quote_id = ?", rows)
            self.conn.executemany("DELETE FROM quote_singles WHERE shingle = ? AND quote_id = ?", rows)
        self.conn.execute(f"DELETE FROM quote_edges WHERE a IN ({_JSON_IDS})", (ids_json,))
        self.conn.execute(f"DELETE FROM quote_edges WHERE b IN ({_JSON_IDS})", (ids_json,))
        self.conn.execute(f"DELETE FROM quote_quotes WHERE id IN ({_JSON_IDS})", (ids_json,))
        return neighbours - set(ids)

    def candidates(self, shingles: Collection[int], need: int = 2) -> list[int]:
        wanted = json.dumps(sorted(shingles))
        need = 1 if len(shingles) <= 1 else need
        rows = self.conn.execute(
            f"""SELECT quote_id, max(n) AS shared FROM (
                    SELECT quote_id, count(*) AS n FROM quote_shingles WHERE shingle IN ({_JSON_IDS})
                    GROUP BY quote_id HAVING n >= ?
                    UNION ALL SELECT quote_id, 1 FROM quote_singles WHERE shingle IN ({_JSON_IDS}))
                GROUP BY quote_id ORDER BY shared DESC, quote_id""",
            (wanted, need, wanted),
        )
        return [r[0] for r in rows]

    def quotes(self, ids: Iterable[int]) -> dict[int, Quote]:
        rows = self.conn.execute(
            f"SELECT id, article_id, spans, texts, speaker FROM quote_quotes WHERE id IN ({_JSON_IDS})",
            (json.dumps(sorted(ids)),),
        )
        width = SEED if self.kind == "passage" else SHINGLE
        return {
            qid: Quote.build(aid, json.loads(spans), json.loads(texts), speaker, width)
            for qid, aid, spans, texts, speaker in rows
        }

    def add_edges(self, edges: list[Edge]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO quote_edges VALUES (?, ?, ?, ?, ?, ?, ?)", edges)

    def component(self, ids: Collection[int]) -> tuple[set[int], list[Edge]]:
        ids_json = json.dumps(sorted(ids))
        found = {
            r[0]
            for r in self.conn.execute(
                """WITH RECURSIVE comp(id) AS (
                    SELECT value FROM json_each(?)
                    UNION SELECT e.b FROM quote_edges e JOIN comp ON e.a = comp.id
                    UNION SELECT e.a FROM quote_edges e JOIN comp ON e.b = comp.id)
                SELECT id FROM comp""",
                (ids_json,),
            )
        }
        edges = [
            Edge(*r)
            for r in self.conn.execute(
                f"SELECT * FROM quote_edges WHERE a IN ({_JSON_IDS}) ORDER BY a, b, a0, b0",
                (json.dumps(sorted(found)),),
            )
        ]
        return found, edges

    def replace_groups(self, ids: Collection[int], groups: list[tuple[QuoteGroup, list[int]]]) -> None:
        self._drop_groups(json.dumps(sorted(ids)))
        _insert_groups(self.conn, groups)

    def groups(self) -> list[QuoteGroup]:
        return load_groups(self.conn, kind=self.kind)

    def _drop_groups(self, ids_json: str) -> None:
        gone = json.dumps(
            [
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT group_id FROM quote_quotes WHERE id IN ({_JSON_IDS}) "
                    "AND group_id IS NOT NULL",
                    (ids_json,),
                )
            ]
        )
        self.conn.execute(f"UPDATE quote_quotes SET group_id = NULL WHERE group_id IN ({_JSON_IDS})", (gone,))
        self.conn.execute(f"DELETE FROM quote_members WHERE group_id IN ({_JSON_IDS})", (gone,))
        self.conn.execute(f"DELETE FROM quote_groups WHERE id IN ({_JSON_IDS})", (gone,))


_JSON_IDS = "SELECT value FROM json_each(?)"


def _quote_row(qid: int | None, quote: Quote, kind: Kind) -> tuple:
    return (
        qid,
        quote.article_id,
        json.dumps(quote.spans),
        json.dumps(quote.texts, ensure_ascii=False),
        quote.speaker,
        kind,
    )


def _member_row(gid: str, m: QuoteMember) -> tuple:
    return gid, m.article_id, m.start, m.end, m.text, json.dumps(m.diffs)


def _insert_groups(conn: sqlite3.Connection, groups: Iterable[tuple[QuoteGroup, list[int]]]) -> None:
    """Store groups and their members, and mark their quotations."""
    for group, ids in groups:
        # Only the ids this one could clash with: the same words printed as another group.
        taken = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM quote_groups WHERE id = ?1 OR id GLOB ?1 || '-*'", (group.id,)
            )
        }
        gid = free_id(group.id, taken)
        conn.execute(
            "INSERT INTO quote_groups (id, text, speaker, articles, kind) VALUES (?, ?, ?, ?, ?)",
            (gid, group.text, group.speaker, len(group.articles), group.kind),
        )
        conn.executemany(
            "INSERT INTO quote_members VALUES (?, ?, ?, ?, ?, ?)",
            (_member_row(gid, m) for m in group.members),
        )
        conn.execute(
            f"UPDATE quote_quotes SET group_id = ? WHERE id IN ({_JSON_IDS})", (gid, json.dumps(ids))
        )
