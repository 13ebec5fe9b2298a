"""Property tests: BusinessCalendar against a brute-force oracle.

The oracle applies the rules literally: convert an instant to local wall time,
look at its local date, check the closures and the weekly intervals.  It finds
next_open / closes_at by stepping minute by minute in UTC, which is exact
because every interval is minute-aligned and every zone used here has
whole-minute offsets changing at whole-minute instants.  Its search is bounded;
when it hits the bound we only check that the calendar's answer lies beyond it.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zoneinfo import ZoneInfo

from ontime_support.sdk.calendar import BusinessCalendar, parse_hours

UTC = timezone.utc
ZONES = ["Asia/Tokyo", "Europe/Copenhagen", "America/New_York", "Australia/Lord_Howe", "UTC"]
MINUTE = timedelta(minutes=1)
NEXT_OPEN_BOUND = timedelta(days=20)
CLOSES_AT_BOUND = timedelta(days=8)

settings.register_profile(
    "schedule",
    max_examples=int(os.environ.get("SCHEDULE_MAX_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile("schedule")


# ----------------------------------------------------------------------------- interesting dates


def _transition_dates() -> list[date]:
    """Local dates (and neighbours) on which one of ZONES changes its UTC offset, 2023-2028."""
    found: set[date] = set()
    for name in ZONES:
        zone = ZoneInfo(name)
        t = datetime(2023, 1, 1, 12, tzinfo=UTC)
        prev = t.astimezone(zone).utcoffset()
        while t.year < 2029:
            t += timedelta(hours=12)
            off = t.astimezone(zone).utcoffset()
            if off != prev:
                d = t.astimezone(zone).date()
                found.update(d + timedelta(days=k) for k in (-1, 0, 1))
                prev = off
    return sorted(found)


def _holiday_dates() -> list[date]:
    found: set[date] = set()
    for country in ("JP", "DK"):
        found.update(holidays.country_holidays(country, years=range(2023, 2029), categories=("public",)))
    return sorted(found)


YEAR_ENDS = [date(y, 12, 24) + timedelta(days=k) for y in range(2023, 2028) for k in range(12)]
INTERESTING = sorted(set(_transition_dates()) | set(_holiday_dates()) | set(YEAR_ENDS))
RANGE_START = datetime(2023, 1, 1, tzinfo=UTC)
RANGE_SECONDS = 6 * 365 * 86400

# ----------------------------------------------------------------------------- strategies

minute_points = st.one_of(
    st.sampled_from([0, 30, 60, 90, 120, 150, 180, 210, 240, 540, 600, 960, 1020, 1380, 1410, 1439, 1440]),
    st.integers(0, 1440),
)


def _to_time(m: int) -> time | None:
    return None if m == 1440 else time(m // 60, m % 60)


@st.composite
def day_intervals(draw) -> tuple[tuple[int, int], ...]:
    if draw(st.integers(0, 3)) == 0:
        return ()
    pts = sorted(draw(st.lists(minute_points, min_size=2, max_size=6)))
    pairs = [(pts[i], pts[i + 1]) for i in range(0, len(pts) - 1, 2)]
    return tuple((a, b) for a, b in pairs if a < b)


interesting_day = st.sampled_from(INTERESTING)
any_day = st.integers(0, 6 * 365).map(lambda k: date(2023, 1, 1) + timedelta(days=k))
some_day = st.one_of(interesting_day, any_day)


@st.composite
def month_day(draw) -> tuple[int, int]:
    return draw(st.one_of(
        st.sampled_from([(12, 24), (12, 29), (12, 31), (1, 1), (1, 3), (2, 28), (2, 29), (3, 1)]),
        st.tuples(st.integers(1, 12), st.integers(1, 28)),
    ))


@st.composite
def calendars(draw) -> dict:
    weekly = {wd: draw(day_intervals()) for wd in range(7)}
    if not any(weekly.values()):
        wd = draw(st.integers(0, 6))
        weekly[wd] = ((600, 960),)
    ranges = []
    for start in draw(st.lists(some_day, max_size=2)):
        ranges.append((start, start + timedelta(days=draw(st.integers(0, 10)))))
    return dict(
        timezone=draw(st.sampled_from(ZONES)),
        weekly_minutes=weekly,
        holiday_country=draw(st.sampled_from([None, "JP", "DK"])),
        closed_dates=draw(st.lists(some_day, max_size=4)),
        closed_ranges=ranges,
        closed_yearly=draw(st.lists(st.tuples(month_day(), month_day()), max_size=2)),
        open_dates=draw(st.lists(some_day, max_size=3)),
    )


@st.composite
def instants(draw) -> datetime:
    if draw(st.integers(0, 2)):
        d = draw(interesting_day)
        base = datetime(d.year, d.month, d.day, tzinfo=UTC)
        secs = draw(st.one_of(
            st.integers(-2 * 1440, 2 * 1440).map(lambda m: m * 60),  # minute-aligned: on boundaries
            st.integers(-2 * 86400, 2 * 86400),
        ))
        u = base + timedelta(seconds=secs)
    else:
        u = RANGE_START + timedelta(seconds=draw(st.integers(0, RANGE_SECONDS)))
    tz = draw(st.sampled_from(
        [UTC, ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York"), ZoneInfo("Europe/Copenhagen"),
         ZoneInfo("Australia/Lord_Howe"), timezone(timedelta(hours=-3, minutes=-30))]
    ))
    return u.astimezone(tz)


def build(spec: dict) -> BusinessCalendar:
    weekly = {
        wd: tuple((_to_time(a), _to_time(b)) for a, b in ivs)
        for wd, ivs in spec["weekly_minutes"].items()
        if ivs
    }
    return BusinessCalendar(
        timezone=spec["timezone"],
        weekly=weekly,
        holiday_country=spec["holiday_country"],
        closed_dates=spec["closed_dates"],
        closed_ranges=spec["closed_ranges"],
        closed_yearly=spec["closed_yearly"],
        open_dates=spec["open_dates"],
    )


# ----------------------------------------------------------------------------- oracle


class Oracle:
    def __init__(self, spec: dict) -> None:
        self.zone = ZoneInfo(spec["timezone"])
        self.weekly = {wd: [(a * 60, b * 60) for a, b in spec["weekly_minutes"].get(wd, ())]
                       for wd in range(7)}
        country = spec["holiday_country"]
        self.hol = holidays.country_holidays(country, categories=("public",)) if country else {}
        self.closed_dates = set(spec["closed_dates"])
        self.closed_ranges = list(spec["closed_ranges"])
        self.closed_yearly = list(spec["closed_yearly"])
        self.open_dates = set(spec["open_dates"])
        self.business_day = lru_cache(maxsize=None)(self._business_day)

    def _business_day(self, d: date) -> bool:
        if not self.weekly[d.weekday()]:
            return False
        if d in self.open_dates:
            return True
        if d in self.hol or d in self.closed_dates:
            return False
        if any(a <= d <= b for a, b in self.closed_ranges):
            return False
        md = (d.month, d.day)
        for s, e in self.closed_yearly:
            inside = (s <= md <= e) if s <= e else not (e < md < s)
            if inside:
                return False
        return True

    def is_open(self, t: datetime) -> bool:
        local = t.astimezone(self.zone)
        d = local.date()
        if not self.business_day(d):
            return False
        secs = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
        return any(a <= secs < b for a, b in self.weekly[d.weekday()])

    def next_open(self, t: datetime) -> datetime | None:
        """Exact answer, or None when there is no opening within NEXT_OPEN_BOUND."""
        u = t.astimezone(UTC)
        if self.is_open(u):
            return u
        m = _ceil_minute(u)
        limit = u + NEXT_OPEN_BOUND
        while m <= limit:
            if self.is_open(m):
                return m
            m += MINUTE
        return None

    def closes_at(self, t: datetime) -> datetime | None | str:
        """Exact answer, None when closed, or 'beyond' when still open after CLOSES_AT_BOUND."""
        u = t.astimezone(UTC)
        if not self.is_open(u):
            return None
        m = _floor_minute(u) + MINUTE
        limit = u + CLOSES_AT_BOUND
        while m <= limit:
            if not self.is_open(m):
                return m
            m += MINUTE
        return "beyond"


def _floor_minute(u: datetime) -> datetime:
    return u.replace(second=0, microsecond=0)


def _ceil_minute(u: datetime) -> datetime:
    f = _floor_minute(u)
    return f if f == u else f + MINUTE


def _check_in_zone(result: datetime, cal: BusinessCalendar) -> None:
    assert result.tzinfo is cal.zone or result.tzinfo == cal.zone
    # the ISO string carries the zone's real UTC offset at that instant
    assert result.isoformat() == result.astimezone(UTC).astimezone(cal.zone).isoformat()


# ----------------------------------------------------------------------------- properties


@PROFILE
@given(spec=calendars(), ts=st.lists(instants(), min_size=1, max_size=8))
def test_is_open_matches_oracle(spec, ts):
    cal, oracle = build(spec), Oracle(spec)
    for t in ts:
        assert cal.is_open(t) == oracle.is_open(t), t


@PROFILE
@given(spec=calendars(), ts=st.lists(instants(), min_size=1, max_size=3))
def test_next_open_matches_oracle(spec, ts):
    cal, oracle = build(spec), Oracle(spec)
    for t in ts:
        got = cal.next_open(t)
        want = oracle.next_open(t)
        if want is None:
            assert got is None or got.astimezone(UTC) > t.astimezone(UTC) + NEXT_OPEN_BOUND
            continue
        assert got is not None, t
        assert U(got) == want, t
        _check_in_zone(got, cal)
        assert U(cal.email_handled_from(t)) == U(got)


@PROFILE
@given(spec=calendars(), ts=st.lists(instants(), min_size=1, max_size=3))
def test_closes_at_matches_oracle(spec, ts):
    cal, oracle = build(spec), Oracle(spec)
    for t in ts:
        got = cal.closes_at(t)
        want = oracle.closes_at(t)
        if want is None:
            assert got is None
        elif want == "beyond":
            assert got is not None and got.astimezone(UTC) > t.astimezone(UTC) + CLOSES_AT_BOUND
        else:
            assert U(got) == want, t
            _check_in_zone(got, cal)


def U(x: datetime) -> datetime:
    """Instant in UTC.  (Datetimes sharing a ZoneInfo compare and subtract by wall clock,
    ignoring fold, so results in the calendar's zone are compared as UTC instants.)"""
    return x.astimezone(UTC)


@PROFILE
@given(spec=calendars(), t=instants(), count=st.integers(1, 4))
def test_openings_are_maximal_consecutive_periods(spec, t, count):
    cal, oracle = build(spec), Oracle(spec)
    got = cal.openings(t, count)
    u = U(t)
    nxt = cal.next_open(t)
    if nxt is None:
        assert got == []
        return
    assert 1 <= len(got) <= count
    first = got[0]
    if cal.is_open(t):
        assert U(first.start) <= u < U(first.end)
        assert U(first.end) == U(cal.closes_at(t))
    else:
        assert U(first.start) == U(nxt)
    prev_end = None
    for o in got:
        _check_in_zone(o.start, cal)
        _check_in_zone(o.end, cal)
        start, end = U(o.start), U(o.end)
        assert start < end
        if prev_end is not None:
            assert prev_end < start  # touching periods would have been merged
            assert U(cal.next_open(prev_end)) == start
        # maximal: closed just before the start and at the end, open inside
        assert oracle.is_open(start)
        assert oracle.is_open(end - MINUTE)
        # (an always-open calendar's period is cut at the ~10-year search horizon)
        if end - u < timedelta(days=3000):
            assert not oracle.is_open(end)
        if u - start < timedelta(days=3000):
            assert not oracle.is_open(start - MINUTE)
        prev_end = end


@PROFILE
@given(spec=calendars(), days=st.lists(some_day, min_size=1, max_size=10))
def test_closure_matches_oracle(spec, days):
    cal, oracle = build(spec), Oracle(spec)
    for d in days:
        reason = cal.closure(d)
        assert (reason is None) == oracle.business_day(d), d
        if reason is not None:
            assert isinstance(reason, str) and reason and "\n" not in reason


@PROFILE
@given(spec=calendars(), t=instants())
def test_is_open_agrees_with_next_open_and_closes_at(spec, t):
    cal = build(spec)
    u = U(t)
    nxt = cal.next_open(t)
    if cal.is_open(t):
        assert U(nxt) == u
        end = cal.closes_at(t)
        assert end is not None and U(end) > u
        assert not cal.is_open(end)
        assert cal.is_open(U(end) - timedelta(microseconds=1))
    else:
        assert cal.closes_at(t) is None
        if nxt is not None:
            assert U(nxt) > u
            assert cal.is_open(nxt)
            assert not cal.is_open(U(nxt) - timedelta(microseconds=1))


@PROFILE
@given(spec=calendars())
def test_parse_hours_round_trip(spec):
    for ivs in spec["weekly_minutes"].values():
        text = ", ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in ivs)
        assert parse_hours(text) == tuple((_to_time(a), _to_time(b)) for a, b in ivs)


def test_interesting_dates_cover_dst_changes():
    # sanity of the generator: the EU, US and Lord Howe switches of 2026 are in the list
    for d in (date(2026, 3, 29), date(2026, 10, 25), date(2026, 3, 8), date(2026, 11, 1),
              date(2026, 4, 5), date(2026, 10, 4)):
        assert d in INTERESTING, d
    assert INTERESTING == sorted(set(INTERESTING))
