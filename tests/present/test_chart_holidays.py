"""Holiday names in the coverage chart follow the output language (no English in Japanese output)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ontime_support.examples import profile_path, settings_path
from ontime_support.loading import build_host, load_profile
from ontime_support.present.chart import Cover, build_chart, describe_cell, render_text


@pytest.fixture(scope="module")
def host():
    return build_host(settings_path=settings_path(), autoload=False)


def _chart(host, at: str):
    profile = load_profile(profile_path("partner"))
    return build_chart(host.compare(profile, dt.datetime.fromisoformat(at)))


def _holiday_lines(text: str) -> list[str]:
    """The holiday names printed after each lane's hours (``HHHH…  成人の日``)."""
    return [line.split("  ")[-1] for line in text.splitlines() if re.search(r"[H█▌·-]{24}  \S", line)]


def test_japanese_holidays_are_named_in_japanese(host):
    chart = _chart(host, "2027-01-11T11:00+09:00")
    ja, en = render_text(chart, "ja"), render_text(chart, "en")
    assert "成人の日" in ja and "Coming of Age Day" not in ja
    assert "Coming of Age Day" in en and "成人の日" not in en
    names = _holiday_lines(ja)
    assert names and not any(re.search(r"[A-Za-z]", n) for n in names), names


def test_danish_holidays_carry_a_japanese_label(host):
    # Easter 2027 in Denmark: Maundy Thursday, Good Friday, Easter Monday close IntraVision (Copenhagen)
    chart = _chart(host, "2027-03-25T11:00+09:00")
    ja, en = render_text(chart, "ja"), render_text(chart, "en")
    for english in ("Maundy Thursday", "Good Friday", "Easter Monday"):
        assert english in en and english not in ja
    names = [n for line in _holiday_lines(ja) for n in line.split(", ")]
    assert names and all(n.startswith("デンマークの祝日（") and n.endswith("）") for n in names), names
    assert "デンマークの祝日（Anden påskedag）" in names  # the name the Danes use, under a Japanese label
    # the line under the cursor (the TUI's) says the same
    lane = next(i for i, lane in enumerate(chart.lanes) if lane.option_id.startswith("intravision"))
    day, hour = next((d, h) for d in range(len(chart.days)) for h in range(24)
                     if chart.cell(lane, d, h).cover is Cover.HOLIDAY)
    assert "デンマークの祝日（" in describe_cell(chart, lane, day, hour, "ja")


def test_holiday_names_do_not_follow_the_process_locale():
    # left to itself the holidays package names holidays in the language of the process's locale
    env = {**os.environ, "LANG": "da_DK.UTF-8", "LC_ALL": "da_DK.UTF-8", "ONTIME_SUPPORT_SETTINGS": str(settings_path())}
    exe = Path(sys.executable).parent / "ontime-support"
    out = subprocess.run([str(exe), "compare", "--profile",
                          str(profile_path("partner")), "--at", "2027-03-25T11:00+09:00", "--format", "chart",
                          "--lang", "en"], capture_output=True, text=True, env=env, check=True).stdout
    assert "Easter Monday" in out and "påske" not in out


@pytest.mark.parametrize(("lang", "label"), [("en", "closed (outside hours)"), ("ja", "時間外")])
def test_the_legend_names_outside_hours_apart_from_a_closed_day(lang: str, label: str) -> None:
    from ontime_support.present.chart import Cover, REASONS, reason_text, word

    assert word(Cover.CLOSED, lang) == label
    assert reason_text("closed", lang) == REASONS["closed"](lang) != label  # a closure reason keeps its own word
