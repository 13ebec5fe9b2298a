"""The OnTime support desk TUI.

The app holds the state (the last valid profile, the instant, the language,
the comparison) and passes it down as attributes of its screens; widgets and
screens send messages up (``ProfileForm.Changed``, ``Matrix.Selected``,
``TriageScreen.Answered``). Every verdict, reason, fee and hour comes from the
kernel facade (``host.compare``); what is shown comes from
:func:`ontime_support.present.view.build_view` and the one label catalogue.

Key bindings exist once per language; :meth:`OnTimeApp.check_action` keeps
only the current language's (Textual's public way to change what the footer
shows), so the footer, like everything else, speaks the user's language.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ontime_support.kernel.text import LANGS
from ontime_support.kernel.models import Comparison, Incident, Profile
from ontime_support.present.labels import colon, label, paren
from ontime_support.present.view import ComparisonView, build_view

from .book import BookAccess, default_agent
from .commands import OnTimeCommands
from .partners import partner_directory
from .screens.main import MainScreen
from .text import literal, tr

if TYPE_CHECKING:
    from ontime_support.book.store import Book, ConflictError, CustomerHit
    from ontime_support.book.records import CustomerRecord

_R = TypeVar("_R")

#: (key, action, label key, shown in the footer, priority)
KEYS: tuple[tuple[str, str, str, bool, bool], ...] = (
    ("f1", "help", "tui.b_help", True, False),
    ("f2", "switch_language", "tui.b_lang", True, False),
    ("f3", "pin", "tui.b_pin", True, False),
    ("f4", "triage", "tui.b_triage", True, False),
    ("f5", "quote", "tui.b_quote", True, False),
    ("f6", "coverage", "tui.b_chart", True, False),
    ("ctrl+b", "toggle_form", "tui.b_form", True, False),
    ("ctrl+o", "open_profile", "tui.b_open", False, False),
    ("ctrl+s", "save_profile", "tui.b_save", False, False),
    ("ctrl+q", "quit_app", "tui.b_quit", False, True),
    ("ctrl+p", "palette", "tui.b_palette", False, True),
    ("ctrl+k", "customers", "tui.b_customers", False, True),  # priority: before an Input's delete-to-end
    ("f7", "history", "tui.b_history", False, False),
    ("f8", "renewals", "tui.b_renewals", False, False),
    ("ctrl+l", "log_case", "tui.b_log_case", False, False),
)


def _bindings() -> list[Binding]:
    return [Binding(key, f"{action}('{lang}')", label(key_label, lang), show=show, priority=priority,
                    id=f"{action}.{lang}")
            for lang in LANGS for key, action, key_label, show, priority in KEYS]


def make_host(settings: str | Path | None = None, disabled: list[str] | tuple[str, ...] = ()) -> Any:
    """The kernel facade, with the same settings rule as the CLI (``loading.settings_file_path``)."""
    from ontime_support.loading import build_host

    return build_host(settings_path=settings, disabled=list(disabled))


class OnTimeApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "OnTime support"
    COMMANDS = App.COMMANDS | {OnTimeCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = _bindings()  # type: ignore[assignment]

    language: reactive[str] = reactive("en", init=False)
    comparison: reactive[Comparison | None] = reactive(None, init=False)
    pinned_at: reactive[dt.datetime | None] = reactive(None, init=False)
    input_error: reactive[str | None] = reactive(None, init=False)

    def __init__(self, host: Any, profile: Profile, *, lang: str = "en", at: dt.datetime | None = None,
                 profile_path: str | Path | None = None, cursor_blink: bool = True,
                 refresh_seconds: float = 30.0, partners: list[tuple[str, str]] | None = None,
                 settings: str | Path | None = None, db: str | None = None, agent: str | None = None,
                 book: BookAccess | None = None, record: CustomerRecord | None = None) -> None:
        super().__init__()
        self.host = host
        self.profile = profile
        self.profile_path = Path(profile_path) if profile_path else None
        self.settings = settings  # --settings as given (None: the bundled example settings)
        self.agent = agent  # --agent as given; named in the quote (as compare --format markdown does)
        self.books = book or BookAccess(db)  # opened on first use, never at start-up
        self.record = record  # the stored customer the form edits (None: a profile file or an example)
        self.cursor_blink = cursor_blink
        self.refresh_seconds = refresh_seconds
        self.partners = partner_directory(None) if partners is None else partners
        self.hidden: set[str] = set()
        self.view: ComparisonView
        self.set_reactive(OnTimeApp.language, "ja" if lang == "ja" else "en")
        self.set_reactive(OnTimeApp.pinned_at, at)
        self.set_reactive(OnTimeApp.comparison, host.compare(profile, self.current_at()))
        self.view = build_view(self.comparison, profile, self.language)  # type: ignore[arg-type]
        self.main = MainScreen(profile=profile, lang=self.language, partners=self.partners, view=self.view,
                               clock=self._clock(), cursor_blink=cursor_blink, id="main")
        self.main.book_ref = self._book_ref()

    # ------------------------------------------------------------------ state

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.title = tr("tui.app_title", self.language)
        self.set_interval(self.refresh_seconds, self._tick, name="clock")
        for warning in getattr(self.host, "warnings", ()):  # e.g. --disable-plugin with a misspelt name
            self.notify(warning, severity="warning", timeout=15)

    def current_at(self) -> dt.datetime:
        if self.pinned_at is not None:
            return self.pinned_at
        return dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0)

    def _clock(self) -> tuple[dt.datetime, str, bool]:
        at = self.comparison.at if self.comparison is not None else self.current_at()
        return at, self.profile.customer.timezone, self.pinned_at is not None

    def _tick(self) -> None:
        if self.pinned_at is None:
            self.recompute()

    def recompute(self) -> None:
        self.comparison = self.host.compare(self.profile, self.current_at())

    def watch_comparison(self, comparison: Comparison | None) -> None:
        self._push_view()

    def _push_view(self) -> None:
        """Build the view once and hand it down to every screen that shows it."""
        from .screens.coverage import CoverageScreen
        from .screens.triage import TriageScreen

        if self.comparison is None:
            return
        self.view = build_view(self.comparison, self.profile, self.language)
        self.main.view = self.view
        self.main.clock = self._clock()
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen):
                screen.verdict = self.view.triage
            elif isinstance(screen, CoverageScreen):
                from ontime_support.present.chart import build_chart

                screen.chart = build_chart(self.comparison)

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.recompute()

    def set_incident(self, incident: Incident | None) -> None:
        """From the triage screen: the profile's incident, shown in the form as well."""
        if incident == self.profile.incident:
            return
        self.set_profile(attrs.evolve(self.profile, incident=incident))
        self.main.profile = self.profile

    def example_names(self) -> list[str]:
        from ontime_support.examples import MAIN_PROFILES

        return list(MAIN_PROFILES)

    def load_profile(self, profile: Profile, path: Path | None, record: CustomerRecord | None = None) -> None:
        """Show ``profile`` (from the file ``path``, or the stored customer ``record``, or neither)."""
        self.profile_path = path
        self.record = record
        self.main.book_ref = self._book_ref()
        self.profile = profile
        self.input_error = None
        self.main.profile = profile
        self.recompute()

    # ------------------------------------------------------------------ messages from below

    def on_profile_form_changed(self, event: Any) -> None:
        self.input_error = None
        self.set_profile(event.profile)

    def on_profile_form_invalid(self, event: Any) -> None:
        self.input_error = str(event.error)

    def on_matrix_selected(self, event: Any) -> None:
        """Open the option in full; only from the main screen (fast typing queues a second Selected
        before the first detail is on screen: it, and any digit typed after a dialog closed, is ignored)."""
        from .screens.detail import DetailScreen

        if self.screen is not self.main:
            return
        self.push_screen(DetailScreen(self.view.option(event.option_id), self.language))

    def _toggle_screen(self, kind: type[Screen[Any]], make: Callable[[], Screen[Any]]) -> None:
        """F1/F4/F6: close ``kind`` when it is on top; bring it back when it is lower in the stack
        (closing what was opened over it); else open one. A screen kind is never stacked twice."""
        if isinstance(self.screen, kind):
            self.pop_screen()
            return
        if any(isinstance(screen, kind) for screen in self.screen_stack):
            while not isinstance(self.screen, kind):
                self.pop_screen()
            return
        self.push_screen(make())

    def on_triage_screen_answered(self, event: Any) -> None:
        self.set_incident(event.incident)

    # ------------------------------------------------------------------ watchers

    def watch_language(self, lang: str) -> None:
        from .screens.coverage import CoverageScreen
        from .screens.triage import TriageScreen

        self.title = tr("tui.app_title", lang)
        self.main.lang = lang
        self.main.book_ref = self._book_ref()
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen | CoverageScreen):
                screen.lang = lang
        self._push_view()
        self.refresh_bindings()

    def watch_pinned_at(self, _value: dt.datetime | None) -> None:
        self.recompute()

    def watch_input_error(self, message: str | None) -> None:
        self.main.input_error = message

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the current language's bindings are active (and shown in the footer)."""
        if parameters and parameters[0] in LANGS:
            return parameters[0] == self.language
        return True

    # ------------------------------------------------------------------ actions

    def action_help(self, _lang: str = "") -> None:
        from .screens.help import HelpScreen

        self._toggle_screen(HelpScreen, lambda: HelpScreen(self.language))

    def action_switch_language(self, _lang: str = "") -> None:
        self.language = "en" if self.language == "ja" else "ja"

    def action_palette(self, _lang: str = "") -> None:
        self.action_command_palette()

    def action_quit_app(self, _lang: str = "") -> None:
        self.exit(0)

    def action_pin(self, _lang: str = "") -> None:
        from .screens.dialogs import PinTimeDialog

        zone = self.profile.customer.timezone
        current = self.current_at().astimezone(ZoneInfo(zone)).replace(second=0)
        self.push_screen(PinTimeDialog(self.language, zone, current.strftime("%Y-%m-%d %H:%M"),
                                       cursor_blink=self.cursor_blink), self.pin_answer)

    def pin_answer(self, answer: tuple[str, dt.datetime | None] | None) -> None:
        if answer is None:
            return
        kind, at = answer
        self.pinned_at = at if kind == "pin" else None

    def pin(self, at: dt.datetime | None) -> None:
        self.pinned_at = at

    def action_unpin(self, _lang: str = "") -> None:
        self.pinned_at = None

    def action_triage(self, _lang: str = "") -> None:
        from .screens.triage import TriageScreen

        self._toggle_screen(TriageScreen, lambda: TriageScreen(self.profile.incident, self.language,
                                                               self.profile.customer.name, self.view.triage))

    def action_coverage(self, _lang: str = "") -> None:
        from ontime_support.present.chart import build_chart

        from .screens.coverage import CoverageScreen

        comparison = self.comparison
        assert comparison is not None
        self._toggle_screen(CoverageScreen, lambda: CoverageScreen(build_chart(comparison), self.language,
                                                                   self.profile.customer.name))

    def action_toggle_form(self, _lang: str = "") -> None:
        self.main.form_visible = not self.main.form_shown

    def toggle_column(self, option_id: str) -> None:
        self.hidden ^= {option_id}
        self.main.hidden = frozenset(self.hidden)

    def action_open_profile(self, _lang: str = "") -> None:
        from .screens.dialogs import FileDialog

        initial = str(self.profile_path) if self.profile_path else ""
        self.push_screen(FileDialog(self.language, "tui.open_title", initial, saving=False,
                                    cursor_blink=self.cursor_blink), self.open_profile)

    def open_profile(self, path: str | None) -> None:
        self.open_path(path)

    def open_path(self, path: str | None) -> bool:
        if not path:
            return False
        from ontime_support.loading.errors import InputError
        from ontime_support.loading import load_profile

        try:
            profile = load_profile(path)
        except InputError as error:
            self.notify(str(literal(str(error), one_line=True)), severity="error", timeout=8, markup=False)
            return False
        self.load_profile(profile, Path(path))
        self.notify(f"{tr('tui.opened', self.language)}{colon(self.language)}{literal(path, one_line=True)}",
                    markup=False)
        return True

    def new_from_example(self, name: str) -> None:
        from ontime_support.examples import profile_path as example_profile
        from ontime_support.loading import load_profile

        self.load_profile(load_profile(example_profile(name)), None)

    def action_save_profile(self, _lang: str = "") -> None:
        """Ctrl+S: a stored customer is saved to the book as a new version; a profile file to a file."""
        if self.record is not None:
            if self.input_error:
                self.notify(tr("tui.cannot_save_invalid", self.language), severity="warning", markup=False)
            self.save_to_book(self.record, self.profile)
            return
        self.action_save_file()

    def action_save_file(self, _lang: str = "") -> None:
        from .screens.dialogs import FileDialog

        initial = str(self.profile_path) if self.profile_path else str(Path.cwd() / "profile.toml")
        self.push_screen(FileDialog(self.language, "tui.save_title", initial, saving=True,
                                    cursor_blink=self.cursor_blink), self.save_answer)

    def save_answer(self, path: str | None) -> None:
        self.save_profile(path)

    def profile_text(self) -> str:
        """The profile as TOML; the opened file's comments, order and number formats are kept."""
        from ontime_support.loading import unstructure_profile

        from .files import profile_toml

        original = None
        if self.profile_path is not None:
            try:
                original = self.profile_path.read_text(encoding="utf-8")
            except OSError:
                original = None
        return profile_toml(unstructure_profile(self.profile), original)

    def save_profile(self, path: str | None) -> bool:
        """Write the profile to ``path`` (the dialog has asked before replacing a file)."""
        if not path:
            return False
        text = self.profile_text()
        if not self._write(path, text):
            return False
        self.profile_path = Path(path)
        if self.input_error:
            self.notify(tr("tui.cannot_save_invalid", self.language), severity="warning", markup=False)
        self.notify(f"{tr('tui.saved', self.language)}{colon(self.language)}{literal(path, one_line=True)}",
                    markup=False)
        return True

    def _write(self, path: str, text: str) -> bool:
        from .files import write_atomic

        try:
            write_atomic(path, text)
        except OSError as exc:
            self.notify(f"{tr('tui.write_failed', self.language)} {literal(path, one_line=True)}: "
                        f"{exc.strerror or exc}", severity="error", markup=False)
            return False
        return True

    def quote_markdown(self) -> str:
        """The customer quote, as ``compare --format markdown`` writes it (the settings' ``[quote]`` table)."""
        from ontime_support.loading import settings_file_path
        from ontime_support.present.markdown import to_markdown
        from ontime_support.present.quote import load_quote_settings

        assert self.comparison is not None
        quote_settings = load_quote_settings(settings_file_path(self.settings))
        return to_markdown(build_view(self.comparison, self.profile, self.language), quote_settings, self.agent)

    def action_quote(self, _lang: str = "") -> None:
        from .screens.dialogs import QuoteDialog

        initial = str(Path.cwd() / f"quote-{self.language}.md")
        self.push_screen(QuoteDialog(self.language, initial, cursor_blink=self.cursor_blink), self.export_quote)

    def export_quote(self, choice: tuple[str, str] | None) -> None:
        """Write the quote to the file; for "clipboard", send it to the terminal too.

        OSC 52 (Textual's ``copy_to_clipboard``) gets no answer from the terminal,
        so the note never claims the copy worked: it says where the file is.
        """
        if choice is None:
            return
        from ontime_support.loading.errors import InputError

        kind, path = choice
        try:
            text = self.quote_markdown()
        except InputError as error:  # a bad [quote] table in the settings file
            self.notify(str(literal(str(error), one_line=True)), severity="error", timeout=8, markup=False)
            return
        if not self._write(path, text):
            return
        if self.record is not None:
            self.record_case(text)
        message = f"{tr('tui.written_to', self.language)}{colon(self.language)}{literal(path, one_line=True)}"
        if kind == "clipboard":
            self.copy_to_clipboard(text)
            message += f"{'。' if self.language == 'ja' else '; '}{tr('tui.clipboard_sent', self.language)}"
        self.notify(message, markup=False, timeout=8)

    def palette_commands(self) -> list[tuple[str, Any, str]]:
        """What the command palette offers, in the current language."""
        lang = self.language
        commands: list[tuple[str, Any, str]] = [
            (tr("tui.cmd_lang", lang), self.action_switch_language, "F2"),
            (tr("tui.cmd_pin", lang), self.action_pin, "F3"),
        ]
        if self.pinned_at is not None:
            commands.append((tr("tui.cmd_unpin", lang), self.action_unpin, "F3 Ctrl+U"))
        commands += [
            (tr("tui.cmd_customers", lang), self.action_customers, "Ctrl+K"),
            (tr("tui.cmd_renewals", lang), self.action_renewals, "F8"),
        ]
        if self.record is not None:
            commands += [
                (tr("tui.cmd_history", lang), self.action_history, "F7"),
                (tr("tui.cmd_log_case", lang), self.action_log_case, "Ctrl+L"),
                (tr("tui.cmd_save_file", lang), self.action_save_file, ""),
            ]
        commands += [
            (tr("tui.cmd_open", lang), self.action_open_profile, "Ctrl+O"),
            (tr("tui.cmd_save", lang), self.action_save_profile, "Ctrl+S"),
            (tr("tui.cmd_quote", lang), self.action_quote, "F5"),
            (tr("tui.cmd_triage", lang), self.action_triage, "F4"),
            (tr("tui.cmd_chart", lang), self.action_coverage, "F6"),
            (tr("tui.cmd_help", lang), self.action_help, "F1"),
        ]
        for option in self.view.options:
            state = "☐" if option.id in self.hidden else "☑"
            commands.append((f"{tr('tui.cmd_toggle', lang)}{colon(lang)}{option.title}{paren(option.id, lang)}",
                             partial(self.toggle_column, option.id), state))
        for name in self.example_names():
            commands.append((f"{tr('tui.cmd_new', lang)}{colon(lang)}{name}", partial(self.new_from_example, name), name))
        return commands

    def palette_customers(self, query: str) -> list[tuple[str, Any, str]]:
        """"Open customer NAME" for the book's customers matching ``query`` (called in a thread).

        Only a book that exists is searched: typing in the palette never creates one.
        """
        if not query.strip():
            return []
        from ontime_support.loading.errors import InputError

        try:
            book = self.books.existing()
            hits = book.search(query, limit=10) if book is not None else []
        except InputError:
            return []
        label_text = tr("tui.cmd_open_customer", self.language)
        return [(f"{label_text} {hit.name}" + (f" ({hit.partner})" if hit.partner else ""),
                 partial(self.open_customer, hit.id), f"#{hit.id}") for hit in hits]

    # ------------------------------------------------------------------ the customer book (issue #10)

    def _book_ref(self) -> str | None:
        if self.record is None:
            return None
        return tr("tui.book_ref", self.language).format(id=self.record.id, version=self.record.version)

    @property
    def agent_name(self) -> str:
        """Who is recorded in versions and cases: ``--agent``, else the OS user."""
        return default_agent(self.agent)

    def book(self) -> Book:
        """The book, opened on first use (call from a thread worker: it may create and migrate it)."""
        return self.books.book()

    def _write_book(self, write: Callable[[Book], _R]) -> _R | None:
        """Run ``write`` on the book (from a thread worker). Someone saved since (the conflict dialog) or a
        bad input (the error line): reported on the UI thread, and ``None``."""
        from ontime_support.book import ConflictError
        from ontime_support.loading.errors import InputError

        try:
            return write(self.book())
        except ConflictError as conflict:
            self.call_from_thread(self.show_conflict, conflict)
        except InputError as error:
            self.call_from_thread(self.book_failed, error)
        return None

    def book_failed(self, error: Exception) -> None:
        self.notify(str(literal(str(error), one_line=True)), severity="error", timeout=10, markup=False)

    def search_customers(self, text: str) -> list[CustomerHit]:
        """The picker's search (runs in the picker's thread worker)."""
        from .screens.customers import SEARCH_LIMIT

        return self.book().search(text, SEARCH_LIMIT)

    def action_customers(self, _lang: str = "") -> None:
        from .screens.customers import CustomersScreen

        if isinstance(self.screen, CustomersScreen):
            return
        self.push_screen(CustomersScreen(self.language, self.search_customers, cursor_blink=self.cursor_blink),
                         self.customer_picked)

    def customer_picked(self, customer_id: int | None) -> None:
        if customer_id is not None:
            self.open_customer(customer_id)

    @work(thread=True, exclusive=True, group="book-open")
    def open_customer(self, customer_id: int) -> None:
        """Read the customer's current version from the book and show it."""
        from ontime_support.loading.errors import InputError

        try:
            record = self.book().get(customer_id)
        except InputError as error:
            self.call_from_thread(self.book_failed, error)
            return
        self.call_from_thread(self.show_record, record)

    def show_record(self, record: CustomerRecord, *, quiet: bool = False) -> None:
        self.input_error = None
        self.load_profile(record.profile, None, record)
        if not quiet:
            name = literal(record.name, one_line=True)
            self.notify(f"{tr('tui.opened_customer', self.language)}{colon(self.language)}{name}"
                        f"{paren(f'#{record.id}', self.language)}", markup=False)

    def set_record(self, record: CustomerRecord) -> None:
        """After a save: the form keeps what is shown, the version moves on."""
        self.record = record
        self.main.book_ref = self._book_ref()

    @work(thread=True, exclusive=True, group="book-save")
    def save_to_book(self, record: CustomerRecord, profile: Profile) -> None:
        """Save ``profile`` as a new version of ``record`` (refused if someone saved since: the conflict dialog)."""
        saved = self._write_book(lambda book: book.save(record.id, profile, record.version, self.agent_name))
        if saved is not None:
            self.call_from_thread(self.saved_to_book, record, saved)

    def saved_to_book(self, before: CustomerRecord, saved: CustomerRecord) -> None:
        self.set_record(saved)
        if saved.version == before.version:
            self.notify(tr("tui.no_changes", self.language), markup=False)
        else:
            self.notify(tr("tui.saved_version", self.language).format(version=saved.version), markup=False)

    def show_conflict(self, conflict: ConflictError) -> None:
        from .screens.customers import ConflictDialog

        assert self.record is not None
        if any(isinstance(screen, ConflictDialog) for screen in self.screen_stack):
            return  # a second save of the same edits (a double key press) refused alike: one dialog is enough
        customer_id = conflict.customer_id

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.open_customer(customer_id)

        self.push_screen(ConflictDialog(self.language, name=self.record.name, conflict=conflict), answered)

    def _need_record(self) -> CustomerRecord | None:
        if self.record is None:
            self.notify(tr("tui.not_from_book", self.language), severity="warning", markup=False)
        return self.record

    def action_history(self, _lang: str = "") -> None:
        from .screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            self.pop_screen()
            return
        record = self._need_record()
        if record is not None:
            self.load_history(record.id, push=True)

    @work(thread=True, exclusive=True, group="book-history")
    def load_history(self, customer_id: int, push: bool = False) -> None:
        from ontime_support.loading.errors import InputError

        try:
            book = self.book()
            versions, cases = book.history(customer_id), book.cases(customer_id)
        except InputError as error:
            self.call_from_thread(self.book_failed, error)
            return
        self.call_from_thread(self.show_history, customer_id, versions, cases, push)

    def show_history(self, customer_id: int, versions: list[Any], cases: list[Any], push: bool) -> None:
        from .screens.history import HistoryScreen

        for screen in self.screen_stack:
            if isinstance(screen, HistoryScreen) and screen.customer_id == customer_id:
                screen.versions = tuple(versions)
                screen.cases = tuple(cases)
                return
        if push:
            name = versions[-1].profile.customer.name if versions else ""
            self.push_screen(HistoryScreen(self.language, customer_id, name, versions, cases))

    def on_history_screen_restore(self, event: Any) -> None:
        record = self.record
        based_on = record.version if record is not None and record.id == event.customer_id else None
        self.restore_version(event.customer_id, event.version, based_on)

    @work(thread=True, exclusive=True, group="book-save")
    def restore_version(self, customer_id: int, version: int, based_on: int | None) -> None:
        """Make an old version current again, as a new version (optimistic locking as for a save)."""
        def restore(book: Book) -> tuple[CustomerRecord, list[Any], list[Any]]:
            saved = book.restore(customer_id, version, self.agent_name, based_on)
            return saved, book.history(customer_id), book.cases(customer_id)

        done = self._write_book(restore)
        if done is not None:
            saved, versions, cases = done
            self.call_from_thread(self.restored, saved, version, versions, cases)

    def restored(self, saved: CustomerRecord, version: int, versions: list[Any], cases: list[Any]) -> None:
        self.show_record(saved, quiet=True)
        self.show_history(saved.id, versions, cases, push=False)
        self.notify(tr("tui.restored", self.language).format(old=version, new=saved.version), markup=False)

    def action_log_case(self, _lang: str = "") -> None:
        if self._need_record() is not None:
            self.record_case(None)

    def record_case(self, quote_text: str | None) -> None:
        assert self.record is not None and self.comparison is not None
        self.log_case_worker(self.record, self.profile, self.comparison, self.language, quote_text)

    @work(thread=True, exclusive=False, group="book-case")
    def log_case_worker(self, record: CustomerRecord, profile: Profile, comparison: Comparison, lang: str,
                        quote_text: str | None) -> None:
        """Append the comparison shown (and the quote, if one was exported) to the case log."""
        from ontime_support.loading.errors import InputError

        from .book import log_case

        try:
            case = log_case(self.book(), host=self.host, comparison=comparison, profile=profile, record=record,
                            settings=self.settings, lang=lang, agent=self.agent_name, quote_text=quote_text)
        except InputError as error:
            self.call_from_thread(self.book_failed, error)
            return
        self.call_from_thread(self.notify, tr("tui.case_logged", lang).format(case=case.id), markup=False)

    def action_renewals(self, _lang: str = "") -> None:
        from .screens.customers import RenewalsScreen

        if isinstance(self.screen, RenewalsScreen):
            self.pop_screen()
            return
        self.load_renewals(self.current_at())

    @work(thread=True, exclusive=True, group="book-renewals")
    def load_renewals(self, at: dt.datetime) -> None:
        """``customers expiring --within 60d`` as of the instant shown (each with the renewal's fees)."""
        from ontime_support.loading.errors import InputError

        from .book import RENEWAL_DAYS, renewals

        try:
            items = renewals(self.book(), self.host, at, RENEWAL_DAYS)
        except InputError as error:
            self.call_from_thread(self.book_failed, error)
            return
        self.call_from_thread(self.show_renewals, items, at)

    def show_renewals(self, items: list[Any], at: dt.datetime) -> None:
        from .book import RENEWAL_DAYS
        from .screens.customers import RenewalsScreen

        if any(isinstance(screen, RenewalsScreen) for screen in self.screen_stack):
            return  # already shown (a double key press asked twice before the first answer came)
        self.push_screen(RenewalsScreen(self.language, items, RENEWAL_DAYS, at.date()), self.customer_picked)
