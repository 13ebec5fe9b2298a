"""The customer book's screens: the picker, the renewals list, and the save-conflict dialog.

Data comes down as attributes: the picker gets a ``search`` function (the
book's, run in a thread worker as the agent types), the renewals screen gets
its rows. Each answers with ``dismiss`` (a customer id, or the conflict
choice); the app opens the customer. Names, partners and tags are shown
literally (rich ``Text``, never markup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Static
from textual.worker import get_current_worker

from ontime_support.present.labels import join_list
from ontime_support.kernel.text import LANGS
from ontime_support.loading.errors import InputError
from ontime_support.sdk.money import yen

from ..text import literal, tr

if TYPE_CHECKING:
    from ontime_support.book.store import ConflictError, CustomerHit
    from ontime_support.book.records import ExpiringCustomer

SEARCH_LIMIT = 50


def lang_bindings(keys: Sequence[tuple[str, str, str]], *, priority: bool = False) -> list[BindingType]:
    """One binding per language (``(key, action, label key)``), with ids ``action.lang``.

    The screen's :meth:`check_action` keeps the current language's only, as the app does.
    """
    def call(action: str, lang: str) -> str:  # move(1) -> move(1, 'en'); close -> close('en')
        return f"{action[:-1]}, '{lang}')" if action.endswith(")") else f"{action}('{lang}')"

    return [Binding(key, call(action, lang), tr(label_key, lang), show=False, priority=priority,
                    id=f"{action.split('(')[0]}.{key}.{lang}")
            for lang in LANGS for key, action, label_key in keys]


class _BookScreen(ModalScreen[Any]):
    """A modal with bindings per language (see :func:`lang_bindings`)."""

    lang: str = "en"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters and parameters[-1] in LANGS:
            return parameters[-1] == self.lang
        return True

    def action_close(self, _lang: str = "") -> None:
        self.dismiss(None)


class _ChoiceDialog(_BookScreen):
    """Two buttons under a body: the risky choice and the safe one (focused, and Esc).

    ``RISKY`` and ``SAFE`` are ``(button id, label key, dismissed value)``; a
    subclass binds Esc to ``safe`` and yields its body from :meth:`body`.
    """

    RISKY: tuple[str, str, Any]
    SAFE: tuple[str, str, Any]

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield from self.body()
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr(self.RISKY[1], self.lang), id=self.RISKY[0], variant="warning")
                yield Button(tr(self.SAFE[1], self.lang), id=self.SAFE[0], variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#{self.SAFE[0]}", Button).focus()

    def action_safe(self, _lang: str = "") -> None:
        self.dismiss(self.SAFE[2])

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(self.RISKY[2] if event.button.id == self.RISKY[0] else self.SAFE[2])


def _until(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


class CustomersScreen(_BookScreen):
    """Search as you type; ↑↓ move, Enter opens the highlighted customer (dismisses with its id)."""

    BINDINGS = lang_bindings([("escape", "close", "tui.b_close"), ("down", "move(1)", "tui.b_next"),
                              ("up", "move(-1)", "tui.b_previous")])

    def __init__(self, lang: str, search: Callable[[str], list[CustomerHit]], *, cursor_blink: bool = True,
                 initial: str = "") -> None:
        super().__init__(classes="dialog customers-dialog")
        self.lang = lang
        self.search = search
        self.cursor_blink = cursor_blink
        self.initial = initial
        self.shown_for: str | None = None  # the query whose hits the table shows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box book-box"):
            yield Static(tr("tui.customers_title", self.lang), classes="dialog-title", markup=False)
            yield Static(tr("tui.customers_hint", self.lang), classes="dialog-hint", markup=False)
            yield Input(self.initial, placeholder=tr("tui.customers_placeholder", self.lang), id="customer-query")
            yield DataTable(id="customer-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="customer-status", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("ID", key="id")
        for key in ("name", "partner", "until", "version"):
            table.add_column(tr(f"tui.col_{key}", self.lang), key=key)
        field = self.query_one(Input)
        field.cursor_blink = self.cursor_blink
        field.focus()
        self.run_search(field.value)

    @on(Input.Changed, "#customer-query")
    def _typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="customer-search")
    def run_search(self, text: str) -> None:
        """The book's search (a database call) off the UI thread; only the latest query's hits are shown."""
        try:
            hits = self.search(text)
        except InputError as error:
            self.app.call_from_thread(self._status, str(error), True)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_hits, text, hits)

    def show_hits(self, text: str, hits: list[CustomerHit]) -> None:
        if text != self.query_one(Input).value:
            return  # an older query's answer
        table = self.query_one(DataTable)
        table.clear()
        for hit in hits:
            table.add_row(str(hit.id), literal(hit.name, one_line=True), literal(hit.partner or "", one_line=True),
                          _until(hit.active_until), str(hit.version), key=str(hit.id))
        self.shown_for = text
        self._status(tr("tui.customers_none", self.lang) if not hits else
                     f"{len(hits)} {tr('tui.customers_count', self.lang)}", False)

    def _status(self, message: str, error: bool) -> None:
        self.query_one("#customer-status", Static).update(literal(message, "red" if error else "", one_line=True))

    @property
    def hit_ids(self) -> list[int]:
        table = self.query_one(DataTable)
        return [int(str(row.value)) for row in table.rows]

    def action_move(self, step: int, _lang: str = "") -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def _choose(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self.dismiss(int(str(key.value)))

    @on(Input.Submitted, "#customer-query")
    def _submitted(self) -> None:
        self._choose()

    @on(DataTable.RowSelected, "#customer-table")
    def _selected(self) -> None:
        self._choose()


def fees_text(item: ExpiringCustomer, lang: str) -> str:
    """Each renewal fee named by its option's title (the id only if the title is unknown)."""
    titles = item.option_titles
    items = [f"{titles[option](lang) if option in titles else option} {yen(fee, lang)}"
             for option, fee in item.annual_fees_jpy.items()]
    return (join_list(items, lang) if lang == "ja" else "; ".join(items)) or "—"


