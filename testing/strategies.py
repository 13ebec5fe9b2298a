"""Hypothesis strategies for valid customer profiles and aware instants.

``hypothesis`` is a test extra (``pip install ontime-support[test]``): this
module imports it, the rest of :mod:`ontime_support.testing` does not.

    from hypothesis import given
    from ontime_support.testing.strategies import instants, profiles

    @given(profile=profiles(partner_ids=("example-partner",)), at=instants())
    def test_my_plugin(profile, at): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from ontime_support.kernel.models import (
    Contracts,
    Customer,
    Incident,
    Licenses,
    Maintenance,
    Platform,
    PlatformSupport,
    Profile,
    PurchasePath,
    Scope,
    Usage,
    YesNoUnknown,
)

__all__ = ["customers", "incidents", "instants", "profiles", "TIMEZONES", "COUNTRIES", "LANGUAGES"]

#: Zones with and without DST, east and west, plus half-hour and 45-minute offsets.
TIMEZONES: tuple[str, ...] = (
    "Asia/Tokyo", "Asia/Singapore", "Asia/Seoul", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Copenhagen",
    "Europe/Berlin", "Europe/London", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe",
    "Pacific/Auckland", "UTC",
)
COUNTRIES: tuple[str, ...] = ("JP", "SG", "KR", "TW", "TH", "IN", "DK", "DE", "GB", "US", "BR", "AU", "NZ")
LANGUAGES: tuple[str, ...] = ("ja", "en", "da", "de", "ko", "zh")
GENERIC_PARTNERS: tuple[str, ...] = ("example-partner", "sample-systems", "no-such-partner")


def instants(min_year: int = 2024, max_year: int = 2031) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in one of :data:`TIMEZONES` (DST gaps and folds included)."""
    return st.datetimes(
        min_value=dt.datetime(min_year, 1, 1), max_value=dt.datetime(max_year, 12, 31, 23, 59),
        timezones=st.sampled_from(TIMEZONES).map(ZoneInfo),
    )


def incidents() -> st.SearchStrategy[Incident]:
    return st.builds(
        Incident,
        scope=st.sampled_from(Scope),
        in_platform_clients=st.sampled_from(YesNoUnknown),
        reproducible=st.booleans(),
        on_newest_version=st.booleans(),
        needs_onsite=st.booleans(),
    )


@st.composite
def customers(draw: st.DrawFn, partner_ids: Sequence[str] = ()) -> Customer:
    """A valid customer; partner customers name one of ``partner_ids`` or a generic partner."""
    purchased_from = draw(st.sampled_from(PurchasePath))
    partner = None
    supports = None
    if purchased_from is PurchasePath.PARTNER:
        partner = draw(st.sampled_from(tuple(partner_ids) + GENERIC_PARTNERS))
        supports = draw(st.booleans())
    return Customer(
        name=draw(st.text(min_size=1, max_size=30).filter(str.strip)),  # a name shows at least one character
        country=draw(st.sampled_from(COUNTRIES)),
        timezone=draw(st.sampled_from(TIMEZONES)),
        languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))),
        purchased_from=purchased_from,
        partner=partner,
        partner_supports_ontime=supports,
        platform=draw(st.sampled_from(Platform)),
        platform_supported_by=draw(st.sampled_from(PlatformSupport)),
        platform_changed=draw(st.booleans()),
    )


@st.composite
def profiles(draw: st.DrawFn, partner_ids: Sequence[str] = ()) -> Profile:
    """Valid :class:`Profile` objects covering every enum value, edge amounts and optional parts.

    :param partner_ids: partner ids to favour for partner customers (e.g. the
        ``partner_id`` of your plugin's options), besides a few generic ones.
    """
    yen = st.one_of(st.sampled_from((0, 1, 99, 100_000, 1_350_000)), st.integers(0, 50_000_000))
    return Profile(
        customer=draw(customers(partner_ids)),
        maintenance=Maintenance(active_until=draw(st.one_of(
            st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))))),
        licenses=Licenses(purchased_list_price_jpy=draw(yen), newest_list_price_jpy=draw(yen)),
        contracts=Contracts(direct_shop_annual=draw(st.booleans()), intravision_annual=draw(st.booleans())),
        usage=Usage(expected_spot_hours=draw(st.one_of(
            st.sampled_from((Decimal(0), Decimal("0.25"), Decimal("1"), Decimal("7.5"))),
            st.decimals(min_value=0, max_value=2000, places=2, allow_nan=False, allow_infinity=False)))),
        incident=draw(st.one_of(st.none(), incidents())),
    )
