"""The comparison at a glance: one DataTable, options in the recommended order.

Wide: one column per option, one row per fact (status, why, annual fee, spot
cost, break-even, open now / next opening, channels, languages, first
contact). Narrow: one row per option, and as many facts as fit, dropped by
priority from the end (first contact, languages, channels, why, break-even);
status, cost and next opening always stay and no option is ever dropped.
Edits update the cells in place; the table is rebuilt only when the set of
options, the layout or the language changes.

Everything shown comes from :class:`ontime_support.present.view.ComparisonView`;
texts from plugins and files are shown literally (``Text`` objects, never markup).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ontime_support.present.labels import WEEKDAYS, join_list, norm_lang, paren
from ontime_support.present.when import SEP
from ontime_support.present.view import ComparisonView, OptionView

from ..text import literal, tr

STATUS_STYLE = {"eligible": "bold green", "conditional": "bold yellow", "ineligible": "bold red",
                "error": "bold red reverse"}

Fact = Callable[[OptionView, str, bool], Text]


def _cell(value: str | None, style: str = "") -> Text:
    return literal("—" if value is None else value, style, one_line=True)


def status(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(f"{o.status.symbol} {o.status.label}", STATUS_STYLE.get(o.status.code, ""))


def why(o: OptionView, lang: str, wide: bool) -> Text:
    text = o.why if o.why_clause is None else f"{o.why} [{o.why_clause}]"
    return _cell(text)


def annual_fee(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(o.pricing.annual_fee if o.pricing else None)


def no_spot_hours(o: OptionView) -> bool:
    return o.pricing is not None and o.pricing.no_spot_hours


def spot_cost(o: OptionView, lang: str, wide: bool) -> Text:
    p = o.pricing
    if p is None or p.spot_cost is None:
        return _cell(None)
    if no_spot_hours(o):
        return _cell(tr("tui.no_spot_hours", lang), "dim")
    # "(billed as 12 h)" only where billing changes the expected hours (minimum, rounding units)
    billed = (paren(f"{tr('billed_hours', lang)} {p.billed_hours_text}", lang)
              if wide and p.billing_changes_hours else "")
    return _cell(p.spot_cost + billed)


def cost(o: OptionView, lang: str, wide: bool) -> Text:
    """Narrow: the annual fee, else the spot cost for the expected hours."""
    p = o.pricing
    if p is None:
        return _cell(None)
    if p.annual_fee is not None:
        return _cell(f"{p.annual_fee}{tr('tui.per_year', lang)}")
    if no_spot_hours(o):
        return _cell(tr("tui.no_spot_hours", lang), "dim")
    if p.spot_cost is not None:
        spot = paren(tr("tui.spot", lang), lang) if lang == "ja" else f" {tr('tui.spot', lang)}"
        return _cell(f"{p.spot_cost}{spot}")
    return _cell(None)


def break_even(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(o.pricing.break_even_text if o.pricing else None)


def _short(iso: str, lang: str) -> str:
    """``11-30 (Mon) 16:00`` in the customer's zone (the top bar names the zone)."""
    import datetime as dt

    value = dt.datetime.fromisoformat(iso)
    day = WEEKDAYS[norm_lang(lang)][value.weekday()]
    return f"{value:%m-%d}（{day}）{value:%H:%M}" if lang == "ja" else f"{value:%m-%d} ({day}) {value:%H:%M}"


def opening(o: OptionView, lang: str, wide: bool, today: str | None = None) -> Text:
    """Open now and until when, or the next opening. Narrow (one row per option, at most 24 cells): a
    closing time on ``today`` (``YYYY-MM-DD``, the date in the top bar) is shown without its date, and
    one on another day drops the words (the green ● says open), so the time is never cut off."""
    h = o.hours
    if h is None or not h.known:
        return _cell(tr("hours_unknown", lang), "dim")
    if h.open_now:
        closes = h.closes_at
        words = tr("open_now", lang)
        if closes is None:
            when = ""
        elif wide:
            when = closes.text
        elif closes.customer_iso[:10] == today:
            when = closes.customer_iso[11:16]
        else:
            when, words = _short(closes.customer_iso, lang), ""
        return _cell(" ".join(x for x in ("●", words, "→", when) if x).rstrip(" →"), "green")
    nxt = h.next_open
    when = "—" if nxt is None else (nxt.text if wide else _short(nxt.customer_iso, lang))
    return _cell(f"○ {when}", "")


