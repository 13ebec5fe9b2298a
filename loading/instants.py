"""Instants written the way people say them: ``2026-11-28``, ``2026-11-28 14:30``, full ISO.

:func:`parse_instant` is shared by the CLI (``--at``) and the TUI (the pin dialog):

* a date alone means the start of the customer's business day on that date,
  ``business_day_start`` in the customer's zone (09:00 unless the caller says
  otherwise: a fixed, documented hour rather than "the earliest opening among
  the options", so the same words give the same instant whatever the options);
* a date and a time without an offset are read in the customer's zone; a wall
  time skipped by a daylight-saving jump is refused, and so is an ambiguous one
  (the hour repeated when the clocks go back): the error names both offsets,
  one of which the user adds;
* a date and time with an offset (``Z`` or ``+09:00``) is taken as written.

``/`` may separate the date's parts and a space may stand for ``T``. Errors are
one line (:class:`InstantError`, a :class:`ValueError`).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .limits import AT_MAX_YEAR, AT_MIN_YEAR

#: The start of the customer's business day when only a date is given.
BUSINESS_DAY_START = dt.time(9, 0)

_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")


class InstantError(ValueError):
    """One line saying why the text is not an instant."""


def _normalise(text: str) -> str:
    value = " ".join(text.strip().split())
    match = _SLASH_DATE.match(value)
    if match:
        year, month, day = match.groups()
        value = f"{year}-{int(month):02d}-{int(day):02d}" + value[match.end():]
    if value.endswith(("z", "Z")):
        value = value[:-1] + "+00:00"
    return value.replace(" ", "T", 1)


def _zone(zone: str | dt.tzinfo) -> dt.tzinfo:
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def in_zone(local: dt.datetime, zone: str | dt.tzinfo) -> dt.datetime:
    """A naive wall time in ``zone``; refuses a time that the zone skips (DST gap) or repeats (DST end)."""
    tz = _zone(zone)
    aware = local.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(dt.timezone.utc).astimezone(tz)
    shown = local.isoformat(sep=" ", timespec="minutes")
    if back.replace(tzinfo=None) != local:
        raise InstantError(f"{shown} does not exist in {tz} (the clocks skip it)")
    later = local.replace(tzinfo=tz, fold=1)
    if later.utcoffset() != aware.utcoffset():
        first, second = (_offset(x) for x in (aware, later))
        raise InstantError(f"{shown} happens twice in {tz} (the clocks go back): add the offset, "
                           f"{shown}{first} for the first or {shown}{second} for the second")
    return aware


def _offset(at: dt.datetime) -> str:
    """``+09:00``: an aware instant's UTC offset as ISO 8601 writes it."""
    return at.isoformat()[-6:]


def parse_instant(text: str, zone: str | dt.tzinfo,
                  business_day_start: dt.time = BUSINESS_DAY_START) -> dt.datetime:
    """The aware instant ``text`` means for a customer in ``zone``.

    :raises InstantError: not a date, a date and time, or an ISO 8601 instant.
    """
    raw = text.strip()
    if not raw:
        raise InstantError("empty: write a date (2026-11-28), a date and time (2026-11-28 14:30) "
                           "or ISO 8601 with an offset")
    value = _normalise(raw)
    if "T" not in value:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise InstantError(f"{raw!r} is not a date (YYYY-MM-DD) or a date and time") from None
        return in_zone(dt.datetime.combine(_supported(day), business_day_start), zone)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InstantError(f"{raw!r} is not a date and time (e.g. 2026-11-28 14:30 or "
                           "2026-11-28T14:30+09:00)") from None
    _supported(parsed.date())
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return in_zone(parsed, zone)
    return parsed


def _supported(day: dt.date) -> dt.date:
    """``day``, or an :class:`InstantError` before a far date overflows a zone conversion."""
    if not AT_MIN_YEAR <= day.year <= AT_MAX_YEAR:
        raise InstantError(f"{day.isoformat()} is outside the supported years {AT_MIN_YEAR}-{AT_MAX_YEAR}")
    return day


def describe(at: dt.datetime, zone: str | dt.tzinfo) -> str:
    """``2026-11-28 09:00 JST (+09:00)``: how the TUI shows back what it understood."""
    local = at.astimezone(_zone(zone))
    return f"{local.strftime('%Y-%m-%d %H:%M')} {local.tzname()} ({_offset(local)})"
