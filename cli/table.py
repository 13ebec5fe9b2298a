"""Rich tables for people (``--format table``, ``plugins``, ``settings``).

Everything that came from a user, a file or a plugin is shown literally: cells
are :class:`rich.text.Text` objects (never parsed as markup) built from
:func:`ontime_support.present.safe.visible` text (no control character reaches
the terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console
from rich.containers import Lines
from rich.table import Table
from rich.text import Text as RichText

if TYPE_CHECKING:
    from rich.console import JustifyMethod, OverflowMethod

from ontime_support.present.labels import colon, join_list, label
from ontime_support.present.safe import visible
from ontime_support.present.view import ComparisonView, OptionView

#: Japanese line breaking (kinsoku), simplified: no line starts with these, none ends with the next.
_NO_BREAK_BEFORE = frozenset("、。，．・：；？！）」』】〕ーぁぃぅぇぉっゃゅょァィゥェォッャュョ)]}.,:;!?")
_NO_BREAK_AFTER = frozenset("（「『【〔([{")


def _break_offsets(plain: str, width: int) -> list[int]:
    """Where to break ``plain`` to fit ``width`` cells: after spaces and between two characters when one is
    wide (CJK has no spaces), never inside an ASCII word unless it is longer than a line (then folded)."""
    offsets: list[int] = []
    start, used, last = 0, 0, -1
    for i, ch in enumerate(plain):
        w = cell_len(ch)
        if ch != " " and used + w > width and i > start:
            cut = last if last > start else i
            offsets.append(cut)
            start, used, last = cut, cell_len(plain[cut:i]), -1
        used += w
        if i + 1 < len(plain):
            nxt = plain[i + 1]
            if ch == " " and nxt != " ":
                last = i + 1
            elif (" " not in (ch, nxt) and (cell_len(ch) == 2 or cell_len(nxt) == 2)
                  and nxt not in _NO_BREAK_BEFORE and ch not in _NO_BREAK_AFTER):
                last = i + 1
    return offsets


class Text(RichText):
    """A Rich text that also wraps Japanese between characters (Rich wraps at spaces only, so a Japanese
    sentence is pushed whole to the next line, leaving a clause tag or a step number alone above it)."""

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(_break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip()
            if justify or self.justify:
                pieces.justify(console, width, justify=justify or self.justify or "default",
                               overflow=overflow or self.overflow or "fold")
            for piece in pieces:
                piece.truncate(width, overflow=overflow or self.overflow or "fold")
            lines.extend(pieces)
        return lines


STATUS_STYLE = {"eligible": "green", "conditional": "yellow", "ineligible": "red", "error": "bold red"}


def _t(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style, overflow="fold")


def _c(lang: str) -> str:
    return colon(lang)


def _list(items: tuple[str, ...], lang: str) -> str:
    return join_list(items, lang)


def _lines(*parts: RichText | None) -> Text:
    out = Text(overflow="fold")  # not Text.join: it returns a plain Rich text, which wraps at spaces only
    for p in (p for p in parts if p is not None and p.plain):
        if out.plain:
            out.append("\n")
        out.append_text(p)
    return out


def _clause(text: str, clause: str | None) -> Text:
    """``text [DIR-2]``: the tag follows its text (as in the quote and the path column), so a narrow cell
    never leaves a tag alone on a line above the text it belongs to."""
    out = Text(visible(text), overflow="fold")
    if clause:
        out.append(f" [{visible(clause)}]", style="dim")
    return out


def _tagged(text: str, clause: str | None) -> Table:
    """One line below the table: the tag in its own column, the text wrapping beside it (hanging indent), so
    a long Japanese sentence (no space to break at) starts on the tag's line instead of leaving it alone."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(f"  [{visible(clause)}]" if clause else " ", style="dim"), Text(visible(text), overflow="fold"))
    return grid


