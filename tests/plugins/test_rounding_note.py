"""Percentage fees: the fraction of a yen is dropped, and the fee's note says so only when it was (a reading)."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import edit

AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
DROPPED = ("fraction of a yen is dropped", "1 円未満は切り捨て")


@pytest.mark.parametrize(("profile", "option", "licenses", "fee"), [
    ("direct_shop", "direct_shop.annual", {"newest_list_price_jpy": 999_999}, 149_999),  # 15 %: 149,999.85
    ("intravision", "intravision.annual", {"purchased_list_price_jpy": 999_999}, 149_999),
    ("partner", "partner", {"purchased_list_price_jpy": 1_200_001}, 216_000),  # the directory's 18 %: 216,000.18
])
def test_a_rounded_fee_says_the_fraction_was_dropped(make_host, example_profile, profile, option, licenses, fee):
    host = make_host()
    result = host.compare(edit(example_profile(profile), licenses=licenses), AT).option(option)
    assert result.pricing.annual_fee_jpy == fee
    notes = result.pricing.notes
    assert any(DROPPED[0] in n.text.en and DROPPED[1] in n.text.ja for n in notes)


@pytest.mark.parametrize(("profile", "option"), [("direct_shop", "direct_shop.annual"),
                                                 ("intravision", "intravision.annual"), ("partner", "partner")])
def test_an_exact_fee_says_nothing_about_rounding(make_host, example_profile, profile, option):
    result = make_host().compare(example_profile(profile), AT).option(option)
    assert result.pricing.annual_fee_jpy is not None
    assert not [n for n in result.pricing.notes if DROPPED[0] in n.text.en or DROPPED[1] in n.text.ja]
