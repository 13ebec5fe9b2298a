"""Batch throughput (profiles/s) and peak memory of ``compare --profiles FILE.jsonl``.

End to end: the real CLI in a subprocess on one core over N generated lines
(the example profiles in turn, with varied prices and hours), for N/10 and N
lines (10,000 and 100,000 by default), and once over an empty file: the
process start-up (interpreter, imports, plugin host), reported on its own and
subtracted for the net rate. Flat memory means the two peaks are about the same.

``io_part`` times the batch's own work apart from ``host.compare``, in one
process and one run, each path from cold caches: reading a line (parse +
validate into a Profile) and writing its record (view model + JSON). The
baseline is the plain path measured in the same run: the standard library's
``json`` with the detailed converter, and ``json.dumps(to_json(...))``; then
``orjson.dumps(to_json(...))``; then the batch's fast paths
(``profile_from_line``: memoized converter; ``record_bytes``: cached fragments).
``record_us``: the whole record the CLI writes per line (``cli.main._json_renderer``:
the record with its ``line`` and line separators escaped) against the same record
built the plain way (``orjson.dumps({"line": n, **to_json(...)})``, then the
separators escaped over the whole record). Each figure is the best of a few passes
of CPU time (``time.process_time``; other work on the machine only adds).
"""

from __future__ import annotations

import gc
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
        # Each line its own customer: its own name and a price no other line of the first 100,003 has
        # (7919 and 100,003 are coprime), so no cache keyed on the name or the price can hit.
        data = bases[i % 3]
        data["customer"]["name"] = f"Customer {i:06d} K.K."
        data["licenses"]["newest_list_price_jpy"] = 500_000 + (i * 7919 % 100_003) * 10
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


def io_part(n: int = 3_000, passes: int = 3) -> dict:
    """Per-line cost of reading and writing a batch line: plain paths against the fast ones (microseconds)."""
    import datetime as dt

    lines = [line.encode() for line in _lines(n)]
    host = build_host_quiet()
    at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")

    def timed(func, items, reset=lambda: None) -> tuple[float, list]:  # type: ignore[no-untyped-def]
        best, out = float("inf"), []
        for _ in range(passes):
            reset()
            start = time.process_time()
            out = [func(item) for item in items]
            best = min(best, time.process_time() - start)
        return best / len(items) * 1e6, out

    # The CLI streams: nothing outlives its line. Here every line's input and output stay alive,
    # so the garbage collector would rescan them all again and again: keep them out of its way.
    gc.collect()
    gc.freeze()
    try:
        return _io_part(lines, host, at, timed, n, passes)
    finally:
        gc.unfreeze()


def _io_part(lines, host, at, timed, n, passes) -> dict:  # type: ignore[no-untyped-def]
    import orjson

    from ontime_support import loading
    from ontime_support.kernel.models import Profile
    from ontime_support.loading.batch import profile_from_line
    from ontime_support.present import json as present_json

    def read_plain(raw: bytes) -> Profile:
        return loading._converter.structure(json.loads(raw), Profile)

    read_json, profiles = timed(read_plain, lines)
    read_fast, profiles2 = timed(lambda raw: profile_from_line(raw, "b:1"), lines, loading.forget_tables)
    assert profiles == profiles2
    compare_us, comparisons = timed(lambda p: host.compare(p, at), profiles)
    gc.collect()
    gc.freeze()
    pairs = list(zip(profiles, comparisons, strict=True))
    encoder = json.JSONEncoder(ensure_ascii=False).encode
    to_json = present_json.to_json
    write_json, plain = timed(lambda pc: (encoder(to_json(pc[1], "en", pc[0])) + "\n").encode("utf-8"), pairs)
    write_orjson, plain2 = timed(lambda pc: orjson.dumps(to_json(pc[1], "en", pc[0])), pairs)
    write_fast, fast = timed(lambda pc: present_json.record_bytes(pc[1], pc[0], "en"), pairs,
                             present_json.forget_fragments)
    assert fast == plain2, "the fast path must give the same bytes"
    from ontime_support.cli.main import _json_renderer

    render = _json_renderer("en")
    numbered = [(number, pc) for number, pc in enumerate(pairs, start=1)]
    record_plain, records = timed(lambda n_pc: _plain_record(n_pc[0], to_json(n_pc[1][1], "en", n_pc[1][0])),
                                  numbered)
    record_fast, records2 = timed(lambda n_pc: render(n_pc[0], n_pc[1], None, None), numbered,
                                  present_json.forget_fragments)
    assert records == records2, "the batch's records must be the plain ones"
    before, after = read_json + write_json, read_fast + write_fast
    return {"lines": n, "passes": passes,
            "read_us": {"json_detailed": round(read_json, 1), "fast": round(read_fast, 1),
                        "speedup": round(read_json / read_fast, 1)},
            "render_us": {"json_to_json": round(write_json, 1), "orjson_to_json": round(write_orjson, 1),
                          "fast": round(write_fast, 1), "speedup": round(write_json / write_fast, 1)},
            "record_us": {"plain": round(record_plain, 1), "fast": round(record_fast, 1),
                          "speedup": round(record_plain / record_fast, 1)},
            "record_bytes": round(sum(map(len, fast)) / len(fast)),
            "compare_us": round(compare_us, 1),
            "io_us_per_line": {"before": round(before, 1), "after": round(after, 1)},
            "io_speedup": round(before / after, 2),
            "io_only_profiles_per_s": round(1e6 / after)}


