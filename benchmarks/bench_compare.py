"""compare() per profile versus the same plugin functions called directly (kernel overhead), in one run.

Both sides do the same work for the options the host shows the profile: triage, then each option's
eligibility, pricing, hours (calendar: closes_at / next_open / email_handled_from) and escalation.
The direct side skips the host (routing, type checks, isolation, caching, result models).

* hit path: one profile asked at ``INSTANTS`` in turn (many instants over several days, so the
  host's per-(profile, local date) cache answers most calls and the hours are computed anew each time);
* miss path: a new profile value every call (``attrs.evolve`` with another list price, built before
  the clock starts), as in a batch: the host's cache never answers, the plugins are called.

Times are this process's CPU time (``time.process_time``), best of 5 rounds: on a shared machine
other processes inflate wall time far more than CPU time.

The ratio is kernel time over direct time on the same calls (< 1: the host's cache saves more than its
checks cost).
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Profile
from ontime_support.loading import build_host, load_profile
from ontime_support.plugins import direct_shop, intravision, partner, triage

ROOT = Path(__file__).resolve().parent.parent
TOKYO = ZoneInfo("Asia/Tokyo")
#: 5 days (a Friday, a Saturday, two New Year holidays, a Tuesday) x 24 instants, minutes and seconds varied
DAYS = (dt.date(2026, 11, 27), dt.date(2026, 11, 28), dt.date(2026, 12, 29), dt.date(2026, 12, 31), dt.date(2027, 1, 5))
INSTANTS = tuple(dt.datetime.combine(day, dt.time(hour, (7 * hour) % 60, (13 * hour) % 60), TOKYO)
                 for day in DAYS for hour in range(24))
MODULES = {"direct_shop": direct_shop, "partner": partner, "intravision": intravision}


def _time_per_call(calls: Sequence[Callable[[], object]], repeat: int = 5) -> float:
    """Best-of-`repeat` mean microseconds per call; each round runs every call of ``calls`` once."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for call in calls:
            call()
        best = min(best, (time.process_time() - start) / len(calls))
    return best * 1e6


def _direct(host: PluginHost, shown: list[str]) -> Callable[[Profile, dt.datetime], list[Any]]:
    """The plugins' hooks called directly for the options ``shown``, as the host calls them."""
    specs = [(spec, MODULES[spec.provider], host.settings_of(spec.provider))
             for spec in host.option_specs() if spec.id in shown]

    def direct(profile: Profile, at: dt.datetime) -> list[Any]:
        verdict = triage.ontime_triage(profile=profile, at=at, settings=host.settings_of("triage")) if profile.incident else None
        out = []
        for spec, module, settings in specs:
            e = module.ontime_eligibility(**_args(module.ontime_eligibility, spec, profile, at, settings, verdict))
            p = module.ontime_pricing(**_args(module.ontime_pricing, spec, profile, at, settings, verdict))
            a = module.ontime_hours(**_args(module.ontime_hours, spec, profile, at, settings, verdict))
            cal = a.calendar
            hours = None
            if cal is not None:
                closes = cal.closes_at(at)
                hours = (closes, cal.next_open(at), None if closes else cal.email_handled_from(at))
            s = module.ontime_escalation(**_args(module.ontime_escalation, spec, profile, at, settings, verdict))
            out.append((e, p, hours, s))
        return out

    return direct


def run(n: int = 20_000, misses: int = 2_000) -> dict[str, Any]:
    host = build_host(settings_path=ROOT / "examples" / "settings.toml", autoload=False)
    results: dict[str, Any] = {"instants": len(INSTANTS), "days": len({at.astimezone(TOKYO).date() for at in INSTANTS})}
    for name in ("partner", "direct_shop", "intravision"):
        profile = load_profile(ROOT / "examples" / "profiles" / f"{name}.toml")
        direct = _direct(host, [r.option.id for r in host.compare(profile, INSTANTS[0]).options])
        ats = [INSTANTS[i % len(INSTANTS)] for i in range(n)]
        k = _time_per_call([lambda at=at: host.compare(profile, at) for at in ats])  # type: ignore[misc]
        d = _time_per_call([lambda at=at: direct(profile, at) for at in ats])  # type: ignore[misc]

        price = profile.licenses.newest_list_price_jpy

        def fresh(offset: int) -> list[Profile]:  # new values, never seen by the host or the plugins' memos
            return [attrs.evolve(profile, licenses=attrs.evolve(profile.licenses, newest_list_price_jpy=price + i))
                    for i in range(offset, offset + misses)]

        km = _miss_time(lambda p, at: host.compare(p, at), fresh, 0, misses)
        dm = _miss_time(direct, fresh, 10 * misses, misses)
        results[name] = {"compare_us": round(k, 2), "direct_us": round(d, 2), "overhead_ratio": round(k / d, 3),
                         "miss_compare_us": round(km, 2), "miss_direct_us": round(dm, 2),
                         "miss_overhead_ratio": round(km / dm, 3)}
    rows = [r for r in results.values() if isinstance(r, dict)]
    for key in ("compare_us", "overhead_ratio", "miss_compare_us", "miss_overhead_ratio"):
        results[f"median_{key}"] = statistics.median(r[key] for r in rows)
    return results


def _miss_time(call: Callable[[Profile, dt.datetime], object], fresh: Callable[[int], list[Profile]],
               base: int, count: int, repeat: int = 5) -> float:
    """Best-of-`repeat` microseconds per call, each call on a profile value not seen before."""
    best = float("inf")
    for round_ in range(repeat):
        profiles = fresh(base + round_ * count)
        start = time.process_time()
        for i, p in enumerate(profiles):
            call(p, INSTANTS[i % len(INSTANTS)])
        best = min(best, (time.process_time() - start) / len(profiles))
    return best * 1e6


_ARGS_CACHE: dict[Any, tuple[str, ...]] = {}


def _args(fn: Any, spec: Any, profile: Profile, at: dt.datetime, settings: Any, verdict: Any) -> dict[str, Any]:
    names = _ARGS_CACHE.get(fn)
    if names is None:
        names = _ARGS_CACHE[fn] = tuple(inspect.signature(fn).parameters)
    values = {"option": spec, "profile": profile, "at": at, "settings": settings, "triage": verdict}
    return {n: values[n] for n in names}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
