"""The presentation model: a comparison turned ONCE into what every renderer shows.

``build_view(comparison, profile, lang)`` makes a :class:`ComparisonView`;
the JSON, the Markdown quote, the HTML page, the CLI table and the TUI matrix
read only that. No policy here: the plugins decided, this only orders,
localizes and formats (instants in the customer's zone, the provider's beside).

Texts are kept as they came (from the profile, the settings or a plugin);
renderers for people pass them through :func:`ontime_support.present.safe.visible`
and their own escaping. The model is a contract: fields may be added, never
renamed.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias, cast

import attrs

from ontime_support.kernel.models import (
    Comparison,
    Eligibility,
    EscalationStep,
    Hours,
    OptionResult,
    PluginError,
    Pricing,
    Profile,
    Reason,
    Triage,
)
from ontime_support.sdk.money import yen

from .labels import LABELS, STATUS_SYMBOLS, channel_name, language_name, norm_lang
from .when import InstantView, instant, instant_at, weekly_customer, weekly_provider

# --------------------------------------------------------------------------- parts


#: What went wrong in an option's plugin (``OptionView.error``), and a plugin that failed as a
#: whole (``ComparisonView.plugin_failures``): the kernel's own record (``plugin``, ``hook``, ``message``).
ErrorView: TypeAlias = PluginError
PluginFailureView: TypeAlias = PluginError


@attrs.frozen(kw_only=True, slots=True)
class ReasonView:
    clause: str
    text: str


@attrs.frozen(kw_only=True, slots=True)
class StepView:
    number: int
    to: str
    why: str
    clause: str


@attrs.frozen(kw_only=True, slots=True)
class StatusView:
    """``code``: eligible | conditional | ineligible | error; ``label`` localized; ``symbol`` ✔ △ ✘ !."""

    code: str
    label: str
    symbol: str


@attrs.frozen(kw_only=True, slots=True)
class PricingView:
    """Figures in integer JPY with their formatted text (``None`` where not applicable).

    The spot cost is computed by the provider on *billed* hours (minimum and
    rounding units); ``billed_hours`` is what the expected hours are billed as,
    derived from the cost and the rate, so the break-even (exact) and the spot
    cost (billed) can be shown side by side without looking contradictory.
    """

    annual_fee_jpy: int | None
    annual_fee: str | None
    spot_rate_jpy_per_hour: int | None
    spot_rate: str | None
    spot_cost_jpy: int | None
    spot_cost: str | None
    expected_hours: Decimal
    expected_hours_text: str
    billed_hours: Fraction | None
    billed_hours_text: str | None
    break_even_hours: Fraction | None
    break_even_text: str | None
    notes: tuple[ReasonView, ...]

    @property
    def no_spot_hours(self) -> bool:
        """No spot hours are expected and none are billed: say so, "0 JPY" would read as free or as an error."""
        return self.spot_cost_jpy == 0 and self.expected_hours == 0

    @property
    def billing_changes_hours(self) -> bool:
        """The billed hours differ from the expected ones (the minimum time, the rounding units)."""
        return self.billed_hours_text is not None and self.billed_hours != self.expected_hours

    @property
    def has_figures(self) -> bool:
        return any(x is not None for x in (self.annual_fee_jpy, self.spot_rate_jpy_per_hour, self.spot_cost_jpy,
                                            self.break_even_hours))


@attrs.frozen(kw_only=True, slots=True)
class HoursView:
    """When and how the option answers; instants in the customer's zone with the provider's beside."""

    timezone: str | None
    known: bool
    open_now: bool | None
    closes_at: InstantView | None
    next_open: InstantView | None
    email_handled_from: InstantView | None
    summary: str
    channels: tuple[str, ...]
    channel_names: tuple[str, ...]
    languages: tuple[str, ...]
    weekly: tuple[str, ...]
    weekly_provider: tuple[str, ...]
    notes: tuple[ReasonView, ...]
    lang: str = "en"

    @property
    def language_names(self) -> tuple[str, ...]:
        """The languages named in the reader's language (CLDR via Babel, loaded only when asked)."""
        return tuple(language_name(c, self.lang) for c in self.languages)


