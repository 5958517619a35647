"""Loading article files: read safely, decode, and parse by kind (web page, or plain
text and Markdown with their header)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar, overload

from newsreader.corpus.article import Article, CorpusError
from newsreader.corpus.decode import decode, decode_html
from newsreader.corpus.files import iter_article_files, read_bytes
from newsreader.corpus.text import one_line
from newsreader.processes import WORTH_IT, in_order

T = TypeVar("T")

HTML_SUFFIXES = frozenset({".html", ".htm"})
PARALLEL_FROM = WORTH_IT
"""From this many files on, they are read in worker processes (`processes`): extracting
a web page's article takes a few milliseconds of CPU, so thousands add up."""
PAGE_MIN_WORDS = 5
"""Fewer words than this in what a page's extraction leaves is a menu or a script
notice ("Home", "Please enable JavaScript"), not an article."""


@overload
def load_paths(
    paths: Iterable[Path | str], *, progress: Callable[[int, int], None] | None = None
) -> Iterator[Article | CorpusError]: ...
@overload
def load_paths(
    paths: Iterable[Path | str],
    then: Callable[[Article], T],
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[T | CorpusError]: ...
def load_paths(
    paths: Iterable[Path | str],
    then: Callable[[Article], T] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[T | Article | CorpusError]:
    """Load every article under ``paths``; bad files come back as errors, never raised.
    `then` is as for `load_files`; `progress(done, total)` counts the files off as each
    one's article has been taken."""
    items = list(iter_article_files(paths))
    files = [item for item in items if isinstance(item, Path)]
    loaded = load_files(files, then) if then is not None else load_files(files)
    done = 0
    for item in items:
        if isinstance(item, CorpusError):
            yield item
            continue
        yield next(loaded)
        done += 1
        if progress is not None:
            progress(done, len(files))


@overload
def load_files(paths: Sequence[Path]) -> Iterator[Article | CorpusError]: ...
@overload
def load_files(paths: Sequence[Path], then: Callable[[Article], T]) -> Iterator[T | CorpusError]: ...
def load_files(
    paths: Sequence[Path], then: Callable[[Article], T] | None = None
) -> Iterator[T | Article | CorpusError]:
    """Each file's article (or the error saying why not), in order; many files are read
    in parallel, in worker processes. `then`, a module-level function, is applied to each
    article where it was read and its result comes back instead: per-article work done in
    the workers too, while this process goes on with what came back before."""
    return in_order(partial(_load_or_error, then=then), paths, len(paths), PARALLEL_FROM)


def _load_or_error(path: Path, then: Callable[[Article], T] | None = None) -> T | Article | CorpusError:
    try:
        article = load_file(path)
    except CorpusError as error:
        return error
    return article if then is None else then(article)


def load_file(path: Path | str) -> Article:
    """Read one file and return its article, or raise :class:`CorpusError` saying why not."""
    path = Path(path)
    data = read_bytes(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, warnings = decode_html(path, data)
    else:
        text, warnings = decode(path, data)
    return parse_text(path, text, warnings)


def parse_text(path: Path | str, text: str, warnings: Iterable[str] = ()) -> Article:
    """Build an article from already-decoded text, choosing the parser by file suffix
    (or by the text, for a web page saved as ``.txt``)."""
    from newsreader.corpus.html import looks_like_html

    path = Path(path)
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return page_article(text, path=path.resolve(), warnings=warnings, where=path)
    from newsreader.corpus.plain import parse_plain

    meta, body = parse_plain(text)
    if not body.strip():
        raise CorpusError(path, "no article text after cleaning")
    return Article(
        path=path.resolve(),
        title=one_line(meta.title),
        body=body,
        source=one_line(meta.source),
        date=meta.date,
        url=one_line(meta.url),
        author=one_line(meta.author),
        tags=tuple(meta.tags),
        metadata=meta.extra,
        warnings=tuple(warnings) + tuple(meta.warnings),
    )


def page_article(
    page: str | bytes,
    *,
    path: Path | None = None,
    url: str = "",
    fetched_url: str = "",
    where: Path | str = "",
    warnings: Iterable[str] = (),
) -> Article:
    """The article in a web page, saved (``path``) or fetched (``fetched_url`` asked for,
    ``url`` where it came from after redirects); ``where`` names it in the error raised
    when the page holds no article text."""
    from newsreader.corpus.html import parse_html
    from newsreader.corpus.plain import first_sentence_title

    meta, body = parse_html(page, url or None)
    if len(body.split()) < PAGE_MIN_WORDS:
        raise CorpusError(where or fetched_url or url, "no article text found in the page")
    title = meta.title or first_sentence_title(body.split("\n\n", 1)[0])
    return Article(
        path=path,
        title=one_line(title),
        body=body,
        source=meta.source,
        date=meta.date,
        url=meta.url or url,
        author=meta.author,
        tags=tuple(meta.tags),
        fetched_url=fetched_url,
        warnings=tuple(warnings),
    )