def _option_cells(o: OptionView, lang: str) -> list[Text]:
    name = Text()
    if o.rank is not None:
        name.append(f"★{o.rank} ", style="bold")
    name.append(visible(o.title), style="bold" if o.rank is not None else "")
    name.append("\n").append(visible(o.provider), style="dim")
    status = Text(f"{o.status.symbol} {o.status.label}", style=STATUS_STYLE[o.status.code])
    if o.error is not None:
        err = o.error
        detail = _t(f"{label('plugin_error', lang)}{_c(lang)}{err.plugin}, {err.hook}\n{err.message}")
        return [name, _lines(status, detail), Text(), Text(), Text()]
    reasons = [_clause(r.text, r.clause) for r in o.reasons]
    p = o.pricing
    cost: list[Text | None] = []
    if p is not None:
        if p.annual_fee is not None:
            cost.append(_t(f"{label('annual_fee', lang)}{_c(lang)}{p.annual_fee}"))
        if p.spot_rate is not None:
            cost.append(_t(f"{label('spot_rate', lang)}{_c(lang)}{p.spot_rate}"))
        if p.no_spot_hours:
            cost.append(_t(label("no_spot_hours", lang)))  # not "0 JPY (0 h)": nobody expects spot work
        elif p.spot_cost is not None:
            billed = f" → {p.billed_hours_text}" if p.billing_changes_hours else ""
            span = f"（{p.expected_hours_text}{billed}）" if lang == "ja" else f" ({p.expected_hours_text}{billed})"
            cost.append(_t(f"{label('spot_cost', lang)}{span}{_c(lang)}{p.spot_cost}"))
        if p.break_even_text is not None:
            cost.append(_t(f"{label('break_even', lang)}{_c(lang)}{p.break_even_text}"))
    h = o.hours
    hours: list[Text | None] = []
    if h is not None:
        hours.append(_t(h.summary))
        if h.open_now is False and h.email_handled_from is not None:
            hours.append(_t(f"{label('email_now', lang)}{_c(lang)}{h.email_handled_from.text}"))
        hours.extend(_t(w) for w in h.weekly)
        if h.channel_names:
            hours.append(_t(f"{label('channels', lang)}{_c(lang)}{_list(h.channel_names, lang)}", "dim"))
        if h.language_names:
            hours.append(_t(f"{label('languages', lang)}{_c(lang)}{_list(h.language_names, lang)}", "dim"))
    path = [_clause(f"{s.number}. {s.to}", s.clause) for s in o.escalation]
    why = _t(o.why, "italic") if o.rank is not None else None
    return [name, _lines(status, why, *reasons), _lines(*cost), _lines(*hours), _lines(*path)]


def comparison_table(view: ComparisonView) -> Table:
    lang = view.lang
    title = f"{label('title', lang)} — {visible(view.customer_name)}" if view.customer_name else label("title", lang)
    table = Table(title=Text(title), caption=Text(f"{label('as_of', lang)}{_c(lang)}{view.at.text}"), show_lines=True,
                  expand=True)
    for key in ("option", "status", "cost", "hours", "path"):
        table.add_column(label(key, lang), overflow="fold")
    for o in view.options:
        table.add_row(*_option_cells(o, lang))
    return table


def print_comparison(view: ComparisonView, console: Console | None = None) -> None:
    console = console or Console()
    lang = view.lang
    console.print(comparison_table(view))
    for f in view.plugin_failures:
        console.print(_t(f"{label('plugin_failures', lang)}{_c(lang)}{f.plugin}: {f.message}", "red"))
    t = view.triage
    if t is not None:
        console.print(Text(f"{label('triage', lang)}{_c(lang)}", style="bold").append(visible(t.matter_label)))
        for r in (*t.reasons, *t.next_checks):
            console.print(_tagged(r.text, r.clause))
        for s in t.path:
            console.print(_tagged(f"{s.number}. {s.to}{_c(lang)}{s.why}" if s.why else f"{s.number}. {s.to}", s.clause))


def print_plugins(infos: list[Any]) -> None:
    table = Table(title="ontime-support plugins", show_lines=True)
    for header in ("name", "origin", "status", "hooks", "options / notes"):
        table.add_column(header)
    for i in infos:
        notes = "\n".join([*i.options, *([i.message] if i.message else []),
                           *(precedence_line(p, i.name) for p in i.precedence)])
        table.add_row(_t(i.name), _t(i.origin), _t(i.status), _t("\n".join(i.hooks)), _t(notes))
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
        table.add_row(_t(f"{r['section']}.{r['name']}"), _t(repr(r["value"])), _t(repr(r["default"])),
                      _t(r["clause"]), _t(r["help"](lang)))
    Console().print(table)
