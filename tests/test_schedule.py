"""Example tests for the business calendar (kernel/schedule.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from zoneinfo import ZoneInfo

from ontime_support.sdk.calendar import BusinessCalendar, Opening, ScheduleError, parse_hours

JST = ZoneInfo("Asia/Tokyo")
CPH = ZoneInfo("Europe/Copenhagen")
NY = ZoneInfo("America/New_York")
LHI = ZoneInfo("Australia/Lord_Howe")
UTC = timezone.utc
WEEKDAYS = range(5)


@pytest.fixture(scope="module")
def direct_shop() -> BusinessCalendar:
    hours = parse_hours("10:00-16:00")
    return BusinessCalendar(
        timezone="Asia/Tokyo",
        weekly={d: hours for d in WEEKDAYS},
        holiday_country="JP",
        closed_yearly=[((12, 29), (1, 3))],
    )


@pytest.fixture(scope="module")
def intravision() -> BusinessCalendar:
    hours = parse_hours("09:00-16:00")
    return BusinessCalendar(
        timezone="Europe/Copenhagen",
        weekly={d: hours for d in WEEKDAYS},
        holiday_country="DK",
        holiday_categories=("public",),
        closed_yearly=[((12, 24), (12, 24)), ((12, 31), (12, 31))],
    )


def jst(*args: int) -> datetime:
    return datetime(*args, tzinfo=JST)


def same(a: datetime | None, b: datetime) -> None:
    """Same instant, and expressed with the same UTC offset (same ISO string)."""
    assert a is not None
    assert a == b
    assert a.isoformat() == b.isoformat()


# ----------------------------------------------------------------------------- parse_hours


def test_parse_hours_simple_and_split_and_24():
    assert parse_hours("10:00-16:00") == ((time(10), time(16)),)
    assert parse_hours("09:00-12:00, 13:00-17:30") == ((time(9), time(12)), (time(13), time(17, 30)))
    assert parse_hours("17:00-24:00") == ((time(17), None),)
    assert parse_hours("00:00-24:00") == ((time(0), None),)
    assert parse_hours("") == ()
    assert parse_hours("  ") == ()
    # touching is not overlapping; output is sorted
    assert parse_hours("13:00-17:00,09:00-13:00") == ((time(9), time(13)), (time(13), time(17)))


@pytest.mark.parametrize(
    "spec, fragment",
    [
        ("10:00-09:00", "end before start"),
        ("10:00-10:00", "end equals start"),
        ("09:00-12:00, 11:00-13:00", "overlaps"),
        ("9-17", "not a time"),
        ("09:00", "not START-END"),
        ("09:00-25:00", "not a valid time"),
        ("09:60-10:00", "not a valid time"),
        ("24:00-24:00", "24:00 can only be an end time"),
        ("09:00-10:00,", "empty interval"),
        ("abc", "not START-END"),
    ],
)
def test_parse_hours_errors_are_one_readable_line(spec, fragment):
    with pytest.raises(ScheduleError) as info:
        parse_hours(spec)
    msg = str(info.value)
    assert fragment in msg
    assert "\n" not in msg
    assert repr(spec) in msg


def test_exact_error_message_example():
    with pytest.raises(ScheduleError, match=r"^opening hours '10:00-09:00': end before start$"):
        parse_hours("10:00-09:00")


def test_schedule_error_is_value_error():
    assert issubclass(ScheduleError, ValueError)


# ----------------------------------------------------------------------------- constructor errors


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(timezone="Mars/Olympus_Mons", weekly={}), "Mars/Olympus_Mons"),
        (dict(timezone="", weekly={}), "unknown time zone"),
        (dict(timezone="UTC", weekly={7: parse_hours("10:00-11:00")}), "weekday 7"),
        (dict(timezone="UTC", weekly={-1: ()}), "weekday -1"),
        (dict(timezone="UTC", weekly={"Mon": ()}), "weekday 'Mon'"),
        (dict(timezone="UTC", weekly={0: [(time(10), time(9))]}), "end not after start"),
        (dict(timezone="UTC", weekly={0: [(time(9), time(12)), (time(11), None)]}), "overlaps"),
        (dict(timezone="UTC", weekly={}, holiday_country="XX"), "unknown holiday country 'XX'"),
        (dict(timezone="UTC", weekly={}, closed_yearly=[((2, 30), (3, 1))]), "yearly closure"),
        (dict(timezone="UTC", weekly={}, closed_ranges=[(date(2026, 2, 1), date(2026, 1, 1))]), "last before first"),
    ],
)
def test_bad_calendar_inputs(kwargs, fragment):
    with pytest.raises(ScheduleError) as info:
        BusinessCalendar(**kwargs)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_naive_datetimes_rejected(direct_shop):
    naive = datetime(2026, 11, 20, 12)
    for method in (direct_shop.is_open, direct_shop.next_open, direct_shop.closes_at,
                   direct_shop.email_handled_from):
        with pytest.raises(ValueError, match="must be timezone-aware"):
            method(naive)
    with pytest.raises(ValueError, match="must be timezone-aware"):
        direct_shop.openings(naive, 2)


def test_properties_and_weekly_hours(direct_shop):
    assert direct_shop.timezone == "Asia/Tokyo"
    assert direct_shop.zone == JST
    assert direct_shop.weekly_hours() == {d: ((time(10), time(16)),) for d in WEEKDAYS}


def test_weekly_accepts_strings_as_convenience():
    cal = BusinessCalendar(timezone="UTC", weekly={0: "09:00-12:00"})
    assert cal.weekly_hours() == {0: ((time(9), time(12)),)}


# ----------------------------------------------------------------------------- Direct Shop


def test_direct_shop_friday_afternoon(direct_shop):
    assert direct_shop.is_open(jst(2026, 11, 20, 15, 59))
    assert direct_shop.is_open(jst(2026, 11, 20, 10, 0))
    assert not direct_shop.is_open(jst(2026, 11, 20, 16, 0))
    assert not direct_shop.is_open(jst(2026, 11, 20, 9, 59, 59))
    same(direct_shop.closes_at(jst(2026, 11, 20, 15, 59)), jst(2026, 11, 20, 16))
    assert direct_shop.closes_at(jst(2026, 11, 20, 16)) is None


def test_direct_shop_plain_weekend(direct_shop):
    # Friday 2026-11-13 16:00 -> Monday 2026-11-16 10:00 (an ordinary weekend)
    same(direct_shop.next_open(jst(2026, 11, 13, 16)), jst(2026, 11, 16, 10))
    assert direct_shop.closure(date(2026, 11, 14)) == "weekend"
    assert direct_shop.closure(date(2026, 11, 16)) is None


def test_direct_shop_weekend_then_holiday(direct_shop):
    # Monday 2026-11-23 is Labor Thanksgiving Day: next opening is Tuesday.
    same(direct_shop.next_open(jst(2026, 11, 20, 16)), jst(2026, 11, 24, 10))
    assert direct_shop.closure(date(2026, 11, 23)) == "Labor Thanksgiving Day"
    assert not direct_shop.is_open(jst(2026, 11, 23, 12))


def test_direct_shop_substitute_and_citizens_holidays(direct_shop):
    assert direct_shop.closure(date(2026, 5, 6)) == "Substitute Holiday"
    assert not direct_shop.is_open(jst(2026, 5, 6, 12))
    assert direct_shop.closure(date(2026, 9, 22)) == "National Holiday"  # citizens' holiday
    assert not direct_shop.is_open(jst(2026, 9, 22, 12))
    # Silver week: Mon 21 .. Wed 23 Sep 2026 all closed
    same(direct_shop.next_open(jst(2026, 9, 18, 16)), jst(2026, 9, 24, 10))


def test_direct_shop_year_end_closure(direct_shop):
    same(direct_shop.next_open(jst(2026, 12, 28, 16)), jst(2027, 1, 4, 10))
    assert date(2027, 1, 4).weekday() == 0
    assert direct_shop.closure(date(2026, 12, 29)) == "year-end closure"
    assert direct_shop.closure(date(2027, 1, 1)) == "New Year's Day"


def test_direct_shop_answers_in_tokyo_time_for_any_input_zone(direct_shop):
    t = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 11:00 JST, open
    result = direct_shop.next_open(t)
    same(result, jst(2026, 11, 20, 11))
    assert result.tzinfo == JST
    assert direct_shop.email_handled_from(t) == result
    later = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # 17:00 JST Friday
    assert direct_shop.email_handled_from(later).isoformat() == "2026-11-24T10:00:00+09:00"


def test_direct_shop_openings(direct_shop):
    got = direct_shop.openings(jst(2026, 11, 20, 12), 3)
    assert got == [
        Opening(jst(2026, 11, 20, 10), jst(2026, 11, 20, 16)),
        Opening(jst(2026, 11, 24, 10), jst(2026, 11, 24, 16)),
        Opening(jst(2026, 11, 25, 10), jst(2026, 11, 25, 16)),
    ]
    assert direct_shop.openings(jst(2026, 11, 20, 17), 1) == [
        Opening(jst(2026, 11, 24, 10), jst(2026, 11, 24, 16))
    ]
    assert direct_shop.openings(jst(2026, 11, 20, 17), 0) == []


def test_far_queries_extend_lazily(direct_shop):
    same(direct_shop.next_open(jst(2031, 12, 27, 12)), jst(2032, 1, 5, 10))
    same(direct_shop.next_open(jst(2023, 12, 28, 16)), jst(2024, 1, 4, 10))
    same(direct_shop.next_open(jst(2026, 11, 20, 16)), jst(2026, 11, 24, 10))


# ----------------------------------------------------------------------------- IntraVision


def test_intravision_in_tokyo_time_winter_and_summer(intravision):
    same(intravision.next_open(jst(2026, 1, 14, 12)).astimezone(JST), jst(2026, 1, 14, 17))
    same(intravision.next_open(jst(2026, 7, 14, 12)).astimezone(JST), jst(2026, 7, 14, 16))
    assert intravision.next_open(jst(2026, 7, 14, 12)).isoformat() == "2026-07-14T09:00:00+02:00"
    assert intravision.next_open(jst(2026, 1, 14, 12)).isoformat() == "2026-01-14T09:00:00+01:00"


def test_intravision_eu_switch_spring(intravision):
    # last Sunday of March 2026 is 29 March
    fri = intravision.openings(jst(2026, 3, 27, 12), 2)
    assert [(o.start.astimezone(JST), o.end.astimezone(JST)) for o in fri] == [
        (jst(2026, 3, 27, 17), jst(2026, 3, 28, 0)),
        (jst(2026, 3, 30, 16), jst(2026, 3, 30, 23)),
    ]
    assert fri[1].start.isoformat() == "2026-03-30T09:00:00+02:00"


def test_intravision_eu_switch_autumn(intravision):
    # last Sunday of October 2026 is 25 October
    fri = intravision.openings(jst(2026, 10, 23, 12), 2)
    assert [(o.start.astimezone(JST), o.end.astimezone(JST)) for o in fri] == [
        (jst(2026, 10, 23, 16), jst(2026, 10, 23, 23)),
        (jst(2026, 10, 26, 17), jst(2026, 10, 27, 0)),
    ]
    assert fri[1].start.isoformat() == "2026-10-26T09:00:00+01:00"


def test_intravision_great_prayer_day_abolished_2024(intravision):
    assert intravision.closure(date(2023, 5, 5)) == "Great Prayer Day"
    assert not intravision.is_open(datetime(2023, 5, 5, 10, tzinfo=CPH))
    for d in (date(2024, 4, 26), date(2025, 5, 16)):
        assert intravision.closure(d) is None
        assert intravision.is_open(datetime(d.year, d.month, d.day, 10, tzinfo=CPH))


def test_intravision_christmas_eve_closed_constitution_day_open(intravision):
    assert intravision.closure(date(2026, 12, 24)) == "closed"
    assert intravision.closure(date(2026, 12, 25)) == "Christmas Day"
    assert intravision.closure(date(2026, 12, 31)) == "closed"
    assert intravision.closure(date(2026, 6, 5)) is None
    assert intravision.is_open(datetime(2026, 6, 5, 9, tzinfo=CPH))
    # Wed 23 Dec 2026 16:00 -> Mon 28 Dec 09:00 (24, 25, 26-27 weekend)
    same(intravision.next_open(datetime(2026, 12, 23, 16, tzinfo=CPH)),
         datetime(2026, 12, 28, 9, tzinfo=CPH))


# ----------------------------------------------------------------------------- merging, DST, overrides


def test_closes_at_merges_touching_periods():
    cal = BusinessCalendar(
        timezone="Europe/Copenhagen",
        weekly={0: parse_hours("17:00-24:00"), 1: parse_hours("00:00-02:00, 02:00-03:00")},
    )
    t = datetime(2026, 11, 16, 18, tzinfo=CPH)  # Monday
    same(cal.closes_at(t), datetime(2026, 11, 17, 3, tzinfo=CPH))
    assert cal.openings(t, 1) == [
        Opening(datetime(2026, 11, 16, 17, tzinfo=CPH), datetime(2026, 11, 17, 3, tzinfo=CPH))
    ]
    assert cal.is_open(datetime(2026, 11, 17, 0, tzinfo=CPH))
    same(cal.next_open(datetime(2026, 11, 17, 3, tzinfo=CPH)), datetime(2026, 11, 23, 17, tzinfo=CPH))


def test_round_the_clock_merges_across_days_and_year_end():
    cal = BusinessCalendar(timezone="UTC", weekly={d: parse_hours("00:00-24:00") for d in range(7)},
                           closed_dates=[date(2027, 2, 1)])
    same(cal.closes_at(datetime(2026, 11, 20, tzinfo=UTC)), datetime(2027, 2, 1, tzinfo=ZoneInfo("UTC")))


def test_wall_interval_inside_spring_forward_gap():
    # New York 2026-03-08: 02:00 EST -> 03:00 EDT.
    cal = BusinessCalendar(timezone="America/New_York", weekly={6: parse_hours("02:30-04:00")})
    got = cal.openings(datetime(2026, 3, 7, tzinfo=NY), 2)
    assert got[0].start.isoformat() == "2026-03-08T03:00:00-04:00"
    assert got[0].end.isoformat() == "2026-03-08T04:00:00-04:00"
    assert got[1].start.isoformat() == "2026-03-15T02:30:00-04:00"
    only_gap = BusinessCalendar(timezone="America/New_York", weekly={6: parse_hours("02:00-03:00")})
    assert only_gap.next_open(datetime(2026, 3, 7, tzinfo=NY)).isoformat() == "2026-03-15T02:00:00-04:00"


def test_wall_interval_in_fall_back_fold_is_open_twice():
    # New York 2026-11-01: 02:00 EDT -> 01:00 EST; 01:00-02:00 happens twice.
    cal = BusinessCalendar(timezone="America/New_York", weekly={6: parse_hours("01:00-02:00")})
    start = cal.next_open(datetime(2026, 10, 31, tzinfo=NY))
    assert start.isoformat() == "2026-11-01T01:00:00-04:00"
    end = cal.closes_at(start)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    assert end.isoformat() == "2026-11-01T02:00:00-05:00"


def test_lord_howe_half_hour_dst():
    # Lord Howe 2026-10-04: 02:00 (+10:30) -> 02:30 (+11:00)
    cal = BusinessCalendar(timezone="Australia/Lord_Howe", weekly={6: parse_hours("01:00-03:00")})
    [o] = cal.openings(datetime(2026, 10, 3, tzinfo=LHI), 1)
    assert o.start.isoformat() == "2026-10-04T01:00:00+10:30"
    assert o.end.isoformat() == "2026-10-04T03:00:00+11:00"
    # (same-zone subtraction is wall-clock arithmetic in Python: compare in UTC)
    assert o.end.astimezone(UTC) - o.start.astimezone(UTC) == timedelta(hours=1, minutes=30)


def test_open_dates_override_holiday_but_need_weekly_hours(direct_shop):
    cal = BusinessCalendar(
        timezone="Asia/Tokyo",
        weekly={d: parse_hours("10:00-16:00") for d in WEEKDAYS},
        holiday_country="JP",
        closed_yearly=[((12, 29), (1, 3))],
        open_dates=[date(2026, 11, 23), date(2026, 11, 22)],  # Monday holiday, Sunday
    )
    assert cal.closure(date(2026, 11, 23)) is None
    same(cal.next_open(jst(2026, 11, 20, 16)), jst(2026, 11, 23, 10))
    assert cal.closure(date(2026, 11, 22)) == "weekend"


def test_one_off_closures():
    cal = BusinessCalendar(
        timezone="UTC",
        weekly={d: parse_hours("09:00-17:00") for d in range(7)},
        closed_dates=[date(2026, 5, 1)],
        closed_ranges=[(date(2026, 5, 3), date(2026, 5, 5))],
    )
    assert cal.closure(date(2026, 5, 1)) == "closed"
    assert cal.closure(date(2026, 5, 2)) is None
    assert cal.closure(date(2026, 5, 5)) == "closed"
    assert cal.closure(date(2026, 5, 6)) is None
    assert cal.next_open(datetime(2026, 5, 2, 17, tzinfo=UTC)).isoformat() == "2026-05-06T09:00:00+00:00"


def test_closure_reasons_for_days_without_hours():
    cal = BusinessCalendar(timezone="UTC", weekly={0: parse_hours("09:00-10:00"), 5: parse_hours("09:00-10:00")})
    assert cal.closure(date(2026, 11, 17)) == "no opening hours on Tuesday"
    assert cal.closure(date(2026, 11, 22)) == "no opening hours on Sunday"
    assert cal.closure(date(2026, 11, 21)) is None


def test_never_open_returns_none():
    cal = BusinessCalendar(timezone="UTC", weekly={})
    t = datetime(2026, 1, 1, tzinfo=UTC)
    assert cal.next_open(t) is None
    assert cal.closes_at(t) is None
    assert not cal.is_open(t)
    assert cal.openings(t, 3) == []
    assert cal.closure(date(2026, 1, 1)) == "no opening hours on Thursday"
