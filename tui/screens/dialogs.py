"""Small modal dialogs: pin the time, open/save a profile, export the quote."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..i18n import tr


def parse_instant(text: str, lang: str) -> dt.datetime | str:
    """An aware datetime, or the reason it is not one."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return f"{text.strip()!r}: {tr('pin_bad', lang)}"
    if value.tzinfo is None or value.utcoffset() is None:
        return tr("pin_no_offset", lang)
    return value


class _Dialog(ModalScreen):  # type: ignore[type-arg]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, lang: str, title_key: str, value: str = "", hint_key: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.lang = lang
        self.title_key = title_key
        self.initial = value
        self.hint_key = hint_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(tr(self.title_key, self.lang), classes="dialog-title")
            if self.hint_key:
                yield Static(tr(self.hint_key, self.lang), classes="dialog-hint")
            yield Input(self.initial, id="dialog-input")
            yield Static("", id="dialog-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield from self.buttons()

    def buttons(self) -> ComposeResult:
        yield Button(tr("ok", self.lang), id="ok", variant="primary")
        yield Button(tr("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = getattr(self.app, "cursor_blink", True)
        self.query_one(Input).focus()

    def error(self, message: str) -> None:
        label = self.query_one("#dialog-error", Static)
        label.update(f"✖ {message}")
        label.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        self.submit(self.query_one(Input).value)

    def submit(self, value: str) -> None:
        if not value.strip():
            self.error(tr("empty_path", self.lang))
            return
        self.dismiss(value.strip())


class PinTimeDialog(_Dialog):
    """Returns an aware datetime, or None when cancelled."""

    def __init__(self, lang: str, value: str = "") -> None:
        super().__init__(lang, "pin_title", value, "pin_hint")

    def submit(self, value: str) -> None:
        result = parse_instant(value, self.lang)
        if isinstance(result, str):
            self.error(result)
            return
        self.dismiss(result)


class PathDialog(_Dialog):
    """Asks for a file path (open or save a profile)."""


class QuoteDialog(_Dialog):
    """Returns ``("file", path)`` or ``("clipboard", "")``."""

    def __init__(self, lang: str, value: str = "") -> None:
        super().__init__(lang, "quote_title", value, "path")

    def buttons(self) -> ComposeResult:
        yield Button(tr("to_file", self.lang), id="ok", variant="primary")
        yield Button(tr("to_clipboard", self.lang), id="clipboard")
        yield Button(tr("cancel", self.lang), id="cancel")

    def submit(self, value: str) -> None:
        if not value.strip():
            self.error(tr("empty_path", self.lang))
            return
        self.dismiss(("file", value.strip()))

    @on(Button.Pressed, "#clipboard")
    def _clipboard(self) -> None:
        self.dismiss(("clipboard", ""))
