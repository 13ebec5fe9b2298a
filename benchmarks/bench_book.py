"""The customer book at 100,000 customers: import rate and memory, search per keystroke, expiring.

* import: the real ``customers import`` code path (``cli.book.import_files``)
  in a fresh interpreter, for N/10 and N generated CSV rows; rows/s and peak
  RSS (flat memory: the two peaks are about the same);
* search: p50/p90/max of ``Book.search(prefix, 20)`` while "typing" 300
  customer names character by character (up to 10 characters);
* expiring: the indexed range query alone, and ``customers expiring --within
  60d`` in full (the query plus ``host.compare`` for each expiring customer).

SQLite always; PostgreSQL too when ``ONTIME_SUPPORT_TEST_PG_URL`` is set (its
``public`` schema is dropped and recreated: use a throw-away database).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ontime_support.loading import build_host

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "examples" / "settings.toml"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")

_WORDS = ("Sakura", "Fuji", "Nippon", "Tokai", "Kansai", "Hokuto", "Asahi", "Midori", "Yamato", "Kita",
          "Minami", "Aoba", "Hikari", "Nagomi", "Tsubasa", "Daiichi", "Chuo", "Heiwa", "Mirai", "Seiwa")
_TRADES = ("Trading", "Logistics", "Systems", "Foods", "Motors", "Electric", "Pharma", "Bank", "Estate", "Design")
_KANA = ("サクラ", "フジ", "ヤマト", "ミドリ", "ひかり", "あおば", "ミライ", "ツバサ", "なごみ", "アサヒ")
_KANJI = ("商事", "物流", "電機", "食品", "建設", "製作所", "銀行", "不動産")
_PRICES = [300_000 + 50_000 * i for i in range(40)]


def _month_ends(first_year: int, last_year: int) -> list[str]:
    ends = []
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            ends.append((nxt - dt.timedelta(days=1)).isoformat())
    return ends


def write_csv(path: Path, n: int, seed: int = 10) -> None:
    """N varied customers (names, partners, prices, maintenance month-ends 2016-2035)."""
    rng = random.Random(seed)
    ends = _month_ends(2016, 2035)
    from ontime_support.book.csvio import column_names

    header = [c for c in column_names() if not c.startswith("incident.")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.DictWriter(handle, fieldnames=header)
        w.writeheader()
        for i in range(n):
            if i % 3 == 0:
                name = f"株式会社{rng.choice(_KANA)}{rng.choice(_KANJI)}{i}"
            else:
                name = f"{rng.choice(_WORDS)} {rng.choice(_TRADES)} {i} K.K."
            path_kind = rng.choice(("partner", "partner", "direct_shop", "intravision"))
            purchased = rng.choice(_PRICES)
            w.writerow({
                "customer.name": name, "customer.country": "JP", "customer.timezone": "Asia/Tokyo",
                "customer.languages": rng.choice(("ja", "ja;en")), "customer.purchased_from": path_kind,
                "customer.partner": f"partner-{rng.randrange(200)}" if path_kind == "partner" else "",
                "customer.partner_supports_ontime": rng.choice(("true", "false")) if path_kind == "partner" else "",
                "customer.platform": rng.choice(("domino", "exchange")),
                "customer.platform_supported_by": rng.choice(("same_partner", "other_partner", "in_house")),
                "customer.platform_changed": "false",
                "maintenance.active_until": rng.choice(ends) if rng.random() < 0.95 else "",
                "licenses.purchased_list_price_jpy": purchased,
                "licenses.newest_list_price_jpy": purchased + rng.choice((0, 50_000, 100_000)),
                "contracts.direct_shop_annual": rng.choice(("true", "false")),
                "contracts.intravision_annual": "false",
                "usage.expected_spot_hours": rng.choice(("0", "1.5", "3", "6", "12")),
                "id": "", "notes": "", "tags": rng.choice(("", "vip", "renewal", "vip;年間契約")),
            })


_IMPORT = """
import json, resource, sys, time
from ontime_support.loading import build_host
from ontime_support.book import Book
from ontime_support.cli.book import import_files
book = Book.open(sys.argv[1])
start = time.perf_counter()
summary = import_files(book, [sys.argv[2]], "bench", False)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": elapsed, "summary": summary.line(), "cpu_seconds_total": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _import(url: str, csv_path: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _IMPORT, url, str(csv_path)], check=True, capture_output=True,
                         text=True, env={**os.environ, "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    return json.loads(out.stdout)


def _reset(url: str) -> None:
    import sqlalchemy as sa

    if url.startswith("postgresql"):
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _one(url: str, small_url: str, csv_small: Path, csv_big: Path, n: int) -> dict[str, Any]:
    from ontime_support.book import Book
    from ontime_support.book.normalise import fold
    from ontime_support.cli.book import expiring
    from ontime_support.kernel.host import PluginHost

    report: dict[str, Any] = {}
    _reset(small_url)
    small = _import(small_url, csv_small)
    _reset(url)
    big = _import(url, csv_big)
    report["import"] = {
        "rows": n, "seconds": round(big["seconds"], 2), "rows_per_s": round(n / big["seconds"]),
        "cpu_seconds_whole_process": round(big["cpu_seconds_total"], 1),
        "summary": big["summary"], "peak_rss_mib": round(big["peak_rss_mib"], 1),
        f"peak_rss_mib_{n // 10}_rows": round(small["peak_rss_mib"], 1),
        "memory_ratio": round(big["peak_rss_mib"] / small["peak_rss_mib"], 3),
    }
    with Book.open(url) as book:
        rng = random.Random(7)
        names = [h.name for h in book.list(limit=None)]
        sample = rng.sample(names, 300)
        book.search("warm", 20)
        times: list[float] = []
        found_self = 0
        for name in sample:
            typed = ""
            for ch in name[:10]:
                typed += ch
                start = time.perf_counter()
                hits = book.search(typed, 20)
                times.append((time.perf_counter() - start) * 1000)
            found_self += any(fold(h.name).startswith(fold(typed)) for h in hits)
        report["search"] = {
            "keystrokes": len(times), "p50_ms": round(statistics.median(times), 3),
            "p90_ms": round(_percentile(times, 0.9), 3), "max_ms": round(max(times), 3),
            "sample_prefixes_with_a_hit": f"{found_self}/{len(sample)}",
        }
        host = build_host(settings_path=SETTINGS, autoload=False)
        today = AT.date()
        range_times, query_times, full_times = [], [], []
        count = 0
        for _ in range(5):
            start = time.perf_counter()
            book.expiring_hits(today, today + dt.timedelta(days=60))
            range_times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            records = book.expiring(today, today + dt.timedelta(days=60))
            query_times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            count = len(expiring(book, host, AT, 60))
            full_times.append((time.perf_counter() - start) * 1000)
        assert count == len(records)
        plan = ""
        if book.engine.dialect.name == "sqlite":
            with book.engine.connect() as conn:
                plan = " / ".join(r[-1] for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT * FROM customers WHERE archived = 0 AND active_until >= ? "
                    "AND active_until <= ?", (today.isoformat(), (today + dt.timedelta(days=60)).isoformat())))
        report["expiring"] = {
            "customers_in_window": count,
            "index_range_query_ms_median": round(statistics.median(range_times), 2),
            "query_with_profiles_ms_median": round(statistics.median(query_times), 2),
            "with_compare_ms_median": round(statistics.median(full_times), 1),
            "per_expiring_customer_ms": round(statistics.median(full_times) / max(count, 1), 3),
            **({"sqlite_plan": plan} if plan else {}),
        }
    return report


def run(n: int = 100_000) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        folder = Path(tmp)
        csv_big, csv_small = folder / "big.csv", folder / "small.csv"
        write_csv(csv_big, n)
        write_csv(csv_small, n // 10)
        report: dict[str, Any] = {"customers": n}
        report["sqlite"] = _one(f"sqlite:///{folder / 'big.sqlite3'}", f"sqlite:///{folder / 'small.sqlite3'}",
                                csv_small, csv_big, n)
        pg = os.environ.get("ONTIME_SUPPORT_TEST_PG_URL")
        if pg:
            report["postgresql"] = _one(pg, pg, csv_small, csv_big, n)
        else:
            report["postgresql"] = "skipped: set ONTIME_SUPPORT_TEST_PG_URL"
        report["targets"] = {"search_p90_ms": 5, "import_rows_per_s": 20_000, "expiring_ms": 50}
    return report


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(json.dumps(run(count), indent=2, ensure_ascii=False))
