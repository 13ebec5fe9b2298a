"""Benchmark: BusinessCalendar.next_open vs businesstimedelta on the Direct Shop schedule.

Schedule: 10:00-16:00 Asia/Tokyo, Monday-Friday, closed on Japanese public
holidays and 29 Dec - 3 Jan.  Both libraries answer "first business instant at
or after t" for the same precomputed instants (about one in six is inside
opening hours); businesstimedelta does it as ``BusinessTimeDelta(rules, 0) + t``.
Answers are cross-checked on a sample before timing.

    .venv/bin/python benchmarks/bench_calendar.py [n]

``businesstimedelta`` (and pytz) are bench-only dependencies, imported here only.
"""

from __future__ import annotations

import json
import random
import sys
import time as _time
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ontime_support.sdk.calendar import BusinessCalendar, parse_hours

TOKYO = "Asia/Tokyo"
YEARS = range(2025, 2030)  # instants are in 2026-2027; answers may fall in early 2028


def direct_shop() -> BusinessCalendar:
    hours = parse_hours("10:00-16:00")
    return BusinessCalendar(
        timezone=TOKYO,
        weekly={d: hours for d in range(5)},
        holiday_country="JP",
        closed_yearly=[((12, 29), (1, 3))],
    )


def closed_dates() -> frozenset[date]:
    """JP public holidays plus the year-end closure, as plain dates (for businesstimedelta)."""
    import holidays

    days = set(holidays.country_holidays("JP", years=YEARS, categories=("public",)))
    for y in YEARS:
        days.update(date(y, 12, d) for d in (29, 30, 31))
        days.update(date(y, 1, d) for d in (1, 2, 3))
    return frozenset(days)


def instants(count: int, seed: int = 20261120) -> list[datetime]:
    """Spread over 2026-2027, whole seconds, half given in UTC and half in Tokyo time."""
    rnd = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    span = int(timedelta(days=730).total_seconds())
    tokyo = ZoneInfo(TOKYO)
    out = []
    for k in range(count):
        t = start + timedelta(seconds=rnd.randrange(span))
        out.append(t.astimezone(tokyo) if k % 2 else t)
    return out


def _per_call_us(fn, ts: list[datetime], calls: int, repeats: int = 3) -> float:
    """Best of `repeats` runs of `calls` calls cycling through ts; microseconds per call."""
    reps, rest = divmod(calls, len(ts))
    best = float("inf")
    for _ in range(repeats):
        t0 = _time.perf_counter()
        for _ in range(reps):
            for t in ts:
                fn(t)
        for t in ts[:rest]:
            fn(t)
        best = min(best, _time.perf_counter() - t0)
    return best / calls * 1e6


def run(n: int = 200_000) -> dict:
    import pytz
    from businesstimedelta import BusinessTimeDelta, HolidayRule, Rules, WorkDayRule

    cal = direct_shop()
    tz = pytz.timezone(TOKYO)
    rules = Rules([
        WorkDayRule(start_time=time(10), end_time=time(16), working_days=[0, 1, 2, 3, 4], tz=tz),
        HolidayRule(closed_dates(), tz=tz),
    ])
    zero = BusinessTimeDelta(rules, hours=0)

    def btd_next_open(t: datetime) -> datetime:
        return zero + t

    ts = instants(10_000)
    # warm up (builds the covered years) and cross-check on a sample
    sample = ts[:2_000]
    mismatches = [t for t in sample if cal.next_open(t) != btd_next_open(t)]
    open_fraction = sum(cal.is_open(t) for t in ts) / len(ts)

    n_btd = max(2_000, n // 100)
    ours_us = _per_call_us(cal.next_open, ts, n)
    btd_us = _per_call_us(btd_next_open, ts, n_btd, repeats=1)
    return {
        "schedule": "10:00-16:00 Asia/Tokyo Mon-Fri, JP public holidays, closed 29 Dec - 3 Jan",
        "instants": len(ts),
        "open_fraction": round(open_fraction, 3),
        "verified_sample": len(sample),
        "mismatches": len(mismatches),
        "ours_calls": n,
        "ours_us_per_next_open": round(ours_us, 3),
        "businesstimedelta_calls": n_btd,
        "businesstimedelta_us_per_call": round(btd_us, 2),
        "speedup": round(btd_us / ours_us, 1),
        "target_le_2us": ours_us <= 2.0,
        "target_ge_30x": btd_us / ours_us >= 30,
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000), indent=2))
