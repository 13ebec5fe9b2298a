"""The built-in plugins' memoised answers equal fresh ones, and every field an answer reads is in its key.

Each case asks the hooks about one profile (filling the memos), then about a
variant that differs in one field, and compares every answer for the variant
with the answers computed afresh (all memos cleared). A memo whose key left
out a field the answer reads would hand the variant the first profile's
answer and fail here.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support import sdk
from ontime_support.loading import build_host
from ontime_support.plugins import direct_shop, intravision, partner, triage
from ontime_support.testing import clear_memos
from ontime_support.testing.strategies import instants, profiles

from ontime_support.loading import load_profile

AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")  # a Friday 10:00 in Tokyo
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_profile(name: str) -> sdk.Profile:
    return load_profile(EXAMPLES / "profiles" / f"{name}.toml")


HOST = build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)
MODULES = {"direct_shop": direct_shop, "partner": partner, "intravision": intravision}
HOOKS = ("ontime_eligibility", "ontime_pricing", "ontime_hours", "ontime_escalation")
PARTNER_IDS = tuple(entry.id for entry in HOST.settings_of("partner").entries)


def answers(profile: sdk.Profile, at: dt.datetime) -> list[Any]:
    """Every built-in hook's answer for ``profile`` at ``at`` (triage first), called like the host calls them."""
    verdict = triage.ontime_triage(profile=profile, at=at, settings=HOST.settings_of("triage"))
    out: list[Any] = [verdict]
    values = {"profile": profile, "at": at, "triage": verdict}
    for spec in HOST.option_specs():
        module = MODULES[spec.provider]
        values["option"], values["settings"] = spec, HOST.settings_of(spec.provider)
        for hook in HOOKS:
            fn = getattr(module, hook)
            out.append(fn(*[values[name] for name in inspect.signature(fn).parameters]))
    return out


def fresh(profile: sdk.Profile, at: dt.datetime) -> list[Any]:
    clear_memos()
    return answers(profile, at)


def _toggle(value: bool | None) -> bool:
    return not value


#: One change per field an answer may read (the variant of a profile that differs there only).
CHANGES = {
    "direct_shop_annual": lambda p: attrs.evolve(p, contracts=attrs.evolve(
        p.contracts, direct_shop_annual=not p.contracts.direct_shop_annual)),
    "intravision_annual": lambda p: attrs.evolve(p, contracts=attrs.evolve(
        p.contracts, intravision_annual=not p.contracts.intravision_annual)),
    "maintenance": lambda p: attrs.evolve(p, maintenance=sdk.Maintenance(
        active_until=None if p.maintenance.active_until else dt.date(2031, 1, 1))),
    "maintenance_by_a_day": lambda p: attrs.evolve(p, maintenance=sdk.Maintenance(active_until=dt.date(2026, 11, 26))),
    "partner": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, purchased_from=sdk.PurchasePath.PARTNER, partner_supports_ontime=True,
        partner="sample-systems" if p.customer.partner == "example-partner" else "example-partner")),
    "partner_supports_ontime": lambda p: p if p.customer.partner is None else attrs.evolve(p, customer=attrs.evolve(
        p.customer, partner_supports_ontime=_toggle(p.customer.partner_supports_ontime))),
    "direct_shop_buyer": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, purchased_from=sdk.PurchasePath.DIRECT_SHOP, partner=None, partner_supports_ontime=None)),
    "country": lambda p: attrs.evolve(p, customer=attrs.evolve(p.customer, country="DE" if p.customer.country != "DE" else "JP")),
    "languages": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, languages=("de",) if p.customer.languages != ("de",) else ("ja", "en"))),
    "platform": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, platform=sdk.Platform.DOMINO if p.customer.platform is sdk.Platform.EXCHANGE else sdk.Platform.EXCHANGE)),
    "platform_supported_by": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, platform_supported_by=sdk.PlatformSupport.OTHER_PARTNER
        if p.customer.platform_supported_by is not sdk.PlatformSupport.OTHER_PARTNER else sdk.PlatformSupport.IN_HOUSE)),
    "platform_changed": lambda p: attrs.evolve(p, customer=attrs.evolve(
        p.customer, platform_changed=not p.customer.platform_changed)),
    "newest_price": lambda p: attrs.evolve(p, licenses=attrs.evolve(
        p.licenses, newest_list_price_jpy=p.licenses.newest_list_price_jpy + 7_000)),
    "purchased_price": lambda p: attrs.evolve(p, licenses=attrs.evolve(
        p.licenses, purchased_list_price_jpy=p.licenses.purchased_list_price_jpy + 7_000)),
    "spot_hours": lambda p: attrs.evolve(p, usage=sdk.Usage(expected_spot_hours=p.usage.expected_spot_hours + Decimal("2.5"))),
    "no_spot_hours": lambda p: attrs.evolve(p, usage=sdk.Usage(expected_spot_hours=Decimal(0))),
    "incident_matter": lambda p: attrs.evolve(p, incident=sdk.Incident(
        scope=sdk.Scope.ONE_USER, in_platform_clients=sdk.YesNoUnknown.YES if p.incident is None
        or p.incident.in_platform_clients is not sdk.YesNoUnknown.YES else sdk.YesNoUnknown.NO,
        reproducible=True, on_newest_version=False, needs_onsite=True)),
    "incident_onsite": lambda p: p if p.incident is None else attrs.evolve(p, incident=attrs.evolve(
        p.incident, needs_onsite=not p.incident.needs_onsite)),
    "no_incident": lambda p: attrs.evolve(p, incident=None),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(partner_ids=PARTNER_IDS), at=instants(2025, 2028), change=st.sampled_from(sorted(CHANGES)))
