"""The help screen (``?``): every key of the screen underneath, grouped, with binding ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newsreader.screens.keys import collect_keys, section_name
from newsreader.textlayout import one_line

if TYPE_CHECKING:
    from newsreader.app import NewsreaderApp


class HelpScreen(ModalScreen[None]):
    app: NewsreaderApp
    BINDING_GROUP_TITLE = "Help"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        keys = collect_keys(self.target, self.app.keymap)
        title = section_name(self.target)
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = f"Keys · {title}"
            dialog.border_subtitle = "escape closes · ctrl+p finds any action by name"
            with VerticalScroll(id="help-keys"):
                section = None
                for info in keys:
                    if info.section != section:
                        section = info.section
                        yield Static(Content(section), classes="help-section")
                    with Horizontal(classes="help-row"):
                        yield Static(Content(one_line(info.keys)), classes="help-keys")
                        yield Static(Content(info.description), classes="help-description")
                        yield Static(Content(info.binding.id or ""), classes="help-id")
            yield Static(Content(_ABOUT), id="help-about")


_ABOUT = (
    "Shared quotes are highlighted in one colour per quote, the same in every pane; "
    "words that differ between the versions are reversed; passages of wire copy are italic "
    "with a bar beside them; your annotations are green and underlined; dim quotes are not "
    "shared by the articles on screen. Any key can be rebound by its id (right) in the [keymap] table of "
    "newsreader's config.toml; see the README."
)
