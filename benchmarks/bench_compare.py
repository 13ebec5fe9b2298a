"""compare() per profile versus the same plugin functions called directly (kernel overhead).

Both sides do the same work: triage, then for each built-in option its
eligibility, pricing, hours (calendar: closes_at / next_open) and escalation.
The direct side skips the host (routing, type checks, isolation, result models).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from ontime_support.loading import build_host, load_profile
from ontime_support.kernel.host import PluginHost
from ontime_support.plugins import direct_shop, intravision, partner, triage

ROOT = Path(__file__).resolve().parent.parent
AT = dt.datetime(2026, 11, 27, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def _time_per_call(fn, n: int, repeat: int = 5) -> float:
    """Best-of-`repeat` mean microseconds per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n)
    return best * 1e6


def run(n: int = 20_000) -> dict:
    host = build_host(settings_path=ROOT / "examples" / "settings.toml", autoload=False)
    modules = {"direct_shop": direct_shop, "partner": partner, "intravision": intravision}
    specs = [(spec, modules[spec.provider], host.settings_of(spec.provider)) for spec in host.option_specs()]
    results = {}
    for name in ("partner", "direct_shop", "intravision"):
        profile = load_profile(ROOT / "examples" / "profiles" / f"{name}.toml")

        def direct(profile=profile):
            verdict = triage.ontime_triage(profile=profile, at=AT)
            out = []
            for spec, module, settings in specs:
                e = module.ontime_eligibility(**_args(module.ontime_eligibility, spec, profile, AT, settings, verdict))
                p = module.ontime_pricing(**_args(module.ontime_pricing, spec, profile, AT, settings, verdict))
                a = module.ontime_hours(**_args(module.ontime_hours, spec, profile, AT, settings, verdict))
                cal = a.calendar
                hours = (cal.closes_at(AT), cal.next_open(AT)) if cal else None
                s = module.ontime_escalation(**_args(module.ontime_escalation, spec, profile, AT, settings, verdict))
                out.append((e, p, hours, s))
            return out

        def kernel(profile=profile):
            return host.compare(profile, AT)

        kernel()
        direct()
        k = _time_per_call(kernel, n)
        d = _time_per_call(direct, n)
        results[name] = {"compare_us": round(k, 2), "direct_us": round(d, 2), "overhead_ratio": round(k / d, 3)}
    results["median_compare_us"] = statistics.median(r["compare_us"] for r in results.values())
    return results


_ARGS_CACHE: dict = {}


def _args(fn, spec, profile, at, settings, verdict):
    names = _ARGS_CACHE.get(fn)
    if names is None:
        import inspect

        names = _ARGS_CACHE[fn] = tuple(inspect.signature(fn).parameters)
    values = {"option": spec, "profile": profile, "at": at, "settings": settings, "triage": verdict}
    return {n: values[n] for n in names}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