class RenewalsScreen(_BookScreen):
    """Customers whose maintenance ends soon, with the renewal's annual fees; Enter opens one (MNT-1)."""

    BINDINGS = lang_bindings([("escape", "close", "tui.b_close")])

    def __init__(self, lang: str, items: list[ExpiringCustomer], days: int, today: dt.date) -> None:
        super().__init__(classes="dialog renewals-dialog")
        self.lang, self.items, self.days, self.today = lang, items, days, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box book-box wide-box"):
            title = tr("tui.renewals_title", self.lang).format(days=self.days, today=self.today.isoformat())
            yield Static(title, classes="dialog-title", markup=False)
            yield Static(tr("tui.renewals_hint", self.lang), classes="dialog-hint", markup=False)
            yield DataTable(id="renewals-table", cursor_type="row", zebra_stripes=True)
            if not self.items:
                yield Static(tr("tui.renewals_none", self.lang).format(days=self.days), markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("ID", key="id")
        for key in ("name", "partner", "until", "days_left", "fees"):
            table.add_column(tr(f"tui.col_{key}", self.lang), key=key)
        for item in self.items:
            c = item.customer
            table.add_row(str(c.id), literal(c.name, one_line=True), literal(c.partner or "", one_line=True),
                          item.active_until.isoformat(), str(item.days_left),
                          fees_text(item, self.lang), key=str(c.id))
        table.focus()

    @on(DataTable.RowSelected, "#renewals-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(str(event.row_key.value)))


class ConflictDialog(_ChoiceDialog):
    """Someone else saved first: who and when; reload (drop the edits) or keep editing.

    Dismisses with ``"reload"`` or ``"keep"`` (Esc keeps editing).
    """

    BINDINGS = lang_bindings([("escape", "safe", "tui.keep_editing")])
    RISKY = ("reload", "tui.reload", "reload")
    SAFE = ("keep", "tui.keep_editing", "keep")

    def __init__(self, lang: str, *, name: str, conflict: ConflictError) -> None:
        super().__init__(classes="dialog conflict-dialog")
        self.lang, self.customer_name, self.conflict = lang, name, conflict

    def message(self) -> Text:
        c = self.conflict
        when = c.at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        template = tr("tui.conflict_text", self.lang)
        # Fill the template around the user's text, so a name or agent is never read as markup.
        out = Text(end="")
        values = {"name": self.customer_name, "by": c.by, "at": when, "current": str(c.current_version),
                  "based": str(c.based_on)}
        rest = template
        while "{" in rest:
            before, _, after = rest.partition("{")
            key, _, rest = after.partition("}")
            out.append(before)
            out.append_text(literal(values.get(key, key), "bold", one_line=True))
        out.append(rest)
        return out

    def body(self) -> ComposeResult:
        yield Static(tr("tui.conflict_title", self.lang), classes="dialog-title", markup=False)
        yield Static(self.message(), id="conflict-text")
