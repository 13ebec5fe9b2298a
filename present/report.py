"""Rendering a comparison: the JSON contract and the Markdown quote.

Used by the CLI and the TUI alike (the TUI's quote export is this Markdown).
No policy here: only the presentation of what the plugins decided.
"""

from __future__ import annotations

import datetime as dt
import functools
from fractions import Fraction
from typing import Any

from ontime_support.kernel.models import Comparison, EscalationStep, Hours, OptionResult, Pricing, Reason, Triage
from ontime_support.kernel.text import T, Text
from ontime_support.sdk.calendar import BusinessCalendar
from ontime_support.sdk.money import yen

WEEKDAY_NAMES = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
}
STATUS_LABELS = {
    "eligible": T("eligible", "利用可"),
    "conditional": T("conditional", "条件付き"),
    "ineligible": T("ineligible", "利用不可"),
}
CHANNEL_LABELS = {
    "email": T("e-mail", "メール"),
    "phone": T("phone", "電話"),
    "web_conference": T("web meeting", "Web 会議"),
    "onsite": T("on-site", "オンサイト"),
}
MATTER_LABELS = {
    "platform": T("platform matter", "プラットフォームの問題"),
    "ontime": T("OnTime matter", "OnTime の問題"),
    "undetermined": T("not yet known", "未確定"),
}


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def number(value: Fraction | None) -> float | int | None:
    """A Fraction for JSON: an int when whole, else a float (break-even hours)."""
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def _reason(reason: Reason, lang: str) -> dict[str, str]:
    return {"clause": reason.clause, "text": reason.text(lang)}


def _steps(steps: tuple[EscalationStep, ...], lang: str) -> list[dict[str, Any]]:
    return [{"step": i, "to": s.to(lang), "why": s.why(lang), "clause": s.clause} for i, s in enumerate(steps, 1)]


def weekly_text(hours: Hours, lang: str) -> list[str]:
    """Weekly hours in the provider's zone, one line per run of equal days: ``Mon-Fri 10:00-16:00``."""
    if hours.calendar is None:
        return []
    return list(_weekly_text(hours.calendar, "ja" if lang == "ja" else "en"))


@functools.lru_cache(maxsize=256)
def _weekly_text(calendar: BusinessCalendar, lang: str) -> tuple[str, ...]:
    names = WEEKDAY_NAMES[lang]
    weekly = calendar.weekly_hours()
    spans: list[tuple[int, int, str]] = []
    for day in range(7):
        intervals = weekly.get(day, ())
        if not intervals:
            continue
        text = ", ".join(f"{a.strftime('%H:%M')}-{b.strftime('%H:%M') if b else '24:00'}" for a, b in intervals)
        if spans and spans[-1][1] == day - 1 and spans[-1][2] == text:
            spans[-1] = (spans[-1][0], day, text)
        else:
            spans.append((day, day, text))
    return tuple(f"{names[a]}{'-' + names[b] if b != a else ''} {text}" for a, b, text in spans)


def hours_json(hours: Hours | None, lang: str, upcoming: int = 3) -> dict[str, Any] | None:
    if hours is None:
        return None
    data: dict[str, Any] = {
        "timezone": hours.timezone,
        "open_now": hours.open_now,
        "closes_at": iso(hours.closes_at),
        "next_open": iso(hours.next_open),
        "email_handled_from": iso(hours.email_handled_from),
        "channels": list(hours.channels),
        "languages": list(hours.languages),
        "weekly": weekly_text(hours, lang),
        "notes": [_reason(r, lang) for r in hours.notes],
    }
    return data


def pricing_json(pricing: Pricing | None, lang: str) -> dict[str, Any] | None:
    if pricing is None:
        return None
    return {
        "annual_fee_jpy": pricing.annual_fee_jpy,
        "spot_rate_jpy_per_hour": pricing.spot_rate_jpy_per_hour,
        "spot_cost_jpy": pricing.spot_cost_jpy,
        "break_even_hours": number(pricing.break_even_hours),
        "notes": [_reason(r, lang) for r in pricing.notes],
    }


