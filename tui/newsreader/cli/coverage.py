"""The commands about what the articles share: the quotes and passages (``quotes``), the
stories they make (``stories``) and one story's coverage (``report``). No Textual import.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.output import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    TerminalProgress,
    deliver,
    output_format,
    print_error,
    print_json,
    print_table,
    write_out,
)
from newsreader.corpus import Article, CorpusError
from newsreader.quotes.words import MIN_WORDS
from newsreader.store import Library, StoreError
from newsreader.textlayout import counted, json_controls_escaped

if TYPE_CHECKING:
    from newsreader.quotes.index import Prepared
    from newsreader.quotes.report import ArticleLike


def cmd_quotes(args: argparse.Namespace) -> int:
    """Print the quotes and passages several articles share: those of PATHs, read and
    indexed in memory (no library is touched), or else the library's, from its cache."""
    from newsreader.quotes import cache as quote_cache
    from newsreader.quotes import find_shared_quotes
    from newsreader.quotes import report as quote_report

    min_words = args.min_words if args.min_words is not None else MIN_WORDS
    if min_words < MIN_WORDS:
        raise CommandError(
            f"quotes: --min-words must be at least {MIN_WORDS} "
            "(shorter quotes cannot be told from coincidence)",
            EXIT_USAGE,
        )
    kind = None if args.kind == "all" else args.kind
    status = EXIT_OK
    articles: Sequence[ArticleLike]
    if args.paths:
        reading = _Reading(args.paths, passages=kind != "quote")
        with TerminalProgress("Indexing quotes") as progress:
            found = find_shared_quotes(reading.prepared(progress.count), MIN_WORDS, passages=kind != "quote")
        articles, status = reading.articles, reading.status
        groups = quote_cache.select(found, min_words, kind)
    else:
        with Library.open(args.db) as library:
            with TerminalProgress("Indexing quotes") as progress:
                groups, problem = quote_cache.shared_quotes_anyway(library, progress.count, min_words, kind)
            if problem:
                print_error(f"quotes: {problem}")
            articles = library.articles()
    fmt = "json" if args.json else args.format or "table"
    if fmt == "json":
        sys.stdout.write(
            json_controls_escaped(quote_report.json_text(quote_report.quotes_json(articles, groups)))
        )
        return status
    if fmt in ("csv", "jsonl"):
        rows = quote_report.member_rows(articles, groups)
        write_out(quote_report.to_csv(rows) if fmt == "csv" else quote_report.to_jsonl(rows))
        return status
    quoted = [g for g in groups if g.kind == "quote"]
    passages = [g for g in groups if g.kind == "passage"]
    if quoted:
        print_table(("QUOTE", "SPEAKER", "ARTICLES", "SOURCES"), quote_report.table_rows(articles, quoted))
    if passages:
        if quoted:
            print()
        print_table(
            ("PASSAGE", "ARTICLES", "SOURCES"),
            [(text, n, sources) for text, _, n, sources in quote_report.table_rows(articles, passages)],
        )
    if not groups:
        count = f"{counted(len(articles), 'article')}"
        what = {None: "quote or passage", "quote": "quote", "passage": "passage"}[kind]
        print(f"No {what} is shared by two or more of the {count}.", file=sys.stderr)
    return status


class _Reading:
    """The articles under some paths, each once, read and prepared for the quote engine
    in worker processes while this one indexes those that came back before. Problems
    are printed as they come; `status` is the exit status they call for."""

    def __init__(self, paths: Sequence[str], passages: bool) -> None:
        self.paths, self.passages = paths, passages
        self.articles: list[Article] = []
        self.status = EXIT_OK

    def prepared(self, progress: Callable[[int, int], None]) -> Iterator[Prepared]:
        """Each new article's units, counting the files off as they are read."""
        from functools import partial

        from newsreader.corpus import load_paths

        seen: set[str] = set()
        for item in load_paths(self.paths, partial(_prepare, passages=self.passages), progress):
            if isinstance(item, CorpusError):
                self._problem(item)
                continue
            article, units = item
            if units.article_id not in seen:
                seen.add(units.article_id)
                self.articles.append(article)
                yield units

    def _problem(self, error: CorpusError) -> None:
        print_error(str(error))
        missing = isinstance(error.path, Path) and not error.path.exists()
        self.status = EXIT_USAGE if missing else max(self.status, EXIT_ERROR)


def _prepare(article: Article, passages: bool) -> tuple[Article, Prepared]:
    """The article (its path made absolute) and its units for the engine: run in the
    worker process that read it."""
    from dataclasses import replace

    from newsreader.quotes.index import prepare

    article = replace(article, path=article.path.resolve() if article.path else None)
    return article, prepare(article.id, article.body, MIN_WORDS, passages)


def _stories(library: Library, command: str) -> tuple[list, list]:
    """The library's stories, brought up to date first (as last found on a library that
    cannot be written), and the quote groups they were found with."""
    from newsreader import stories
    from newsreader.quotes import cache as quote_cache

    groups, problem = quote_cache.shared_quotes_anyway(library, kind=None)
    if problem:
        print_error(f"{command}: {problem}")
    try:
        return stories.sync(library, groups), groups
    except StoreError as error:
        print_error(f"{command}: {error} (showing the stories as last found)")
        return stories.load(library.conn), groups


def cmd_stories(args: argparse.Namespace) -> int:
    with Library.open(args.db, create=False) as library:
        found, _ = _stories(library, "stories")
    if args.json:
        print_json({"stories": [story.to_json() for story in found]})
    elif found:
        print_table(
            ("ID", "ARTICLES", "FIRST", "LAST", "SOURCES", "TITLE"),
            [
                (
                    story.id,
                    str(len(story.articles)),
                    story.first or "—",
                    story.last or "—",
                    ", ".join(story.sources) or "—",
                    story.title,
                )
                for story in found
            ],
        )
    else:
        print("No story yet: no two articles share quotes, passages or enough names.", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the coverage report of one story to standard output or, atomically, to -o."""
    from newsreader import stories
    from newsreader.stories import report

    fmt = output_format(args.format, args.output, ("csv", "json"), default="md")
    with Library.open(args.db, create=False) as library:
        found, groups = _stories(library, "report")
        story = next((s for s in found if s.id == args.story), None)
        if story is None:
            raise CommandError(
                f"report: no story {args.story} in the library (newsreader stories lists them)", EXIT_USAGE
            )
        facts = library.article_infos(story.articles)
        bodies = {i: stored.body for i in story.articles if (stored := library.article(i)) is not None}
        said = stories.attributions(bodies)
    text = report.render(stories.coverage(story, facts, groups, said), facts, fmt)
    written = deliver(text, args.output, force=args.force)
    if written is not None:
        print(f"wrote {written}: the coverage of {len(story.articles)} articles", file=sys.stderr)
    return EXIT_OK
