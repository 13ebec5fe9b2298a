"""Rich tables for people (``--format table``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ontime_support.kernel.models import Comparison
from ontime_support.present.report import (
    L,
    MATTER_LABELS,
    STATUS_LABELS,
    hours_summary,
    pricing_lines,
)

STATUS_STYLE = {"eligible": "green", "conditional": "yellow", "ineligible": "red"}


def print_comparison(comparison: Comparison, lang: str, customer_name: str | None = None) -> None:
    console = Console()
    title = L["title"](lang) + (f" — {customer_name}" if customer_name else "")
    table = Table(title=title, show_lines=True, expand=True)
    for header in ("option", "status", "cost", "hours", "path"):
        table.add_column(header)
    rank = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
    for r in comparison.options:
        label = f"{r.option.title(lang)}\n[dim]{r.option.id}[/dim]"
        if r.option.id in rank:
            label = f"[bold]#{rank[r.option.id]}[/bold] " + label
        if r.error is not None:
            table.add_row(label, f"[red]error in {r.error.hook}[/red]", "", "", r.error.message)
            continue
        e = r.eligibility
        assert e is not None
        status = f"[{STATUS_STYLE[e.status.value]}]{STATUS_LABELS[e.status.value](lang)}[/]\n" + "\n".join(
            f"[{x.clause}] {x.text(lang)}" for x in e.reasons)
        p = r.pricing
        cost = "\n".join(pricing_lines(p, lang)) if p is not None else ""
        hours = hours_summary(r.hours, lang, comparison.customer_timezone)
        path = "\n".join(f"{i}. {s.to(lang)} [{s.clause}]" for i, s in enumerate(r.escalation, 1))
        table.add_row(label, status, cost, hours, path)
    console.print(table)
    if comparison.triage is not None:
        t = comparison.triage
        console.print(f"[bold]{L['triage'](lang)}:[/bold] {MATTER_LABELS[t.matter.value](lang)}")
        for x in (*t.reasons, *t.next_checks):
            console.print(f"  [{x.clause}] {x.text(lang)}", markup=False)
        for i, s in enumerate(t.path, 1):
            console.print(f"  {i}. {s.to(lang)}: {s.why(lang)} [{s.clause}]", markup=False)


def print_plugins(infos: list[Any]) -> None:
    table = Table(title="ontime-support plugins", show_lines=True)
    for header in ("name", "origin", "status", "hooks", "options / notes"):
        table.add_column(header)
    for i in infos:
        notes = "\n".join([*i.options, *([i.message] if i.message else []),
                           *(precedence_line(p, i.name) for p in i.precedence)])
        table.add_row(i.name, i.origin, i.status, "\n".join(i.hooks), notes)
    Console().print(table)


def precedence_line(p: Any, plugin: str) -> str:
    """A partner's own option replacing the generic one, worded from the host's data."""
    if plugin == p.winner_plugin:
        return (f"option {p.winner!r} wins over {p.loser!r} ({p.loser_plugin}) for customers of partner "
                f"{p.partner_id!r}: a partner's own plugin takes precedence over the generic partner directory")
    return f"option {p.loser!r} gives way to {p.winner!r} ({p.winner_plugin}) for customers of partner {p.partner_id!r}"


def print_settings(rows: list[dict[str, Any]], lang: str) -> None:
    table = Table(title="ontime-support settings", show_lines=False)
    for header in ("setting", "value", "default", "clause", "meaning"):
        table.add_column(header)
    for r in rows:
        table.add_row(f"{r['section']}.{r['name']}", repr(r["value"]), repr(r["default"]), r["clause"],
                      r["help"](lang))
    Console().print(table)
