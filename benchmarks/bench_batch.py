"""Batch throughput (profiles/s) and peak memory of ``compare --profiles FILE.jsonl``.

Runs the real CLI in a subprocess on one core over N generated lines (the
example profiles in turn, with varied prices and hours), once for N/10 and
once for N lines: flat memory means the two peaks are about the same.

``io_part`` times the batch's own work apart from the comparison, in one
process and one run: reading a line (parse + validate) and writing its
record (render + encode), with the standard library's ``json`` (the former
path) against ``orjson`` with the per-line checks (the current path).
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


def io_part(n: int = 3_000) -> dict:
    """Per-line cost of reading and writing a batch line, stdlib json vs orjson (microseconds)."""
    import orjson

    from ontime_support.loading import build_host, profile_from_data
    from ontime_support.loading.batch import profile_from_line
    from ontime_support.present import to_json

    lines = [line.encode() for line in _lines(n)]
    host = build_host(autoload=False)
    at = __import__("datetime").datetime.fromisoformat("2026-11-27T10:00+09:00")

    def timed(func, items) -> tuple[float, list]:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        out = [func(item) for item in items]
        return (time.perf_counter() - start) / len(items) * 1e6, out

    read_json, profiles = timed(lambda raw: profile_from_data(json.loads(raw), "b:1"), lines)
    read_orjson, profiles2 = timed(lambda raw: profile_from_line(raw, "b:1"), lines)
    assert profiles == profiles2
    compare_us, comparisons = timed(lambda p: to_json(host.compare(p, at), "en"), profiles)
    encoder = json.JSONEncoder(ensure_ascii=False).encode
    write_json, _ = timed(lambda d: (encoder(d) + "\n").encode("utf-8"), comparisons)
    write_orjson, _ = timed(lambda d: orjson.dumps(d) + b"\n", comparisons)
    before, after = read_json + write_json, read_orjson + write_orjson
    return {"lines": n, "read_us": {"json": round(read_json, 1), "orjson_checked": round(read_orjson, 1)},
            "write_us": {"json": round(write_json, 1), "orjson": round(write_orjson, 1)},
            "compare_and_to_json_us": round(compare_us, 1),
            "io_us_per_line": {"before": round(before, 1), "after": round(after, 1)},
            "io_speedup": round(before / after, 2),
            "io_only_profiles_per_s": round(1e6 / after)}


def run(n: int = 100_000) -> dict:
    results: dict = {"io_part": io_part()}
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
    small, large = results[str(n // 10)], results[str(n)]  # type: ignore[index]
    results["memory_growth_ratio"] = round(large["peak_rss_mib"] / small["peak_rss_mib"], 3)
    return results


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(json.dumps(run(size), indent=2))
