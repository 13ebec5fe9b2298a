"""The comparison: recommended order on top, one column per option side by side."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.widgets import Static

from ontime_support.kernel.models import Comparison

from ..i18n import tr
from .option_column import OptionColumn


class ComparisonView(Vertical):
    """Shows a :class:`Comparison`; the app passes it down with :meth:`show`."""

    def compose(self) -> ComposeResult:
        # The columns are composed with the screen, so the first frame already shows the comparison.
        app = self.app
        comparison: Comparison | None = getattr(app, "comparison", None)
        yield Static(id="input-banner")
        if comparison is None:
            yield Static(id="recommended")
            yield HorizontalScroll(id="columns")
            return
        lang, hidden = app.language, frozenset(app.hidden)  # type: ignore[attr-defined]
        yield Static(self._recommended(comparison, lang), id="recommended")
        with HorizontalScroll(id="columns"):
            yield from self._columns(comparison, lang, hidden)

    def _columns(self, comparison: Comparison, lang: str, hidden: frozenset[str]) -> list[OptionColumn]:
        shown = [r for r in comparison.options if r.option.id not in hidden]
        ranks = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
        columns = [OptionColumn(r.option.id) for r in shown]
        for column, result in zip(columns, shown, strict=True):
            column.show(result, lang, comparison.customer_timezone, ranks.get(result.option.id),
                        comparison.recommended_reasons.get(result.option.id, ()))
        return columns

    async def show(self, comparison: Comparison, lang: str, hidden: frozenset[str] = frozenset()) -> None:
        shown = [r for r in comparison.options if r.option.id not in hidden]
        ranks = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
        recommended = self.query_one("#recommended", Static)
        text = self._recommended(comparison, lang)
        if text != recommended.content:
            recommended.update(text)
        container = self.query_one("#columns", HorizontalScroll)
        columns = list(container.query_children(OptionColumn))
        if [c.option_id for c in columns] != [r.option.id for r in shown]:
            await container.remove_children()
            await container.mount_all(self._columns(comparison, lang, hidden))
            return
        for column, result in zip(columns, shown, strict=True):
            column.show(result, lang, comparison.customer_timezone, ranks.get(result.option.id),
                        comparison.recommended_reasons.get(result.option.id, ()))

    def show_input_error(self, message: str | None, lang: str) -> None:
        banner = self.query_one("#input-banner", Static)
        banner.update(f"⚠ {tr('invalid_banner', lang)}  {message}" if message else "")
        banner.display = bool(message)

    @staticmethod
    def _recommended(comparison: Comparison, lang: str) -> RichText:
        out = RichText()
        out.append(f"{tr('recommended', lang)}: ", style="bold")
        if not comparison.recommended:
            out.append(tr("none_usable", lang), style="red")
            return out
        titles = {r.option.id: r.option.title(lang) for r in comparison.options}
        for i, oid in enumerate(comparison.recommended, 1):
            if i > 1:
                out.append("   ")
            out.append(f"★{i} ", style="bold yellow")
            out.append(titles.get(oid, oid))
            reasons = comparison.recommended_reasons.get(oid, ())
            if reasons:
                out.append(f" [{', '.join(r.clause for r in reasons)}]", style="cyan")
        return out