def test_memoised_answers_equal_fresh_ones_after_a_one_field_change(profile: sdk.Profile, at: dt.datetime,
                                                                    change: str) -> None:
    variant = CHANGES[change](profile)
    assert answers(profile, at) == fresh(profile, at)
    answers(profile, at)  # the memos now hold the first profile's answers
    memoised = answers(variant, at)
    assert memoised == fresh(variant, at), change


@pytest.mark.parametrize("name", ["partner", "direct_shop", "intravision", "overseas_german", "partner_without_ontime",
                                  "unknown_partner"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_change_of_an_example_profile_is_answered_afresh(name: str, change: str) -> None:
    profile = example_profile(name)
    variant = CHANGES[change](profile)
    answers(profile, AT)
    assert answers(variant, AT) == fresh(variant, AT)


def test_the_fields_answers_depend_on_change_the_answers() -> None:
    """A change the policy cares about shows in the memoised answers (they are not stuck on the first profile)."""
    base = example_profile("partner")
    first = answers(base, AT)
    for change in ("direct_shop_annual", "maintenance", "partner", "newest_price", "spot_hours", "incident_matter"):
        assert answers(CHANGES[change](base), AT) != first, change
    assert answers(base, AT) == first


def test_the_batch_case_shares_what_does_not_depend_on_amounts() -> None:
    """Lines that differ only in amounts get one triage verdict and one escalation path (the same objects)."""
    base = example_profile("direct_shop")
    other = CHANGES["spot_hours"](CHANGES["newest_price"](base))
    a, b = answers(base, AT), answers(other, AT)
    assert a[0] is b[0]  # triage
    assert a[4] is not b[4] and a[4] == b[4]  # escalation lists are copies of one path
    assert a[4:5] == fresh(base, AT)[4:5]


def test_memo_key_shares_answers_between_equal_keys_and_stays_bounded() -> None:
    calls: list[tuple[int, int]] = []

    @sdk.memo(maxsize=4, key=lambda a, b: a % 10)
    def last_digit_square(a: int, b: int) -> int:
        calls.append((a, b))
        return (a % 10) ** 2

    assert [last_digit_square(n, 0) for n in (3, 13, 23)] == [9, 9, 9]
    assert calls == [(3, 0)]
    for n in range(10):
        last_digit_square(n, 0)
    calls.clear()
    last_digit_square(3, 0)  # evicted: only the 4 most recent keys (6..9) are kept
    assert calls == [(3, 0)]
    last_digit_square.cache_clear()  # type: ignore[attr-defined]
    calls.clear()
    last_digit_square(9, 0)
    assert calls == [(9, 0)]


def test_projections_are_computed_once_per_profile_and_equal_for_equal_parts() -> None:
    base = example_profile("partner")
    other = CHANGES["newest_price"](base)
    assert sdk.situation(base) is sdk.situation(base)
    assert sdk.situation(other) == sdk.situation(base)
    assert sdk.amounts(other) != sdk.amounts(base)
    assert sdk.situation(CHANGES["direct_shop_annual"](base)) != sdk.situation(base)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_example_partner_plugin_memoises_correctly(example_partner_plugin: Any, change: str) -> None:
    """The EXAMPLE plugin shows authors ``sdk.memo(key=...)``: its keys must hold too."""
    module = example_partner_plugin
    settings = module.ExamplePartnerSettings()
    spec = module.ontime_options(settings=settings)[0]
    base = example_profile("partner")
    assert base.customer.partner == module.PARTNER_ID  # a customer of the example partner, maintenance active

    def ask(profile: sdk.Profile) -> list[Any]:
        verdict = triage.ontime_triage(profile=profile, at=AT, settings=HOST.settings_of("triage"))
        return [module.ontime_eligibility(profile=profile, at=AT, settings=settings),
                module.ontime_pricing(profile=profile, settings=settings),
                module.ontime_escalation(profile=profile, triage=verdict, settings=settings), spec]

    ask(base)
    variant = CHANGES[change](base)
    memoised = ask(variant)
    clear_memos()
    assert memoised == ask(variant)
