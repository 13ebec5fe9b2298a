"""Batch throughput (profiles/s) and peak memory of ``compare --profiles FILE.jsonl``.

Runs the real CLI in a subprocess on one core over N generated lines (the
example profiles in turn, with varied prices and hours), once for N/10 and
once for N lines: flat memory means the two peaks are about the same.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lines(n: int):
    bases = []
    for name in ("partner", "direct_shop", "intravision"):
        data = tomllib.loads((ROOT / "examples" / "profiles" / f"{name}.toml").read_text(encoding="utf-8"))
        data["maintenance"]["active_until"] = data["maintenance"]["active_until"].isoformat()
        bases.append(data)
    for i in range(n):
        data = bases[i % 3]
        data["licenses"]["newest_list_price_jpy"] = 1_000_000 + (i % 997) * 1000
        data["usage"]["expected_spot_hours"] = (i % 40) / 4
        yield json.dumps(data, ensure_ascii=False)


def _run_cli(path: Path) -> tuple[float, int, int]:
    exe = Path(sys.executable).parent / "ontime-support"
    env = {**os.environ, "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    cmd = ["taskset", "-c", "0", str(exe)] if _has_taskset() else [str(exe)]
    cmd += ["compare", "--profiles", str(path), "--at", "2026-11-27T10:00+09:00",
            "--settings", str(ROOT / "examples" / "settings.toml")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env)
    count = 0
    assert proc.stdout is not None
    for _line in proc.stdout:
        count += 1
    proc.wait()
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, count, usage.ru_maxrss  # KiB on Linux; max over children so far


def _peak_kib(path: Path) -> tuple[float, int, int]:
    # A fresh interpreter per measurement, so ru_maxrss is this run's own peak.
    code = (
        "import resource,subprocess,sys,json;"
        "from benchmarks.bench_batch import _run_cli;from pathlib import Path;"
        f"e,c,_=_run_cli(Path({str(path)!r}));"
        "print(json.dumps([e,c,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    elapsed, count, peak = json.loads(out.stdout)
    return elapsed, count, peak


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


def run(n: int = 100_000) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (n // 10, n):
            path = Path(tmp) / f"profiles-{size}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for line in _lines(size):
                    fh.write(line + "\n")
            elapsed, count, peak = _peak_kib(path)
            assert count == size, (count, size)
            results[str(size)] = {"seconds": round(elapsed, 2), "profiles_per_s": round(size / elapsed),
                                  "peak_rss_mib": round(peak / 1024, 1)}
    small, large = results[str(n // 10)], results[str(n)]
    results["memory_growth_ratio"] = round(large["peak_rss_mib"] / small["peak_rss_mib"], 3)
    return results


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(json.dumps(run(size), indent=2))
