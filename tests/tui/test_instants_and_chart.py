"""Time entry (loading/instants.py), the coverage chart (present/chart.py) and the CLI wiring."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from ontime_support.cli.main import main
from ontime_support.examples import profile_path, settings_path
from ontime_support.loading import build_host, load_profile
from ontime_support.loading.instants import InstantError, describe, parse_instant
from ontime_support.present.chart import SYMBOLS, Cover, build_chart, describe_cell, render_text


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-28", "2026-11-28T09:00:00+09:00"),                 # a date: the start of the business day
    ("2026/11/28", "2026-11-28T09:00:00+09:00"),
    ("2026-11-28 14:30", "2026-11-28T14:30:00+09:00"),           # no offset: the customer's zone
    ("2026-11-28T14:30", "2026-11-28T14:30:00+09:00"),
    ("2026-11-28T14:30+01:00", "2026-11-28T14:30:00+01:00"),     # an offset is taken as written
    ("2026-11-28T05:30Z", "2026-11-28T05:30:00+00:00"),
])
def test_parse_instant(text: str, expected: str) -> None:
    assert parse_instant(text, "Asia/Tokyo").isoformat() == expected


def test_parse_instant_errors_are_one_line_and_dst_gaps_are_refused() -> None:
    for bad in ("", "tomorrow", "2026-13-01", "2026-11-28 25:00"):
        with pytest.raises(InstantError) as info:
            parse_instant(bad, "Asia/Tokyo")
        assert "\n" not in str(info.value) and str(info.value)
    with pytest.raises(InstantError, match="does not exist"):
        parse_instant("2027-03-28 02:30", "Europe/Berlin")
    # The repeated hour is not guessed: the error says which offset picks which 02:30.
    with pytest.raises(InstantError) as info:
        parse_instant("2026-10-25 02:30", "Europe/Berlin")
    assert str(info.value) == ("2026-10-25 02:30 happens twice in Europe/Berlin (the clocks go back): add the "
                               "offset, 2026-10-25 02:30+02:00 for the first or 2026-10-25 02:30+01:00 for the second")
    for written, utc in (("2026-10-25 02:30+02:00", "00:30"), ("2026-10-25 02:30+01:00", "01:30")):
        assert parse_instant(written, "Europe/Berlin").astimezone(dt.timezone.utc).strftime("%H:%M") == utc
    assert parse_instant("2026-10-25 03:30", "Europe/Berlin").isoformat() == "2026-10-25T03:30:00+01:00"
    assert parse_instant("2026-03-30", "Europe/Berlin", dt.time(8)).isoformat() == "2026-03-30T08:00:00+02:00"
    assert describe(parse_instant("2026-11-28", "Asia/Tokyo"), "Asia/Tokyo") == "2026-11-28 09:00 JST (+09:00)"


def _comparison(example: str, at: str):  # type: ignore[no-untyped-def]
    host = build_host(settings_path=settings_path())
    return host.compare(load_profile(profile_path(example)), dt.datetime.fromisoformat(at))


def test_chart_lanes_follow_the_recommended_order_and_show_the_year_end_closure() -> None:
    comparison = _comparison("direct_shop", "2026-12-28T11:00+09:00")
    chart = build_chart(comparison)
    assert [lane.option_id for lane in chart.lanes][:len(comparison.recommended)] == list(comparison.recommended)
    assert len(chart.days) == 7 and all(len(lane.cells) == 7 * 24 for lane in chart.lanes)
    lane = next(i for i, la in enumerate(chart.lanes) if la.option_id == "direct_shop.purchase_support")
    monday = [chart.cell(lane, 0, h).cover for h in range(24)]
    assert monday[10] is Cover.OPEN and monday[9] is Cover.CLOSED  # opens at 10:00 on 28 Dec
    assert {chart.cell(lane, 1, h).cover for h in range(24)} == {Cover.HOLIDAY}  # 29 Dec: year-end closure
    assert "year-end closure" in describe_cell(chart, lane, 1, 12, "en")
    assert "年末年始休業" in describe_cell(chart, lane, 1, 12, "ja")


def test_chart_shows_a_providers_dst_shift_in_the_customers_time() -> None:
    # IntraVision answers from Copenhagen: on 25 Oct 2026 Europe leaves summer time,
    # so seen from Tokyo its hours start one hour later from Monday 26 Oct.
    comparison = _comparison("direct_shop", "2026-10-22T11:00+09:00")
    chart = build_chart(comparison)
    lane = next(i for i, la in enumerate(chart.lanes) if la.option_id == "intravision.annual")
    first_open = [next(h for h in range(24) if chart.cell(lane, d, h).cover in (Cover.OPEN, Cover.PARTLY))
                  for d in (0, 4)]  # Thu 22 Oct, Mon 26 Oct
    assert first_open[1] == first_open[0] + 1


def test_render_text_has_hours_one_lane_per_option_and_a_legend() -> None:
    comparison = _comparison("direct_shop", "2026-12-28T11:00+09:00")
    text = render_text(build_chart(comparison), "en")
    assert "00 03 06 09 12 15 18 21" in text
    assert text.count("★1 ") == 7  # one lane per option on each of the 7 days
    assert SYMBOLS[Cover.HOLIDAY] * 24 in text and "year-end closure" in text
    assert text.rstrip().splitlines()[-1].startswith("Legend: █ open")


def test_cli_format_chart_and_at_with_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", "--profile", str(profile_path("direct_shop")), "--settings", str(settings_path()),
                 "--at", "2026-12-28", "--format", "chart", "--lang", "ja"])
    out = capsys.readouterr().out
    assert code == 0 and "受付状況" in out and "2026-12-28 (月)" not in out and "2026-12-28（月）" in out
    assert "^ 現在 09:00" in out  # a date alone: 09:00 in the customer's zone
    code = main(["compare", "--profile", str(profile_path("direct_shop")), "--at", "2026-12-2x"])
    assert code == 2 and capsys.readouterr().err.count("\n") == 1


def test_tui_at_is_parsed_in_the_customers_zone() -> None:
    code = (
        "import ontime_support.tui.launch as l, ontime_support.tui.app as a\n"
        "a.OnTimeApp.run = lambda self: print(self.pinned_at.isoformat()) or 0\n"
        f"l.launch(profile={str(profile_path('intravision'))!r}, at='2026-11-28 10:00')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "2026-11-28T10:00:00+08:00"  # Singapore customer