def option_json(result: OptionResult, lang: str) -> dict[str, Any]:
    e = result.eligibility
    return {
        "id": result.option.id,
        "provider": result.option.provider,
        "plugin": result.plugin,
        "title": result.option.title(lang),
        "eligibility": None if e is None else {
            "status": e.status.value,
            "reasons": [_reason(r, lang) for r in e.reasons],
        },
        "pricing": pricing_json(result.pricing, lang),
        "hours": hours_json(result.hours, lang),
        "escalation": _steps(result.escalation, lang),
        "error": None if result.error is None else {
            "hook": result.error.hook, "message": result.error.message, "plugin": result.error.plugin},
    }


def triage_json(triage: Triage | None, lang: str) -> dict[str, Any] | None:
    if triage is None:
        return None
    return {
        "matter": triage.matter.value,
        "reasons": [_reason(r, lang) for r in triage.reasons],
        "next_checks": [_reason(r, lang) for r in triage.next_checks],
        "upgrade_needed": triage.upgrade_needed,
        "fix_in_next_version": triage.fix_in_next_version,
        "onsite_quote": triage.onsite_quote,
        "path": _steps(triage.path, lang),
    }


def to_json(comparison: Comparison, lang: str) -> dict[str, Any]:
    """The JSON contract of ``compare --format json`` (keys may be added, never renamed)."""
    return {
        "at": comparison.at.isoformat(),
        "lang": lang,
        "options": [option_json(r, lang) for r in comparison.options],
        "recommended": list(comparison.recommended),
        "recommended_reasons": {
            oid: [_reason(r, lang) for r in reasons] for oid, reasons in comparison.recommended_reasons.items()},
        "triage": triage_json(comparison.triage, lang),
    }


# --------------------------------------------------------------------------- Markdown quote

L = {
    "title": T("OnTime Group Calendar: support options", "OnTime Group Calendar サポートの選択肢"),
    "for": T("Customer", "お客様"),
    "as_of": T("As of", "時点"),
    "recommended": T("Recommended order", "おすすめの順序"),
    "none": T("No option is available as things stand.", "現状で利用できる選択肢はありません。"),
    "status": T("Status", "判定"),
    "annual": T("Annual fee", "年間費用"),
    "spot": T("Spot", "スポット"),
    "per_hour": T("per hour", "/時間"),
    "expected": T("for the expected hours", "想定時間分"),
    "break_even": T("Break-even", "損益分岐"),
    "hours_a_year": T("hours a year", "時間/年"),
    "hours": T("Hours", "受付時間"),
    "open_now": T("open now, until", "受付中(終了"),
    "closed_now": T("closed now; next opening", "時間外。次の受付開始"),
    "unknown_hours": T("hours not known", "受付時間は不明"),
    "email": T("An e-mail sent now is handled from", "今メールした場合の対応開始"),
    "channels": T("Channels", "窓口"),
    "languages": T("Languages", "言語"),
    "path": T("Where the fault goes", "障害の進め方"),
    "error": T("Plugin error", "プラグインのエラー"),
    "triage": T("Triage", "切り分け"),
    "checks": T("Next checks", "次に確認すること"),
    "why": T("Why", "理由"),
}


def _when(value: dt.datetime | None, lang: str, customer_zone: str | None = None) -> str:
    if value is None:
        return "—"
    text = value.strftime("%Y-%m-%d %H:%M %Z")
    names = WEEKDAY_NAMES["ja" if lang == "ja" else "en"]
    text = f"{text} ({names[value.weekday()]})"
    if customer_zone and customer_zone != str(value.tzinfo):
        from zoneinfo import ZoneInfo

        local = value.astimezone(ZoneInfo(customer_zone))
        text += f" = {local.strftime('%Y-%m-%d %H:%M %Z')}"
    return text


def money(amount: int | None, lang: str) -> str:
    return "—" if amount is None else yen(amount, lang)


def pricing_lines(pricing: Pricing, lang: str) -> list[str]:
    """The figures of a pricing, one line each (annual fee, spot, break-even); absent ones left out."""
    lines = []
    if pricing.annual_fee_jpy is not None:
        lines.append(f"{L['annual'](lang)}: {money(pricing.annual_fee_jpy, lang)}")
    if pricing.spot_rate_jpy_per_hour is not None:
        lines.append(f"{L['spot'](lang)}: {money(pricing.spot_rate_jpy_per_hour, lang)} {L['per_hour'](lang)}; "
                     f"{L['expected'](lang)} {money(pricing.spot_cost_jpy, lang)}")
    if pricing.break_even_hours is not None:
        lines.append(f"{L['break_even'](lang)}: {number(pricing.break_even_hours)} {L['hours_a_year'](lang)}")
    return lines


