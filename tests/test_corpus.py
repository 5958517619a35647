"""The loader: metadata, cleaning and paragraphs of real scraped articles, and bad input
(files that are not regular files, oversized, binary or in other encodings)."""

from __future__ import annotations

import codecs
import hashlib
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsreader.corpus import MAX_BYTES, Article, CorpusError, load_file, load_paths, parse_text

SAMPLE_EXPECTATIONS = {
    # file, as scraped (no header): (title, source, date, paragraphs)
    "000_7e9bf4c7a4496662.txt": (  # a dateline naming the agency; no headline: first sentence
        "Federal workers faced fresh uncertainty about their futures on Tuesday after Elon Musk…",
        "Reuters",
        "2025-02-26",
        13,
    ),
    "001_4e643d356b5da54d.txt": (  # opens with a quotation: its first sentence, cut at a word
        "“Subject to the discretion of the President, they will be given another chance,” Musk said…",
        "",
        "",
        10,
    ),
    "002_b11933125ab86f8e.txt": (  # the headline is in the lead image's (doubled) alt text
        "Revolt! Agency bosses tell federal workers to ignore Elon Musk",
        "",
        "",
        15,
    ),
    "003_1751e33a81287b7f.txt": (  # "U.S." does not end the first sentence
        "Over 20 U.S. federal tech workers who were forced into President Donald Trump and…",
        "",
        "",
        19,
    ),
    "004_5d7c83f4045e35af.txt": (  # a headline line; the closing credit names the outlet
        "21 federal technology staffers resign refusing to help Elon Musk slash government size",
        "FOX 5 DC",
        "",
        16,
    ),
}


def load_dir(folder: Path) -> dict[str, Article]:
    articles = {}
    for item in load_paths([folder]):
        assert isinstance(item, Article), item
        articles[item.path.name] = item
    return articles


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTATIONS))
def test_sample_articles_have_their_metadata_and_paragraphs(sample_corpus: Path, name: str) -> None:
    title, source, date, paragraphs = SAMPLE_EXPECTATIONS[name]
    article = load_file(sample_corpus / name)
    assert article.title == title
    assert (article.source, article.date) == (source, date)
    assert len(article.paragraphs) == paragraphs
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in article.paragraphs)
    assert "\n" not in article.body.replace("\n\n", "")


def test_embedded_image_and_its_data_uri_are_removed(sample_corpus: Path) -> None:
    body = load_file(sample_corpus / "002_b11933125ab86f8e.txt").body
    assert "data:" not in body and "image" not in body.split("\n\n")[0]
    assert body.startswith("A growing number of federal agencies")


def test_hard_wrapped_lines_are_reflowed_into_their_paragraphs(sample_corpus: Path) -> None:
    paragraphs = load_file(sample_corpus / "003_1751e33a81287b7f.txt").paragraphs
    assert paragraphs[0].endswith(
        "resigned in protest on Tuesday, according to a joint letter obtained by The Associated Press."
    )
    assert any(p.startswith('As the AP detailed, "earlier this month') for p in paragraphs)
    assert any("according to the AP, which cited interviews" in p for p in paragraphs)
    assert any('Musk later wrote on X: "Subject to the discretion' in p for p in paragraphs)


def test_single_newline_paragraphs_stay_apart(sample_corpus: Path) -> None:
    paragraphs = load_file(sample_corpus / "002_b11933125ab86f8e.txt").paragraphs
    assert "Showdown over Musk’s workforce purge" in paragraphs
    assert (
        "- Government Executive reported that NOAA and NSA employees received similar guidance." in paragraphs
    )


def test_the_sample_corpus_is_the_raw_scrapes(sample_corpus: Path, raw_scrapes: dict[str, str]) -> None:
    """Shipped exactly as scraped: the importer, not a hand-written header, finds the titles."""
    shipped = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sample_corpus.iterdir()}
    assert shipped == raw_scrapes


def test_no_title_is_ever_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "000_7e9bf4c7a4496662.txt").write_text("just one line of text without an end")
    article = load_file(tmp_path / "000_7e9bf4c7a4496662.txt")
    assert article.title == "just one line of text without an end"


def test_reuters_ticker_in_angle_brackets_is_not_taken_for_a_tag(sample_corpus: Path) -> None:
    assert "Tesla <TSLA.O>" in load_file(sample_corpus / "000_7e9bf4c7a4496662.txt").body


def test_header_block_fenced_or_plain(tmp_path: Path) -> None:
    fenced = tmp_path / "a.md"
    fenced.write_text(
        "---\ntitle: Fenced\nauthor: A. Writer\nurl: https://example.org/a\n---\n\nBody text here.\n"
    )
    plain = tmp_path / "b.txt"
    plain.write_text("Title: Plain\nSource: Example Times\nDate: 2025-03-01\n\nBody.\n")
    a, b = load_file(fenced), load_file(plain)
    assert (a.title, a.author, a.url, a.body) == (
        "Fenced",
        "A. Writer",
        "https://example.org/a",
        "Body text here.",
    )
    assert (b.title, b.source, b.date, b.body) == ("Plain", "Example Times", "2025-03-01", "Body.")


def test_folders_are_read_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    (tmp_path / "sub" / "one.txt").write_text("One\n\nText one.")
    (tmp_path / "sub" / ".hidden" / "two.txt").write_text("Two\n\nText two.")
    (tmp_path / "notes.csv").write_text("a,b")
    loaded = list(load_paths([tmp_path]))
    assert [item.path.name for item in loaded] == ["one.txt"]


