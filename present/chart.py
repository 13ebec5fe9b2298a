"""Coverage chart: when each option answers over the next days, in the customer's time.

:func:`build_chart` asks each option's business calendar (``OptionResult.hours.calendar``)
about every hour of the next ``days`` days, by the customer's wall clock, so a
provider abroad shifts by an hour on the day its clocks change, and holidays
and year-end closures show as whole days closed with the calendar's reason.
:func:`render_text` prints it without colour (``compare --format chart``); the
TUI draws the same :class:`Chart`.
"""

from __future__ import annotations

import datetime as dt
import enum
from zoneinfo import ZoneInfo

import attrs

from ontime_support.kernel.models import Comparison, OptionResult
from ontime_support.kernel.text import T, Text

from .labels import colon, join_list, paren
from .when import clock_text, day_text, stamp, zone_name


class Cover(enum.StrEnum):
    """What one hour of one lane looks like."""

    OPEN = "open"          # open for the whole hour
    PARTLY = "partly"      # opens or closes within the hour
    CLOSED = "closed"      # a business day, outside the opening hours
    HOLIDAY = "holiday"    # closed all day: holiday, closure, year-end
    OFF = "off"            # a day the option never opens (weekend)
    UNKNOWN = "unknown"    # no calendar: the hours are not known
    GAP = "gap"            # this wall-clock hour does not exist (DST jump)


SYMBOLS: dict[Cover, str] = {
    Cover.OPEN: "█", Cover.PARTLY: "▌", Cover.CLOSED: "·", Cover.HOLIDAY: "H",
    Cover.OFF: "-", Cover.UNKNOWN: "?", Cover.GAP: " ",
}

WORDS: dict[str, Text] = {
    "title": T("Coverage, next {days} days, customer's time ({zone})",
               "受付状況（今後 {days} 日間、{zone}で表示）"),
    "legend": T("Legend", "凡例"),
    Cover.OPEN: T("open", "受付中"),
    Cover.PARTLY: T("open part of the hour", "一部の時間のみ受付"),
    Cover.CLOSED: T("closed (outside hours)", "時間外"),
    Cover.HOLIDAY: T("closed all day (holiday or closure)", "終日休業（祝日・休業日）"),
    Cover.OFF: T("no opening hours that day", "定休日"),
    Cover.UNKNOWN: T("hours not known", "受付時間は不明"),
    Cover.GAP: T("hour skipped by a clock change", "時刻の切り替えで存在しない時間"),
    "now": T("now", "現在"),
    "outside": T("outside opening hours", "受付時間外"),
    "provider_time": T("provider's time", "窓口の時刻"),
}
#: The calendar's closure reasons (``BusinessCalendar.closure``), apart from ``WORDS``: the reason
#: "closed" and ``Cover.CLOSED`` are the same string and must not share a label.
REASONS: dict[str, Text] = {
    "weekend": T("weekend", "週末"),
    "year-end closure": T("year-end closure", "年末年始休業"),
    "closed": T("closed", "休業日"),
}

WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "ja": ("月", "火", "水", "木", "金", "土", "日")}


def word(key: str, lang: str) -> str:
    text = WORDS.get(key)
    return text(lang) if text is not None else key


@attrs.frozen(kw_only=True, slots=True)
class Cell:
    start: dt.datetime          # in the customer's zone
    cover: Cover
    reason: str | None = None   # the calendar's reason for a closed day (holiday name, "weekend", ...)
    holiday: Text | None = None  # the holiday's name in both languages, when the calendar gives it
    provider_start: dt.datetime | None = None  # the same instant in the provider's zone


@attrs.frozen(kw_only=True, slots=True)
class Lane:
    option_id: str
    title: Text
    rank: int | None
    timezone: str | None
    cells: tuple[Cell, ...]     # days * 24, by the customer's wall clock


