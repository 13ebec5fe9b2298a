"""The partner directory: each partner's own support terms, read from TOML.

Format (one table per partner id under ``[partners]``)::

    [partners.example-partner]
    name = "Example Partner K.K."
    timezone = "Asia/Tokyo"
    opening_hours = "09:00-17:30"
    business_days = ["mon", "tue", "wed", "thu", "fri"]
    holiday_country = "JP"            # "" for none
    closed_yearly = [["12-29", "01-03"]]
    channels = ["email", "phone"]
    languages = ["ja"]
    supports_platforms = ["exchange"] # platforms it supports besides OnTime
    annual_fee_jpy = 150000           # a fixed yearly fee, or:
    # annual_fee_percent = 20 and annual_fee_basis = "newest" | "purchased"
    spot_rate_jpy_per_hour = 15000
    spot_minimum_minutes = 60
    spot_unit_minutes = 15
    requires_maintenance = true
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import attrs
from attrs import validators as v

from ontime_support import sdk


def _check_yearly(_inst: object, attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]) -> None:
    for pair in value:
        if len(pair) != 2:
            raise sdk.FieldValueError(attribute.name, f"expected [from, to] month-days, got {list(pair)!r}")
        for item in pair:
            sdk.month_day(item, attribute.name)


def _check_basis(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in ("newest", "purchased"):
        raise sdk.FieldValueError(attribute.name, f"expected 'newest' or 'purchased', got {value!r}")


def _check_platforms(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    allowed = {p.value for p in sdk.Platform}
    for item in value:
        if item not in allowed:
            raise sdk.FieldValueError(attribute.name, f"unknown platform {item!r} (expected one of {sorted(allowed)})")


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed by the memo keys of every comparison
class PartnerTerms:
    """One partner's support terms (all optional but the name: unknown stays unknown)."""

    id: str = ""
    name: str
    timezone: str = attrs.field(default="Asia/Tokyo", validator=sdk.check_zone)
    opening_hours: str | None = attrs.field(default=None, validator=v.optional(sdk.check_hours))
    business_days: tuple[str, ...] = attrs.field(default=("mon", "tue", "wed", "thu", "fri"),
                                                 validator=sdk.check_weekdays)
    holiday_country: str = attrs.field(default="JP", validator=sdk.check_holiday_country)
    closed_yearly: tuple[tuple[str, str], ...] = attrs.field(default=(), validator=_check_yearly)
    closed_dates: tuple[dt.date, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    supports_platforms: tuple[str, ...] = attrs.field(default=(), validator=_check_platforms)
    annual_fee_jpy: int | None = None
    annual_fee_percent: int | None = attrs.field(default=None, validator=v.optional(sdk.check_percent))
    annual_fee_basis: str = attrs.field(default="newest", validator=_check_basis)
    spot_rate_jpy_per_hour: int | None = attrs.field(default=None, validator=v.optional(sdk.check_positive_int))
    spot_minimum_minutes: int = attrs.field(default=30, validator=sdk.check_positive_int)
    spot_unit_minutes: int = attrs.field(default=30, validator=sdk.check_positive_int)
    requires_maintenance: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.annual_fee_jpy is not None and self.annual_fee_percent is not None:
            raise sdk.FieldValueError("annual_fee_percent", "give annual_fee_jpy or annual_fee_percent, not both")
        if self.annual_fee_jpy is not None and self.annual_fee_jpy < 0:
            raise sdk.FieldValueError("annual_fee_jpy", f"must not be negative, got {self.annual_fee_jpy}")


@attrs.frozen(kw_only=True)
class _DirectoryFile:
    partners: dict[str, PartnerTerms] = attrs.Factory(dict)


def load_directory(path: Path) -> tuple[PartnerTerms, ...]:
    """Read a partner directory file; errors name the file, the partner and the field."""
    data = sdk.read_toml(path)
    if set(data) - {"partners"}:
        raise sdk.InputError(str(path), sorted(set(data) - {"partners"})[0], "unknown key (expected [partners.ID] tables)")
    partners = data.get("partners", {})
    if not isinstance(partners, dict):
        raise sdk.InputError(str(path), "partners", "expected tables [partners.ID]")
    entries = []
    for partner_id, table in partners.items():
        terms = sdk.structure(table, PartnerTerms, str(path), prefix=f"partners.{partner_id}")
        entries.append(attrs.evolve(terms, id=partner_id))
    return tuple(entries)


@functools.cache
def calendar_for(terms: PartnerTerms) -> sdk.BusinessCalendar | None:
    if terms.opening_hours is None:
        return None
    return sdk.build_calendar(
        timezone=terms.timezone,
        opening_hours=terms.opening_hours,
        business_days=terms.business_days,
        holiday_country=terms.holiday_country,
        closed_yearly=tuple((sdk.month_day(a), sdk.month_day(b)) for a, b in terms.closed_yearly),
        closed_dates=terms.closed_dates,
    )
