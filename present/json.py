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

import datetime as dt
import itertools
from collections.abc import Callable, Hashable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import orjson

from ontime_support.kernel import models as m
from ontime_support.kernel.models import Comparison, Profile

from . import view as view_mod
from .labels import norm_lang
from .view import ComparisonView, HoursView, OptionView, PricingView, ReasonView, StepView, TriageView, build_view
from . import when

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
    return _pricing_json(p.annual_fee_jpy, p.spot_rate_jpy_per_hour, p.spot_cost_jpy, p.break_even_hours,
                         _reasons(p.notes), p.expected_hours, p.billed_hours)


def _pricing_json(annual_fee: int | None, spot_rate: int | None, spot_cost: int | None,
                  break_even: Fraction | int | None, notes: Any, expected: Decimal, billed: Fraction | None) -> JSON:
    return {
        "annual_fee_jpy": annual_fee,
        "spot_rate_jpy_per_hour": spot_rate,
        "spot_cost_jpy": spot_cost,
        "break_even_hours": None if break_even is None else number(Fraction(break_even)),
        "notes": notes,
        "expected_hours": float(expected) if expected % 1 else int(expected),
        "billed_hours": number(billed),
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
        "plugin_failures": [{"plugin": f.plugin, "hook": f.hook, "message": f.message} for f in view.plugin_failures],
    }


def to_json(comparison: Comparison, lang: str, profile: Profile | None = None) -> JSON:
    """``compare --format json`` for ``comparison``: the view model, then :func:`view_json`.

    Nested parts may be shared with other results (see :func:`_by_identity`): copy before changing them.
    """
    return view_json(build_view(comparison, profile, lang))


# --------------------------------------------------------------------------- the batch's fast path
# ``record_bytes`` gives exactly ``orjson.dumps(to_json(...))``, from cached JSON fragments:
# a batch renders thousands of comparisons whose parts repeat (the same option texts,
# hours, steps) while prices and the reasons quoting them differ on every line. Each
# part is looked up by a key holding everything its JSON depends on. Keys are built from
# *tokens*: a number standing for a part's value, remembered by the part's identity, so a
# part the plugins or the kernel hand out again (a reason, a step, a notes tuple, a
# calendar) costs one lookup, and a new object made of known parts (the kernel builds a
# new ``Hours`` per comparison around the same notes and instants) costs a small tuple of
# tokens. An option's JSON is cached without its ``pricing`` and ``why``, which are built
# per line (the plugins' pricing notes and ranking reasons quote the customer's prices).

_PRICING = orjson.Fragment(b"\x00")  # never in orjson's output: JSON escapes control characters
_WHY = orjson.Fragment(b"\x01")
_FRAGMENTS = 8192
_OPTIONS = 1024  # an option's JSON is a few KB: at most a few MB of them
#: Parts remembered by identity only (pricing, reasons): most are new on every line (they quote
#: the customer's prices), and each entry keeps its object alive, so these stay small.
_BY_IDENTITY = 1024

_identity: dict[int, tuple[object, int]] = {}
_tokens: dict[Hashable, int] = {}
_counter = itertools.count()
_option_parts: dict[Hashable, tuple[bytes, ...]] = {}
_pricing_parts: dict[tuple[int, str, str], tuple[object, bytes]] = {}
_triage_parts: dict[Hashable, bytes] = {}
_reason_parts: dict[tuple[int, str], tuple[object, bytes]] = {}


def forget_fragments() -> None:
    """Forget every cached fragment (benchmarks start from nothing)."""
    for cache in (_tokens, _identity, _option_parts, _pricing_parts, _triage_parts, _reason_parts):
        cache.clear()


def _bounded_put(cache: dict[Any, Any], key: Any, value: Any, size: int = _FRAGMENTS) -> None:
    if len(cache) >= size:
        cache.clear()  # bounded; a batch's parts come back within a few lines
    cache[key] = value


def _token(obj: object, make: Callable[[Any], Hashable]) -> int:
    """A number standing for ``make(obj)`` (equal keys, equal numbers), remembered by identity too.

    Numbers are never reused, so equal numbers always mean equal values; after the
    caches are forgotten an equal value may get a new number (a miss, never a wrong hit).
    """
    hit = _identity.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    key = make(obj)
    token = _tokens.get(key)
    if token is None:
        if len(_tokens) >= _FRAGMENTS:  # forget every part keyed by the old numbers
            forget_fragments()
        token = _tokens[key] = next(_counter)
    if len(_identity) >= _FRAGMENTS:
        _identity.clear()
    _identity[id(obj)] = (obj, token)  # the entry keeps ``obj`` alive: its id is not reused meanwhile
    return token


def _same(obj: object) -> Hashable:
    return obj


def _reason_key(r: m.Reason) -> Hashable:
    return (r.clause, r.text.en, r.text.ja)