@attrs.frozen(kw_only=True, slots=True)
class OptionView:
    id: str
    title: str
    provider: str
    plugin: str
    rank: int | None
    status: StatusView
    why: str
    why_clause: str | None
    reasons: tuple[ReasonView, ...]
    rank_reasons: tuple[ReasonView, ...]
    pricing: PricingView | None
    hours: HoursView | None
    first_contact: str | None
    escalation: tuple[StepView, ...]
    notes: tuple[ReasonView, ...]
    error: ErrorView | None

    @property
    def recommended(self) -> bool:
        return self.rank is not None


@attrs.frozen(kw_only=True, slots=True)
class TriageView:
    matter: str
    matter_label: str
    reasons: tuple[ReasonView, ...]
    next_checks: tuple[ReasonView, ...]
    upgrade_needed: bool
    fix_in_next_version: bool
    onsite_quote: bool
    path: tuple[StepView, ...]


@attrs.frozen(kw_only=True, slots=True)
class ComparisonView:
    lang: str
    customer_name: str
    customer_zone: str
    at: InstantView
    #: ISO 3166-1 code of the customer's country ("" without a profile): whether the quote adds consumption tax
    customer_country: str = ""
    options: tuple[OptionView, ...]
    recommended: tuple[str, ...]
    recommended_reasons: dict[str, tuple[ReasonView, ...]]
    triage: TriageView | None
    plugin_failures: tuple[PluginFailureView, ...]
    expected_hours: Decimal
    #: option ids in the comparison's own order (the JSON contract keeps that order)
    source_order: tuple[str, ...]

    def option(self, option_id: str) -> OptionView:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    @property
    def ranked(self) -> tuple[OptionView, ...]:
        """The recommended options, in order."""
        return tuple(o for o in self.options if o.rank is not None)

    @property
    def others(self) -> tuple[OptionView, ...]:
        """Options not recommended (conditional or ineligible) and plugin errors, after the ranked ones."""
        return tuple(o for o in self.options if o.rank is None)


# --------------------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=1024)
def _reason(reason: Reason, lang: str) -> ReasonView:
    return ReasonView(clause=reason.clause, text=reason.text(lang))


def reasons(items: Iterable[Reason], lang: str) -> tuple[ReasonView, ...]:
    return _reasons(items if isinstance(items, tuple) else tuple(items), lang)


# The batch renders thousands of comparisons whose parts repeat (the same reasons, steps,
# hours at the same instant): each part is built once per language and reused.
@functools.lru_cache(maxsize=1024)
def _reasons(items: tuple[Reason, ...], lang: str) -> tuple[ReasonView, ...]:
    return tuple(_reason(r, lang) for r in items)


@functools.lru_cache(maxsize=2048)
def _steps(steps: tuple[EscalationStep, ...], lang: str) -> tuple[StepView, ...]:
    return tuple(StepView(number=i, to=s.to(lang), why=s.why(lang), clause=s.clause) for i, s in enumerate(steps, 1))


