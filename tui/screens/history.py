"""A stored customer's history: every version (who, when, what changed) and the cases logged.

Data comes down as attributes (``versions``, ``cases``; the app sets them
again after a restore). Enter or R on a version asks first, then sends
:class:`HistoryScreen.Restore` up; the app writes the restore as a new version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from ontime_support.present.labels import colon, paren
from ontime_support.kernel.text import LANGS

from ..text import literal, tr
from .customers import _BookScreen, _ChoiceDialog, lang_bindings

if TYPE_CHECKING:
    from ontime_support.book.records import Case, CustomerVersion


class ConfirmDialog(_ChoiceDialog):
    """A yes/no question; dismisses with ``True`` or ``False`` (Esc: no)."""

    BINDINGS = lang_bindings([("escape", "safe", "tui.no")])
    RISKY = ("yes", "tui.yes", True)
    SAFE = ("no", "tui.no", False)

    def __init__(self, lang: str, question: str) -> None:
        super().__init__(classes="dialog confirm-dialog")
        self.lang = lang
        self.question = question

    def body(self) -> ComposeResult:
        yield Static(literal(self.question), id="confirm-text")


class HistoryScreen(_BookScreen):
    """Two tabs: the versions (newest first) and the customer's cases (newest first)."""

    BINDINGS = lang_bindings([("escape", "close", "tui.b_close"), ("r", "restore", "tui.b_restore")])

    versions: reactive[tuple[CustomerVersion, ...]] = reactive((), init=False, always_update=True)
    cases: reactive[tuple[Case, ...]] = reactive((), init=False, always_update=True)

    class Restore(Message):
        """The agent confirmed: make ``version`` of ``customer_id`` current again."""

        def __init__(self, customer_id: int, version: int) -> None:
            super().__init__()
            self.customer_id = customer_id
            self.version = version

    def __init__(self, lang: str, customer_id: int, customer_name: str, versions: list[CustomerVersion],
                 cases: list[Case]) -> None:
        super().__init__(classes="dialog history-dialog")
        self.lang = lang
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.ready = False  # the tables have their columns (on_mount)
        self.set_reactive(HistoryScreen.versions, tuple(versions))
        self.set_reactive(HistoryScreen.cases, tuple(cases))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box book-box wide-box"):
            title = literal(f"{tr('tui.history_title', self.lang)}{colon(self.lang)}", "bold")
            title.append_text(literal(f"{self.customer_name}{paren(f'#{self.customer_id}', self.lang)}", "bold", one_line=True))
            yield Static(title, classes="dialog-title")
            yield Static(tr("tui.history_hint", self.lang), classes="dialog-hint", markup=False)
            with TabbedContent(id="history-tabs"):
                with TabPane(tr("tui.tab_versions", self.lang), id="tab-versions"):
                    yield DataTable(id="versions-table", cursor_type="row", zebra_stripes=True)
                with TabPane(tr("tui.tab_cases", self.lang), id="tab-cases"):
                    yield DataTable(id="cases-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        versions = self.query_one("#versions-table", DataTable)
        for key in ("version", "when", "who", "changed"):
            versions.add_column(tr(f"tui.col_{key}", self.lang), key=key)
        cases = self.query_one("#cases-table", DataTable)
        cases.add_column(tr("tui.col_case", self.lang), key="case")
        for key in ("when", "asked", "version", "who", "recommended", "quote"):
            cases.add_column(tr(f"tui.col_{key}", self.lang), key=key)
        self.ready = True
        self.watch_versions()
        self.watch_cases()
        versions.focus()

    def watch_versions(self) -> None:
        if not self.ready:  # new rows before the columns (a second F7 answered early): on_mount fills the table
            return
        table = self.query_one("#versions-table", DataTable)
        table.clear()
        for v in reversed(self.versions):
            changed = tr("tui.created", self.lang) if v.version == 1 else (", ".join(
                tr(f"book.{k}", self.lang) if k in ("archived", "unarchived") else k for k in v.change_names()) or "—")
            table.add_row(str(v.version), v.at.strftime("%Y-%m-%d %H:%M:%S"), literal(v.agent, one_line=True),
                          literal(changed, one_line=True), key=str(v.version))

    def watch_cases(self) -> None:
        if not self.ready:
            return
        table = self.query_one("#cases-table", DataTable)
        table.clear()
        for c in reversed(self.cases):
            table.add_row(str(c.id), c.logged_at.strftime("%Y-%m-%d %H:%M"), literal(c.at_text, one_line=True),
                          str(c.customer_version or ""), literal(c.agent, one_line=True),
                          literal(", ".join(c.recommended), one_line=True),
                          "✔" if c.quote_text is not None else "—", key=str(c.id))

    @property
    def version_numbers(self) -> list[int]:
        return [v.version for v in reversed(self.versions)]

    def action_restore(self, _lang: str = "") -> None:
        if self.query_one(TabbedContent).active != "tab-versions":
            return
        table = self.query_one("#versions-table", DataTable)
        if not table.row_count:
            return
        version = int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        self.ask_restore(version)

    @on(DataTable.RowSelected, "#versions-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.ask_restore(int(str(event.row_key.value)))

    def ask_restore(self, version: int) -> None:
        if self.versions and version == self.versions[-1].version:
            self.notify(tr("tui.restore_current", self.lang), markup=False)
            return
        question = tr("tui.restore_confirm", self.lang).format(version=version)

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(self.Restore(self.customer_id, version))

        self.app.push_screen(ConfirmDialog(self.lang, question), answered)


__all__ = ["LANGS", "ConfirmDialog", "HistoryScreen"]
