"""One consistent answer (issue #11): the paths agree with the verdicts.

For the example profiles and for hypothesis-generated profiles at several
instants:

* no escalation step of any option, and no step of the triage path, names an
  option whose status is ineligible; one exception: an ineligible option's
  path may send the customer to the option its reasons point to (a partner's
  customer goes to the partner, PTN-4) when renewing software maintenance
  would open that option and a renewal step follows in the same path;
* no step of an ineligible option's path promises what its own reasons rule
  out: the path never names the option itself, and it starts with renewing
  software maintenance only when renewing would make the option usable;
* every step target is known: it names options (the plugins' ``STEP_TARGETS``)
  or is one of the targets that name none (renewing maintenance, the product
  fix, upgrading, on-site work, the platform's support);
* the triage path starts with the first recommended option, or says why not:
  renewing software maintenance first (MNT-1) or a platform matter (SCP-4).

A step "names" an option through its ``to`` Text: each built-in plugin
exports ``STEP_TARGETS`` mapping its target constants to option ids (the
partner target is a template filled with the partner's name).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support import sdk
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison, EscalationStep, Profile, Status
from ontime_support.loading import build_host, load_profile
from ontime_support.present.settings_table import settings_table
from ontime_support.plugins import direct_shop, intravision, partner, triage
from ontime_support.testing.strategies import instants, profiles

from builders import edit, tokyo

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROFILES = sorted(p.stem for p in (EXAMPLES / "profiles").glob("*.toml"))
INSTANTS = (tokyo(2026, 11, 27, 11, 0), tokyo(2024, 4, 1, 9, 0), tokyo(2031, 1, 2, 3, 0))

TARGETS: dict[sdk.Text, tuple[str, ...]] = {}
for module in (direct_shop, partner, intravision, triage):
    for target, ids in module.STEP_TARGETS.items():
        assert TARGETS.get(target, ids) == ids, f"{target} maps to different options in {module.__name__}"
        TARGETS[target] = ids


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(text)) + r"\Z")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    return tuple((_pattern(target.en), ids) for target, ids in TARGETS.items())


def named_options(step: EscalationStep, comparison: Comparison, profile: Profile) -> tuple[str, ...]:
    """The option ids a step's target names; ``()`` for a target that names none. Fails on an unknown target."""
    if step.to in TARGETS:
        return TARGETS[step.to]
    if step.to in sdk.NON_OPTION_TARGETS or step.to == sdk.platform_support_contact(profile):
        return ()
    for pattern, ids in _patterns():
        if pattern.match(step.to.en):
            return ids
    raise AssertionError(f"unknown step target {step.to.en!r} ({step.clause}): add it to a plugin's STEP_TARGETS")


RENEWED = dt.date(2099, 12, 31)


def renewed(profile: Profile) -> Profile:
    """``profile`` with software maintenance active for good: what renewing it would change."""
    return edit(profile, maintenance={"active_until": RENEWED})