def hours_summary(hours: Hours | None, lang: str, customer_zone: str | None = None) -> str:
    if hours is None or hours.open_now is None:
        return L["unknown_hours"](lang)
    if hours.open_now:
        tail = ")" if lang == "ja" else ""
        return f"{L['open_now'](lang)} {_when(hours.closes_at, lang, customer_zone)}{tail}"
    return f"{L['closed_now'](lang)} {_when(hours.next_open, lang, customer_zone)}"


def to_markdown(comparison: Comparison, lang: str, customer_name: str | None = None) -> str:
    """A quote the desk can paste into an e-mail."""
    out: list[str] = [f"# {L['title'](lang)}", ""]
    if customer_name:
        out.append(f"- {L['for'](lang)}: {customer_name}")
    out.append(f"- {L['as_of'](lang)}: {_when(comparison.at, lang)}")
    out.append("")
    out.append(f"## {L['recommended'](lang)}")
    out.append("")
    if not comparison.recommended:
        out.append(L["none"](lang))
    titles = {r.option.id: r.option.title(lang) for r in comparison.options}
    for i, oid in enumerate(comparison.recommended, 1):
        why = "; ".join(f"{r.text(lang)} [{r.clause}]" for r in comparison.recommended_reasons.get(oid, ()))
        out.append(f"{i}. **{titles[oid]}** (`{oid}`): {why}")
    out.append("")
    zone = comparison.customer_timezone
    for result in comparison.options:
        out.append(f"## {result.option.title(lang)} (`{result.option.id}`)")
        out.append("")
        if result.error is not None:
            out.append(f"> **{L['error'](lang)}** ({result.error.plugin}, {result.error.hook}): {result.error.message}")
            out.append("")
            continue
        e = result.eligibility
        assert e is not None
        out.append(f"- **{L['status'](lang)}: {STATUS_LABELS[e.status.value](lang)}**")
        for r in e.reasons:
            out.append(f"  - {r.text(lang)} [{r.clause}]")
        p = result.pricing
        if p is not None:
            out.extend(f"- {line}" for line in pricing_lines(p, lang))
            for r in p.notes:
                out.append(f"  - {r.text(lang)} [{r.clause}]")
        h = result.hours
        if h is not None:
            weekly = ", ".join(weekly_text(h, lang))
            if weekly:
                out.append(f"- {L['hours'](lang)}: {weekly} ({h.timezone})")
            out.append(f"- {hours_summary(h, lang, zone)}")
            if h.open_now is False:
                out.append(f"- {L['email'](lang)}: {_when(h.email_handled_from, lang, zone)}")
            if h.channels:
                out.append(f"- {L['channels'](lang)}: {', '.join(_channel(c, lang) for c in h.channels)}")
            if h.languages:
                out.append(f"- {L['languages'](lang)}: {', '.join(h.languages)}")
            for r in h.notes:
                out.append(f"  - {r.text(lang)} [{r.clause}]")
        if result.escalation:
            out.append(f"- {L['path'](lang)}:")
            for i, s in enumerate(result.escalation, 1):
                out.append(f"  {i}. {s.to(lang)}: {s.why(lang)} [{s.clause}]")
        out.append("")
    if comparison.triage is not None:
        t = comparison.triage
        out.append(f"## {L['triage'](lang)}: {MATTER_LABELS[t.matter.value](lang)}")
        out.append("")
        for r in t.reasons:
            out.append(f"- {r.text(lang)} [{r.clause}]")
        if t.next_checks:
            out.append(f"- {L['checks'](lang)}:")
            for r in t.next_checks:
                out.append(f"  - {r.text(lang)} [{r.clause}]")
        out.append(f"- {L['path'](lang)}:")
        for i, s in enumerate(t.path, 1):
            out.append(f"  {i}. {s.to(lang)}: {s.why(lang)} [{s.clause}]")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _channel(code: str, lang: str) -> str:
    label: Text | None = CHANNEL_LABELS.get(code)
    return label(lang) if label else code