def channels(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(join_list(o.hours.channel_names, lang) if o.hours and o.hours.channel_names else None)


def languages(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(join_list(o.hours.language_names, lang) if o.hours and o.hours.language_names else None)


def first_contact(o: OptionView, lang: str, wide: bool) -> Text:
    return _cell(o.first_contact)


#: wide layout: (key, label key, fact) rows
WIDE_ROWS: tuple[tuple[str, str, Fact], ...] = (
    ("status", "status", status), ("why", "why", why), ("annual_fee", "annual_fee", annual_fee),
    ("spot_cost", "spot_cost", spot_cost), ("break_even", "break_even", break_even),
    ("opening", "tui.next_or_closes", opening), ("channels", "channels", channels),
    ("languages", "languages", languages), ("first_contact", "first_contact", first_contact),
)
#: narrow layout: (key, label key, fact, min width), in the order they are dropped last-first
NARROW_COLUMNS: tuple[tuple[str, str, Fact, int], ...] = (
    ("status", "status", status, 13), ("cost", "cost", cost, 16), ("opening", "tui.next_or_closes", opening, 23),
    ("break_even", "break_even", break_even, 16), ("why", "why", why, 30),
    ("channels", "channels", channels, 14), ("languages", "languages", languages, 12),
    ("first_contact", "first_contact", first_contact, 20),
)
#: wide rows that wrap (up to four lines) instead of cutting: an instant with the provider's time, a spot cost
#: with the hours it is billed as
WRAPPED_ROWS = frozenset({"opening", "spot_cost"})
TITLE_MIN = 14
TITLE_FLOOR = 8
WIDE_LABEL = 22
WIDE_COLUMN_MIN = 24


def title(o: OptionView) -> Text:
    out = Text(end="")
    if o.rank is not None:
        out.append(f"★{o.rank} ", style="bold yellow")
    out.append_text(literal(o.title, "bold", one_line=True))
    return out


def _fit(text: Text, width: int) -> Text:
    if text.cell_len <= width:
        return text
    text = text.copy()
    text.truncate(max(1, width), overflow="ellipsis")
    return text


def _wrap_instant(text: Text, width: int) -> Text:
    """``text`` on one line if it fits ``width``; else broken before the provider's time (``SEP``) when both
    parts fit, else at spaces: the zones are not cut off in a narrow column (at most four lines: "● 受付中 →",
    the date and time, the customer's zone, the provider's time)."""
    if text.cell_len <= width:
        return text
    plain = text.plain
    if SEP in plain:
        at = plain.index(SEP)
        first, second = text[:at], text[at + 1:]  # the second line starts with "· "
        if first.cell_len <= width and second.cell_len <= width:
            return Text("\n", end="").join([first, second])
    lines: list[Text] = []
    start = 0
    while start < len(plain) and len(lines) < 4:
        end = len(plain)
        while text[start:end].cell_len > width and " " in plain[start + 1:end]:
            end = plain.rindex(" ", start + 1, end)
        lines.append(_fit(text[start:end], width))
        start = end + 1 if end < len(plain) else end
    if start < len(plain):
        lines[-1] = _fit(Text.assemble(lines[-1], "…"), width)
    return Text("\n", end="").join(lines)


def _lines(text: Text) -> int:
    return text.plain.count("\n") + 1


class Matrix(DataTable[Text]):
    """The options side by side (wide) or one per row (narrow); :meth:`show` passes the view down."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    class Selected(Message):
        """The user opened an option (Enter, click, or 1-9)."""

        def __init__(self, option_id: str) -> None:
            super().__init__()
            self.option_id = option_id

    def __init__(self, **kwargs: object) -> None:
        super().__init__(zebra_stripes=True, cursor_foreground_priority="renderable", **kwargs)  # type: ignore[arg-type]
        self.view: ComparisonView | None = None
        self.hidden: frozenset[str] = frozenset()
        self._shape: tuple[object, ...] = ()
        self.option_ids: list[str] = []
        self.wide = False

    # ------------------------------------------------------------------ layout

    def _options(self) -> list[OptionView]:
        assert self.view is not None
        return [o for o in self.view.options if o.id not in self.hidden]

    def _narrow_plan(self, width: int, options: list[OptionView], lang: str) -> tuple[int, list[tuple[str, str, Fact, int]]]:
        """The title width and the fact columns that fit ``width`` (each column has 2 cells of padding).

        Status, cost and next opening take the width their content needs; the
        other facts are dropped from the end until the option titles keep
        ``TITLE_MIN`` cells.
        """
        assert self.view is not None
        columns = []
        for key, label_key, fact, least in NARROW_COLUMNS:
            if key == "opening":
                fact = partial(opening, today=self.view.at.customer_iso[:10])
            need = max([literal(tr(label_key, lang)).cell_len] + [fact(o, lang, False).cell_len for o in options])
            columns.append((key, label_key, fact, min(max(least, need), 24 if key != "why" else least)))
        while True:
            used = sum(c[3] + 2 for c in columns) + 2
            if width - used >= TITLE_MIN or len(columns) <= 3:
                break
            columns.pop()
        title_need = max([title(o).cell_len for o in options] + [TITLE_MIN])
        # status, cost and next opening never leave; when even they are tight (Japanese at 80 columns) the
        # titles give way rather than the table scrolling sideways and hiding the end of the opening column
        title_width = max(TITLE_FLOOR if width - used < TITLE_MIN else TITLE_MIN, min(title_need, width - used))
        spare = width - used - title_width
        if spare > 0 and columns[-1][0] == "why":  # give the room to the one-line why
            columns[-1] = (*columns[-1][:3], columns[-1][3] + spare)
        return title_width, columns

    def show(self, view: ComparisonView, hidden: frozenset[str] = frozenset()) -> None:
        self.view, self.hidden = view, hidden
        self._render_view()

    def on_resize(self) -> None:
        if self.view is not None:
            self._render_view()

    def _render_view(self) -> None:
        assert self.view is not None
        options = self._options()
        width = self.scrollable_content_region.width or self.size.width or 80
        lang = self.view.lang
        wide = width >= WIDE_LABEL + 2 + len(options) * (WIDE_COLUMN_MIN + 2)
        ids = [o.id for o in options]
        if wide:
            col_w = max(WIDE_COLUMN_MIN, (width - WIDE_LABEL - 2) // max(1, len(options)) - 2)
            heights = {key: max([_lines(_wrap_instant(fact(o, lang, True), col_w)) for o in options] + [1])
                       for key, _label, fact in WIDE_ROWS if key in WRAPPED_ROWS}
            shape: tuple[object, ...] = ("wide", lang, tuple(ids), col_w, tuple(sorted(heights.items())))
        else:
            title_w, columns = self._narrow_plan(width, options, lang)
            shape = ("narrow", lang, tuple(ids), title_w, tuple((c[0], c[3]) for c in columns))
        rebuild = shape != self._shape
        self.wide, self.option_ids = wide, ids
        if wide:
            self._wide(options, lang, col_w, rebuild, heights)
        else:
            self._narrow(options, lang, title_w, columns, rebuild)
        self._shape = shape

    def _wide(self, options: list[OptionView], lang: str, col_w: int, rebuild: bool,
              heights: dict[str, int] | None = None) -> None:
        """One column per option; the opening and spot cost rows take more lines when their text does not
        fit the column (the provider's zone and the billed hours stay visible)."""
        def cell(key: str, fact: Fact, o: OptionView) -> Text:
            value = fact(o, lang, True)
            return _wrap_instant(value, col_w) if key in WRAPPED_ROWS else _fit(value, col_w)

        if rebuild:
            cursor = self.cursor_column
            self.clear(columns=True)
            self.cursor_type = "column"
            self.fixed_columns = 1
            self.add_column(Text(""), width=WIDE_LABEL, key="_label")
            for o in options:
                self.add_column(_fit(title(o), col_w), width=col_w, key=o.id)
            for key, label_key, fact in WIDE_ROWS:
                cells = [_fit(literal(tr(label_key, lang), "bold"), WIDE_LABEL)]
                cells += [cell(key, fact, o) for o in options]
                self.add_row(*cells, key=key, height=(heights or {}).get(key, 1))
            self.move_cursor(column=max(1, min(cursor, len(options))))
            return
        for o in options:
            for key, _label, fact in WIDE_ROWS:
                self._update(key, o.id, cell(key, fact, o))

    def _narrow(self, options: list[OptionView], lang: str, title_w: int,
                columns: list[tuple[str, str, Fact, int]], rebuild: bool) -> None:
        if rebuild:
            cursor = self.cursor_row
            self.clear(columns=True)
            self.cursor_type = "row"
            self.fixed_columns = 0
            self.add_column(_fit(literal(tr("option", lang), "bold"), title_w), width=title_w, key="_title")
            for key, label_key, _fact, width in columns:
                self.add_column(_fit(literal(tr(label_key, lang), "bold"), width), width=width, key=key)
            for o in options:
                cells = [_fit(title(o), title_w)] + [_fit(fact(o, lang, False), w) for _k, _l, fact, w in columns]
                self.add_row(*cells, key=o.id)
            self.move_cursor(row=min(cursor, max(0, len(options) - 1)))
            return
        for o in options:
            self._update(o.id, "_title", _fit(title(o), title_w))
            for key, _label, fact, width in columns:
                self._update(o.id, key, _fit(fact(o, lang, False), width))

    def _update(self, row: str, column: str, value: Text) -> None:
        if self.get_cell(row, column) != value:
            self.update_cell(row, column, value)

    # ------------------------------------------------------------------ selection

    @property
    def current(self) -> str | None:
        """The option under the cursor."""
        if not self.option_ids:
            return None
        if self.wide:
            index = self.cursor_column - 1
        else:
            index = self.cursor_row
        return self.option_ids[index] if 0 <= index < len(self.option_ids) else None

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.option_ids):
            if self.wide:
                self.move_cursor(column=number)
            else:
                self.move_cursor(row=number - 1)
            self.post_message(self.Selected(self.option_ids[number - 1]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not self.wide and event.row_key.value in self.option_ids:
            self.post_message(self.Selected(str(event.row_key.value)))

    def on_data_table_column_selected(self, event: DataTable.ColumnSelected) -> None:
        event.stop()
        if self.wide and event.column_key.value in self.option_ids:
            self.post_message(self.Selected(str(event.column_key.value)))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
