"""The one place where instants and weekly hours become text.

An instant is shown in the customer's zone first, the provider's local time
beside it when the zones differ: ``12-01 (Tue) 10:00 JST · 02:00 CET`` (the
provider's date is repeated only when it is another day). Results are cached:
a batch asks for the same few instants thousands of times.

Zones are named here too (:func:`zone_name`): in Japanese by the place, from
CLDR through Babel (``Asia/Tokyo`` → 日本時間, ``Asia/Singapore`` →
シンガポール時間), so ``12-01（火）10:00 日本時間 · 02:00 デンマーク時間``; a
zone CLDR has no place for reads as its UTC offset (``UTC+03:00``). English
keeps the abbreviation beside a clock and the IANA name for a zone. Machine
output (JSON ``*timezone*`` fields) never comes through here and stays IANA.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from typing import cast
from zoneinfo import ZoneInfo

import attrs

from ontime_support.kernel.models import Calendar
from ontime_support.sdk.reasons import utc_offset_name, zone_place
from ontime_support.sdk.reasons import zone_name as sdk_zone_name

from .labels import WEEKDAYS, norm_lang

SEP = " · "


@attrs.frozen(kw_only=True, slots=True)
class InstantView:
    """One instant as shown.

    ``iso``: ISO 8601 in the zone it came in (the provider's, for hours);
    ``customer_iso``: the same instant in the customer's zone;
    ``customer``: ``12-01 (Tue) 10:00 JST``; ``provider``: ``02:00 CET`` or
    ``None`` when the zones are the same; ``text``: both, customer first.
    """

    iso: str
    customer_iso: str
    customer: str
    provider: str | None
    text: str


def _zone_key(value: dt.datetime) -> str:
    tz = value.tzinfo
    key = getattr(tz, "key", None)
    return key if isinstance(key, str) else str(tz)


def zone_name(zone: str, lang: str, at: dt.datetime | None = None) -> str:
    """A zone as a reader sees it: ``日本時間`` in Japanese, the IANA name in English (:func:`sdk.zone_name`)."""
    return sdk_zone_name(zone, norm_lang(lang), at)


def _zone_label(value: dt.datetime, lang: str) -> str:
    """The zone beside a clock: the abbreviation in English (``JST``, ``UTC+08``), the place in Japanese."""
    if lang == "ja":
        key = getattr(value.tzinfo, "key", None)
        place = zone_place(key, "ja") if isinstance(key, str) else None
        return place if place is not None else utc_offset_name(value.utcoffset())
    return _abbrev(value)


def _abbrev(value: dt.datetime) -> str:
    name = value.tzname() or ""
    if not name or name[0] in "+-":  # zones without a letter abbreviation: "+03" -> "UTC+03"
        return f"UTC{name}" if name else ""
    return name


def _day(value: dt.datetime, lang: str, year: bool) -> str:
    names = WEEKDAYS[lang]
    date = value.strftime("%Y-%m-%d" if year else "%m-%d")
    wd = names[value.weekday()]
    return f"{date}（{wd}）" if lang == "ja" else f"{date} ({wd})"


def _clock(value: dt.datetime, lang: str = "en") -> str:
    return f"{value.hour:02d}:{value.minute:02d} {_zone_label(value, lang)}".rstrip()


def day_text(value: dt.datetime, lang: str, *, year: bool = True) -> str:
    """``2026-12-01 (Tue)`` / ``2026-12-01（火）``: the date and weekday of ``value`` in its own zone."""
    return _day(value, norm_lang(lang), year)


def clock_text(value: dt.datetime, lang: str) -> str:
    """``10:00 JST`` / ``10:00 日本時間``: the time of ``value`` in its own zone, the zone named."""
    return _clock(value, norm_lang(lang))


def stamp(value: dt.datetime, lang: str, *, year: bool = True) -> str:
    """``2026-12-01 (Tue) 10:00 JST`` / ``2026-12-01（火）10:00 日本時間``: one instant in its own zone."""
    lang = norm_lang(lang)
    return f"{_day(value, lang, year)}{' ' if lang == 'en' else ''}{_clock(value, lang)}"


def instant(value: dt.datetime, customer_zone: str, lang: str, *, year: bool = False,
            beside: bool = True) -> InstantView:
    """``value`` (aware) shown in ``customer_zone`` first, its own zone beside it (unless ``beside=False``)."""
    return _instant(value, _zone_key(value), customer_zone, norm_lang(lang), year, beside)


def instant_at(value: dt.datetime, customer_zone: str, lang: str) -> InstantView:
    """``instant(value, customer_zone, lang, year=True, beside=False)``: the question's instant, as shown."""
    return _instant(value, _zone_key(value), customer_zone, norm_lang(lang), True, False)


@functools.lru_cache(maxsize=4096)
def _instant(value: dt.datetime, zone: str, customer_zone: str, lang: str, year: bool,
             beside: bool) -> InstantView:
    # ``zone`` is part of the key: aware datetimes at the same instant compare equal across zones.
    local = value.astimezone(ZoneInfo(customer_zone)) if zone != customer_zone else value
    sep = " " if lang == "en" else ""
    customer = f"{_day(local, lang, year)}{sep}{_clock(local, lang)}"
    provider: str | None = None
    if beside and zone != customer_zone and local.utcoffset() != value.utcoffset():
        same_day = local.date() == value.date()
        provider = _clock(value, lang) if same_day else f"{_day(value, lang, year)}{sep}{_clock(value, lang)}"
    text = customer if provider is None else f"{customer}{SEP}{provider}"
    return InstantView(iso=value.isoformat(), customer_iso=local.isoformat(), customer=customer,
                       provider=provider, text=text)


# --------------------------------------------------------------------------- weekly hours

_Span = tuple[int, int, str]


def _group(per_day: dict[int, list[str]], lang: str) -> tuple[str, ...]:
    """``{0: ['10:00-16:00'], 1: [...]}`` → ``('Mon-Fri 10:00-16:00',)``, runs of equal days joined."""
    names = WEEKDAYS[lang]
    comma, dash = ", ", "-"  # between digits and day names: the same in both languages
    spans: list[_Span] = []
    for day in range(7):
        intervals = per_day.get(day)
        if not intervals:
            continue
        text = comma.join(intervals)
        if spans and spans[-1][1] == day - 1 and spans[-1][2] == text:
            spans[-1] = (spans[-1][0], day, text)
        else:
            spans.append((day, day, text))
    return tuple(f"{names[a]}{dash + names[b] if b != a else ''} {text}" for a, b, text in spans)


def _hm(t: dt.time | None) -> str:
    return "24:00" if t is None else f"{t.hour:02d}:{t.minute:02d}"


def weekly_provider(calendar: Calendar, lang: str) -> tuple[str, ...]:
    """Weekly hours in the provider's zone, one line per run of equal days: ``Mon-Fri 10:00-16:00``."""
    return _weekly_provider(cast(Hashable, calendar), norm_lang(lang))


@functools.lru_cache(maxsize=256)
def _weekly_provider(key: Hashable, lang: str) -> tuple[str, ...]:
    calendar = cast(Calendar, key)
    weekly = calendar.weekly_hours()
    return _group({d: [f"{_hm(a)}-{_hm(b)}" for a, b in iv] for d, iv in weekly.items() if iv}, lang)


def weekly_customer(calendar: Calendar, customer_zone: str, at: dt.datetime, lang: str) -> tuple[str, ...]:
    """The provider's weekly hours in the customer's zone, as they fall in the coming week.

    Each weekly interval is converted on its next actual date: the first one
    (in the provider's zone) that has not ended by ``at``. Across a DST change
    the same provider hours fall at other customer times, so the line shown for
    a weekday agrees with that weekday's next opening (IVS-3). An interval
    crossing the customer's midnight is split.
    """
    lang = norm_lang(lang)
    if calendar.timezone == customer_zone:
        return weekly_provider(calendar, lang)
    pz = ZoneInfo(calendar.timezone)
    now = at.astimezone(dt.timezone.utc)
    today = now.astimezone(pz).date()
    dates: list[dt.date] = []
    for day, intervals in sorted(calendar.weekly_hours().items()):
        for _a, b in intervals:
            date = today + dt.timedelta(days=(day - today.weekday()) % 7)
            if _end(date, b, pz).astimezone(dt.timezone.utc) <= now:
                date += dt.timedelta(days=7)
            dates.append(date)
    return _weekly_customer(cast(Hashable, calendar), customer_zone, tuple(dates), lang)


def _end(date: dt.date, b: dt.time | None, zone: ZoneInfo) -> dt.datetime:
    """The end of an interval on ``date``: ``None`` is the next midnight."""
    return (dt.datetime.combine(date, b, tzinfo=zone) if b is not None
            else dt.datetime.combine(date + dt.timedelta(days=1), dt.time(0), tzinfo=zone))


@functools.lru_cache(maxsize=1024)
def _weekly_customer(key: Hashable, customer_zone: str, dates: tuple[dt.date, ...], lang: str) -> tuple[str, ...]:
    """``dates``: the date each interval is converted on, in the order of ``sorted(weekly_hours().items())``."""
    calendar = cast(Calendar, key)
    pz, cz = ZoneInfo(calendar.timezone), ZoneInfo(customer_zone)
    pieces: list[tuple[int, dt.time, dt.time | None]] = []
    intervals = [iv for _day, ivs in sorted(calendar.weekly_hours().items()) for iv in ivs]
    for (a, b), date in zip(intervals, dates, strict=True):
        start = dt.datetime.combine(date, a, tzinfo=pz).astimezone(cz)
        end = _end(date, b, pz).astimezone(cz)
        while start < end:
            midnight = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(0), tzinfo=cz)
            stop = min(end, midnight)
            pieces.append((start.weekday(), start.timetz().replace(tzinfo=None),
                           None if stop == midnight else stop.timetz().replace(tzinfo=None)))
            start = stop
    pieces.sort(key=lambda p: (p[0], p[1]))
    per_day: dict[int, list[str]] = {}
    for wd, a, b in pieces:
        per_day.setdefault(wd, []).append(f"{_hm(a)}-{_hm(b)}")
    return _group(per_day, lang)
