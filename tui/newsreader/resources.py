"""Where the files that ship with newsreader are: stylesheets and the sample corpus.

A wheel carries them inside the package (``newsreader/_data``); an editable install or a
source checkout finds them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent / name


def styles_path() -> Path:
    return _data_dir("styles")


def sample_corpus_path() -> Path:
    return _data_dir("sample_corpus")
