"""Business calendar: when is a provider open, and when does it open next?

Semantics
---------
A calendar has an IANA time zone, weekly wall-clock opening intervals per
weekday (0 = Monday .. 6 = Sunday, as returned by :func:`parse_hours`), and
closures: public holidays of a country (from the ``holidays`` package, in the
given categories), one-off closed dates, inclusive one-off date ranges, and
inclusive yearly (month, day) ranges that may wrap the year end, such as
``((12, 29), (1, 3))``.  ``open_dates`` override holidays and closures (the
weekday still needs weekly hours).

An instant *t* is open iff its local wall-clock time in the zone, on its local
date *d*, lies in ``[start, end)`` of one of *d*'s weekly intervals and *d* is
a business day (not a holiday, not in a closure, unless listed in
``open_dates``).  An end of ``24:00`` (``None``) means up to the next local
midnight.  Open periods that touch (e.g. Mon 17:00-24:00 and Tue 00:00-02:00)
are one contiguous opening for :meth:`BusinessCalendar.closes_at` and
:meth:`BusinessCalendar.openings`.

This is exact across DST changes: each day's wall-clock intervals are mapped
to instants by splitting the day at its UTC-offset transitions (never by
assuming 24-hour days).  Wall-clock times skipped by a spring-forward gap are
never open (an interval 02:30-04:00 across a 02:00->03:00 gap opens at 03:00);
wall-clock times repeated by a fall-back fold are open both times.

Every returned datetime is aware and expressed in the calendar's zone.  Naive
input datetimes raise ``ValueError``.  (Python compares and subtracts two
datetimes that share a zone by wall clock, ignoring ``fold``; convert to UTC
to compare instants or measure elapsed time across a DST change.)  Searches
look ahead to the end of the tenth calendar year after the query;
``next_open`` returns ``None`` when there is no opening within that horizon
(and ``closes_at`` of an opening that never ends within it returns the
horizon).

Implementation: open periods are built lazily per local calendar year as a
sorted list of merged periods (UTC datetimes sharing one tzinfo object, plus
the same instants converted to the zone); queries are one conversion to UTC,
one ``bisect`` and a list index.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta
from datetime import timezone as _dt_timezone
from zoneinfo import ZoneInfo

import attrs

__all__ = ["BusinessCalendar", "Opening", "ScheduleError", "parse_hours"]

_UTC = _dt_timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)
_DAY = 86400
_HORIZON_YEARS = 10
_SAMPLE_STEP = 6 * 3600  # offset sampling step when looking for transitions
_MIN_BUILD_YEAR = MINYEAR + 1
_MAX_BUILD_YEAR = MAXYEAR - 1
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Japanese country names for holiday labels of countries whose holidays the ``holidays``
# package does not name in Japanese (others show their ISO code).
_COUNTRY_JA = {
    "AT": "オーストリア", "AU": "オーストラリア", "BE": "ベルギー", "CA": "カナダ", "CH": "スイス",
    "CN": "中国", "DE": "ドイツ", "DK": "デンマーク", "ES": "スペイン", "FI": "フィンランド",
    "FR": "フランス", "GB": "英国", "IT": "イタリア", "JP": "日本", "KR": "韓国", "NL": "オランダ",
    "NO": "ノルウェー", "SE": "スウェーデン", "SG": "シンガポール", "TW": "台湾", "US": "米国",
}

Interval = tuple[time, "time | None"]


class ScheduleError(ValueError):
    """Bad calendar input; the message is one readable line."""


# --------------------------------------------------------------------------- parsing

_HM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def _parse_hm(text: str, spec: str, *, allow_24: bool) -> time | None:
    m = _HM.match(text)
    if not m:
        raise ScheduleError(f"opening hours {spec!r}: {text.strip()!r} is not a time HH:MM")
    h, mi = int(m.group(1)), int(m.group(2))
    if h == 24 and mi == 0:
        if allow_24:
            return None
        raise ScheduleError(f"opening hours {spec!r}: 24:00 can only be an end time")
    if h > 23 or mi > 59:
        raise ScheduleError(f"opening hours {spec!r}: {text.strip()!r} is not a valid time of day")
    return time(h, mi)


def _end_key(end: time | None) -> tuple[int, ...]:
    return (24, 0, 0, 0) if end is None else (end.hour, end.minute, end.second, end.microsecond)


def _start_key(start: time) -> tuple[int, ...]:
    return (start.hour, start.minute, start.second, start.microsecond)


def _fmt(t: time | None) -> str:
    if t is None:
        return "24:00"
    return t.strftime("%H:%M") if not t.second else t.strftime("%H:%M:%S")


def _check_no_overlap(intervals: Sequence[Interval], what: str) -> None:
    ordered = sorted(intervals, key=lambda iv: _start_key(iv[0]))
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:]):
        if _end_key(e1) > _start_key(s2):
            raise ScheduleError(
                f"{what}: {_fmt(s1)}-{_fmt(e1)} overlaps {_fmt(s2)}-{_fmt(e2)}"
            )


def parse_hours(spec: str) -> tuple[tuple[time, time | None], ...]:
    """Parse ``'10:00-16:00'`` or ``'09:00-12:00, 13:00-17:30'`` or ``'17:00-24:00'``.

    Returns the intervals sorted by start; an end of ``24:00`` is ``None``
    (end of day).  An empty (or blank) string gives ``()``.  Raises
    :class:`ScheduleError` on bad syntax, end <= start or overlapping intervals.
    """
    if not isinstance(spec, str):
        raise ScheduleError(f"opening hours must be a string, not {type(spec).__name__}")
    if not spec.strip():
        return ()
    result: list[Interval] = []
    for part in spec.split(","):
        if not part.strip():
            raise ScheduleError(f"opening hours {spec!r}: empty interval")
        pieces = re.split(r"[-\u2013]", part)
        if len(pieces) != 2:
            raise ScheduleError(f"opening hours {spec!r}: {part.strip()!r} is not START-END")
        start = _parse_hm(pieces[0], spec, allow_24=False)
        end = _parse_hm(pieces[1], spec, allow_24=True)
        assert start is not None
        if end is not None and end < start:
            raise ScheduleError(f"opening hours {spec!r}: end before start")
        if end is not None and end == start:
            raise ScheduleError(f"opening hours {spec!r}: end equals start")
        result.append((start, end))
    result.sort(key=lambda iv: _start_key(iv[0]))
    try:
        _check_no_overlap(result, f"opening hours {spec!r}")
    except ScheduleError:
        raise
    return tuple(result)


# --------------------------------------------------------------------------- types


@attrs.frozen
class Opening:
    """One contiguous open period, aware datetimes in the calendar's zone."""

    start: datetime
    end: datetime


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def _ts(dt: datetime) -> int:
    """Whole seconds since the epoch of a naive (wall or UTC) datetime."""
    d = dt - _EPOCH_NAIVE
    return d.days * _DAY + d.seconds


