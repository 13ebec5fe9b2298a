"""The built-in plugins' hooks called directly: new profiles against one profile repeated.

(a) ``new``: N profiles generated like the batch benchmark (``bench_batch._lines``:
the three example profiles in turn, each line with its own newest list price
and expected spot hours), every one a new object; (b) ``same``: one profile
repeated N times. Per profile: triage, then for every built-in option its
eligibility, pricing, hours and escalation (the work ``compare`` asks of the
plugins, without the host). Figures are microseconds per profile (best of
``repeat``) and the ratio new/same: how much a new profile costs over a repeat.

``baseline``: the same measurement, in a subprocess, against the plugins and
SDK of another git revision (``git archive`` into a temporary directory, put
first on ``PYTHONPATH``), so before/after come from one run on one machine.

    python -m benchmarks --only plugins                 # against where this branch left main
    python -m benchmarks.bench_plugins 10000 f9634c6    # N and the baseline revision
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
HOOKS = ("ontime_eligibility", "ontime_pricing", "ontime_hours", "ontime_escalation")


def _calls() -> Any:
    """One function: profile -> every built-in hook's answer for it (the host's work, without the host)."""
    from ontime_support.loading import build_host
    from ontime_support.plugins import direct_shop, intravision, partner, triage

    host = build_host(settings_path=ROOT / "examples" / "settings.toml", autoload=False)
    modules = {"direct_shop": direct_shop, "partner": partner, "intravision": intravision}
    plan = []
    for spec in host.option_specs():
        module, settings = modules[spec.provider], host.settings_of(spec.provider)
        for hook in HOOKS:
            fn = getattr(module, hook)
            plan.append((spec.partner_id, fn, tuple(inspect.signature(fn).parameters), spec, settings))

    def run(profile: Any) -> list[Any]:
        verdict = triage.ontime_triage(profile=profile, at=AT, settings=host.settings_of("triage"))
        values = {"profile": profile, "at": AT, "triage": verdict}
        out: list[Any] = [verdict]
        partner_id = profile.customer.partner
        for wanted, fn, names, spec, settings in plan:
            if wanted not in (None, "*", partner_id):
                continue
            values["option"], values["settings"] = spec, settings
            out.append(fn(*[values[n] for n in names]))
        return out

    return run


def _profiles(n: int) -> list[Any]:
    from benchmarks.bench_batch import _lines
    from ontime_support.loading import profile_from_data

    return [profile_from_data(json.loads(line), f"bench:{i}") for i, line in enumerate(_lines(n))]


def measure(n: int = 10_000, repeat: int = 3) -> dict[str, Any]:
    """Microseconds per profile for new profiles and for one profile repeated, in this interpreter."""
    import ontime_support

    call = _calls()
    new = _profiles(n)
    same = [new[0]] * n
    call(new[0])  # warm: imports, calendars, Babel names

    def best(profiles: list[Any]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            for profile in profiles:
                call(profile)
            times.append((time.perf_counter() - start) / len(profiles) * 1e6)
        return min(times)

    new_us, same_us = best(new), best(same)
    # The same new profiles through the host (guards, checks, hours): what the plugins' share becomes there.
    from ontime_support.loading import build_host

    host = build_host(settings_path=ROOT / "examples" / "settings.toml", autoload=False)
    host.compare(new[0], AT)
    start = time.perf_counter()
    for profile in new:
        host.compare(profile, AT)
    compare_us = (time.perf_counter() - start) / len(new) * 1e6
    return {"source": str(Path(ontime_support.__file__).parent), "profiles": n,
            "new_us": round(new_us, 2), "same_us": round(same_us, 2), "new_over_same": round(new_us / same_us, 2),
            "host_compare_new_us": round(compare_us, 2)}


def _baseline(rev: str, n: int) -> dict[str, Any]:
    """:func:`measure` in a fresh interpreter on the tree of git revision ``rev``."""
    if rev == "fork":  # where this branch left main: the plugins before this branch's work
        rev = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
                             capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="tar")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(Path(tmp) / "src"), str(ROOT))),
               "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"}
        code = f"import json; from benchmarks.bench_plugins import measure; print(json.dumps(measure({n})))"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=ROOT, env=env).stdout
    result: dict[str, Any] = json.loads(out)
    assert result["source"].startswith(tmp), result["source"]  # the baseline's plugins ran, not ours
    result["source"] = f"git:{rev}"
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    best = dict(runs[0])
    for key in ("new_us", "same_us", "host_compare_new_us"):
        best[key] = min(r[key] for r in runs)
    best["new_over_same"] = round(best["new_us"] / best["same_us"], 2)
    return best


def run(n: int = 10_000, baseline: str | None = "fork", rounds: int = 2) -> dict[str, Any]:
    """After (this tree) and before (``baseline``) in alternate rounds, each side's best: a busy machine
    slows both sides alike."""
    afters, befores = [], []
    for _ in range(rounds):
        afters.append(measure(n))
        if baseline:
            befores.append(_baseline(baseline, n))
    after = _best(afters)
    after["source"] = "working tree"
    report: dict[str, Any] = {"after": after}
    if baseline:
        before = _best(befores)
        report["before"] = before
        report["speedup_new"] = round(before["new_us"] / after["new_us"], 2)
        report["speedup_same"] = round(before["same_us"] / after["same_us"], 2)
        report["speedup_host_compare_new"] = round(before["host_compare_new_us"] / after["host_compare_new_us"], 2)
    return report


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rev = sys.argv[2] if len(sys.argv) > 2 else "fork"
    print(json.dumps(run(size, rev or None), indent=2))
