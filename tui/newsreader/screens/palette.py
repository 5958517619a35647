"""The command palette's reader commands: every key of the current screen, by name.

Screen-aware: the commands offered are the bindings of the screen the palette was opened
from (its own, its widgets', the app's), so every action a key can do can also be found
by typing its name after ``ctrl+p``.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from newsreader.screens.keys import KeyInfo, collect_keys

HIDDEN_ACTIONS = {"command_palette"}


class ReaderCommands(Provider):
    def _commands(self) -> list[tuple[str, KeyInfo]]:
        commands = []
        for info in collect_keys(self.screen):
            if info.binding.action in HIDDEN_ACTIONS:
                continue
            commands.append((f"{info.section}: {info.description}", info))
        return commands

    def _runner(self, info: KeyInfo):
        return partial(self.app.run_action, info.binding.action, info.node)

    async def discover(self) -> Hits:
        for title, info in self._commands():
            yield DiscoveryHit(title, self._runner(info), help=f"key: {info.keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, info in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(info), help=f"key: {info.keys}")