def check(comparison: Comparison, profile: Profile, host: PluginHost | None = None) -> None:
    status = {r.option.id: r.eligibility.status for r in comparison.options if r.eligibility is not None}
    assert all(r.error is None for r in comparison.options), [r.error for r in comparison.options if r.error]
    after_renewal: dict[str, Status] = {}
    if any(s is Status.INELIGIBLE for s in status.values()):
        renewed_comparison = (host or _host()).compare(renewed(profile), comparison.at)
        after_renewal = {r.option.id: r.eligibility.status for r in renewed_comparison.options
                         if r.eligibility is not None}
    paths = [(f"option {r.option.id}", r.option.id, r.escalation) for r in comparison.options]
    if comparison.triage is not None:
        paths.append(("triage path", None, comparison.triage.path))
    for where, own_id, steps in paths:
        ineligible_row = own_id is not None and status.get(own_id) is Status.INELIGIBLE
        for index, step in enumerate(steps):
            for option_id in named_options(step, comparison, profile):
                if ineligible_row:
                    assert option_id != own_id, f"{where}: step {step.to.en!r} sends the customer to this option"
                if status.get(option_id) is not Status.INELIGIBLE:
                    continue
                renewal_follows = any(later.to == sdk.RENEW_MAINTENANCE for later in steps[index + 1:])
                assert ineligible_row and renewal_follows and after_renewal.get(option_id) is not Status.INELIGIBLE, (
                    f"{where}: step {step.to.en!r} ({step.clause}) names {option_id}, which is ineligible")
        if ineligible_row and steps and steps[0].to == sdk.RENEW_MAINTENANCE:
            assert after_renewal.get(own_id) is not Status.INELIGIBLE, (
                f"{where} starts with renewing software maintenance, which would not make it usable")
    if comparison.triage is None or not comparison.triage.path:
        return
    first = comparison.triage.path[0]
    ids = named_options(first, comparison, profile)
    if not ids:  # the path says why it does not start with an option
        assert (first.to, first.clause) in ((sdk.RENEW_MAINTENANCE, "MNT-1"),
                                            (sdk.platform_support_contact(profile), "SCP-4")), first
        if first.clause == "MNT-1":
            assert not sdk.maintenance_active(profile, comparison.at)
        return
    assert comparison.recommended, "the path names an option but nothing is recommended"
    assert comparison.recommended[0] in ids, (
        f"triage path starts with {first.to.en!r}, recommendation with {comparison.recommended[0]}")


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


@pytest.mark.parametrize("name", PROFILES)
@pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
def test_example_profiles(host, name, at):
    profile = load_profile(EXAMPLES / "profiles" / f"{name}.toml")
    check(host.compare(profile, at), profile, host)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), at=st.one_of(st.sampled_from(INSTANTS), instants()))
def test_generated_profiles(profile, at):
    check(_host().compare(profile, at), profile)


@cache
def _host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def test_lapsed_maintenance_renews_first_and_offers_no_technical_support(host):
    lapsed = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), maintenance={"active_until": None})
    comparison = host.compare(lapsed, INSTANTS[0])
    for option_id in ("direct_shop.annual", "direct_shop.spot", "intravision.annual", "partner"):
        assert comparison.option(option_id).eligibility.status is Status.INELIGIBLE
    path = comparison.triage.path
    assert (path[0].to, path[0].clause) == (sdk.RENEW_MAINTENANCE, "MNT-1")
    assert not any(named_options(step, comparison, lapsed) for step in path)


def test_partner_without_ontime_support_is_pointed_to_direct_shop_technical_support(host):
    profile = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), customer={"partner_supports_ontime": False})
    result = host.compare(profile, INSTANTS[0]).option("direct_shop.purchase_support")
    assert result.eligibility.status is Status.INELIGIBLE
    assert "DTS-1" in {r.clause for r in result.eligibility.reasons}
    assert not any("ask your partner" in r.text.en.lower() for r in result.eligibility.reasons)
    assert [(s.to, s.clause) for s in result.escalation] == [(sdk.DTS, "DTS-1")]


@pytest.mark.parametrize("contracts", [{"direct_shop_annual": True}, {"intravision_annual": True},
                                       {"direct_shop_annual": True, "intravision_annual": True}])
def test_partner_buyer_with_a_contract_starts_with_the_contract(host, contracts):
    profile = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), contracts=contracts)
    comparison = host.compare(profile, INSTANTS[0])
    assert comparison.recommended.index(comparison.recommended[0]) < comparison.recommended.index("partner")
    assert comparison.recommended[0] in ("direct_shop.annual", "intravision.annual")
    check(comparison, profile)


def test_contract_before_partner_is_a_documented_setting(host):
    rows = {(row["plugin"], row["name"]): row for row in settings_table(host)}
    row = rows[("partner", "contract_before_partner")]
    assert row["clause"] == "PTN-5" and row["default"] is True