@attrs.frozen(kw_only=True, slots=True)
class Chart:
    at: dt.datetime             # the comparison's instant, in the customer's zone
    timezone: str
    days: tuple[dt.date, ...]
    lanes: tuple[Lane, ...]

    def cell(self, lane: int, day: int, hour: int) -> Cell:
        return self.lanes[lane].cells[day * 24 + hour]

    def now_index(self) -> tuple[int, int] | None:
        """(day, hour) of the comparison's instant."""
        local = self.at
        if local.date() in self.days:
            return self.days.index(local.date()), local.hour
        return None


def ordered(comparison: Comparison) -> list[tuple[OptionResult, int | None]]:
    """Options in the recommended order (★1 first), then the others as the plugins listed them."""
    ranks = {oid: i for i, oid in enumerate(comparison.recommended, 1)}
    results = sorted(comparison.options, key=lambda r: ranks.get(r.option.id, len(ranks) + 1))
    return [(r, ranks.get(r.option.id)) for r in results]


def _hour_starts(days: tuple[dt.date, ...], zone: ZoneInfo) -> list[tuple[dt.datetime, bool]]:
    """Each wall-clock hour of each day, and whether it exists in ``zone``."""
    out = []
    utc = dt.timezone.utc
    for day in days:
        for hour in range(24):
            wall = dt.datetime.combine(day, dt.time(hour))
            aware = wall.replace(tzinfo=zone)
            exists = aware.astimezone(utc).astimezone(zone).replace(tzinfo=None) == wall
            out.append((aware, exists))
    return out


def _lane_cells(result: OptionResult, starts: list[tuple[dt.datetime, bool]]) -> tuple[Cell, ...]:
    hours = result.hours
    calendar = hours.calendar if hours is not None else None
    if calendar is None or result.error is not None:
        return tuple(Cell(start=s, cover=Cover.GAP if not ok else Cover.UNKNOWN) for s, ok in starts)
    provider_zone = ZoneInfo(calendar.timezone)
    is_open = getattr(calendar, "is_open", None)
    closure = getattr(calendar, "closure", None)
    holiday_name = getattr(calendar, "holiday_name", None)
    cells = []
    closures: dict[dt.date, str | None] = {}
    holidays: dict[dt.date, Text | None] = {}
    for start, exists in starts:
        if not exists:
            cells.append(Cell(start=start, cover=Cover.GAP))
            continue
        end = start + dt.timedelta(hours=1)
        local = start.astimezone(provider_zone)
        open_at_start = is_open(start) if is_open is not None else calendar.closes_at(start) is not None
        if open_at_start:
            closes = calendar.closes_at(start)
            cover = Cover.PARTLY if closes is not None and closes < end else Cover.OPEN
            cells.append(Cell(start=start, cover=cover, provider_start=local))
            continue
        nxt = calendar.next_open(start)
        if nxt is not None and nxt < end:
            cells.append(Cell(start=start, cover=Cover.PARTLY, provider_start=local))
            continue
        day = local.date()
        if day not in closures:
            closures[day] = closure(day) if closure is not None else None
        reason = closures[day]
        if reason is None:
            cover = Cover.CLOSED
        elif reason == "weekend" or reason.startswith("no opening hours"):
            cover = Cover.OFF
        else:
            cover = Cover.HOLIDAY
        holiday = None
        if cover is Cover.HOLIDAY and holiday_name is not None:
            if day not in holidays:
                en, ja = holiday_name(day, "en"), holiday_name(day, "ja")
                holidays[day] = T(en, ja) if isinstance(en, str) and isinstance(ja, str) else None
            holiday = holidays[day]
        cells.append(Cell(start=start, cover=cover, reason=reason, holiday=holiday, provider_start=local))
    return tuple(cells)


def build_chart(comparison: Comparison, days: int = 7) -> Chart:
    """Hourly coverage for ``days`` days from the start of the comparison's day (customer's zone)."""
    zone = ZoneInfo(comparison.customer_timezone)
    at = comparison.at.astimezone(zone)
    dates = tuple(at.date() + dt.timedelta(days=i) for i in range(days))
    starts = _hour_starts(dates, zone)
    lanes = tuple(
        Lane(option_id=result.option.id, title=result.option.title, rank=rank,
             timezone=result.hours.timezone if result.hours is not None else None,
             cells=_lane_cells(result, starts))
        for result, rank in ordered(comparison)
    )
    return Chart(at=at, timezone=comparison.customer_timezone, days=dates, lanes=lanes)