def hours_text(value: Fraction | Decimal | int, lang: str) -> str:
    """A number of hours for people: exact when it has a finite decimal form, else to 2 places with ≈."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    frac = Fraction(value)
    if frac.denominator == 1:
        return str(frac.numerator)
    d = frac.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        exact = Decimal(frac.numerator) / Decimal(frac.denominator)
        return f"{exact.normalize():f}"
    return f"≈{float(frac):.2f}"


def money(amount: int | None, lang: str) -> str:
    """Integer JPY for people (``202,500 JPY`` / ``202,500円``); ``—`` when absent."""
    return "—" if amount is None else yen(amount, lang)


_STATUS: dict[tuple[str, str], StatusView] = {
    (code, lang): StatusView(code=code, label=LABELS["status." + code](lang), symbol=STATUS_SYMBOLS[code])
    for code in STATUS_SYMBOLS for lang in ("en", "ja")
}


def status_view(code: str, lang: str) -> StatusView:
    return _STATUS[(code, norm_lang(lang))]


def billed_hours(p: Pricing) -> Fraction | None:
    """The hours the spot cost bills (minimum and rounding units), or ``None`` without a spot cost."""
    if p.spot_cost_jpy is not None and p.spot_rate_jpy_per_hour:
        # time_cost rounds the billed minutes' cost up to the yen: the floor recovers the minutes
        return Fraction(p.spot_cost_jpy * 60 // p.spot_rate_jpy_per_hour, 60)
    return None


def _pricing(p: Pricing, expected: Decimal, lang: str) -> PricingView:
    h = LABELS["hours_unit"](lang)
    sp = " "
    billed = billed_hours(p)
    rate = None
    if p.spot_rate_jpy_per_hour is not None:
        rate = f"{money(p.spot_rate_jpy_per_hour, lang)} {LABELS['per_hour'](lang)}" if lang == "en" else \
            f"{LABELS['per_hour'](lang)} {money(p.spot_rate_jpy_per_hour, lang)}"
    return PricingView(
        annual_fee_jpy=p.annual_fee_jpy,
        annual_fee=None if p.annual_fee_jpy is None else money(p.annual_fee_jpy, lang),
        spot_rate_jpy_per_hour=p.spot_rate_jpy_per_hour,
        spot_rate=rate,
        spot_cost_jpy=p.spot_cost_jpy,
        spot_cost=None if p.spot_cost_jpy is None else money(p.spot_cost_jpy, lang),
        expected_hours=expected,
        expected_hours_text=f"{hours_text(expected, lang)}{sp}{h}",
        billed_hours=billed,
        billed_hours_text=None if billed is None else f"{hours_text(billed, lang)}{sp}{h}",
        break_even_hours=None if p.break_even_hours is None else Fraction(p.break_even_hours),
        break_even_text=None if p.break_even_hours is None else
        f"{hours_text(p.break_even_hours, lang)} {LABELS['hours_a_year'](lang)}",
        notes=tuple(ReasonView(clause=r.clause, text=r.text(lang)) for r in p.notes),  # vary with prices
    )


def _hours(hours: Hours, customer_zone: str, at: Any, lang: str) -> HoursView:
    # ``calendar`` is left out of Hours' equality: it is part of the key on its own
    return _hours_cached(hours, cast(Hashable, hours.calendar), customer_zone, at, lang)


@functools.lru_cache(maxsize=2048)
def _hours_cached(hours: Hours, _calendar: Hashable, customer_zone: str, at: Any, lang: str) -> HoursView:
    def show(value: Any) -> InstantView | None:
        return None if value is None else instant(value, customer_zone, lang)

    closes, nxt, email = show(hours.closes_at), show(hours.next_open), show(hours.email_handled_from)
    if hours.open_now is None:
        summary = LABELS["hours_unknown"](lang)
    elif hours.open_now:
        summary = LABELS["open_now"](lang)
        if closes is not None:
            summary += (f", {LABELS['closes_at'](lang).lower()} {closes.text}" if lang == "en"
                        else f"・{LABELS['closes_at'](lang)} {closes.text}")
    else:
        nxt_text = nxt.text if nxt is not None else "—"
        summary = (f"{LABELS['closed_now'](lang)}; {LABELS['next_open'](lang).lower()} {nxt_text}" if lang == "en"
                   else f"{LABELS['closed_now'](lang)}・{LABELS['next_open'](lang)} {nxt_text}")
    cal = hours.calendar
    return HoursView(
        timezone=hours.timezone,
        known=hours.open_now is not None,
        open_now=hours.open_now,
        closes_at=closes,
        next_open=nxt,
        email_handled_from=email,
        summary=summary,
        channels=hours.channels,
        channel_names=tuple(channel_name(c, lang) for c in hours.channels),
        languages=hours.languages,
        weekly=() if cal is None else weekly_customer(cal, customer_zone, at, lang),
        weekly_provider=() if cal is None else weekly_provider(cal, lang),
        notes=reasons(hours.notes, lang),
        lang=lang,
    )


def why(e: Eligibility, rank: int | None, rank_reasons: tuple[ReasonView, ...], lang: str) -> ReasonView:
    """The one reason shown for an option: why it is ranked where it is, else its first reason."""
    if rank_reasons:
        return rank_reasons[0]
    if e.rank_reason is not None and rank is not None:
        return _reason(e.rank_reason, lang)
    return _reason(e.reasons[0], lang)


def _option(r: OptionResult, rank: int | None, rank_reasons: tuple[ReasonView, ...], expected: Decimal,
            customer_zone: str, at: Any, lang: str) -> OptionView:
    title = r.option.title(lang)
    if r.error is not None or r.eligibility is None:
        err = r.error
        message = err.message if err is not None else ""
        return OptionView(
            id=r.option.id, title=title, provider=r.option.provider, plugin=r.plugin, rank=rank,
            status=_STATUS[("error", lang)], why=message, why_clause=None, reasons=(), rank_reasons=rank_reasons,
            pricing=None, hours=None, first_contact=None, escalation=(), notes=(),
            error=err)
    e = r.eligibility
    why_reason = why(e, rank, rank_reasons, lang)
    pricing = None if r.pricing is None else _pricing(r.pricing, expected, lang)
    hours = None if r.hours is None else _hours(r.hours, customer_zone, at, lang)
    steps = _steps(r.escalation, lang)
    return OptionView(
        id=r.option.id, title=title, provider=r.option.provider, plugin=r.plugin, rank=rank,
        status=_STATUS[(e.status.value, lang)], why=why_reason.text, why_clause=why_reason.clause,
        reasons=_reasons(e.reasons, lang), rank_reasons=rank_reasons, pricing=pricing, hours=hours,
        first_contact=steps[0].to if steps else None, escalation=steps,
        notes=(*(pricing.notes if pricing else ()), *(hours.notes if hours else ())), error=None)


def _triage(t: Triage, lang: str) -> TriageView:
    return TriageView(
        matter=t.matter.value, matter_label=LABELS["matter." + t.matter.value](lang),
        reasons=reasons(t.reasons, lang), next_checks=reasons(t.next_checks, lang),
        upgrade_needed=t.upgrade_needed, fix_in_next_version=t.fix_in_next_version, onsite_quote=t.onsite_quote,
        path=_steps(t.path, lang))


def _failures(comparison: Comparison) -> tuple[PluginFailureView, ...]:
    # Tolerant of what a host built elsewhere may hold (an older Comparison, other records).
    items = getattr(comparison, "plugin_failures", None) or ()
    out = []
    for item in items:
        plugin = getattr(item, "plugin", None) or getattr(item, "name", None) or "?"
        message = getattr(item, "message", None) or str(item)
        out.append(PluginFailureView(plugin=str(plugin), hook=str(getattr(item, "hook", None) or ""),
                                     message=str(message)))
    return tuple(out)


def build_view(comparison: Comparison, profile: Profile | None, lang: str) -> ComparisonView:
    """The view of ``comparison`` for ``profile``'s customer in ``lang`` ('en' | 'ja').

    Options: the recommended ones in recommended order (rank 1, 2, ...), then
    the others as the comparison lists them, plugin errors last; none dropped.
    """
    lang = norm_lang(lang)
    zone = comparison.customer_timezone or (profile.customer.timezone if profile else "UTC")
    expected = profile.usage.expected_spot_hours if profile is not None else Decimal(0)
    at = comparison.at
    rank_of = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
    rec_reasons = {oid: _reasons(rs, lang) for oid, rs in comparison.recommended_reasons.items()}
    by_id = {r.option.id: r for r in comparison.options}
    ordered = [by_id[oid] for oid in comparison.recommended if oid in by_id]
    rest = [r for r in comparison.options if r.option.id not in rank_of]
    ordered += [r for r in rest if r.error is None] + [r for r in rest if r.error is not None]
    options = tuple(
        _option(r, rank_of.get(r.option.id), rec_reasons.get(r.option.id, ()), expected, zone, at, lang)
        for r in ordered)
    return ComparisonView(
        lang=lang,
        customer_name=profile.customer.name if profile is not None else "",
        customer_zone=zone,
        customer_country=profile.customer.country if profile is not None else "",
        at=instant_at(at, zone, lang),
        options=options,
        recommended=comparison.recommended,
        recommended_reasons=rec_reasons,
        triage=None if comparison.triage is None else _triage(comparison.triage, lang),
        plugin_failures=_failures(comparison),
        expected_hours=expected,
        source_order=tuple(r.option.id for r in comparison.options),
    )
