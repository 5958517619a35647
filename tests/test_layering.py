"""Domain modules never import Textual, so they load fast and are usable without a UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import newsreader

UI_MODULES = ("newsreader.app", "newsreader.screens", "newsreader.widgets")


def domain_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(newsreader.__path__, "newsreader.")]
    return sorted(name for name in names
                  if not name.startswith(UI_MODULES) and name != "newsreader.__main__")


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
