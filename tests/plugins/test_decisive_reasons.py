"""An ineligible option's FIRST reason says why it is ruled out.

The quote's "Not available to you" list, the table's one-line reason and the
TUI show only the first reason of an ineligible option, so it must be the
decisive one, not a remark the option also makes when it is usable.

Criterion (no marking in the plugins, so it also holds for wording added
later): a reason that an option gives while it is *usable* (eligible or
conditional) cannot be why it is ruled out. For each ineligible option of a
profile, the test asks the same option about the profile's neighbours, one
fact changed each (maintenance renewed or lapsed, the partner supporting
OnTime or not, each support contract, each purchase path); the first reason of
the ineligible verdict must not be among the reasons of any usable verdict of
that option for a neighbour. Profiles: the conformance kit's strategy
(``ontime_support.testing.strategies.profiles``, partner customers of the
bundled directory's partners among them) and its instants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support import sdk
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison, Profile, Status
from ontime_support.loading import build_host, load_profile
from ontime_support.testing import DEFAULT_INSTANTS
from ontime_support.testing.strategies import instants, profiles

from builders import edit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARTNERS = ("example-partner", "sample-systems")


@cache
def _host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def neighbours(profile: Profile) -> Iterator[Profile]:
    """``profile`` with one fact changed, each way a verdict commonly turns."""
    yield edit(profile, maintenance={"active_until": dt.date(2099, 12, 31)})
    yield edit(profile, maintenance={"active_until": None})
    c = profile.customer
    contracts = profile.contracts
    yield edit(profile, contracts={"direct_shop_annual": not contracts.direct_shop_annual})
    yield edit(profile, contracts={"intravision_annual": not contracts.intravision_annual})
    if c.purchased_from is sdk.PurchasePath.PARTNER:
        yield edit(profile, customer={"partner_supports_ontime": not c.partner_supports_ontime})
    for path in sdk.PurchasePath:
        if path is c.purchased_from:
            continue
        if path is sdk.PurchasePath.PARTNER:
            yield edit(profile, customer={"purchased_from": path, "partner": PARTNERS[0], "partner_supports_ontime": True})
        else:
            yield edit(profile, customer={"purchased_from": path, "partner": None, "partner_supports_ontime": None})


def usable_reasons(host: PluginHost, profile: Profile, at: dt.datetime) -> dict[str, set[sdk.Reason]]:
    """Per option id: every reason it gives while usable, over ``profile``'s neighbours."""
    seen: dict[str, set[sdk.Reason]] = {}
    for other in neighbours(profile):
        for result in host.compare(other, at).options:
            e = result.eligibility
            if e is not None and e.status is not Status.INELIGIBLE:
                seen.setdefault(result.option.id, set()).update(e.reasons)
    return seen


def check_first_reasons(host: PluginHost, profile: Profile, at: dt.datetime) -> None:
    comparison: Comparison = host.compare(profile, at)
    ineligible = [r for r in comparison.options if r.eligibility is not None
                  and r.eligibility.status is Status.INELIGIBLE]
    if not ineligible:
        return
    usable = usable_reasons(host, profile, at)
    for result in ineligible:
        assert result.eligibility is not None
        first = result.eligibility.reasons[0]
        assert first not in usable.get(result.option.id, set()), (
            f"{result.option.id}: first reason [{first.clause}] {first.text.en!r} is also given when the option "
            "is usable, so it does not say why it is ruled out")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(partner_ids=PARTNERS), at=st.one_of(st.sampled_from(DEFAULT_INSTANTS), instants()))
def test_first_reason_of_an_ineligible_option_is_decisive(profile: Profile, at: dt.datetime) -> None:
    check_first_reasons(_host(), profile, at)


def test_lapsed_partner_customer_sees_why_the_partner_is_ruled_out() -> None:
    """The reported case: the partner's terms need maintenance; the first reason says so (en and ja)."""
    lapsed = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), maintenance={"active_until": dt.date(2025, 3, 31)})
    at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
    result = _host().compare(lapsed, at).option("partner")
    assert result.eligibility.status is Status.INELIGIBLE
    first = result.eligibility.reasons[0]
    assert first.clause == "PTN-1"
    assert "require active software maintenance" in first.text.en
    assert "ソフトウェアメンテナンスが必要" in first.text.ja
    check_first_reasons(_host(), lapsed, at)
