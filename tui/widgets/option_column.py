"""One support option as a column: verdict, reasons, hours, cost and escalation.

Everything shown comes from the kernel's :class:`OptionResult`; this module
only lays it out.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from rich.text import Text as RichText
from textual.containers import VerticalScroll

from ontime_support.kernel.models import OptionResult, Reason
from ontime_support.present.report import CHANNEL_LABELS, STATUS_LABELS, money, number, weekly_text

from ..i18n import tr
from .clock import when
from .wrap import WrappedText

STATUS_STYLE = {"eligible": "bold green", "conditional": "bold yellow", "ineligible": "bold red"}
_STATE_CLASSES = frozenset({"-eligible", "-conditional", "-ineligible", "-error", "-none", "-recommended"})
STATUS_MARK = {"eligible": "●", "conditional": "◐", "ineligible": "○"}


def column_id(option_id: str) -> str:
    return "col-" + "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in option_id)


def _reasons(out: RichText, reasons: tuple[Reason, ...], lang: str, indent: str = "  ") -> None:
    for reason in reasons:
        out.append(f"{indent}• {reason.text(lang)} ")
        out.append(f"[{reason.clause}]", style="bold cyan")
        out.append("\n")


def _when(value, lang: str, customer_zone: str | None) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return "—"
    text = when(value, lang)
    if customer_zone and customer_zone != str(value.tzinfo):
        local = value.astimezone(ZoneInfo(customer_zone))
        text += f" = {when(local, lang)} ({tr('in_customer_zone', lang)})"
    return text


def render_option(result: OptionResult, lang: str, customer_zone: str | None,
                  rank: int | None, rank_reasons: tuple[Reason, ...]) -> RichText:
    """The column's text (also used by tests and the screenshot)."""
    out = RichText()
    if rank is not None:
        out.append(f"★{rank} ", style="bold yellow")
    out.append(result.option.title(lang), style="bold")
    out.append(f"\n{result.option.id} · {result.plugin}\n", style="dim")
    if rank is not None and rank_reasons:
        out.append(f"{tr('why_rank', lang)}:\n", style="yellow")
        _reasons(out, rank_reasons, lang)
    if result.error is not None:
        out.append(f"\n✖ {tr('plugin_error', lang)}\n", style="bold red")
        out.append(f"{result.error.plugin} · {result.error.hook}\n", style="red")
        out.append(f"{result.error.message}\n", style="red")
        return out
    e = result.eligibility
    if e is not None:
        status = e.status.value
        out.append(f"\n{STATUS_MARK[status]} {STATUS_LABELS[status](lang)}\n", style=STATUS_STYLE[status])
        _reasons(out, e.reasons, lang)
    h = result.hours
    if h is not None:
        out.append(f"\n{tr('hours_provider', lang)}", style="bold")
        out.append(f" ({h.timezone})\n" if h.timezone else "\n")
        for line in weekly_text(h, lang):
            out.append(f"  {line}\n")
        if h.open_now is None:
            out.append(f"  {tr('hours_unknown', lang)}\n", style="dim")
        elif h.open_now:
            out.append(f"  ● {tr('open_now', lang)}", style="green")
            out.append(f", {tr('closes_at', lang)} {_when(h.closes_at, lang, customer_zone)}\n")
        else:
            out.append(f"  ○ {tr('closed_now', lang)}\n", style="red")
            out.append(f"  {tr('next_open', lang)}: {_when(h.next_open, lang, customer_zone)}\n")
        if h.open_now is not None:
            out.append(f"  {tr('email_now', lang)}: {_when(h.email_handled_from, lang, customer_zone)}\n")
        if h.channels:
            labels = [CHANNEL_LABELS[c](lang) if c in CHANNEL_LABELS else c for c in h.channels]
            out.append(f"  {tr('channels', lang)}: {', '.join(labels)}\n")
        if h.languages:
            out.append(f"  {tr('languages', lang)}: {', '.join(h.languages)}\n")
        _reasons(out, h.notes, lang)
    p = result.pricing
    if p is not None:
        out.append(f"\n{tr('pricing', lang)}\n", style="bold")
        out.append(f"  {tr('annual_fee', lang)}: {money(p.annual_fee_jpy, lang)}\n")
        if p.spot_rate_jpy_per_hour is not None:
            out.append(f"  {tr('spot_rate', lang)}: {money(p.spot_rate_jpy_per_hour, lang)} {tr('per_hour', lang)}\n")
        out.append(f"  {tr('spot_cost', lang)}: {money(p.spot_cost_jpy, lang)}\n")
        if p.break_even_hours is not None:
            out.append(f"  {tr('break_even', lang)}: {number(p.break_even_hours)} {tr('hours_a_year', lang)}\n")
        _reasons(out, p.notes, lang)
    if result.escalation:
        out.append(f"\n{tr('escalation', lang)}\n", style="bold")
        for i, step in enumerate(result.escalation, 1):
            out.append(f"  {i}. {step.to(lang)}: {step.why(lang)} ")
            out.append(f"[{step.clause}]", style="bold cyan")
            out.append("\n")
    out.rstrip()
    return out


class OptionColumn(VerticalScroll):
    """A scrollable column for one option; :meth:`show` replaces its content."""

    def __init__(self, option_id: str) -> None:
        super().__init__(id=column_id(option_id), classes="option-column")
        self.option_id = option_id
        self.text = RichText()

    def compose(self):  # type: ignore[no-untyped-def]
        yield WrappedText(self.text, classes="option-body")

    def show(self, result: OptionResult, lang: str, customer_zone: str | None,
             rank: int | None, rank_reasons: tuple[Reason, ...]) -> None:
        self.text = render_option(result, lang, customer_zone, rank, rank_reasons)
        status = "error" if result.error else (result.eligibility.status.value if result.eligibility else "none")
        wanted = {f"-{status}"} | ({"-recommended"} if rank is not None else set())
        current = {c for c in self.classes if c in _STATE_CLASSES}
        if current != wanted:  # restyle only when the state really changes
            self.remove_class(*(current - wanted))
            self.add_class(*(wanted - current))
        if self.is_mounted:
            self.query_one(".option-body", WrappedText).update(self.text)

    @property
    def plain(self) -> str:
        return self.text.plain
