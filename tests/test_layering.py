"""Domain modules never import Textual, so they load fast and are usable without a UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import newsreader

UI_MODULES = ("newsreader.app", "newsreader.screens", "newsreader.widgets")


def domain_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(newsreader.__path__, "newsreader.")]
    return sorted(name for name in names if not name.startswith(UI_MODULES) and name != "newsreader.__main__")


def test_domain_modules_import_without_textual() -> None:
    modules = domain_modules()
    assert {"newsreader.corpus", "newsreader.store", "newsreader.cli"} <= set(modules)
    code = (
        "import sys\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_fetching_and_parsing_libraries_load_only_when_used() -> None:
    """Start-up and the commands that do not fetch or parse pay nothing for them."""
    code = (
        "import sys\n"
        "import newsreader.cli, newsreader.store, newsreader.corpus, newsreader.fetch.web\n"
        "import newsreader.fetch.subscriptions\n"
        "heavy = ('trafilatura', 'httpx', 'feedparser', 'yaml', 'lxml')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_first_screen_loads_no_sqlite_utils_pandas_or_numpy(tmp_path) -> None:
    """The reader's first screen reads the library with SQLite alone: sqlite-utils (which
    imports pandas where it is installed, hundreds of milliseconds) waits for a write, and
    numpy, scipy and datasketch for the stories, found in the background."""
    from newsreader.store import Library

    path = tmp_path / "library.db"
    Library.open(path).close()  # made here; the fresh process below only reads it
    code = (
        "import sys\n"
        "import newsreader.app, newsreader.screens.library\n"
        "from newsreader.store import Library\n"
        f"with Library.open({str(path)!r}) as library:\n"
        "    library.articles(), library.article_count(), library.setting('theme')\n"
        "heavy = ('sqlite_utils', 'pandas', 'datasketch', 'scipy', 'numpy')\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_first_screen_loads_no_quote_engine_rapidfuzz_or_date_parsing(tmp_path) -> None:
    """The library screen shows quote counts from the cached model (`quotes.model`): the
    engine (extraction, alignment with rapidfuzz, grouping) loads when quotes are indexed,
    rapidfuzz for annotations when one must be found again fuzzily, and email.utils and
    dateutil when a date is parsed, none of them before the first screen is drawn."""
    from newsreader.store import Library

    path = tmp_path / "library.db"
    Library.open(path).close()
    code = (
        "import sys\n"
        "import newsreader.app, newsreader.screens.library, newsreader.widgets.article_table\n"
        "from newsreader.store import Library\n"
        f"with Library.open({str(path)!r}) as library:\n"
        "    library.articles(), library.article_count(), library.setting('theme')\n"
        "engine = {'newsreader.quotes.' + m for m in ('index', 'align', 'extract', 'groups', 'passages', 'cache')}\n"
        "heavy = {'rapidfuzz', 'dateutil', 'email'}\n"
        "loaded = {m for m in sys.modules if m in engine or m.split('.')[0] in heavy}\n"
        "print(','.join(sorted({m if m in engine else m.split('.')[0] for m in loaded})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
