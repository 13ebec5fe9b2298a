"""Modal dialogs: pin the time, open / save a profile, export the quote.

Each returns its answer with ``dismiss``; the app acts on it. Paths typed or
picked in a :class:`DirectoryTree` filtered to ``.toml`` files; writing to an
existing file asks first (and says when the path is a symbolic link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Static

from ontime_support.present.labels import colon
from ontime_support.loading.instants import InstantError, describe, parse_instant

from ..files import check_target
from ..text import literal, tr


class TomlTree(DirectoryTree):
    """Folders and ``.toml`` files only (hidden entries left out)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix == ".toml")]


class _Dialog(ModalScreen):  # type: ignore[type-arg]
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, title_key: str, value: str = "", hint: str | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__(classes="dialog")
        self.lang = lang
        self.title_key = title_key
        self.initial = value
        self.hint = hint
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(tr(self.title_key, self.lang), classes="dialog-title", markup=False)
            if self.hint:
                yield Static(self.hint, classes="dialog-hint", markup=False)
            yield from self.body()
            yield Input(self.initial, id="dialog-input")
            yield Static("", id="dialog-note", classes="dialog-hint")
            yield Static("", id="dialog-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield from self.buttons()

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield Button(tr("tui.ok", self.lang), id="ok", variant="primary")
        yield Button(tr("tui.cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#dialog-input", Input)
        field.cursor_blink = self.cursor_blink
        field.focus()

    def error(self, message: str | None) -> None:
        label = self.query_one("#dialog-error", Static)
        label.update(literal(f"✖ {message}") if message else "")
        label.display = bool(message)

    def note(self, message: str | Text) -> None:
        self.query_one("#dialog-note", Static).update(message if isinstance(message, Text) else literal(message))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        self.submit(self.query_one("#dialog-input", Input).value)

    def submit(self, value: str) -> None:
        self.dismiss(value.strip() or None)


class PinTimeDialog(_Dialog):
    """Pre-filled with the current instant. Enter pins (``("pin", at)``), Ctrl+U unpins (``("unpin", None)``)."""

    BINDINGS = [Binding("ctrl+u", "unpin", show=False, priority=True)]

    def __init__(self, lang: str, zone: str, value: str, cursor_blink: bool = True) -> None:
        super().__init__(lang, "tui.pin_title", value, tr("tui.pin_hint", lang), cursor_blink)
        self.zone = zone

    def on_mount(self) -> None:
        super().on_mount()
        self.note(tr("tui.pin_keys", self.lang))
        self._preview(self.initial)

    def _preview(self, value: str) -> dt.datetime | None:
        try:
            at = parse_instant(value, self.zone)
        except InstantError as exc:
            self.error(str(exc))
            return None
        self.error(None)
        self.note(f"{tr('tui.pin_means', self.lang)}{colon(self.lang)}{describe(at, self.zone)}  ·  {tr('tui.pin_keys', self.lang)}")
        return at

    @on(Input.Changed, "#dialog-input")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def submit(self, value: str) -> None:
        at = self._preview(value)
        if at is not None:
            self.dismiss(("pin", at))

    def action_unpin(self) -> None:
        self.dismiss(("unpin", None))


class FileDialog(_Dialog):
    """Pick or type a ``.toml`` path. For saving, an existing file is replaced only after a second OK."""

    def __init__(self, lang: str, title_key: str, value: str, *, saving: bool, root: Path | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__(lang, title_key, value, tr("tui.path", lang), cursor_blink)
        self.saving = saving
        self.root = root or (Path(value).expanduser().parent if value else Path.cwd())
        self._confirmed: str | None = None

    def body(self) -> ComposeResult:
        root = self.root if self.root.is_dir() else Path.cwd()
        yield TomlTree(root, id="dialog-tree")

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#dialog-input", Input).value = str(event.path)
        self.query_one("#dialog-input", Input).focus()

    @on(Input.Changed, "#dialog-input")
    def _typed(self) -> None:
        self._confirmed = None
        self.error(None)
        self.note("")
        self.query_one("#ok", Button).label = tr("tui.ok", self.lang)

    def submit(self, value: str) -> None:
        value = value.strip()
        if not value:
            self.error(tr("tui.empty_path", self.lang))
            return
        if not self.saving:
            self.dismiss(value)
            return
        if self.confirm_write(value):
            self.dismiss(value)

    def confirm_write(self, value: str) -> bool:
        """True when ``value`` may be written now; else ask once (a second OK replaces)."""
        target = check_target(value)
        if not target.exists and not target.symlink:
            return True
        if self._confirmed == value:
            return True
        self._confirmed = value
        message = tr("tui.confirm_replace", self.lang)
        if target.symlink:
            message += f" {tr('tui.through_symlink', self.lang)}: {target.real}"
        self.error(message)
        self.query_one("#ok", Button).label = tr("tui.replace", self.lang)
        return False


class QuoteDialog(FileDialog):
    """Returns ``("file", path)`` or ``("clipboard", path)``: the quote is always written to the file."""

    def __init__(self, lang: str, value: str, cursor_blink: bool = True) -> None:
        super().__init__(lang, "tui.quote_title", value, saving=True, cursor_blink=cursor_blink)

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield Button(tr("tui.to_file", self.lang), id="ok", variant="primary")
        yield Button(tr("tui.to_clipboard", self.lang), id="clipboard")
        yield Button(tr("tui.cancel", self.lang), id="cancel")

    def submit(self, value: str) -> None:
        self._finish("file", value)

    @on(Button.Pressed, "#clipboard")
    def _clipboard(self) -> None:
        self._finish("clipboard", self.query_one("#dialog-input", Input).value)

    def _finish(self, kind: str, value: str) -> None:
        value = value.strip()
        if not value:
            self.error(tr("tui.empty_path", self.lang))
            return
        if self.confirm_write(value):
            self.dismiss((kind, value))
