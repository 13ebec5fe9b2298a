"""The batch benchmark's budget report runs and adds up (a benchmark that rots silently measures nothing)."""

from __future__ import annotations

import pytest

from benchmarks import bench_batch


def test_budget_part_reports_every_step_and_consistent_rates() -> None:
    report = bench_batch.budget_part(n=30, passes=1)
    steps = report["us_per_line"]
    assert set(steps) == {"io_floor", "read", "plugins_direct", "plugins_direct_memoised", "compare", "render"}
    assert all(value > 0 for value in steps.values())
    assert report["budget_us_per_line"] == 100.0
    rates = report["lines_per_s_if"]
    assert rates["all_steps"] == pytest.approx(1e6 / (steps["read"] + steps["compare"] + steps["render"]), rel=0.01)
    assert rates["all_steps"] <= rates["only_read_and_render"]
    assert report["record_bytes"] > 1000  # a real record: every option with its reasons
