"""The quote a customer can receive (issue #11), as a document both Markdown and HTML render.

Built from the view model only. What the quote does:

* names options by their titles (never an internal option id or plugin name);
* shows each reason once (identical texts are shown at their first place only);
* leaves out what does not apply: options the customer cannot use are listed
  briefly at the end with their one-line reason and no cost notes; options a
  plugin could not assess are listed there too, without the technical message;
* states the instant in the customer's zone and a validity date;
* gives every price before tax, the consumption tax and the total (integer JPY,
  tax rounded down), with the rate and whether the list prices include tax;
* names the desk's agent when known.

The settings come from the ``[quote]`` table of the settings file
(:func:`load_quote_settings`); every key is optional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from attrs import validators as v

from ontime_support.kernel.models import FieldValueError
from ontime_support.kernel.text import T
from ontime_support.sdk.money import yen

from .labels import LABELS, join_list, paren
from .view import ComparisonView, OptionView, ReasonView
from .when import zone_name

QUOTE_SECTION = "quote"


def _non_negative_int(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldValueError(attribute.name, f"expected a whole number ≥ 0, got {value!r}")


def _percent(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tax rate in percent: 0 to 100 (a rate of 1000 % is a typo, not a tax)."""
    _non_negative_int(inst, attribute, value)
    if isinstance(value, int) and value > 100:
        raise FieldValueError(attribute.name, f"a rate in percent from 0 to 100, got {value!r}")


