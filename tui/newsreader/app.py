"""The newsreader Textual app: the library, compare, article and quote-index screens.

The app owns the main thread's :class:`~newsreader.store.Library` connection and the
quote index (built in a background thread, each worker with its own connection), and
remembers the theme chosen in the command palette. Screens are imported when first
shown so that start-up only pays for the library screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding, Keymap
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.worker import get_current_worker

from newsreader.resources import styles_path
from newsreader.screens.palette import ReaderCommands
from newsreader.store import Library
from newsreader.textlayout import one_line

if TYPE_CHECKING:
    from textual.theme import Theme

    from newsreader.comparison import QuoteModel
    from newsreader.screens.annotate import Drafts
    from newsreader.screens.compare import CompareScreen
    from newsreader.stories import StoryIndex

STYLESHEETS = (
    "app.tcss",
    "library.tcss",
    "reader.tcss",
    "quotes.tcss",
    "help.tcss",
    "dialogs.tcss",
    "annotations.tcss",
    "export.tcss",
    "coverage.tcss",
)
THEME_SETTING = "theme"
DEFAULT_THEME = "textual-dark"


class NewsreaderApp(App[None]):
    """Read several outlets' coverage of one story side by side."""

    TITLE = "newsreader"
    BINDING_GROUP_TITLE = "Everywhere"
    CSS_PATH = [styles_path() / name for name in STYLESHEETS]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Under 100 columns every screen has the class ``-narrow`` (``-wide`` otherwise): the
    library, compare, article and quote-index screens stack their panes then."""

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("A", "annotations", "Annotations", show=False, id="app.annotations"),
        Binding("e", "export", "Export", show=False, id="app.export"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        Binding("pageup,pagedown", "page_guard", show=False, priority=True),
    ]

    def __init__(
        self, library_path: Path | str, *, index_quotes: bool = True, import_paths: Sequence[str | Path] = ()
    ) -> None:
        """``import_paths`` are imported in the background once the library is on screen
        (progress in its status line), instead of before the app starts."""
        super().__init__()
        self._pending_imports = [str(path) for path in import_paths]
        self.library_path = Path(library_path)
        self.library: Library = Library.open(self.library_path)
        self.quotes: QuoteModel | None = None
        """Shared quotes across the library; ``None`` until the index is ready."""
        self.quotes_changed: Signal[QuoteModel] = Signal(self, "quotes-changed")
        self.stories: StoryIndex | None = None
        """The library's stories; ``None`` until they are found (after the quotes)."""
        self.stories_changed: Signal[StoryIndex] = Signal(self, "stories-changed")
        self.progress_changed: Signal[str] = Signal(self, "progress-changed")
        self.library_changed: Signal[None] = Signal(self, "library-changed")
        self.progress = ""
        self._index_quotes = index_quotes
        self._indexing_started = False
        self._compare_screen: CompareScreen | None = None
        self.annotation_drafts: Drafts = {}
        """What the annotate dialogs were closed on unsaved, for the next time they open."""
        self.keymap: Keymap = {}
        """The reader's ``[keymap]`` (binding id → keys), for listing keys as they are bound."""

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        saved = self.library.setting(THEME_SETTING)
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        from newsreader.keymap import load_keymap

        keymap, problem = load_keymap()
        if keymap:
            self.keymap = keymap
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, title="Keymap", severity="warning", markup=False, timeout=10)
        if self.library.read_only:
            self.notify(
                f"{self.library.path} cannot be written: you can read and export, "
                "but not annotate or import.",
                title="Read-only library",
                severity="warning",
                markup=False,
                timeout=10,
            )
        from newsreader.screens.library import LibraryScreen

        self.push_screen(LibraryScreen())

    def start_indexing(self) -> None:
        """Start the quote index once, after the library screen's first paint (so it never
        delays a usable screen); screens show "indexing…" until it is ready."""
        if self._pending_imports:
            paths, self._pending_imports = self._pending_imports, []
            self.import_files(paths)  # indexes the quotes when done
        elif self._index_quotes and not self._indexing_started:
            self._indexing_started = True
            self.index_quotes()
        self.check_library()

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check_library(self) -> None:
        """SQLite's own check of the file, off the main thread: a damaged library is said
        at once, and nothing more is written to it."""
        with Library.open(self.library_path) as library:
            result = library.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            self.call_from_thread(self.library_damaged, result)

    def library_damaged(self, detail: str) -> None:
        self.library.read_only = True
        self.notify(
            f"{self.library_path} is damaged ({detail}). Nothing more is written to it: "
            "export your notes with e, then restore a backup.",
            title="Damaged library",
            severity="error",
            markup=False,
            timeout=30,
        )

    def fail(self, error: Exception) -> None:
        """End the app with SQLite's error as one line, not a traceback."""
        from rich.text import Text

        from newsreader.store import library_error

        self.exit(return_code=1, message=Text(f"newsreader: {library_error(self.library_path, error)}"))

    def _remember_theme(self, theme: Theme) -> None:
        if not self.library.read_only and theme.name != self.library.setting(THEME_SETTING):
            self.library.set_setting(THEME_SETTING, theme.name)

    def on_unmount(self) -> None:
        self.library.close()

    # ------------------------------------------------------------------ quotes

    def set_progress(self, text: str) -> None:
        self.progress = text
        self.progress_changed.publish(text)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def index_quotes(self) -> None:
        """Find the quotes the articles share (incrementally, cached in the library)."""
        from newsreader.comparison import QuoteModel, load_quote_groups

        self.call_from_thread(self.set_progress, "Indexing quotes…")
        with Library.open(self.library_path) as library:

            def progress(done: int, total: int) -> None:
                self.call_from_thread(self.set_progress, f"Indexing quotes {done:,}/{total:,}…")

            groups = load_quote_groups(library, progress)
        model = QuoteModel(groups)
        if not get_current_worker().is_cancelled:  # a newer index (after an import) won
            self.call_from_thread(self._quotes_ready, model)

    def _quotes_ready(self, model: QuoteModel) -> None:
        self.quotes = model
        self.set_progress("")
        self.quotes_changed.publish(model)
        self.index_stories(model.groups)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def index_stories(self, groups: list) -> None:
        """Group the library by story (incrementally, kept in the library); a library that
        cannot be written gives its stories as last found."""
        from newsreader import stories
        from newsreader.store import StoreError

        with Library.open(self.library_path) as library:
            try:
                found = stories.sync(library, groups)
            except StoreError:
                found = stories.load(library.conn)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._stories_ready, stories.StoryIndex(found))

    def _stories_ready(self, index: StoryIndex) -> None:
        self.stories = index
        self.stories_changed.publish(index)

    def open_coverage(self, article_id: str) -> None:
        """The coverage screen of the story ``article_id`` belongs to."""
        from newsreader.screens.coverage import CoverageScreen

        if self.stories is None:
            self.notify("Still finding the stories…", timeout=2)
            return
        story = self.stories.story_of(article_id)
        if story is None:
            self.notify(
                "This article is in no story: no other article shares its quotes, passages or names.",
                timeout=4,
            )
            return
        self.push_screen(CoverageScreen(story.id))

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        failures = {
            "quotes": "index quotes",
            "import": "import",
            "feeds": "update the feeds",
            "check": "check the library",
            "stories": "find the stories",
        }
        if event.worker.group in failures and event.state == WorkerState.ERROR:
            self.set_progress("")
            what = failures[event.worker.group]
            self.notify(
                one_line(f"Could not {what}: {event.worker.error}"),
                severity="error",
                timeout=10,
                markup=False,
            )

    # ------------------------------------------------------------------ importing

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_files(self, paths: list[str]) -> None:
        """Import files, folders and web addresses in the background, with progress; then
        re-index quotes."""
        from newsreader.importing import import_sources

        with Library.open(self.library_path) as library:
            report = import_sources(
                library, paths, progress=lambda text, *_: self._progress_from_thread(text)
            )
        self.call_from_thread(self._imported, report.counts, report.skipped)

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def update_feeds(self) -> None:
        """Import the new items of every feed followed, in the background with progress;
        new articles join the library list as soon as they are in."""
        from newsreader.fetch.http import Fetcher
        from newsreader.fetch.subscriptions import list_feeds, update_feeds

        with Library.open(self.library_path) as library:
            if not list_feeds(library):
                self.call_from_thread(
                    self.notify,
                    "No feeds followed: newsreader feeds add URL follows one.",
                    title="Feeds",
                    severity="warning",
                    markup=False,
                )
                return
            self.call_from_thread(self.set_progress, "Updating feeds…")
            with Fetcher() as fetcher:
                report = update_feeds(library, fetcher, progress=self._progress_from_thread)
        self.call_from_thread(self._imported, report.counts, report.problems, "Feeds")

    def _progress_from_thread(self, text: str) -> None:
        self.call_from_thread(self.set_progress, text)

    def _imported(self, counts: dict, problems: list[str], title: str = "Import") -> None:
        self.set_progress("")
        summary = ", ".join(f"{count} {outcome.value}" for outcome, count in counts.items())
        if problems:
            summary += f"; {len(problems)} skipped: " + "; ".join(problems[:3])
        self.notify(
            one_line(summary),
            title=title,
            severity="warning" if problems else "information",
            markup=False,
            timeout=6,
        )
        self.library_changed.publish(None)
        if self._index_quotes:
            self._indexing_started = True
            self.index_quotes()

    # ------------------------------------------------------------------ navigation

    def open_article(self, article_id: str, *, at: int | None = None, length: int = 0) -> None:
        from newsreader.screens.article import ArticleScreen

        self.push_screen(ArticleScreen(article_id, at=at, length=length))

    def open_compare(self, left_id: str, right_id: str, *, group_id: str | None = None) -> None:
        from newsreader.screens.compare import CompareScreen

        if left_id == right_id:
            self.notify("Pick two different articles to compare.", severity="warning")
            return
        # One compare screen, installed and reused: composing a screen costs more than
        # loading and drawing a comparison, so opening again is just loading and drawing.
        screen = self._compare_screen
        if screen is None:
            screen = self._compare_screen = CompareScreen()
            self.install_screen(screen, "compare")
        elif screen in self.screen_stack:
            screen = CompareScreen()  # compare opened from a screen above the compare screen
        screen.show_pair(left_id, right_id, group_id=group_id)
        self.push_screen(screen)

    def open_quote_index(self, group_id: str | None = None) -> None:
        from newsreader.screens.quote_index import QuoteIndexScreen

        self.push_screen(QuoteIndexScreen(group_id=group_id))

    def action_annotations(self) -> None:
        """Every annotation across the library; not stacked twice, nor over a dialog."""
        from newsreader.screens.annotations import AnnotationsScreen

        if not isinstance(self.screen, (AnnotationsScreen, ModalScreen)):
            self.push_screen(AnnotationsScreen())

    def action_export(self) -> None:
        from newsreader.screens.export_dialog import ExportDialog

        if not isinstance(self.screen, ModalScreen):  # not over a dialog being filled in
            self.push_screen(ExportDialog())

    def action_page_guard(self) -> None:
        """Drop a page key when the list it would move has no room for a line: Textual
        8.2's ``OptionList`` (the palette's and a ``Select``'s included) raises
        ``KeyError`` then, in a terminal a few rows high. Otherwise the key goes on."""
        from textual.actions import SkipAction
        from textual.command import CommandList, CommandPalette
        from textual.widgets import OptionList

        screen = self.screen
        lists = [screen.focused] + (
            list(screen.query(CommandList)) if isinstance(screen, CommandPalette) else []
        )
        if any(isinstance(widget, OptionList) and not widget.scrollable_content_region for widget in lists):
            return
        raise SkipAction()

    def action_help(self) -> None:
        from newsreader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
