"""The OnTime support desk TUI.

The app holds the state (the last valid profile, the instant, the language,
the comparison) and passes it down; widgets send messages up. Every verdict,
reason, fee and hour comes from the kernel facade (``host.compare``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import attrs
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from ontime_support.kernel.models import Comparison, Incident, Profile

from .commands import OnTimeCommands
from .i18n import tr
from .screens.main import MainScreen

#: binding id -> label key (descriptions follow the language)
BINDING_LABELS = {
    "help": "b_help", "language": "b_lang", "pin": "b_pin", "triage": "b_triage", "quote": "b_quote",
    "open": "b_open", "save": "b_save", "form": "b_form", "quit": "b_quit",
}


def make_host(settings: str | Path | None = None, disabled: list[str] | tuple[str, ...] = ()) -> Any:
    """The kernel facade; the bundled example settings when none are given."""
    from ontime_support.loading import build_host

    from ontime_support.examples import settings_path as example_settings

    if settings is None:
        settings = example_settings()
    return build_host(settings_path=settings, disabled=list(disabled))


class OnTimeApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "OnTime support"
    COMMANDS = App.COMMANDS | {OnTimeCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "switch_language", "日本語", id="language"),
        Binding("f3", "pin", "Pin time", id="pin"),
        Binding("f4", "triage", "Triage", id="triage"),
        Binding("f5", "quote", "Quote", id="quote"),
        Binding("ctrl+o", "open_profile", "Open", id="open"),
        Binding("ctrl+s", "save_profile", "Save", id="save"),
        Binding("ctrl+b", "toggle_form", "Form", id="form"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    language: reactive[str] = reactive("en", init=False)
    comparison: reactive[Comparison | None] = reactive(None, init=False)
    pinned_at: reactive[dt.datetime | None] = reactive(None, init=False)
    input_error: reactive[str | None] = reactive(None, init=False)

    def __init__(self, host: Any, profile: Profile, *, lang: str = "en", at: dt.datetime | None = None,
                 profile_path: str | Path | None = None, cursor_blink: bool = True,
                 refresh_seconds: float = 30.0) -> None:
        super().__init__()
        self.host = host
        self.profile = profile
        self.profile_path = Path(profile_path) if profile_path else None
        self.cursor_blink = cursor_blink
        self.refresh_seconds = refresh_seconds
        self.hidden: set[str] = set()
        self.set_reactive(OnTimeApp.language, "ja" if lang == "ja" else "en")
        self.set_reactive(OnTimeApp.pinned_at, at)
        self.set_reactive(OnTimeApp.comparison, host.compare(profile, self.current_at()))
        self._relabel_bindings()

    # ------------------------------------------------------------------ state

    def get_default_screen(self) -> MainScreen:
        return MainScreen(id="main")

    def on_mount(self) -> None:
        self.title = tr("app_title", self.language)
        self.set_interval(self.refresh_seconds, self._tick, name="clock")

    def current_at(self) -> dt.datetime:
        if self.pinned_at is not None:
            return self.pinned_at
        return dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0)

    def _tick(self) -> None:
        if self.pinned_at is None:
            self.recompute()

    def recompute(self) -> None:
        self.comparison = self.host.compare(self.profile, self.current_at())

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.recompute()

    def set_incident(self, incident: Incident | None) -> None:
        """From the triage screen: the profile's incident, shown in the form as well."""
        if incident == self.profile.incident:
            return
        self.set_profile(attrs.evolve(self.profile, incident=incident))
        self._main().query_one("#form").load_incident(self.profile)  # type: ignore[attr-defined]

    def partners(self) -> list[tuple[str, str]]:
        try:
            entries = self.host.settings_of("partner").entries
        except (KeyError, AttributeError):
            return []
        return [(entry.id, entry.name) for entry in entries]

    def example_names(self) -> list[str]:
        from ontime_support.examples import MAIN_PROFILES

        return list(MAIN_PROFILES)

    def _main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def load_profile(self, profile: Profile, path: Path | None) -> None:
        self.profile_path = path
        self.profile = profile
        self._main().reload_form()
        self.recompute()

    # ------------------------------------------------------------------ watchers

    def watch_language(self, lang: str) -> None:
        self.title = tr("app_title", lang)
        self._relabel_bindings()

    def watch_pinned_at(self, _value: dt.datetime | None) -> None:
        self._relabel_bindings()
        self.recompute()

    def _relabel_bindings(self) -> None:
        lang = self.language
        mapping = self._bindings.key_to_bindings
        for key, bindings in mapping.items():
            new = []
            for binding in bindings:
                label_key = BINDING_LABELS.get(binding.id or "")
                if label_key == "b_pin" and self.pinned_at is not None:
                    label_key = "b_unpin"
                new.append(dataclasses.replace(binding, description=tr(label_key, lang)) if label_key else binding)
            mapping[key] = new
        if self.is_running:
            self.refresh_bindings()

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.language))

    def action_switch_language(self) -> None:
        self.language = "en" if self.language == "ja" else "ja"

    def action_pin(self) -> None:
        if self.pinned_at is not None:
            self.action_unpin()
        else:
            self.action_pin_dialog()

    def action_pin_dialog(self) -> None:
        from .screens.dialogs import PinTimeDialog

        current = self.current_at().astimezone(self.profile.customer.zone).replace(second=0)
        self.push_screen(PinTimeDialog(self.language, current.isoformat(timespec="minutes")), self.pin)

    def pin(self, at: dt.datetime | None) -> None:
        if at is not None:
            self.pinned_at = at

    def action_unpin(self) -> None:
        self.pinned_at = None

    def action_triage(self) -> None:
        from .screens.triage import TriageScreen

        if isinstance(self.screen, TriageScreen):
            self.pop_screen()
        else:
            self.push_screen(TriageScreen(id="triage"))

    def action_toggle_form(self) -> None:
        form = self._main().query_one("#form")
        form.display = not form.display

    def toggle_column(self, option_id: str) -> None:
        self.hidden ^= {option_id}
        self.mutate_reactive(OnTimeApp.comparison)

    def action_open_profile(self) -> None:
        from .screens.dialogs import PathDialog

        initial = str(self.profile_path) if self.profile_path else ""
        self.push_screen(PathDialog(self.language, "open_title", initial, "path"), self.open_profile)

    def open_profile(self, path: str | None) -> bool:
        if not path:
            return False
        from ontime_support.kernel.errors import InputError
        from ontime_support.loading import load_profile

        try:
            profile = load_profile(path)
        except InputError as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.load_profile(profile, Path(path))
        self.notify(f"{tr('opened', self.language)}: {path}")
        return True

    def new_from_example(self, name: str) -> None:
        from ontime_support.loading import load_profile

        from ontime_support.examples import profile_path as example_profile

        self.load_profile(load_profile(example_profile(name)), None)

    def action_save_profile(self) -> None:
        from .screens.dialogs import PathDialog

        initial = str(self.profile_path) if self.profile_path else "profile.toml"
        self.push_screen(PathDialog(self.language, "save_title", initial, "path"), self.save_profile)

    def save_profile(self, path: str | None) -> bool:
        if not path:
            return False
        from ontime_support.loading import unstructure_profile

        from .tomlwrite import dumps

        text = dumps(unstructure_profile(self.profile), header="OnTime support profile (saved by the TUI)")
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"{tr('write_failed', self.language)} {path}: {exc.strerror}", severity="error")
            return False
        self.profile_path = Path(path)
        if self.input_error:
            self.notify(tr("cannot_save_invalid", self.language), severity="warning")
        self.notify(f"{tr('saved', self.language)}: {path}")
        return True

    def quote_markdown(self) -> str:
        from ontime_support.present.report import to_markdown

        assert self.comparison is not None
        return to_markdown(self.comparison, self.language, self.profile.customer.name)

    def action_quote(self) -> None:
        from .screens.dialogs import QuoteDialog

        self.push_screen(QuoteDialog(self.language, f"quote-{self.language}.md"), self.export_quote)

    def export_quote(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, path = choice
        text = self.quote_markdown()
        if kind == "clipboard":
            self.copy_to_clipboard(text)
            self.notify(tr("copied", self.language))
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"{tr('write_failed', self.language)} {path}: {exc.strerror}", severity="error")
            return
        self.notify(f"{tr('saved', self.language)}: {path}")
