"""Checks of single values the documentation promises: real zones and real countries.

Time zones: the IANA names the bundled ``tzdata`` lists (``Asia/Tokyo``,
``Europe/Copenhagen``, ``UTC``...), minus the entries that are not places
(``Factory``, ``localtime``, ``posixrules``). A name is looked up in that
list, never on disk first, so a path-like or 5,000-character value gets a
short clean message.

Countries: ISO 3166-1 alpha-2 codes that exist today, from Babel's CLDR
data (territories with a current currency, less CLDR's own codes that ISO
does not assign, such as ``EU``, ``XK``, ``ZZ``).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re

from .messages import shown

#: tzdata entries that are not the zone of a place.
NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
#: CLDR territory codes that are not ISO 3166-1 alpha-2 country codes.
CLDR_NOT_ISO = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})

_COUNTRY_SHAPE = re.compile(r"[A-Z]{2}")


@functools.cache
def zone_names() -> frozenset[str]:
    """Every accepted time zone name (from tzdata's own list: fast, no directory walk)."""
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(text.split()) - NOT_PLACES


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes in use today (Babel's CLDR territory data)."""
    from babel.core import get_global

    territories = get_global("territory_currencies")
    return frozenset(
        code for code, currencies in territories.items()
        if _COUNTRY_SHAPE.fullmatch(code) and code not in CLDR_NOT_ISO
        and any(until is None for _currency, _since, until, _tender in currencies)
    )


def check_zone_key(value: object) -> str | None:
    """The problem with a time zone value, or ``None`` (non-strings are left to the type check)."""
    if not isinstance(value, str) or value in zone_names():
        return None
    return f"unknown time zone {shown(value)}"


def check_country_code(value: object) -> str | None:
    """The problem with a country value, or ``None`` (non-strings are left to the type check)."""
    if not isinstance(value, str) or value in country_codes():
        return None
    return f"{shown(value)} is not an ISO 3166-1 alpha-2 country code (e.g. 'JP')"


@functools.cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 (two-letter) language codes, from Babel's CLDR data."""
    from babel import Locale

    codes: list[str] = [code for code in Locale("en").languages if isinstance(code, str)]
    return frozenset(code for code in codes if re.fullmatch(r"[a-z]{2}", code))


def check_language_code(value: object) -> str | None:
    """The problem with one language value, or ``None`` (non-strings and wrong shapes are left to the model)."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}", value) or value in language_codes():
        return None
    return f"{shown(value)} is not an ISO 639-1 language code (e.g. 'ja', 'en')"


def kind_of(value: object) -> str:
    """What a user wrote, in words: ``a string 'x'``, ``a table``, ``a list``, ``true``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"a string {shown(value)}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int):
        return f"the number {shown(value)}"
    if isinstance(value, float):
        return f"the number {shown(value)}"
    if isinstance(value, dt.datetime):
        return f"a date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"a date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"a time of day {value.isoformat()}"
    return shown(value)
