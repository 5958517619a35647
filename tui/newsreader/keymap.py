"""The reader's own key choices: a ``[keymap]`` table in newsreader's config file.

Every binding has an id (``?`` lists them), so a reader used to other keys can rebind
any of them without touching the code, as in Posting::

    [keymap]
    "library.filter" = "f"
    "reader.select" = "V,s"

The file is ``$NEWSREADER_CONFIG``, else ``config.toml`` in the platform's user config
folder. A missing file is no keymap; a broken one is reported in one line and ignored,
so a typo never keeps the reader from starting. No Textual import.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ENV_VAR = "NEWSREADER_CONFIG"


def config_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("newsreader") / "config.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The ``[keymap]`` table as binding id → keys, and a one-line problem if any.

    Entries that are not ``"id" = "key[,key…]"`` are left out and named in the problem.
    """
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as error:
        return {}, f"{path}: cannot read it ({getattr(error, 'strerror', None) or error}); keys unchanged"
    except tomllib.TOMLDecodeError as error:
        return {}, f"{path}: not valid TOML ({error}); keys unchanged"
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, f'{path}: [keymap] must be a table of binding id = "keys"; keys unchanged'
    keymap: dict[str, str] = {}
    ignored: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip() and all(k.strip() for k in keys.split(",")):
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))
        else:
            ignored.append(binding_id)
    problem = None
    if ignored:
        problem = (
            f"{path}: ignored {', '.join(ignored)} in [keymap] "
            "(each must be a key or comma-separated keys in quotes)"
        )
    return keymap, problem
