"""The command palette's reader commands: every key of the current screen, by name.

Screen-aware: the commands offered are the bindings of the screen the palette was opened
from (its own, its widgets', the app's), so every action a key can do can also be found
by typing its name after ``ctrl+p``. In the library, each story is a command too
("Story: <title> (N articles)"): it filters the list to that story's articles.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from newsreader.screens.keys import KeyInfo, collect_keys

HIDDEN_ACTIONS = {"command_palette"}


class ReaderCommands(Provider):
    def _commands(self) -> list[tuple[str, KeyInfo]]:
        from newsreader.app import NewsreaderApp

        keymap = self.app.keymap if isinstance(self.app, NewsreaderApp) else {}
        commands = []
        for info in collect_keys(self.screen, keymap):
            if info.binding.action in HIDDEN_ACTIONS:
                continue
            commands.append((f"{info.section}: {info.description}", info))
        return commands

    def _runner(self, info: KeyInfo):
        return partial(self.app.run_action, info.binding.action, info.node)

    def _story_commands(self) -> list[tuple[str, Callable[[], None], str]]:
        from newsreader.screens.library import LibraryScreen

        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return []
        return [
            (title, partial(screen.set_filter, term), f"filter: {term}")
            for title, term in screen.story_commands()
        ]

    def _all(self) -> list[tuple[str, Callable[[], object], str]]:
        keys = [(title, self._runner(info), f"key: {info.keys}") for title, info in self._commands()]
        return keys + self._story_commands()

    async def discover(self) -> Hits:
        for title, run, help in self._all():
            yield DiscoveryHit(title, run, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help in self._all():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help)
