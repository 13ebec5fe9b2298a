"""The JSON contract of ``compare --format json`` (and each record of the batch's JSON Lines).

Read only from the view model. The contract is published as a JSON Schema in
``docs/compare-output.schema.json``; keys may be ADDED, never renamed or
removed, and ``options`` keep the comparison's own order (``rank`` and
``recommended`` give the recommended order). Texts are as the plugins and the
profile gave them (JSON escapes control characters itself).

Instants: ``closes_at``/``next_open``/``email_handled_from`` are ISO 8601 in the
provider's zone (as always); ``customer`` holds the same instants formatted in
the customer's zone with the provider's beside, as shown to people.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

from ontime_support.kernel.models import Comparison, Profile

from .view import ComparisonView, HoursView, OptionView, PricingView, ReasonView, StepView, TriageView, build_view

JSON = dict[str, Any]
_V = TypeVar("_V")
_R = TypeVar("_R")


def _by_identity(fn: Callable[[_V], _R], size: int = 1024) -> Callable[[_V], _R]:
    """Memoize ``fn`` on the identity of its argument.

    The view model reuses its parts (reasons, steps, hours at one instant are
    built once per language), so their JSON is built once too; the entry keeps
    the argument alive, so an id is never reused while cached. The JSON parts
    are therefore shared between results: callers may add top-level keys (the
    batch adds ``line``) but must copy nested parts before changing them.
    """
    cache: dict[int, tuple[_V, _R]] = {}

    def wrapper(value: _V) -> _R:
        hit = cache.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        result = fn(value)
        if len(cache) >= size:
            cache.clear()
        cache[id(value)] = (value, result)
        return result

    return wrapper


def number(value: Fraction | None) -> float | int | None:
    """A Fraction for JSON: an int when whole, else a float (break-even hours)."""
    if value is None:
        return None
    return value.numerator if value.denominator == 1 else float(value)


@_by_identity
def _reasons(items: tuple[ReasonView, ...]) -> list[JSON]:
    return [{"clause": r.clause, "text": r.text} for r in items]


@_by_identity
def _steps(items: tuple[StepView, ...]) -> list[JSON]:
    return [{"step": s.number, "to": s.to, "why": s.why, "clause": s.clause} for s in items]


def _pricing(p: PricingView | None) -> JSON | None:
    if p is None:
        return None
    return {
        "annual_fee_jpy": p.annual_fee_jpy,
        "spot_rate_jpy_per_hour": p.spot_rate_jpy_per_hour,
        "spot_cost_jpy": p.spot_cost_jpy,
        "break_even_hours": number(p.break_even_hours),
        "notes": _reasons(p.notes),
        "expected_hours": float(p.expected_hours) if p.expected_hours % 1 else int(p.expected_hours),
        "billed_hours": number(p.billed_hours),
    }


@_by_identity
def _hours(h: HoursView | None) -> JSON | None:
    if h is None:
        return None
    c, n, e = h.closes_at, h.next_open, h.email_handled_from
    return {
        "timezone": h.timezone,
        "open_now": h.open_now,
        "closes_at": None if c is None else c.iso,
        "next_open": None if n is None else n.iso,
        "email_handled_from": None if e is None else e.iso,
        "channels": list(h.channels),
        "languages": list(h.languages),
        "weekly": list(h.weekly_provider),
        "notes": _reasons(h.notes),
        "customer": {
            "closes_at": None if c is None else c.text,
            "next_open": None if n is None else n.text,
            "email_handled_from": None if e is None else e.text,
            "weekly": list(h.weekly),
        },
    }


def option_json(o: OptionView) -> JSON:
    err = o.error
    return {
        "id": o.id,
        "provider": o.provider,
        "plugin": o.plugin,
        "title": o.title,
        "eligibility": None if err is not None else {"status": o.status.code, "reasons": _reasons(o.reasons)},
        "pricing": _pricing(o.pricing),
        "hours": _hours(o.hours),
        "escalation": _steps(o.escalation),
        "error": None if err is None else {"hook": err.hook, "message": err.message, "plugin": err.plugin},
        "rank": o.rank,
        "status": o.status.code,
        "status_label": o.status.label,
        "status_symbol": o.status.symbol,
        "why": {"clause": o.why_clause, "text": o.why},
        "first_contact": o.first_contact,
    }


def _triage(t: TriageView | None) -> JSON | None:
    if t is None:
        return None
    return {
        "matter": t.matter,
        "reasons": _reasons(t.reasons),
        "next_checks": _reasons(t.next_checks),
        "upgrade_needed": t.upgrade_needed,
        "fix_in_next_version": t.fix_in_next_version,
        "onsite_quote": t.onsite_quote,
        "path": _steps(t.path),
        "matter_label": t.matter_label,
    }


def view_json(view: ComparisonView) -> JSON:
    """The JSON object for one comparison (see the module doc and the schema)."""
    by_id = {o.id: o for o in view.options}
    return {
        "at": view.at.iso,
        "lang": view.lang,
        "options": [option_json(by_id[oid]) for oid in view.source_order],
        "recommended": list(view.recommended),
        "recommended_reasons": {oid: _reasons(rs) for oid, rs in view.recommended_reasons.items()},
        "triage": _triage(view.triage),
        "customer": {"name": view.customer_name, "timezone": view.customer_zone},
        "at_customer": view.at.text,
        "plugin_failures": [{"plugin": f.plugin, "message": f.message} for f in view.plugin_failures],
    }


def to_json(comparison: Comparison, lang: str, profile: Profile | None = None) -> JSON:
    """``compare --format json`` for ``comparison``: the view model, then :func:`view_json`.

    Nested parts may be shared with other results (see :func:`_by_identity`): copy before changing them.
    """
    return view_json(build_view(comparison, profile, lang))