def _tokens_of(items: tuple[Any, ...], make: Callable[[Any], Hashable] | tuple[Callable[[Any], Hashable], ...]
               ) -> tuple[int, ...]:
    """``tuple(_token(x, make) for x in items)``, the identity lookup inlined (the items are mostly known).

    ``make``: one function for every item, or one per item.
    """
    get = _identity.get
    out = []
    if isinstance(make, tuple):
        for item, one in zip(items, make):
            hit = get(id(item))
            out.append(hit[1] if hit is not None and hit[0] is item else _token(item, one))
    else:
        for item in items:
            hit = get(id(item))
            out.append(hit[1] if hit is not None and hit[0] is item else _token(item, make))
    return tuple(out)


def _reasons_key(items: tuple[m.Reason, ...]) -> Hashable:
    return _tokens_of(items, _reason_key)


def _step_key(s: m.EscalationStep) -> Hashable:
    return (s.to.en, s.to.ja, s.why.en, s.why.ja, s.clause)


def _steps_key(items: tuple[m.EscalationStep, ...]) -> Hashable:
    return _tokens_of(items, _step_key)


def _instant_key(value: dt.datetime | None) -> Hashable:
    # the zone and the fold too: equal instants compare equal across zones, and an
    # ambiguous wall time compares equal to its twin in the same zone
    return None if value is None else (value, value.tzinfo, value.fold)


def _statuses_key(e: m.Eligibility | None) -> Hashable:
    # what an option's JSON shows of its eligibility but ``why`` (it quotes prices, so it varies)
    return None if e is None else (e.status, _token(e.reasons, _reasons_key))


def _hours_key(h: m.Hours | None) -> Hashable:
    if h is None:
        return None
    closes, nxt, email = h.closes_at, h.next_open, h.email_handled_from
    return (h.timezone, h.open_now, closes, None if closes is None else (closes.tzinfo, closes.fold),
            nxt, None if nxt is None else (nxt.tzinfo, nxt.fold),
            email, None if email is None else (email.tzinfo, email.fold),
            h.channels, h.languages, _token(h.notes, _reasons_key), _token(h.calendar, _same))


#: how an option's option, eligibility, hours and escalation are keyed
_makers = (_same, _statuses_key, _hours_key, _steps_key)


def _triage_key(t: m.Triage) -> Hashable:
    return (t.matter, _token(t.reasons, _reasons_key), _token(t.next_checks, _reasons_key), t.upgrade_needed,
            t.fix_in_next_version, t.onsite_quote, _token(t.path, _steps_key))


def _reason_bytes(r: m.Reason, lang: str) -> bytes:
    """= ``orjson.dumps({"clause": r.clause, "text": r.text(lang)})``, remembered by identity."""
    key = (id(r), lang)
    hit = _reason_parts.get(key)
    if hit is not None and hit[0] is r:
        return hit[1]
    data = orjson.dumps({"clause": r.clause, "text": r.text(lang)})
    _bounded_put(_reason_parts, key, (r, data), _BY_IDENTITY)  # the entry keeps ``r`` alive: its id is not reused
    return data


def _reasons_bytes(items: tuple[m.Reason, ...], lang: str) -> bytes:
    # = orjson.dumps(_reasons(view._reasons(items, lang))): compact JSON, so the items joined by commas
    return b"[" + b",".join([_reason_bytes(r, lang) for r in items]) + b"]"


def _number_json(value: Fraction | int | None) -> float | int | None:
    """= ``number(Fraction(value))`` for the plain types the models hold; the general path otherwise."""
    if value is None:
        return None
    if type(value) is int:
        return value
    if type(value) is Fraction:
        return value.numerator if value.denominator == 1 else value.numerator / value.denominator
    return number(Fraction(value))


def _billed_json(p: m.Pricing) -> float | int | None:
    """= ``number(view.billed_hours(p))``: whole minutes over 60, as an int when whole."""
    cost, rate = p.spot_cost_jpy, p.spot_rate_jpy_per_hour
    if cost is None or not rate or type(cost) is not int or type(rate) is not int:
        return number(view_mod.billed_hours(p))
    minutes = cost * 60 // rate
    return minutes // 60 if minutes % 60 == 0 else minutes / 60  # int / int: the float of the fraction


def _pricing_bytes(p: m.Pricing, expected: float | int, expected_key: str, lang: str) -> bytes:
    """The pricing's JSON (= its part of ``to_json``); remembered by identity only.

    A plugin's memo hands the same object out again for the same amounts; a new
    object is encoded at once (its notes quote the prices: a key would cost as much).
    """
    key = (id(p), expected_key, lang)
    hit = _pricing_parts.get(key)
    if hit is not None and hit[0] is p:
        return hit[1]
    data = orjson.dumps({
        "annual_fee_jpy": p.annual_fee_jpy,
        "spot_rate_jpy_per_hour": p.spot_rate_jpy_per_hour,
        "spot_cost_jpy": p.spot_cost_jpy,
        "break_even_hours": _number_json(p.break_even_hours),
        "notes": [{"clause": n.clause, "text": n.text(lang)} for n in p.notes],
        "expected_hours": expected,
        "billed_hours": _billed_json(p),
    })
    _bounded_put(_pricing_parts, key, (p, data), _BY_IDENTITY)  # the entry keeps ``p`` alive: its id is not reused
    return data


