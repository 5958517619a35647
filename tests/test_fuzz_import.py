"""Random bytes and random Unicode as article files: reading one gives an article or a
:class:`CorpusError` naming the file, never another exception; ``newsreader import`` of
a folder of them (under any names) exits with a status and one line per problem, with
no control character raw, and every annotation already in the library is still there."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import notes
from newsreader.cli import main
from newsreader.corpus import Article, CorpusError, load_file
from newsreader.store import Library

unicode_text = st.text(max_size=1500)
contents = st.one_of(
    st.binary(max_size=1500),
    unicode_text.map(lambda text: text.encode("utf-8")),
    unicode_text.map(lambda text: text.encode("utf-16")),  # with a BOM
    st.builds(
        lambda title, body: f"title: {title}\nsource: {title}\n\n{body}".encode(), unicode_text, unicode_text
    ),
    st.builds(
        lambda title, body: f"<html><title>{title}</title><p>{body}</p>".encode(), unicode_text, unicode_text
    ),
)
suffixes = st.sampled_from([".txt", ".md", ".html", ".htm"])
#: File names hold anything a file system allows, escape sequences included.
names = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), max_size=12)
#: What a terminal would act on, were it printed raw.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(content=contents, suffix=suffixes)
def test_any_file_is_read_or_refused_by_name(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(content)
        try:
            article = load_file(path)
        except CorpusError as error:
            assert str(path) in str(error)
        else:
            assert isinstance(article, Article)
            assert isinstance(article.title, str) and isinstance(article.body, str)


@pytest.fixture(scope="module")
def annotated_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-import") / "library.db"
    with Library.open(path) as library:
        _, article_id = library.import_article(
            Article(path=path.parent / "kept.txt", title="Kept", body="A sentence worth keeping. And more.")
        )
        notes.create(library, article_id, 0, 25, ["kept"], "saved before the import")
    return path


@FUZZ
@given(files=st.lists(st.tuples(names, contents, suffixes), min_size=1, max_size=4))
def test_importing_random_files_loses_nothing_and_explains_each_refusal(
    annotated_library: Path, files: list[tuple[str, bytes, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(annotated_library) as library:
        before = {(a.id, a.exact, a.note) for a in notes.in_library(library)}
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, content, suffix) in enumerate(files):
            (Path(folder) / f"{number}{name}{suffix}").write_bytes(content)
        capsys.readouterr()
        status = main(["--db", str(annotated_library), "import", folder])
    err = capsys.readouterr().err
    assert status in (0, 1)
    assert "Traceback" not in err
    assert not RAW.findall(err.replace("\n", "")), "a file name drives the terminal"
    problems = [line for line in err.splitlines() if line.startswith("newsreader: ")]
    assert all(folder in line for line in problems)  # each names its file
    with Library.open(annotated_library) as library:
        after = {(a.id, a.exact, a.note) for a in notes.in_library(library)}
    assert before <= after