def test_contract_before_partner_false_puts_the_partner_first(tmp_path):
    (tmp_path / "settings.toml").write_text("[partner]\ncontract_before_partner = false\n", encoding="utf-8")
    flipped = build_host(settings_path=tmp_path / "settings.toml", autoload=False)
    profile = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), contracts={"direct_shop_annual": True})
    assert flipped.compare(profile, INSTANTS[0]).recommended[0] == "partner"


def test_only_the_direct_shop_closes_the_case(host):
    profile = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"),
                   incident={"in_platform_clients": sdk.YesNoUnknown.YES})
    comparison = host.compare(profile, INSTANTS[0])
    handover = {option_id: next(s for s in comparison.option(option_id).escalation if s.clause == "SCP-4")
                for option_id in ("direct_shop.annual", "partner", "intravision.annual")}
    assert "closes the case" in handover["direct_shop.annual"].why.en
    assert "closes" not in handover["partner"].why.en and "closes" not in handover["intravision.annual"].why.en


def test_same_partner_without_a_partner_is_flagged_and_read_as_another_partner(host):
    profile = load_profile(EXAMPLES / "profiles" / "overseas_german.toml")
    assert profile.customer.platform_supported_by is sdk.PlatformSupport.SAME_PARTNER
    comparison = host.compare(profile, INSTANTS[0])
    assert any(r.clause == "PTN-3" and "not bought through a partner" in r.text.en
               for r in comparison.triage.next_checks)
    assert "your partner" not in sdk.platform_support_contact(profile).en


def test_break_even_notes_state_exact_and_billed_hours(host):
    profile = edit(load_profile(EXAMPLES / "profiles" / "direct_shop.toml"), usage={"expected_spot_hours": Decimal("10.25")})
    pricing = host.compare(profile, INSTANTS[0]).option("direct_shop.spot").pricing
    text = " ".join(note.text.en for note in pricing.notes)
    assert "10.125" in text  # the exact break-even
    assert "billed as 10.5 h" in text and "up to 10 billed hours" in text and "from 10.5 billed hours" in text
    assert pricing.spot_cost_jpy == 210_000
    _ = dt


def test_shop_help_row_of_a_lapsed_partner_customer_points_to_the_partner_then_renewal(host):
    """Direct Shop help is ruled out by PTN-4: its row sends the customer to the partner; renewing comes later."""
    lapsed = edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), maintenance={"active_until": dt.date(2025, 3, 31)})
    at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
    comparison = host.compare(lapsed, at)
    result = comparison.option("direct_shop.purchase_support")
    assert result.eligibility.status is Status.INELIGIBLE
    assert result.eligibility.reasons[0].clause == "PTN-4"
    first, *rest = result.escalation
    assert first.clause == "PTN-4" and named_options(first, comparison, lapsed) == ("partner",)
    assert [step.to for step in rest] == [sdk.RENEW_MAINTENANCE]
    check(comparison, lapsed, host)


def test_maintenance_without_an_end_date_is_not_called_lapsed(host):
    """No [maintenance] table: the words say 'not active / not on record', never that it lapsed (QA)."""
    profile = load_profile(EXAMPLES / "profiles" / "unknown_partner.toml")
    assert profile.maintenance.active_until is None
    from ontime_support.kernel.models import Incident, Scope, YesNoUnknown

    with_incident = attrs.evolve(profile, incident=Incident(scope=Scope.ALL_USERS, in_platform_clients=YesNoUnknown.NO,
                                                            reproducible=True, on_newest_version=True))
    texts = []
    for p in (profile, with_incident):
        c = host.compare(p, tokyo(2026, 11, 27, 10))
        steps = [s for r in c.options for s in r.escalation] + list(c.triage.path if c.triage else ())
        texts += [t for s in steps for t in (s.why.en, s.why.ja)]
        texts += [t for r in c.options if r.eligibility for x in r.eligibility.reasons for t in (x.text.en, x.text.ja)]
    claims = ("maintenance has lapsed", "maintenance lapsed", "期限が切れています")  # stated as a fact
    assert texts and not [t for t in texts if any(c in t for c in claims)]
    assert any("no end date is on record" in t for t in texts)
