"""Exact money arithmetic in integer JPY (no floats anywhere)."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

from ontime_support.kernel.text import Text


def percent_of(price_jpy: int, percent: int) -> int:
    """``percent`` % of an integer price; a fraction of a yen is dropped (floor)."""
    return price_jpy * percent // 100


def rounding_note(price_jpy: int, percent: int) -> Text:
    """What to add to a fee's note when :func:`percent_of` dropped a fraction of a yen (else empty texts).

    The policy states fees as percentages and names no rounding: rounding down is this tool's reading,
    said where it changes the amount.
    """
    if price_jpy * percent % 100 == 0:
        return _EXACT
    return _ROUNDED


_EXACT = Text("", "")
_ROUNDED = Text(" The fraction of a yen is dropped (the tool's reading: the page names no rounding).",
                "1 円未満は切り捨てています（価格表に端数の扱いが記載されていないための当ツールの解釈です）。")


def billable_minutes(hours: Decimal, *, minimum_minutes: int, unit_minutes: int) -> int:
    """Minutes billed for ``hours`` of work: at least the minimum, rounded up to whole units.

    Zero hours bill nothing.
    """
    minutes = hours * 60  # exact: a decimal number of hours times 60
    if minutes <= 0:
        return 0
    if minutes < minimum_minutes:
        minutes = Decimal(minimum_minutes)
    units, rest = divmod(minutes, unit_minutes)  # exact integer quotient and remainder
    return (int(units) + (1 if rest else 0)) * unit_minutes


def time_cost(minutes: int, rate_jpy_per_hour: int) -> int:
    """Cost of whole billed minutes at an hourly rate, rounded up to the yen."""
    return -(-minutes * rate_jpy_per_hour // 60)


def spot_cost(hours: Decimal, rate_jpy_per_hour: int, *, minimum_minutes: int, unit_minutes: int) -> tuple[int, int]:
    """Spot work of ``hours``: ``(billed minutes, cost in JPY)`` (:func:`billable_minutes`, :func:`time_cost`)."""
    minutes = billable_minutes(hours, minimum_minutes=minimum_minutes, unit_minutes=unit_minutes)
    return minutes, time_cost(minutes, rate_jpy_per_hour)


def break_even_hours(annual_fee_jpy: int, rate_jpy_per_hour: int) -> Fraction:
    """Hours of spot work a year that cost as much as the annual fee."""
    return Fraction(annual_fee_jpy, rate_jpy_per_hour)


def yen(amount: int, lang: str) -> str:
    """Integer JPY for display: ``202,500 JPY`` / ``202,500円``."""
    return f"{amount:,}円" if lang == "ja" else f"{amount:,} JPY"


@functools.lru_cache(maxsize=1024)  # a handful of distinct hours recur in every comparison
def hours_text(hours: Fraction | Decimal | int) -> str:
    """Hours as a plain number for sentences: ``10.125``, ``10.5``, ``3`` (exact when it terminates
    within three decimals, else rounded to three)."""
    value = Fraction(hours)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if exact != exact.quantize(Decimal("0.001")):
        exact = exact.quantize(Decimal("0.001"))
    text = format(exact.normalize(), "f")
    return text


def billed_hours(minutes: int) -> Fraction:
    """Billed minutes as exact hours."""
    return Fraction(minutes, 60)


def cheaper_spot_limit(annual_fee_jpy: int, rate_jpy_per_hour: int, *, minimum_minutes: int,
                       unit_minutes: int) -> int | None:
    """The most billed minutes of spot work that cost no more than the annual fee (``None``: not even the minimum)."""
    if rate_jpy_per_hour <= 0:
        return None
    limit = annual_fee_jpy * 60 // rate_jpy_per_hour  # minutes whose cost stays within the fee
    billed = limit // unit_minutes * unit_minutes
    if billed < minimum_minutes:
        return None
    while billed and time_cost(billed, rate_jpy_per_hour) > annual_fee_jpy:  # yen rounding at the edge
        billed -= unit_minutes
    return billed if billed >= minimum_minutes else None