def _countries(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    from ontime_support.loading.validate import check_country_code

    if type(value) is not tuple or not all(isinstance(c, str) for c in value):
        raise FieldValueError(attribute.name, f"expected a list of country codes such as [\"JP\"], got {value!r}")
    problem = next(filter(None, map(check_country_code, value)), None)
    if problem is not None:
        raise FieldValueError(attribute.name, problem)


def _doc(default: Any, en: str, ja: str, validator: Any) -> Any:
    """A documented quote setting, listed by ``ontime-support settings`` (clause ``None``: the tool's own)."""
    return attrs.field(default=default, validator=validator, metadata={"clause": None, "help": T(en, ja)})


@attrs.frozen(kw_only=True)
class QuoteSettings:
    """``[quote]`` in the settings file.

    ``validity_days``: the quote is valid this many days after the day it is made
    (in the customer's zone); ``consumption_tax_percent``: the rate applied;
    ``list_prices_include_tax``: whether the providers' prices already include it;
    ``taxed_countries``: the customers' countries the tax applies to (others: no tax added).
    """

    validity_days: int = _doc(30, "Days the quote stays valid after the day it is made (customer's zone).",
                              "見積書の有効期限（作成日から数えた日数、お客様のタイムゾーン）。", _non_negative_int)
    consumption_tax_percent: int = _doc(10, "Consumption tax rate applied to the prices, in percent.",
                                        "価格に適用する消費税率（%）。", _percent)
    list_prices_include_tax: bool = _doc(False, "Whether the providers' list prices already include the tax.",
                                         "提供元の価格がすでに消費税込みかどうか。", v.instance_of(bool))
    taxed_countries: tuple[str, ...] = _doc(
        ("JP",), "Customers in these countries are quoted with consumption tax; elsewhere none is added (services "
        "exported from Japan are usually exempt: the desk's interpretation, not the page's).",
        "この国のお客様にのみ消費税を加えて見積もります（国外のお客様への役務の提供は通常免税となるという、"
        "当ツールの解釈によるものです）。", _countries)


def quote_settings_from(data: Mapping[str, Any], source: str) -> QuoteSettings:
    """``QuoteSettings`` from a settings file's parsed data; a bad ``[quote]`` is an :class:`InputError`."""
    from ontime_support.loading import structure

    section = data.get(QUOTE_SECTION, {})
    return structure(section, QuoteSettings, source, prefix=QUOTE_SECTION)


def load_quote_settings(path: str | Path | None) -> QuoteSettings:
    """The ``[quote]`` table of the settings file at ``path`` (defaults when no file or no table)."""
    if path is None:
        return QuoteSettings()
    from ontime_support.loading import read_toml

    return quote_settings_from(read_toml(Path(path)), str(path))


# --------------------------------------------------------------------------- tax


@attrs.frozen(kw_only=True, slots=True)
class TaxedPrice:
    """One price split into the amount before tax, the consumption tax and the total (integer JPY)."""

    before_tax: int
    tax: int
    total: int

    def text(self, lang: str) -> str:
        if not self.tax:
            return f"{yen(self.total, lang)}（{LABELS['no_tax'](lang)}）" if lang == "ja" else \
                f"{yen(self.total, lang)} ({LABELS['no_tax'](lang)})"
        if lang == "ja":
            return (f"{LABELS['before_tax'](lang)} {yen(self.before_tax, lang)}、{LABELS['consumption_tax'](lang)} "
                    f"{yen(self.tax, lang)}、{LABELS['total'](lang)} {yen(self.total, lang)}")
        return (f"{yen(self.before_tax, lang)} {LABELS['before_tax'](lang)} + {yen(self.tax, lang)} "
                f"{LABELS['consumption_tax'](lang)} = {yen(self.total, lang)} {LABELS['total'](lang)}")


def taxed(amount: int, settings: QuoteSettings, applies: bool = True) -> TaxedPrice:
    """Split a list price: tax rounded down to the yen, whichever way the price is stated.

    Prices without tax: tax = amount × rate, floored. Prices with tax: the tax
    inside the amount is amount × rate / (100 + rate), floored, and the amount
    before tax is the rest, so the three figures always add up. ``applies``
    False (a customer outside ``taxed_countries``): no tax, and a price stated
    with tax is quoted without it.
    """
    rate = settings.consumption_tax_percent
    if settings.list_prices_include_tax:
        tax = amount * rate // (100 + rate)
        return TaxedPrice(before_tax=amount - tax, tax=tax, total=amount) if applies else \
            TaxedPrice(before_tax=amount - tax, tax=0, total=amount - tax)
    tax = amount * rate // 100 if applies else 0
    return TaxedPrice(before_tax=amount, tax=tax, total=amount + tax)


def tax_applies(view: ComparisonView, settings: QuoteSettings) -> bool:
    """Whether the quote adds consumption tax for this customer (``taxed_countries``; no country: yes)."""
    return not view.customer_country or view.customer_country in settings.taxed_countries


def quote_settings_rows(settings: QuoteSettings) -> list[dict[str, Any]]:
    """``[quote]`` as rows of ``ontime-support settings`` (clause ``None``: a setting of this tool)."""
    from .settings_table import settings_rows

    return settings_rows(None, QUOTE_SECTION, settings)


# --------------------------------------------------------------------------- document


@attrs.frozen(kw_only=True, slots=True)
class Line:
    """One line of the quote: ``label: text [clause]``; plain text, escaped by each renderer."""

    text: str
    label: str | None = None
    more_labels: tuple[str, ...] = ()  # further subjects sharing this line (shown after ``label``)
    clause: str | None = None
    children: tuple[Line, ...] = ()
    numbered: bool = False  # children are steps (1., 2., ...)


@attrs.frozen(kw_only=True, slots=True)
class Section:
    heading: str
    lines: tuple[Line, ...] = ()
    numbered: bool = False


@attrs.frozen(kw_only=True, slots=True)
class Quote:
    lang: str
    title: str
    fields: tuple[tuple[str, str], ...]
    intro: str
    sections: tuple[Section, ...]
    footer: tuple[str, ...]


class _Once:
    """Remembers reason texts already shown (each reason once in the whole quote)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def fresh(self, items: tuple[ReasonView, ...]) -> list[ReasonView]:
        out = []
        for r in items:
            if r.text not in self.seen:
                self.seen.add(r.text)
                out.append(r)
        return out

    def first(self, text: str) -> bool:
        if text in self.seen:
            return False
        self.seen.add(text)
        return True


def _reason_lines(items: list[ReasonView]) -> tuple[Line, ...]:
    return tuple(Line(text=r.text, clause=r.clause) for r in items)


def _option_lines(o: OptionView, view: ComparisonView, settings: QuoteSettings, once: _Once) -> tuple[Line, ...]:
    lang, applies = view.lang, tax_applies(view, settings)
    L = {k: t(lang) for k, t in LABELS.items()}
    lines: list[Line] = [Line(label=L["status"], text=f"{o.status.symbol} {o.status.label}")]
    reasons = once.fresh(o.reasons)
    if reasons:
        lines.append(Line(label=L["reasons"], text="", children=_reason_lines(reasons)))
    p = o.pricing
    if p is not None:
        if p.annual_fee_jpy is not None:
            lines.append(Line(label=L["annual_fee"], text=taxed(p.annual_fee_jpy, settings, applies).text(lang)))
        if p.spot_rate_jpy_per_hour is not None:
            lines.append(Line(label=f"{L['spot_rate']}（{L['per_hour']}）" if lang == "ja"
                              else f"{L['spot_rate']} ({L['per_hour']})",
                              text=taxed(p.spot_rate_jpy_per_hour, settings, applies).text(lang)))
        if p.spot_cost_jpy:  # nothing to say about spot work nobody expects
            label = L["spot_cost"]
            if p.expected_hours:
                hours = p.expected_hours_text
                if p.billing_changes_hours:
                    hours = (f"{hours}、{L['billed_hours']} {p.billed_hours_text}" if lang == "ja"
                             else f"{hours}, {L['billed_hours']} {p.billed_hours_text}")
                label += f"（{hours}）" if lang == "ja" else f" ({hours})"
            lines.append(Line(label=label, text=taxed(p.spot_cost_jpy, settings, applies).text(lang)))
        if p.break_even_text is not None:
            lines.append(Line(label=L["break_even"], text=p.break_even_text))
        notes = once.fresh(p.notes)
        lines.extend(Line(text=r.text, clause=r.clause) for r in notes)
    h = o.hours
    if h is not None:
        if h.weekly:
            weekly = join_list(h.weekly, lang)
            if h.weekly_provider != h.weekly and h.timezone:
                zone = zone_name(h.timezone, lang, dt.datetime.fromisoformat(view.at.iso))
                weekly += f" · {join_list(h.weekly_provider, lang)}" + (paren(zone, lang) if lang == "ja" else f" {zone}")
            lines.append(Line(label=L["weekly_hours"], text=weekly))
        lines.append(Line(label=L["hours"], text=h.summary))
        if h.open_now is False and h.email_handled_from is not None:
            lines.append(Line(label=L["email_now"], text=h.email_handled_from.text))
        if h.channel_names:
            lines.append(Line(label=L["channels"], text=join_list(h.channel_names, lang)))
        if h.language_names:
            lines.append(Line(label=L["languages"], text=join_list(h.language_names, lang)))
        lines.extend(Line(text=r.text, clause=r.clause) for r in once.fresh(h.notes))
    if o.escalation:
        lines.append(Line(label=L["path"], text="", numbered=True, children=tuple(
            Line(label=s.to, text=s.why if once.first(s.why) else "", clause=s.clause) for s in o.escalation)))
    return tuple(lines)


def build_quote(view: ComparisonView, settings: QuoteSettings | None = None, agent: str | None = None) -> Quote:
    """The quote for ``view`` (see the module doc)."""
    settings = settings or QuoteSettings()
    lang = view.lang
    L = {k: t(lang) for k, t in LABELS.items()}
    local_day = dt.date.fromisoformat(view.at.customer_iso[:10])
    valid_until = local_day + dt.timedelta(days=settings.validity_days)
    fields: list[tuple[str, str]] = []
    if view.customer_name:
        fields.append((L["customer"], view.customer_name))
    fields.append((L["as_of"], view.at.text))
    fields.append((L["valid_until"], valid_until.isoformat()))
    if agent:
        fields.append((L["agent"], agent))

    once = _Once()
    sections: list[Section] = []
    ranked = view.ranked
    usable = [o for o in view.options if o.rank is None and o.error is None and o.status.code != "ineligible"]
    unavailable = [o for o in view.options if o.rank is None and (o.error is not None or o.status.code == "ineligible")]
    rec_lines = []
    for o in ranked:
        top = o.rank_reasons[0] if o.rank_reasons else ReasonView(clause=o.why_clause or "", text=o.why)
        shown = once.first(top.text)
        rec_lines.append(Line(label=o.title, text=top.text if shown else "", clause=top.clause or None))
        for r in o.rank_reasons[1:]:
            once.first(r.text)
    sections.append(Section(heading=L["recommended"], lines=tuple(rec_lines) or (Line(text=L["none_usable"]),),
                            numbered=True))
    for o in ranked:
        sections.append(Section(heading=f"{o.rank}. {o.title}", lines=_option_lines(o, view, settings, once)))
    for o in usable:
        sections.append(Section(heading=o.title, lines=_option_lines(o, view, settings, once)))
    if unavailable:
        groups: dict[str, tuple[list[str], list[str]]] = {}
        for o in unavailable:  # options with the same one-line reason share one line
            why, clause = (L["not_assessed"], None) if o.error is not None else (o.why, o.why_clause)
            titles, clauses = groups.setdefault(why, ([], []))
            titles.append(o.title)
            if clause and clause not in clauses:
                clauses.append(clause)
        sections.append(Section(heading=L["not_available"], lines=tuple(
            Line(label=titles[0], more_labels=tuple(titles[1:]), text=why, clause=", ".join(clauses) or None)
            for why, (titles, clauses) in groups.items())))
    t = view.triage
    if t is not None:
        lines: list[Line] = [Line(text=r.text, clause=r.clause) for r in once.fresh(t.reasons)]
        checks = once.fresh(t.next_checks)
        if checks:
            lines.append(Line(label=L["next_checks"], text="", children=_reason_lines(checks)))
        for flag, key in ((t.upgrade_needed, "upgrade_needed"), (t.fix_in_next_version, "fix_in_next_version"),
                          (t.onsite_quote, "onsite_quote")):
            if flag:
                lines.append(Line(text=L[key]))
        if t.path:
            lines.append(Line(label=L["path"], text="", numbered=True, children=tuple(
                Line(label=s.to, text=s.why if once.first(s.why) else "", clause=s.clause) for s in t.path)))
        sections.append(Section(heading=f"{L['triage']}: {t.matter_label}" if lang == "en"
                                else f"{L['triage']}：{t.matter_label}", lines=tuple(lines)))
    rate = settings.consumption_tax_percent
    footer = (
        (f"{L['tax_rate']}: {rate} %" if lang == "en" else f"{L['tax_rate']}：{rate}%") if tax_applies(view, settings)
        else L["tax_not_applied"],
        L["prices_include_tax"] if settings.list_prices_include_tax else L["prices_exclude_tax"],
        L["tax_rounding"],
        LABELS["zone_note"](lang).format(zone=zone_name(view.customer_zone, lang, dt.datetime.fromisoformat(view.at.iso))),
        L["quote_outro"],
    )
    return Quote(lang=lang, title=L["title"], fields=tuple(fields), intro=L["quote_intro"],
                 sections=tuple(sections), footer=footer)
