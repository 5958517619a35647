"""Every key that works on a screen, for the help screen and the command palette.

Bindings come from the app, the screen, and every widget class on the screen that can
take focus, each binding once (by its id), under the node's ``BINDING_GROUP_TITLE``
(Textual's own title for a node's keys, as its key panel shows them). Each knows the node
that runs its action. A widget's keys are read from its class's ``BINDINGS`` (merged as
Textual merges them) with the reader's keymap applied, so the keys of a widget that does
not have focus yet are listed as they will work once it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, Keymap
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class KeyInfo:
    section: str
    keys: str
    """How the key(s) are shown, e.g. ``j, ↓``."""
    description: str
    binding: Binding
    node: DOMNode


def section_name(node: DOMNode) -> str:
    return node.BINDING_GROUP_TITLE or type(node).__name__


def class_bindings(node: DOMNode, keymap: Keymap) -> BindingsMap:
    """The bindings ``node``'s class declares, a subclass's binding of a key replacing its
    base's (Textual's rule), with ``keymap`` (binding id → keys) applied."""
    keys: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if issubclass(cls, DOMNode):
            keys.update(BindingsMap(vars(cls).get("BINDINGS", [])).key_to_bindings)
    bindings = BindingsMap.from_keys(keys)
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


def collect_keys(screen: Screen, keymap: Keymap) -> list[KeyInfo]:
    """Keys of ``screen``: its own first, then its widgets' (focused first), then the app's."""
    app = screen.app
    nodes: list[DOMNode] = [screen]
    focused = screen.focused
    if focused is not None:
        nodes.extend(
            node
            for node in reversed(focused.ancestors_with_self)
            if node is not screen and node is not app and node not in nodes
        )
    seen_types = {type(node) for node in nodes}
    for widget in screen.query("*"):
        if widget.can_focus and type(widget) not in seen_types and widget.BINDINGS:
            nodes.append(widget)
            seen_types.add(type(widget))
    nodes.append(app)

    infos: list[KeyInfo] = []
    seen: set[str] = set()
    for node in nodes:
        by_action: dict[str, list[Binding]] = {}
        for bindings in class_bindings(node, keymap).key_to_bindings.values():
            for binding in bindings:
                by_action.setdefault(binding.id or f"{type(node).__name__}.{binding.action}", []).append(
                    binding
                )
        for ident, bindings in by_action.items():
            # Only our own bindings (they all have ids); Textual's inherited scrolling
            # and focus keys are not features to list.
            if ident in seen or not bindings[0].description or not bindings[0].id:
                continue
            seen.add(ident)
            first = bindings[0]
            keys = ", ".join(dict.fromkeys(app.get_key_display(binding) for binding in bindings))
            infos.append(KeyInfo(section_name(node), keys, first.description, first, node))
    return infos