def _plain_record(number: int, data: dict) -> bytes:
    """A batch record the plain way: the JSON with its line, separators escaped over the whole record."""
    import orjson

    out = orjson.dumps({"line": number, **data})
    for raw, escaped in ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085")):
        out = out.replace(raw, escaped)
    return out + b"\n"


def build_host_quiet():  # type: ignore[no-untyped-def]
    from ontime_support.loading import build_host

    return build_host(settings_path=ROOT / "examples" / "settings.toml", autoload=False)


def run(n: int = 100_000) -> dict:
    results: dict = {"io_part": io_part(), "budget": budget_part()}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.jsonl"
        empty.write_bytes(b"")
        startup = min(_peak_kib(empty)[0] for _ in range(3))
        results["startup_s"] = round(startup, 3)
        for size in (n // 10, n):
            path = Path(tmp) / f"profiles-{size}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for line in _lines(size):
                    fh.write(line + "\n")
            elapsed, count, peak = _peak_kib(path)
            assert count == size, (count, size)
            results[str(size)] = {"seconds": round(elapsed, 2), "profiles_per_s": round(size / elapsed),
                                  "profiles_per_s_net_of_startup": round(size / max(elapsed - startup, 1e-9)),
                                  "peak_rss_mib": round(peak / 1024, 1)}
    small, large = results[str(n // 10)], results[str(n)]  # type: ignore[index]
    results["memory_growth_ratio"] = round(large["peak_rss_mib"] / small["peak_rss_mib"], 3)
    return results


def _per_line(step, n: int, passes: int, reset) -> tuple[float, list]:  # type: ignore[no-untyped-def]
    """CPU microseconds per line of ``step()`` (which handles ``n`` lines), best of ``passes``, each after ``reset()``."""
    fastest, out = float("inf"), []
    for _ in range(passes):
        reset()
        start = time.process_time()
        out = step()
        fastest = min(fastest, time.process_time() - start)
    return fastest / n * 1e6, out


def split_part(n: int = 3_000, passes: int = 3) -> dict:
    """CPU microseconds per line of the batch's three steps, one after the other in one process.

    Read every line (``profile_from_line``), compare each profile once, then write each
    record as the CLI does (``cli.main._json_renderer``: the record with its line number,
    separators escaped); read and write from cold caches, best of ``passes``. Run it on
    another revision's code with ``PYTHONPATH=<its worktree>/src`` for a before/after.
    """
    import datetime as dt

    from ontime_support import loading
    from ontime_support.cli.main import _json_renderer
    from ontime_support.loading.batch import profile_from_line
    from ontime_support.present import json as present_json

    lines = [line.encode() for line in _lines(n)]
    host = build_host_quiet()
    at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
    render = _json_renderer("en")

    def best(step, reset):  # type: ignore[no-untyped-def]
        us, out = _per_line(step, n, passes, reset)
        return round(us, 1), out

    gc.collect()
    gc.freeze()
    try:
        read, profiles = best(lambda: [profile_from_line(raw, "b:1") for raw in lines], loading.forget_tables)
        compare, comparisons = best(lambda: [host.compare(p, at) for p in profiles], lambda: None)
        pairs = list(zip(profiles, comparisons, strict=True))
        write, _ = best(lambda: [render(i, pc, None, None) for i, pc in enumerate(pairs, 1)],
                        present_json.forget_fragments)
    finally:
        gc.unfreeze()
    return {"lines": n, "read_us": read, "compare_us": compare, "render_us": write}


def budget_part(n: int = 3_000, passes: int = 3, target_per_s: int = 10_000) -> dict:
    """Where one line's time goes, against the per-line budget of ``target_per_s`` on one core.

    In one process, CPU microseconds per line, best of ``passes``, every step from cold caches:

    * ``io_floor``: ``orjson.loads`` of the line and ``orjson.dumps`` of its finished record (a dict built
      beforehand): parsing and writing with nothing checked, viewed or compared;
    * ``read`` / ``render``: the batch's own reading (``profile_from_line``) and record (the CLI's);
    * ``plugins_direct``: the built-in plugins' hook functions called directly on each line's profile,
      their memos cleared first (``bench_plugins``: the policy's own work, no host);
    * ``plugins_direct_memoised``: the same calls on one profile repeated (every answer memoised): what
      asking the plugins costs at all;
    * ``compare``: ``host.compare`` (the plugins' work with the host's isolation and checks).

    ``lines_per_s_if``: the rate one core could reach if only some steps cost anything (e.g. reading,
    rendering and the plugins' direct work, with the host free).
    """
    import datetime as dt

    import orjson

    from benchmarks.bench_plugins import _calls
    from ontime_support import loading
    from ontime_support.cli.main import _json_renderer
    from ontime_support.loading.batch import profile_from_line
    from ontime_support.present import json as present_json
    from ontime_support.sdk.memo import clear_memos

    lines = [line.encode() for line in _lines(n)]
    host, direct = build_host_quiet(), _calls()
    at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
    render = _json_renderer("en")

    def best(step, reset=lambda: None) -> tuple[float, list]:  # type: ignore[no-untyped-def]
        return _per_line(step, n, passes, reset)

    def cold() -> None:
        host.clear_cache()
        clear_memos()

    gc.collect()
    gc.freeze()
    try:
        read, profiles = best(lambda: [profile_from_line(raw, "b:1") for raw in lines], loading.forget_tables)
        plugins_direct, _ = best(lambda: [direct(p) for p in profiles], cold)
        plugins_memoised, _ = best(lambda: [direct(p) for p in [profiles[0]] * n])
        compare, comparisons = best(lambda: [host.compare(p, at) for p in profiles], cold)
        pairs = list(zip(profiles, comparisons, strict=True))
        render_us, _ = best(lambda: [render(i, pc, None, None) for i, pc in enumerate(pairs, 1)],
                            present_json.forget_fragments)
        records = [{"line": i, **present_json.to_json(c, "en", p)} for i, (p, c) in enumerate(pairs, 1)]
        dumps, _ = best(lambda: [orjson.dumps(record) for record in records])
        loads, _ = best(lambda: [orjson.loads(line) for line in lines])
    finally:
        gc.unfreeze()
    io_floor = loads + dumps
    steps = {"io_floor": io_floor, "read": read, "plugins_direct": plugins_direct,
             "plugins_direct_memoised": plugins_memoised, "compare": compare, "render": render_us}

    def rate(*names: str) -> int:
        return round(1e6 / sum(steps[name] for name in names))

    return {"lines": n, "budget_us_per_line": round(1e6 / target_per_s, 1),
            "us_per_line": {name: round(value, 1) for name, value in steps.items()},
            "record_bytes": round(sum(map(len, map(orjson.dumps, records))) / n),
            "lines_per_s_if": {"only_io_floor": rate("io_floor"),
                               "only_read_and_render": rate("read", "render"),
                               "host_free": rate("read", "plugins_direct", "render"),
                               "host_free_all_memoised": rate("read", "plugins_direct_memoised", "render"),
                               "all_steps": rate("read", "compare", "render")}}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--split", "--budget"):
        part = split_part if sys.argv[1] == "--split" else budget_part
        print(json.dumps(part(int(sys.argv[2]) if len(sys.argv) > 2 else 3_000), indent=2))
    else:
        size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
        print(json.dumps(run(size), indent=2))