def reason_text(reason: str | None, lang: str, holiday: Text | None = None) -> str:
    """The calendar's closure reason in ``lang``.

    A holiday's name comes from the calendar in both languages (``holiday``);
    in Japanese a country the ``holidays`` package does not name in Japanese
    is shown as ``デンマークの祝日（Juledag）`` (see ``BusinessCalendar.holiday_name``).
    A calendar that gives no names in both languages has its reason shown as given.
    """
    if holiday is not None:
        return holiday(lang)
    if reason is None:
        return word("outside", lang)
    return REASONS[reason](lang) if reason in REASONS else reason


def describe_cell(chart: Chart, lane: int, day: int, hour: int, lang: str) -> str:
    """One line for the hour under the cursor: when, which option, open or why closed."""
    cell = chart.cell(lane, day, hour)
    info = chart.lanes[lane]
    when = stamp(cell.start, lang)
    title = info.title(lang)
    what = word(cell.cover, lang)
    if cell.cover in (Cover.CLOSED, Cover.HOLIDAY, Cover.OFF):
        what += f"{colon(lang)}{reason_text(cell.reason, lang, cell.holiday)}"
    provider = ""
    if cell.provider_start is not None and info.timezone and info.timezone != chart.timezone:
        p = cell.provider_start
        provider = f" = {p:%m-%d} {clock_text(p, lang)}{paren(word('provider_time', lang), lang)}"
    return f"{when}{provider} · {title} · {SYMBOLS[cell.cover]} {what}"


def title(chart: Chart, lang: str) -> str:
    """``Coverage, next 7 days, customer's time (Asia/Tokyo)`` / ``受付状況（今後 7 日間、日本時間で表示）``."""
    return word("title", lang).format(days=len(chart.days), zone=zone_name(chart.timezone, lang, chart.at))


def day_label(day: dt.date, lang: str, *, year: bool) -> str:
    """A day heading: ``2026-11-28 (Sat)`` / ``2026-11-28（土）`` (``11-28（土）`` without the year)."""
    return day_text(dt.datetime.combine(day, dt.time()), lang, year=year)


def lane_label(lane: Lane, lang: str) -> str:
    star = f"★{lane.rank} " if lane.rank is not None else ""
    return star + lane.title(lang)


def render_text(chart: Chart, lang: str = "en", label_width: int = 28) -> str:
    """The chart as plain text: a header of hours, one block per day, one lane per option, a legend."""
    lines = [title(chart, lang)]
    header = " " * label_width + " " + "".join(f"{h:02d} " for h in range(0, 24, 3))
    now = chart.now_index()
    for d, day in enumerate(chart.days):
        lines.append("")
        lines.append(day_label(day, lang, year=True))
        lines.append(header)
        for i, lane in enumerate(chart.lanes):
            label = _fit(lane_label(lane, lang), label_width)
            cells = "".join(SYMBOLS[chart.cell(i, d, h).cover] for h in range(24))
            reasons = sorted({reason_text(c.reason, lang, c.holiday) for c in lane.cells[d * 24:(d + 1) * 24]
                              if c.cover is Cover.HOLIDAY})
            lines.append(f"{label} {cells}" + (f"  {join_list(reasons, lang)}" if reasons else ""))
        if now is not None and now[0] == d:
            lines.append(" " * label_width + " " + " " * now[1] + "^ " + word("now", lang)
                         + f" {chart.at:%H:%M}")
    lines.append("")
    lines.append(f"{word('legend', lang)}{colon(lang)}" + "  ".join(
        f"{SYMBOLS[c]!s:>1} {word(c, lang)}" for c in Cover if c is not Cover.GAP))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _width(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to ``width`` terminal cells (wide characters count two)."""
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > width - (1 if _width(text) > width else 0):
            out += "…"
            used += 1
            break
        out += ch
        used += w
    return out + " " * max(0, width - used)
