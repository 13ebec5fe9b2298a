"""One option in full: reasons with clauses, weekly hours, cost, escalation path."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from ontime_support.present.labels import colon, join_list, paren
from ontime_support.present.view import OptionView, ReasonView
from ontime_support.present.when import zone_name

from ..text import literal, tr
from ..widgets.matrix import STATUS_STYLE
from ..widgets.wrap import WrappedText


def _reasons(out: Text, items: tuple[ReasonView, ...], indent: str = "  ") -> None:
    for reason in items:
        out.append(f"{indent}• ")
        out.append_text(literal(reason.text))
        out.append(" ")
        out.append_text(literal(f"[{reason.clause}]", "bold cyan"))
        out.append("\n")


def _line(out: Text, name: str, value: str | None, lang: str) -> None:
    if value:
        out.append(f"  {name}{colon(lang)}", style="bold")
        out.append_text(literal(value, one_line=True))
        out.append("\n")


def render_detail(o: OptionView, lang: str) -> Text:
    out = Text(end="")
    if o.rank is not None:
        out.append(f"★{o.rank} ", style="bold yellow")
    out.append_text(literal(o.title, "bold", one_line=True))
    out.append("\n")
    out.append_text(literal(" · ".join(dict.fromkeys((o.id, o.provider, o.plugin))), "dim", one_line=True))
    out.append("\n\n")
    out.append(f"{o.status.symbol} {o.status.label}\n", style=STATUS_STYLE.get(o.status.code, ""))
    if o.error is not None:
        out.append(f"{tr('plugin_error', lang)}{colon(lang)}", style="bold red")
        out.append_text(literal(f"{o.error.plugin} · {o.error.hook}: {o.error.message}", "red"))
        out.append("\n")
        return out
    if o.rank_reasons:
        out.append(f"\n{tr('why_rank', lang)}\n", style="bold")
        _reasons(out, o.rank_reasons)
    out.append(f"\n{tr('reasons', lang)}\n", style="bold")
    _reasons(out, o.reasons)
    p = o.pricing
    if p is not None:
        out.append(f"\n{tr('cost', lang)}\n", style="bold")
        _line(out, tr("annual_fee", lang), p.annual_fee, lang)
        _line(out, tr("spot_rate", lang), p.spot_rate, lang)
        if p.no_spot_hours:
            _line(out, f"{tr('spot_cost', lang)}{paren(p.expected_hours_text, lang)}",
                  tr("tui.no_spot_hours_detail", lang), lang)
        elif p.spot_cost:
            billed = paren(f"{tr('billed_hours', lang)} {p.billed_hours_text}", lang) if p.billed_hours_text else ""
            _line(out, f"{tr('spot_cost', lang)}{paren(p.expected_hours_text, lang)}", p.spot_cost + billed, lang)
        _line(out, tr("break_even", lang), p.break_even_text, lang)
        _reasons(out, p.notes)
    h = o.hours
    if h is not None:
        out.append(f"\n{tr('hours', lang)}", style="bold")
        out.append_text(literal(paren(zone_name(h.timezone, lang), lang) if h.timezone else "", one_line=True))
        out.append("\n")
        _line(out, tr("tui.next_or_closes", lang), h.summary, lang)
        if h.email_handled_from is not None:
            _line(out, tr("email_now", lang), h.email_handled_from.text, lang)
        if h.weekly:
            out.append(f"  {tr('weekly_hours', lang)}{paren(tr('in_customer_zone', lang), lang)}{colon(lang).rstrip()}\n",
                       style="bold")
            for line in h.weekly:
                out.append_text(literal(f"    {line}\n"))
        if h.weekly_provider and h.weekly_provider != h.weekly:
            out.append(f"  {tr('weekly_hours', lang)}{paren(tr('in_provider_zone', lang), lang)}{colon(lang).rstrip()}\n",
                       style="bold")
            for line in h.weekly_provider:
                out.append_text(literal(f"    {line}\n"))
        _line(out, tr("channels", lang), join_list(h.channel_names, lang), lang)
        _line(out, tr("languages", lang), join_list(h.language_names, lang), lang)
        _reasons(out, h.notes)
    _line(out, tr("first_contact", lang), o.first_contact, lang)
    if o.escalation:
        out.append(f"\n{tr('escalation', lang)}\n", style="bold")
        for step in o.escalation:
            out.append_text(literal(f"  {step.number}. {step.to}{colon(lang)}{step.why} "))
            out.append_text(literal(f"[{step.clause}]", "bold cyan"))
            out.append("\n")
    out.rstrip()
    return out


class DetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", show=False)]

    def __init__(self, option: OptionView, lang: str) -> None:
        super().__init__(id="detail")
        self.option = option
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body") as body:
            body.border_title = tr("tui.detail_title", self.lang)
            yield WrappedText(render_detail(self.option, self.lang), id="detail-text")