def _utc(ts: int) -> datetime:
    return _EPOCH + timedelta(seconds=ts)


class BusinessCalendar:
    """Opening hours of one provider; see the module docstring for the semantics."""

    def __init__(
        self,
        *,
        timezone: str,
        weekly: Mapping[int, Sequence[tuple[time, time | None]]],
        holiday_country: str | None = None,
        holiday_categories: tuple[str, ...] = ("public",),
        closed_dates: Iterable[date] = (),
        closed_ranges: Iterable[tuple[date, date]] = (),
        closed_yearly: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
        open_dates: Iterable[date] = (),
    ) -> None:
        # --- zone
        if not isinstance(timezone, str) or not timezone:
            raise ScheduleError(f"unknown time zone {timezone!r}")
        try:
            zone = ZoneInfo(timezone)
        except Exception:  # ZoneInfoNotFoundError, ValueError for malformed keys
            raise ScheduleError(f"unknown time zone {timezone!r}") from None
        self._tzname = timezone
        self._zone = zone

        # --- weekly hours
        given: dict[int, tuple[Interval, ...]] = {}
        per_day: list[tuple[tuple[int, int], ...]] = [() for _ in range(7)]
        if not isinstance(weekly, Mapping):
            raise ScheduleError("weekly hours must be a mapping weekday -> intervals")
        for wd in sorted(weekly, key=lambda k: (not isinstance(k, int), str(k))):
            if isinstance(wd, bool) or not isinstance(wd, int) or not 0 <= wd <= 6:
                raise ScheduleError(f"bad weekday {wd!r}: use 0 (Monday) to 6 (Sunday)")
            ivs = weekly[wd]
            if isinstance(ivs, str):
                ivs = parse_hours(ivs)
            what = f"opening hours on {_WEEKDAY_NAMES[wd]}"
            checked: list[Interval] = []
            for iv in ivs:
                try:
                    start, end = iv
                except (TypeError, ValueError):
                    raise ScheduleError(f"{what}: {iv!r} is not a (start, end) pair") from None
                if not isinstance(start, time) or not (end is None or isinstance(end, time)):
                    raise ScheduleError(f"{what}: {iv!r} is not a pair of datetime.time")
                for x in (start, end):
                    if x is not None and (x.tzinfo is not None or x.microsecond):
                        raise ScheduleError(f"{what}: times must be naive and whole seconds")
                if end is not None and end <= start:
                    raise ScheduleError(f"{what}: {_fmt(start)}-{_fmt(end)}: end not after start")
                checked.append((start, end))
            _check_no_overlap(checked, what)
            given[wd] = tuple(checked)
            per_day[wd] = tuple(
                sorted((_seconds(s), _DAY if e is None else _seconds(e)) for s, e in checked)
            )
        self._weekly_given = given
        self._per_day = tuple(per_day)

        # --- holidays
        self._holiday_country = holiday_country
        self._holiday_categories = tuple(holiday_categories)
        if holiday_country is not None:
            import holidays as _holidays

            try:
                _holidays.country_holidays(holiday_country, categories=self._holiday_categories)
            except NotImplementedError:
                raise ScheduleError(f"unknown holiday country {holiday_country!r}") from None
            except (ValueError, KeyError, TypeError) as exc:
                raise ScheduleError(
                    f"holidays {holiday_country!r} categories {self._holiday_categories!r}: {exc}"
                ) from None
        self._holiday_names: dict[date, str] = {}
        self._holiday_years: set[int] = set()
        self._local_names: dict[tuple[str, int], dict[date, str]] = {}  # (language, year) -> names

        # --- closures
        def _as_date(x: object, what: str) -> date:
            if isinstance(x, datetime) or not isinstance(x, date):
                raise ScheduleError(f"{what}: {x!r} is not a datetime.date")
            return x

        self._closed_dates = frozenset(_as_date(d, "closed date") for d in closed_dates)
        self._open_dates = frozenset(_as_date(d, "open date") for d in open_dates)
        ranges = []
        for r in closed_ranges:
            try:
                a, b = r
            except (TypeError, ValueError):
                raise ScheduleError(f"closed range {r!r} is not a (first, last) pair") from None
            a, b = _as_date(a, "closed range"), _as_date(b, "closed range")
            if b < a:
                raise ScheduleError(f"closed range {a.isoformat()}..{b.isoformat()}: last before first")
            ranges.append((a, b))
        self._closed_ranges = tuple(ranges)
        yearly: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for y in closed_yearly:
            try:
                (m1, d1), (m2, d2) = y
                for m, d in ((m1, d1), (m2, d2)):
                    date(2000, m, d)  # leap year: accepts 29 Feb
            except (TypeError, ValueError):
                raise ScheduleError(
                    f"yearly closure {y!r} is not ((month, day), (month, day))"
                ) from None
            yearly.append(((m1, d1), (m2, d2)))
        self._closed_yearly = tuple(yearly)

        # --- lazily built periods
        self._years: dict[int, list[tuple[int, int]]] = {}  # raw per-year intervals (cache)
        self._y0 = self._y1 = 0
        self._lo = self._hi = _EPOCH  # query window (UTC): lo <= u < hi is answerable
        self._starts_utc: list[datetime] = []
        self._ends_utc: list[datetime] = []
        self._starts_local: list[datetime] = []
        self._ends_local: list[datetime] = []
        self._touch_lo = self._touch_hi = False

    # ------------------------------------------------------------------ simple API

    @property
    def timezone(self) -> str:
        return self._tzname

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def weekly_hours(self) -> dict[int, tuple[tuple[time, time | None], ...]]:
        return dict(self._weekly_given)

    def __repr__(self) -> str:
        return (
            f"BusinessCalendar(timezone={self._tzname!r}, weekly={self._weekly_given!r}, "
            f"holiday_country={self._holiday_country!r})"
        )

    # ------------------------------------------------------------------ closures

    def _holidays_for(self, years: Iterable[int]) -> None:
        need = [y for y in years if y not in self._holiday_years]
        if not need or self._holiday_country is None:
            self._holiday_years.update(need)
            return
        import holidays as _holidays

        lo, hi = min(need), max(need)
        span = range(max(MINYEAR, lo - 1), min(MAXYEAR, hi + 1) + 1)
        hol = _holidays.country_holidays(
            self._holiday_country, years=span, categories=self._holiday_categories,
            language=self._holiday_language("en"),
        )
        for d, name in hol.items():
            if lo <= d.year <= hi and d.year not in self._holiday_years:
                self._holiday_names[d] = name
        self._holiday_years.update(range(lo, hi + 1))

    def _holiday_language(self, lang: str) -> str | None:
        """The ``holidays`` language for ``lang`` ("en" or "ja"), or None when the country lacks it.

        English is asked for explicitly (``en_US``, else the country's own
        language): left unset, the package follows the process locale.
        """
        import holidays as _holidays

        assert self._holiday_country is not None
        cls = getattr(_holidays, self._holiday_country, None)
        supported: tuple[str, ...] = tuple(getattr(cls, "supported_languages", ()))
        default: str | None = getattr(cls, "default_language", None)
        if lang == "ja":
            return "ja" if "ja" in supported else None
        for wanted in ("en_US", "en_GB", "en"):
            if wanted in supported:
                return wanted
        return default

    def _names_in(self, language: str | None, year: int) -> dict[date, str]:
        import holidays as _holidays

        assert self._holiday_country is not None
        key = (language or "", year)
        names = self._local_names.get(key)
        if names is None:
            hol = _holidays.country_holidays(self._holiday_country, years=year,
                                             categories=self._holiday_categories, language=language)
            names = self._local_names[key] = {d: n for d, n in hol.items() if d.year == year}
        return names

    def holiday_name(self, d: date, lang: str = "en") -> str | None:
        """The name of the public holiday on ``d`` in ``lang`` ("en" or "ja"), None if it is none.

        Japanese: the ``holidays`` package's Japanese name where it has one
        (Japan); otherwise a Japanese label naming the country with the
        holiday's name in the country's own language, e.g.
        ``デンマークの祝日（Juledag）``: no English in a Japanese text.
        """
        if self._holiday_country is None:
            return None
        if d.year not in self._holiday_years:
            self._holidays_for([d.year])
        english = self._holiday_names.get(d)
        if english is None or lang != "ja":
            return english
        language = self._holiday_language("ja")
        if language is not None:
            return self._names_in(language, d.year).get(d, english)
        import holidays as _holidays

        cls = getattr(_holidays, self._holiday_country, None)
        local = self._names_in(getattr(cls, "default_language", None), d.year).get(d, english)
        country = _COUNTRY_JA.get(self._holiday_country, self._holiday_country)
        return f"{country}の祝日（{local}）"

    def _closed_reason(self, d: date) -> str | None:
        """Reason d is closed by holidays/closures (ignoring weekly hours and open_dates)."""
        if d.year not in self._holiday_years:
            self._holidays_for([d.year])
        name = self._holiday_names.get(d)
        if name is not None:
            return name
        if d in self._closed_dates:
            return "closed"
        for a, b in self._closed_ranges:
            if a <= d <= b:
                return "closed"
        md = (d.month, d.day)
        for s, e in self._closed_yearly:
            if s <= e:
                if s <= md <= e:
                    return "closed"
            elif md >= s or md <= e:
                return "year-end closure"
        return None

    def closure(self, d: date) -> str | None:
        """None if d is a business day (has weekly hours and is not closed), else a short reason."""
        if isinstance(d, datetime):
            raise TypeError("closure() takes a date, not a datetime")
        wd = d.weekday()
        if not self._per_day[wd]:
            if wd >= 5 and not self._per_day[5] and not self._per_day[6]:
                return "weekend"
            return f"no opening hours on {_WEEKDAY_NAMES[wd]}"
        if d in self._open_dates:
            return None
        return self._closed_reason(d)

    # ------------------------------------------------------------------ building

    def _segments(self, lo_ts: int, hi_ts: int) -> list[tuple[int, int, int]]:
        """Constant-offset segments (start, end, offset seconds) covering [lo_ts, hi_ts)."""
        zone = self._zone

        def off(ts: int) -> int:
            o = _utc(ts).astimezone(zone).utcoffset()
            return o.days * _DAY + o.seconds  # type: ignore[union-attr]

        segs: list[tuple[int, int, int]] = []
        seg_start, cur = lo_ts, off(lo_ts)
        a = lo_ts
        while a < hi_ts:
            b = min(a + _SAMPLE_STEP, hi_ts)
            ob = off(b)
            if ob != cur:
                # first second in (a, b] with the new offset
                x, y = a, b
                while y - x > 1:
                    mid = (x + y) // 2
                    if off(mid) == cur:
                        x = mid
                    else:
                        y = mid
                segs.append((seg_start, y, cur))
                seg_start, cur = y, off(y)
                a = y
                continue
            a = b
        segs.append((seg_start, hi_ts, cur))
        return segs

    def _build_year(self, year: int) -> list[tuple[int, int]]:
        """Instant intervals (UTC epoch seconds) of every local day of `year`, sorted."""
        cached = self._years.get(year)
        if cached is not None:
            return cached
        first = date(year, 1, 1)
        jan1 = _ts(datetime(year, 1, 1))
        ndays = (date(year + 1, 1, 1) - first).days
        segs = self._segments(jan1 - 3 * _DAY, jan1 + (ndays + 3) * _DAY)
        self._holidays_for([year])
        per_day = self._per_day
        open_dates = self._open_dates
        raw: list[tuple[int, int]] = []
        wd = first.weekday()
        one = timedelta(days=1)
        d = first
        for i in range(ndays):
            ivs = per_day[wd]
            if ivs and (d in open_dates or self._closed_reason(d) is None):
                day_ts = jan1 + i * _DAY
                for s, e in ivs:
                    a, b = day_ts + s, day_ts + e  # wall-clock bounds as naive seconds
                    for t0, t1, o in segs:
                        lo = a - o
                        if lo < t0:
                            lo = t0
                        hi = b - o
                        if hi > t1:
                            hi = t1
                        if lo < hi:
                            raw.append((lo, hi))
            d += one
            wd = 0 if wd == 6 else wd + 1
        raw.sort()
        self._years[year] = raw
        return raw

    def _rebuild(self, y0: int, y1: int) -> None:
        """Cover local years y0..y1 (inclusive)."""
        if len(self._years) > 64:
            self._years = {y: v for y, v in self._years.items() if y0 <= y <= y1}
        raw: list[tuple[int, int]] = []
        for y in range(y0, y1 + 1):
            raw.extend(self._build_year(y))
        raw.sort()
        merged: list[list[int]] = []
        for s, e in raw:
            if merged and s <= merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1][1] = e
            else:
                merged.append([s, e])
        zone = self._zone
        self._starts_utc = [_utc(s) for s, _ in merged]
        self._ends_utc = [_utc(e) for _, e in merged]
        self._starts_local = [x.astimezone(zone) for x in self._starts_utc]
        self._ends_local = [x.astimezone(zone) for x in self._ends_utc]
        y0_ts = _ts(datetime(y0, 1, 1))
        y1_end_ts = _ts(datetime(y1 + 1, 1, 1))
        # Conservative: a period this close to an edge might continue outside the built years.
        self._touch_lo = bool(merged) and merged[0][0] <= y0_ts + 2 * _DAY
        self._touch_hi = bool(merged) and merged[-1][1] >= y1_end_ts - 2 * _DAY
        self._y0, self._y1 = y0, y1
        # Instants in [lo, hi) have their local date within y0..y1 (offsets are < 2 days).
        self._lo = _utc(y0_ts + 2 * _DAY)
        self._hi = _utc(y1_end_ts - 2 * _DAY)

    def _ensure(self, u: datetime) -> bool:
        """Make the window contain u (with about a year of lookahead). False if impossible."""
        if self._lo <= u < self._hi:
            return True
        uo = u.toordinal()
        lo_year = date.fromordinal(max(1, uo - 5)).year
        hi_year = date.fromordinal(min(date.max.toordinal(), uo + 5)).year + 1
        lo_year = max(_MIN_BUILD_YEAR, lo_year)
        hi_year = min(_MAX_BUILD_YEAR, hi_year)
        if self._y0 and self._y0 - 5 <= lo_year and hi_year <= self._y1 + 5:
            # Close to the covered range: extend it (keeps the built years contiguous).
            lo_year = min(lo_year, self._y0)
            hi_year = max(hi_year, self._y1)
        self._rebuild(lo_year, hi_year)
        return self._lo <= u < self._hi

    def _extend_forward(self, u: datetime) -> bool:
        """Add one year after the covered range, up to the horizon of u. False at the horizon."""
        limit = min(_MAX_BUILD_YEAR, u.year + 1 + _HORIZON_YEARS)
        if self._y1 >= limit:
            return False
        self._rebuild(self._y0, self._y1 + 1)
        return True

    def _extend_backward(self, u: datetime) -> bool:
        limit = max(_MIN_BUILD_YEAR, u.year - 1 - _HORIZON_YEARS)
        if self._y0 <= limit:
            return False
        self._rebuild(self._y0 - 1, self._y1)
        return True

    # ------------------------------------------------------------------ queries

    @staticmethod
    def _to_utc(t: datetime, name: str = "t") -> datetime:
        if t.tzinfo is None or t.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got naive {t!r}")
        return t.astimezone(_UTC)

    def is_open(self, t: datetime) -> bool:
        """Whether the calendar is open at instant t."""
        if t.tzinfo is None:
            self._to_utc(t)
        u = t.astimezone(_UTC)
        if not (self._lo <= u < self._hi) and not self._ensure(u):
            return False
        i = bisect_right(self._ends_utc, u)
        return i < len(self._starts_utc) and self._starts_utc[i] <= u

    def next_open(self, t: datetime) -> datetime | None:
        """t itself (in the zone) when open at t, else the start of the next opening.

        None when there is no opening within the horizon (about ten years).
        """
        if t.tzinfo is None:
            self._to_utc(t)
        u = t.astimezone(_UTC)
        if self._lo <= u < self._hi:
            i = bisect_right(self._ends_utc, u)
            if i < len(self._ends_utc):
                if self._starts_utc[i] <= u:
                    return u.astimezone(self._zone)
                return self._starts_local[i]
        return self._next_open_slow(u)

    def _next_open_slow(self, u: datetime) -> datetime | None:
        if not self._ensure(u):
            return None
        while True:
            i = bisect_right(self._ends_utc, u)
            if i < len(self._ends_utc):
                if self._starts_utc[i] <= u:
                    return u.astimezone(self._zone)
                return self._starts_local[i]
            if not self._extend_forward(u):
                return None

    def email_handled_from(self, t: datetime) -> datetime | None:
        """When an e-mail received at t starts being handled: same as :meth:`next_open`."""
        return self.next_open(t)

    def closes_at(self, t: datetime) -> datetime | None:
        """End of the contiguous open period containing t; None when closed at t."""
        if t.tzinfo is None:
            self._to_utc(t)
        u = t.astimezone(_UTC)
        if not (self._lo <= u < self._hi) and not self._ensure(u):
            return None
        while True:
            ends = self._ends_utc
            i = bisect_right(ends, u)
            if i >= len(ends) or self._starts_utc[i] > u:
                return None
            if i == len(ends) - 1 and self._touch_hi and self._extend_forward(u):
                continue
            return self._ends_local[i]

    def openings(self, t: datetime, count: int) -> list[Opening]:
        """The opening in progress at t (if any) and the following ones, `count` in all.

        Fewer are returned when the horizon (about ten years) is reached.
        """
        if t.tzinfo is None:
            self._to_utc(t)
        if count <= 0:
            return []
        u = t.astimezone(_UTC)
        if not (self._lo <= u < self._hi) and not self._ensure(u):
            return []
        while True:
            i = bisect_right(self._ends_utc, u)
            n = len(self._ends_utc)
            if i == 0 and n and self._touch_lo and self._starts_utc[0] <= u:
                if self._extend_backward(u):
                    continue
            if i + count > n - (1 if self._touch_hi else 0) and self._extend_forward(u):
                continue
            j = min(n, i + count)
            return [Opening(self._starts_local[k], self._ends_local[k]) for k in range(i, j)]