# ---------------------------------------------------------------------------- bad input


def error_for(path: Path) -> CorpusError:
    with pytest.raises(CorpusError) as caught:
        load_file(path)
    assert str(path) in str(caught.value)
    return caught.value


def test_missing_path_is_reported_and_the_rest_still_load(tmp_path: Path, sample_corpus: Path) -> None:
    results = list(load_paths([tmp_path / "nope.txt", sample_corpus / "000_7e9bf4c7a4496662.txt"]))
    assert isinstance(results[0], CorpusError) and "no such file" in results[0].reason
    assert isinstance(results[1], Article)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n")
    assert "empty" in error_for(tmp_path / "empty.txt").reason


def test_png_renamed_txt_is_binary(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "binary" in error_for(tmp_path / "image.txt").reason


def test_random_binary_without_magic_is_binary(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    assert "binary" in error_for(tmp_path / "blob.txt").reason


def test_stray_nul_byte_is_removed_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"Headline\n\nSome text\x00 with a NUL byte in it.")
    article = load_file(tmp_path / "nul.txt")
    assert "\x00" not in article.body and article.body == "Some text with a NUL byte in it."
    assert any("NUL" in warning for warning in article.warnings)


def test_utf8_with_bom(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle: Café\n\nNaïve text.".encode("utf-8"))
    article = load_file(tmp_path / "bom.txt")
    assert (article.title, article.body, article.warnings) == ("Café", "Naïve text.", ())


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "legacy.txt").write_bytes("He said \u201cvoil\u00e0\u201d and left.".encode("cp1252"))
    article = load_file(tmp_path / "legacy.txt")
    assert "“voilà”" in article.body
    assert any("cp1252" in warning for warning in article.warnings)


def test_huge_file_is_refused_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    assert huge.stat().st_size > MAX_BYTES
    reason = error_for(huge).reason
    assert "21.0 MB" in reason and "limit" in reason and "skipped" not in reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with _fails_after(10):  # reading it would block forever: no writer ever comes
        assert "not a regular file" in error_for(pipe).reason
        assert [type(item) for item in load_paths([tmp_path])] == [CorpusError]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_instead_of_read_until_memory_runs_out() -> None:
    with _fails_after(10):
        assert "not a regular file (a device)" in error_for(Path("/dev/zero")).reason


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="no /proc")
def test_the_size_cap_holds_whatever_stat_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files are regular files whose stat says 0 bytes; the cap is on what is read."""
    from newsreader.corpus import files

    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    monkeypatch.setattr(files, "MAX_BYTES", 64)
    assert "more than" in error_for(maps).reason


def test_utf16_with_a_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "word.txt").write_bytes("Headline here\n\nCafé “quoted” text.".encode("utf-16"))
    (tmp_path / "be.txt").write_bytes(codecs.BOM_UTF16_BE + "Naïve text.".encode("utf-16-be"))
    article = load_file(tmp_path / "word.txt")
    assert (article.title, article.body, article.warnings) == ("Headline here", "Café “quoted” text.", ())
    assert load_file(tmp_path / "be.txt").body == "Naïve text."


def test_zero_width_joiners_are_kept_and_zero_width_spaces_dropped(tmp_path: Path) -> None:
    technologist = "\U0001f469\u200d\U0001f4bb"  # woman technologist: one emoji through ZWJ
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want", with a ZWNJ
    (tmp_path / "zw.txt").write_text(
        f"Headline\n\nShe is a {technologist}; he said {persian}.\u200b", encoding="utf-8"
    )
    body = load_file(tmp_path / "zw.txt").body
    assert body == f"She is a {technologist}; he said {persian}."


@contextmanager
def _fails_after(seconds: int):
    def timed_out(*_: object) -> None:
        raise AssertionError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_text_without_anything_left_after_cleaning(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        parse_text(tmp_path / "x.html", "<html><script>only code</script></html>")


def test_many_files_load_in_worker_processes_in_order_with_their_errors(tmp_path: Path) -> None:
    from newsreader.corpus import load_files
    from newsreader.corpus.loader import PARALLEL_FROM

    paths = []
    for number in range(PARALLEL_FROM + 6):
        path = tmp_path / f"{number:03d}.txt"
        path.write_text("" if number % 10 == 3 else f"Headline {number}\n\nText of article {number}.\n")
        paths.append(path)
    results = list(load_files(paths))
    assert len(results) == len(paths)
    for number, result in enumerate(results):
        if number % 10 == 3:
            assert isinstance(result, CorpusError) and result.reason == "empty file"
            assert result.path == paths[number]
        else:
            assert isinstance(result, Article) and result.title == f"Headline {number}"


def test_work_given_to_the_workers_comes_back_in_file_order(tmp_path: Path) -> None:
    """`then` runs on each article where it was read; errors stay in their place."""
    from operator import attrgetter

    from newsreader.corpus import load_files
    from newsreader.corpus.loader import PARALLEL_FROM

    paths = []
    for number in range(PARALLEL_FROM + 6):
        path = tmp_path / f"{number:03d}.txt"
        path.write_text("" if number == 7 else f"Headline {number}\n\nText of article {number}.\n")
        paths.append(path)
    results = list(load_files(paths, attrgetter("title")))
    assert isinstance(results[7], CorpusError) and results[7].path == paths[7]
    assert [r for n, r in enumerate(results) if n != 7] == [
        f"Headline {n}" for n in range(len(paths)) if n != 7
    ]
