"""Every fact in the policy's last section, held as a test (through the real plugins)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

from ontime_support.loading import load_profile
from ontime_support.loading.plugins import LoadedHost, load_plugins
from ontime_support.kernel.models import Usage

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOKYO = ZoneInfo("Asia/Tokyo")
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(scope="module")
def host() -> LoadedHost:
    return load_plugins(autoload=False)


@pytest.fixture(scope="module")
def profile():
    return load_profile(EXAMPLES / "profiles" / "direct_shop.toml")


def at(y: int, m: int, d: int, h: int = 12, mi: int = 0, zone: ZoneInfo = TOKYO) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=zone)


def with_price(profile, newest: int):
    return attrs.evolve(profile, licenses=attrs.evolve(profile.licenses, newest_list_price_jpy=newest))


def with_hours(profile, hours: Decimal):
    return attrs.evolve(profile, usage=Usage(expected_spot_hours=hours))


def test_dts4_annual_fee_is_15_percent_of_newest_list_price(host, profile):
    comparison = host.compare(with_price(profile, 1_350_000), at(2026, 11, 27))
    pricing = comparison.option("direct_shop.annual").pricing
    assert pricing.annual_fee_jpy == 202_500
    assert isinstance(pricing.annual_fee_jpy, int)


@pytest.mark.parametrize(("hours", "cost"), [(Decimal(10) / 60, 10_000), (Decimal(60) / 60, 20_000), (Decimal(75) / 60, 30_000)])
def test_dts5_spot_billing(host, profile, hours, cost):
    # 0:10, 1:00 and 1:15 of work, given as exact minutes / 60
    comparison = host.compare(with_hours(profile, hours), at(2026, 11, 27))
    pricing = comparison.option("direct_shop.spot").pricing
    assert pricing.spot_cost_jpy == cost
    assert pricing.spot_rate_jpy_per_hour == 20_000


def test_break_even_hours(host, profile):
    comparison = host.compare(with_price(profile, 1_350_000), at(2026, 11, 27))
    even = comparison.option("direct_shop.annual").pricing.break_even_hours
    assert even == Fraction(10125, 1000)  # 202,500 JPY / 20,000 JPY an hour = 10.125 h


@pytest.mark.parametrize(
    ("when", "opens_tokyo"),
    [
        (dt.datetime(2026, 1, 14, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 1, 14, 17, 0, tzinfo=TOKYO)),  # winter
        (dt.datetime(2026, 7, 14, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 7, 14, 16, 0, tzinfo=TOKYO)),  # summer
        # EU switch to summer time on the last Sunday of March (29 March 2026)
        (dt.datetime(2026, 3, 27, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 3, 27, 17, 0, tzinfo=TOKYO)),
        (dt.datetime(2026, 3, 30, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 3, 30, 16, 0, tzinfo=TOKYO)),
        # and back on the last Sunday of October (25 October 2026)
        (dt.datetime(2026, 10, 23, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 10, 23, 16, 0, tzinfo=TOKYO)),
        (dt.datetime(2026, 10, 26, 6, 0, tzinfo=TOKYO), dt.datetime(2026, 10, 26, 17, 0, tzinfo=TOKYO)),
    ],
)
def test_ivs3_copenhagen_hours_in_tokyo(host, profile, when, opens_tokyo):
    hours = host.compare(profile, when).option("intravision.annual").hours
    assert hours.timezone == "Europe/Copenhagen"
    assert hours.open_now is False
    assert hours.next_open == opens_tokyo
    assert hours.next_open.utcoffset() == hours.next_open.astimezone(CPH).utcoffset()  # ISO in the provider's zone
    assert hours.next_open.tzinfo == CPH


@pytest.mark.parametrize(
    ("when", "closes_tokyo"),
    [
        (dt.datetime(2026, 1, 14, 23, 59, tzinfo=TOKYO), dt.datetime(2026, 1, 15, 0, 0, tzinfo=TOKYO)),
        (dt.datetime(2026, 7, 14, 22, 0, tzinfo=TOKYO), dt.datetime(2026, 7, 14, 23, 0, tzinfo=TOKYO)),
    ],
)
def test_ivs3_copenhagen_closing_in_tokyo(host, profile, when, closes_tokyo):
    hours = host.compare(profile, when).option("intravision.annual").hours
    assert hours.open_now is True
    assert hours.closes_at == closes_tokyo


def test_dts3_friday_1559_is_within_hours(host, profile):
    friday = dt.datetime(2026, 11, 20, 15, 59, tzinfo=TOKYO)
    hours = host.compare(profile, friday).option("direct_shop.annual").hours
    assert hours.open_now is True
    assert hours.email_handled_from == friday
    assert hours.next_open == friday


def test_dts3_friday_1600_waits_for_monday(host, profile):
    hours = host.compare(profile, dt.datetime(2026, 11, 6, 16, 0, tzinfo=TOKYO)).option("direct_shop.annual").hours
    assert hours.open_now is False
    assert hours.email_handled_from == dt.datetime(2026, 11, 9, 10, 0, tzinfo=TOKYO)
    assert hours.email_handled_from.isoformat() == "2026-11-09T10:00:00+09:00"


def test_dts3_friday_1600_before_a_monday_holiday_waits_for_tuesday(host, profile):
    # Monday 23 November 2026 is Labour Thanksgiving Day
    hours = host.compare(profile, dt.datetime(2026, 11, 20, 16, 0, tzinfo=TOKYO)).option("direct_shop.annual").hours
    assert hours.email_handled_from == dt.datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)
