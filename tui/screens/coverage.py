"""The coverage chart screen: the next 7 days, one lane per option, the customer's time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ontime_support.kernel.text import LANGS
from ontime_support.present.chart import SYMBOLS, Chart, Cover, title, word

from ..text import literal, tr
from ..widgets.coverage import CoverageChart
from ..widgets.footer import DeskFooter



def legend(lang: str) -> str:
    return "  ".join(f"{SYMBOLS[c]} {word(c, lang)}" for c in Cover if c is not Cover.GAP)


class CoverageScreen(Screen[None]):
    """Data down: ``chart`` and ``lang`` (set by the app); Esc or F6 goes back."""

    AUTO_FOCUS = "#coverage"
    #: Esc goes back, as on the other screens (F6, the app's key, toggles); one binding per language.
    BINDINGS = [Binding("escape", f"close('{lang}')", tr("tui.b_back", lang), show=False, id=f"close.escape.{lang}",
                        tooltip=tr("tui.b_back", lang)) for lang in LANGS]
    chart: reactive[Chart | None] = reactive(None, init=False)
    lang: reactive[str] = reactive("en", init=False)

    def __init__(self, chart: Chart, lang: str, customer: str) -> None:
        super().__init__(id="coverage-screen")
        self.customer = customer
        self.set_reactive(CoverageScreen.chart, chart)
        self.set_reactive(CoverageScreen.lang, lang)

    def compose(self) -> ComposeResult:
        assert self.chart is not None
        yield Static(self._title(), id="topbar")
        with VerticalScroll(id="coverage-scroll"):
            yield CoverageChart(self.chart, self.lang, id="coverage")
        yield Static("", id="coverage-cursor")
        yield Static(legend(self.lang), id="coverage-legend", markup=False)
        yield DeskFooter()

    def _title(self) -> str:
        assert self.chart is not None
        return f" {title(self.chart, self.lang)} · " \
               f"{self.customer}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the current language's bindings are active (as in the app)."""
        if parameters and parameters[-1] in LANGS:
            return parameters[-1] == self.lang
        return True

    def action_close(self, _lang: str = "") -> None:
        self.dismiss()

    def on_coverage_chart_moved(self, event: CoverageChart.Moved) -> None:
        self.query_one("#coverage-cursor", Static).update(literal(event.line, one_line=True))

    def _refresh(self) -> None:
        if self.chart is None or not self.is_mounted:
            return
        self.query_one(CoverageChart).show(self.chart, self.lang)
        self.query_one("#topbar", Static).update(literal(self._title(), one_line=True))
        self.query_one("#coverage-legend", Static).update(legend(self.lang))

    def watch_chart(self) -> None:
        self._refresh()

    def watch_lang(self) -> None:
        self._refresh()

    def on_mount(self) -> None:
        self.query_one("#topbar", Static).update(literal(self._title(), one_line=True))
        self.query_one("#coverage-cursor", Static).update(
            literal(self.query_one(CoverageChart).description() or tr("tui.chart_hint", self.lang), one_line=True))
