"""Helpers for plugin settings: documented fields, validators, calendars.

Each policy **Interpretation** is a named setting: a field declared with
:func:`setting`, which records the clause it interprets and a bilingual
help line. ``ontime-support settings`` lists them all with their defaults.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import attrs

from ontime_support.kernel.models import FieldValueError, check_zone_name
from ontime_support.kernel.text import Text

from .calendar import BusinessCalendar, ScheduleError, parse_hours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def setting(default: Any, *, clause: str, en: str, ja: str, validator: Any = None) -> Any:
    """An attrs field for a plugin setting, documented with its clause."""
    metadata = {"clause": clause, "help": Text(en=en, ja=ja)}
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple or a frozen value as a setting default")
    return attrs.field(default=default, validator=validator, metadata=metadata)


def check_zone(inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, f"expected an IANA time zone name, got {value!r}")
    check_zone_name(inst, attribute, value)


def check_holiday_country(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """An ISO country code the ``holidays`` package knows, or '' for no holidays."""
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, f"expected a country code such as 'JP', got {value!r}")
    if value:
        import holidays  # deferred: a sizeable import, needed only with holidays configured

        if value not in holidays.list_supported_countries():
            raise FieldValueError(attribute.name, f"unknown holiday country {value!r} (e.g. 'JP', 'DK')")


def check_hours(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    try:
        parse_hours(value)
    except ScheduleError as exc:
        raise FieldValueError(attribute.name, str(exc)) from None


def check_weekdays(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise FieldValueError(attribute.name, "lists no weekday: the provider would never be open")
    for day in value:
        if day not in WEEKDAYS:
            raise FieldValueError(attribute.name, f"unknown weekday {day!r} (expected {', '.join(WEEKDAYS)})")


def check_month_day(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        month_day(item, attribute.name)


def month_day(value: str, field: str = "date") -> tuple[int, int]:
    """``'12-29'`` -> ``(12, 29)``."""
    try:
        month, day = (int(part) for part in value.split("-"))
        dt.date(2024, month, day)  # a leap year accepts 02-29
    except (ValueError, AttributeError):
        raise FieldValueError(field, f"expected a month-day like '12-29', got {value!r}") from None
    return month, day


def _whole_percent(attribute: attrs.Attribute[Any], value: int, lowest: int, why: str = "") -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= 100:
        raise FieldValueError(attribute.name, f"expected a whole percentage {lowest}-100{why}, got {value!r}")


def check_percent(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    _whole_percent(attribute, value, 0)


def check_fee_percent(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """A provider's own yearly fee as a percentage of a list price: 1-100 (0 % would quote a free contract)."""
    _whole_percent(attribute, value, 1, " (the provider charges a fee)")


def check_positive_int(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise FieldValueError(attribute.name, f"expected a positive whole number, got {value!r}")


def build_calendar(
    *,
    timezone: str,
    opening_hours: str,
    business_days: tuple[str, ...],
    holiday_country: str | None,
    closed_yearly: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (),
    closed_dates: tuple[dt.date, ...] = (),
    closed_ranges: tuple[tuple[dt.date, dt.date], ...] = (),
    open_dates: tuple[dt.date, ...] = (),
    holiday_categories: tuple[str, ...] = ("public",),
) -> BusinessCalendar:
    """A calendar with the same hours on each business weekday."""
    intervals = parse_hours(opening_hours)
    weekly = {WEEKDAYS.index(day): intervals for day in business_days}
    return BusinessCalendar(
        timezone=timezone,
        weekly=weekly,
        holiday_country=holiday_country or None,
        holiday_categories=holiday_categories,
        closed_dates=closed_dates,
        closed_ranges=closed_ranges,
        closed_yearly=closed_yearly,
        open_dates=open_dates,
    )


class CalendarSettings(Protocol):
    """The settings fields :func:`settings_calendar` reads (a plugin's frozen settings class)."""

    @property
    def timezone(self) -> str: ...
    @property
    def opening_hours(self) -> str: ...
    @property
    def business_days(self) -> tuple[str, ...]: ...
    @property
    def holiday_country(self) -> str: ...
    @property
    def closed_dates(self) -> tuple[dt.date, ...]: ...


def settings_calendar(
    settings: CalendarSettings,
    *,
    closed_yearly: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (),
) -> BusinessCalendar:
    """:func:`build_calendar` from the usual settings fields, plus the plugin's own yearly closures."""
    return build_calendar(
        timezone=settings.timezone,
        opening_hours=settings.opening_hours,
        business_days=settings.business_days,
        holiday_country=settings.holiday_country,
        closed_yearly=closed_yearly,
        closed_dates=settings.closed_dates,
    )
