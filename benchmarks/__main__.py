"""Run every benchmark and print the figures as JSON (see docs/performance.md)."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", choices=("compare", "calendar", "batch", "tui", "book", "plugins"), action="append")
    parser.add_argument("--batch-lines", type=int, default=100_000)
    parser.add_argument("--book-customers", type=int, default=100_000)
    args = parser.parse_args()
    wanted = set(args.only or ("compare", "calendar", "batch", "tui", "book"))
    report: dict = {"python": platform.python_version(), "machine": platform.machine()}
    if "compare" in wanted:
        from benchmarks import bench_compare

        report["compare"] = bench_compare.run()
    if "calendar" in wanted:
        from benchmarks import bench_calendar

        report["calendar"] = bench_calendar.run()
    if "batch" in wanted:
        from benchmarks import bench_batch

        report["batch"] = bench_batch.run(args.batch_lines)
    if "tui" in wanted:
        from benchmarks import bench_tui

        report["tui"] = bench_tui.run()
    if "book" in wanted:
        from benchmarks import bench_book

        report["book"] = bench_book.run(args.book_customers)
    if "plugins" in (args.only or ()):  # only on request: it also measures a baseline revision
        from benchmarks import bench_plugins

        report["plugins"] = bench_plugins.run()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