def _option_fragment(r: m.OptionResult, rank: int | None, rank_reasons: tuple[m.Reason, ...], expected: Decimal,
                     expected_json: float | int, expected_key: str, context: tuple[str, Hashable, str],
                     at: dt.datetime) -> orjson.Fragment:
    e = r.eligibility
    zone, _at_key, lang = context
    failed = r.error is not None or e is None  # its ``why`` is the error message, part of the key
    err = r.error
    key = (*_tokens_of((r.option, e, r.hours, r.escalation), _makers), r.plugin,
           None if err is None else (err.plugin, err.hook, err.message), rank, r.pricing is None, context)
    parts = _option_parts.get(key)
    if parts is None:
        view = view_mod._option(r, rank, view_mod._reasons(rank_reasons, lang), expected, zone, at, lang)
        data = option_json(view)
        data["pricing"] = _PRICING
        if not failed:
            data["why"] = _WHY
        before, after = orjson.dumps(data).split(b"\x00")
        parts = (before, *after.split(b"\x01"))
        _bounded_put(_option_parts, key, parts, _OPTIONS)
    pricing = b"null" if r.pricing is None else _pricing_bytes(r.pricing, expected_json, expected_key, lang)
    if failed:
        return orjson.Fragment(pricing.join(parts))
    assert e is not None
    # view.why on the models: the first rank reason, else the rank reason when ranked, else the first reason
    reason = rank_reasons[0] if rank_reasons else \
        e.rank_reason if e.rank_reason is not None and rank is not None else e.reasons[0]
    why = _reason_bytes(reason, lang)  # often also the first of its recommended reasons
    return orjson.Fragment(b"".join((parts[0], pricing, parts[1], why, parts[2])))


def _triage_fragment(t: m.Triage | None, lang: str) -> orjson.Fragment | None:
    if t is None:
        return None
    key = (_token(t, _triage_key), lang)
    data = _triage_parts.get(key)
    if data is None:
        data = orjson.dumps(_triage(view_mod._triage(t, lang)))
        _bounded_put(_triage_parts, key, data)
    return orjson.Fragment(data)


def record_bytes(comparison: Comparison, profile: Profile | None, lang: str) -> bytes:
    """``orjson.dumps(to_json(comparison, lang, profile))``, byte for byte, from cached fragments."""
    if len({r.option.id for r in comparison.options}) != len(comparison.options):
        return orjson.dumps(to_json(comparison, lang, profile))  # which of two equal ids shows is the view's call
    try:
        return _record_bytes(comparison, profile, lang)
    except Exception:  # e.g. an unhashable calendar: the plain path gives the answer, or the error
        return orjson.dumps(to_json(comparison, lang, profile))


def _record_bytes(comparison: Comparison, profile: Profile | None, lang: str) -> bytes:
    lang = norm_lang(lang)
    zone = comparison.customer_timezone or (profile.customer.timezone if profile else "UTC")
    expected = profile.usage.expected_spot_hours if profile is not None else Decimal(0)
    at = comparison.at
    context = (zone, _instant_key(at), lang)
    rank_of = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
    rec = comparison.recommended_reasons
    expected_key = str(expected)
    expected_json = float(expected) if expected % 1 else int(expected)  # as _pricing_json writes it
    options = [_option_fragment(r, rank_of.get(r.option.id), rec.get(r.option.id, ()), expected, expected_json,
                                expected_key, context, at) for r in comparison.options]
    shown = when.instant_at(at, zone, lang)
    return orjson.dumps({
        "at": shown.iso,
        "lang": lang,
        "options": options,
        "recommended": list(comparison.recommended),
        "recommended_reasons": {oid: orjson.Fragment(_reasons_bytes(rs, lang)) for oid, rs in rec.items()},
        "triage": _triage_fragment(comparison.triage, lang),
        "customer": {"name": profile.customer.name if profile is not None else "", "timezone": zone},
        "at_customer": shown.text,
        "plugin_failures": [{"plugin": f.plugin, "hook": f.hook, "message": f.message}
                            for f in view_mod._failures(comparison)],
    })


# --------------------------------------------------------------------------- one record per line

_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085"))


def escape_line_separators(data: bytes) -> bytes:
    """JSON bytes with U+2028, U+2029 and NEL escaped, so no reader splits the record.

    They are valid raw in JSON, but many line readers split on them. The
    search looks for single bytes with ``bytes.find`` (a vectorized ``memchr``; a
    search for the three-byte sequences scans far slower): first their last bytes,
    which English text rarely holds, then their lead bytes, so a record without them
    (nearly every one) costs a microsecond or a few.
    """
    if data.find(0xA8) < 0 and data.find(0xA9) < 0 and data.find(0x85) < 0:
        return data
    for lead, follow in ((0xE2, (b"\x80\xa8", b"\x80\xa9")), (0xC2, (b"\x85",))):
        i = data.find(lead)
        while i >= 0:
            if data.startswith(follow, i + 1):
                for raw, escaped in _SEPARATORS:
                    data = data.replace(raw, escaped)
                return data
            i = data.find(lead, i + 1)
    return data
