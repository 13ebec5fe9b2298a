"""Who may use which option, and why (statuses with clause ids)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from ontime_support.loading import build_host, load_profile
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import (
    Incident,
    Platform,
    PlatformSupport,
    PurchasePath,
    Scope,
    Status,
    YesNoUnknown,
)

from builders import edit, tokyo

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOW = tokyo(2026, 11, 27, 11, 0)


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def profile(name: str):
    return load_profile(EXAMPLES / "profiles" / f"{name}.toml")


def verdict(host, p, option_id, at=NOW):
    result = host.compare(p, at).option(option_id)
    assert result.error is None, result.error
    return result.eligibility.status, {r.clause for r in result.eligibility.reasons}


def test_partner_customer_cannot_ask_the_direct_shop_directly(host):
    status, clauses = verdict(host, profile("partner"), "direct_shop.purchase_support")
    assert status is Status.INELIGIBLE
    assert {"PTN-4", "PTN-5"} <= clauses


def test_partner_customer_can_sign_direct_shop_technical_support(host):
    status, clauses = verdict(host, profile("partner"), "direct_shop.annual")
    assert status is Status.ELIGIBLE
    assert "PTN-5" in clauses


def test_partner_customer_whose_partner_gives_no_ontime_support(host):
    p = edit(profile("partner"), customer={"partner_supports_ontime": False})
    assert verdict(host, p, "partner")[0] is Status.INELIGIBLE
    status, clauses = verdict(host, p, "direct_shop.annual")
    assert status is Status.ELIGIBLE and "DTS-1" in clauses
    # with no partner to turn to, Direct Shop technical support leads (spot: 3 h a year is cheaper)
    assert host.compare(p, NOW).recommended[:2] == ("direct_shop.spot", "direct_shop.annual")


def test_partner_first_for_partner_customers(host):
    assert host.compare(profile("partner"), NOW).recommended[0] == "partner"


def test_other_partner_on_the_platform_makes_partner_conditional(host):
    p = edit(profile("partner"), customer={"platform_supported_by": PlatformSupport.OTHER_PARTNER})
    status, clauses = verdict(host, p, "partner")
    assert status is Status.CONDITIONAL and "PTN-3" in clauses
    p = edit(p, customer={"platform_supported_by": PlatformSupport.SAME_PARTNER})
    status, clauses = verdict(host, p, "partner")
    assert status is Status.ELIGIBLE and "PTN-2" in clauses


def test_direct_buyer_gets_best_effort_help(host):
    status, clauses = verdict(host, profile("direct_shop"), "direct_shop.purchase_support")
    assert status is Status.ELIGIBLE
    assert {"DIR-2", "DIR-3"} <= clauses
    assert verdict(host, profile("direct_shop"), "partner")[0] is Status.INELIGIBLE


def test_maker_buyer_is_not_a_direct_shop_buyer(host):
    status, clauses = verdict(host, profile("intravision"), "direct_shop.purchase_support")
    assert status is Status.INELIGIBLE and "DIR-1" in clauses


@pytest.mark.parametrize("option_id", ["direct_shop.annual", "direct_shop.spot", "intravision.annual"])
def test_technical_support_needs_active_maintenance(host, option_id):
    lapsed = edit(profile("direct_shop"), maintenance={"active_until": dt.date(2026, 11, 26)})
    status, clauses = verdict(host, lapsed, option_id)
    assert status is Status.INELIGIBLE
    assert clauses & {"DTS-4", "DTS-5", "IVS-2"}
    no_maintenance = edit(profile("direct_shop"), maintenance={"active_until": None})
    assert verdict(host, no_maintenance, option_id)[0] is Status.INELIGIBLE


def test_maintenance_counts_on_its_last_day_in_the_customers_zone(host):
    p = edit(profile("direct_shop"), maintenance={"active_until": dt.date(2026, 11, 27)})
    assert verdict(host, p, "direct_shop.annual", tokyo(2026, 11, 27, 23, 59))[0] is Status.ELIGIBLE
    assert verdict(host, p, "direct_shop.annual", tokyo(2026, 11, 28, 0, 0))[0] is Status.INELIGIBLE


def test_direct_shop_outside_asia_is_conditional(host):
    p = edit(profile("direct_shop"), customer={"country": "US"})
    status, clauses = verdict(host, p, "direct_shop.annual")
    assert status is Status.CONDITIONAL and "DTS-8" in clauses


def test_direct_shop_without_japanese_is_conditional(host):
    p = edit(profile("direct_shop"), customer={"languages": ("en",)})
    status, clauses = verdict(host, p, "direct_shop.spot")
    assert status is Status.CONDITIONAL and "DTS-9" in clauses


def test_intravision_needs_english(host):
    status, clauses = verdict(host, profile("partner"), "intravision.annual")
    assert status is Status.CONDITIONAL and "IVS-4" in clauses
    assert verdict(host, profile("intravision"), "intravision.annual")[0] is Status.ELIGIBLE


def test_intravision_fee_is_15_percent_of_the_purchased_price(host):
    pricing = host.compare(profile("partner"), NOW).option("intravision.annual").pricing
    assert pricing.annual_fee_jpy == 180_000  # 15 % of 1,200,000, not of the newest 1,350,000


def test_platform_change_points_to_direct_shop_support(host):
    p = edit(profile("direct_shop"), customer={"platform_changed": True})
    assert "DTS-1" in verdict(host, p, "direct_shop.annual")[1]


def test_annual_or_spot_goes_first_by_expected_hours(host):
    from decimal import Decimal

    few = edit(profile("direct_shop"), usage={"expected_spot_hours": Decimal(2)})
    many = edit(profile("direct_shop"), usage={"expected_spot_hours": Decimal(11)})
    rec_few = host.compare(few, NOW).recommended
    rec_many = host.compare(many, NOW).recommended
    assert rec_few.index("direct_shop.spot") < rec_few.index("direct_shop.annual")
    assert rec_many.index("direct_shop.annual") < rec_many.index("direct_shop.spot")


def test_existing_direct_shop_contract_comes_first(host):
    p = edit(profile("partner"), contracts={"direct_shop_annual": True})
    comparison = host.compare(p, NOW)
    assert comparison.recommended[0] == "direct_shop.annual"
    assert comparison.recommended_reasons["direct_shop.annual"][0].clause == "PTN-5"


def test_partner_terms_from_the_directory(host):
    result = host.compare(profile("partner"), NOW).option("partner")
    assert result.pricing.annual_fee_jpy == 216_000  # 18 % of the purchased 1,200,000 (example directory)
    assert result.pricing.spot_cost_jpy == 54_000  # 3 h at 18,000 JPY
    assert result.hours.timezone == "Asia/Tokyo"
    assert result.hours.open_now is True  # Friday 11:00, 09:00-17:30


def test_partner_without_directory_entry_says_what_to_ask(host):
    p = edit(profile("partner"), customer={"partner": "unknown-partner"})
    result = host.compare(p, NOW).option("partner")
    assert result.pricing.annual_fee_jpy is None
    assert result.hours.open_now is None
    assert any(r.clause == "PTN-1" for r in result.pricing.notes)
    assert "ask" in " ".join(r.text.en for r in result.eligibility.reasons)


def test_every_reason_cites_a_clause_and_reads_in_both_languages(host):
    for name in ("partner", "direct_shop", "intravision"):
        comparison = host.compare(profile(name), NOW)
        for result in comparison.options:
            for reason in result.eligibility.reasons:
                assert reason.clause
                assert reason.text.en and reason.text.ja and reason.text.en != reason.text.ja
            for step in result.escalation:
                assert step.clause and step.to.ja and step.why.ja


def test_a_profile_is_unchanged_by_compare(host):
    p = profile("partner")
    before = attrs.asdict(p)
    host.compare(p, NOW)
    assert attrs.asdict(p) == before


def test_triage_platform_matter(host):
    p = edit(profile("partner"), incident={"in_platform_clients": YesNoUnknown.YES})
    triage = host.compare(p, NOW).triage
    assert triage.matter.value == "platform"
    assert {r.clause for r in triage.reasons} == {"TRI-2", "SCP-4"}
    assert triage.path[0].clause == "SCP-4"
    steps = host.compare(p, NOW).option("direct_shop.annual").escalation
    assert steps[-1].clause == "SCP-4"


def test_triage_ontime_matter_needs_an_upgrade(host):
    triage = host.compare(profile("partner"), NOW).triage
    assert triage.matter.value == "ontime"
    assert triage.upgrade_needed and triage.fix_in_next_version
    clauses = [s.clause for s in triage.path]
    assert clauses[0] == "PTN-4"  # partner first
    assert "PTN-5" in clauses and "SCP-3" in clauses and "MNT-2" in clauses
    assert any(r.clause == "TRI-1" for r in triage.next_checks)  # one user: that user's settings first


def test_triage_unknown_asks_for_the_platform_clients_and_onsite_is_quoted(host):
    triage = host.compare(profile("direct_shop"), NOW).triage
    assert triage.matter.value == "undetermined"
    assert triage.next_checks[0].clause == "TRI-2"
    assert "Notes" in triage.next_checks[0].text.en  # Domino customer: Notes or Verse
    assert triage.onsite_quote and triage.path[-1].clause == "DTS-2"
    assert [s.clause for s in triage.path][:2] == ["DIR-2", "DIR-4"]


def test_no_incident_no_triage(host):
    p = attrs.evolve(profile("partner"), incident=None)
    assert host.compare(p, NOW).triage is None


def test_upgrade_without_maintenance_means_renewing_first(host):
    p = edit(profile("partner"), maintenance={"active_until": None})
    clauses = [s.clause for s in host.compare(p, NOW).triage.path]
    assert "MNT-1" in clauses and "MNT-2" not in clauses
    assert any(r.clause == "OTH-1" for r in host.compare(p, NOW).triage.next_checks)  # renewal: contact form


def test_domino_and_exchange_name_their_own_settings(host):
    exchange = host.compare(profile("partner"), NOW).triage.next_checks[0].text.en
    domino = host.compare(edit(profile("partner"), customer={"platform": Platform.DOMINO}), NOW)
    assert "calendar options" in exchange
    assert "mail preferences" in domino.triage.next_checks[0].text.en


def test_intravision_path_says_ontime_only(host):
    steps = host.compare(profile("intravision"), NOW).option("intravision.annual").escalation
    assert [s.clause for s in steps][:2] == ["IVS-4", "SCP-1"]


def test_intravision_buyer_path(host):
    p = edit(profile("intravision"), incident={"in_platform_clients": YesNoUnknown.NO}, contracts={"intravision_annual": False})
    clauses = [s.clause for s in host.compare(p, NOW).triage.path]
    assert clauses[0] == "IVS-1"
    assert "DTS-1" in clauses  # platform changed
    _ = (Incident, PurchasePath, Scope)


# PTN-2 / PTN-3 against the partner directory's ``supports_platforms`` (example-partner lists exchange and domino).
def _with_platforms(tmp_path: Path, platforms: str) -> PluginHost:
    directory = (EXAMPLES / "partners.toml").read_text(encoding="utf-8").replace(
        'supports_platforms = ["exchange", "domino"]', f"supports_platforms = {platforms}", 1)
    (tmp_path / "partners.toml").write_text(directory, encoding="utf-8")
    (tmp_path / "settings.toml").write_text('[partner]\ndirectory = "partners.toml"\n', encoding="utf-8")
    return build_host(settings_path=tmp_path / "settings.toml", autoload=False)


def test_ptn3_same_partner_claimed_but_directory_lists_only_another_platform(tmp_path):
    host = _with_platforms(tmp_path, '["exchange"]')
    p = edit(profile("partner"), customer={"platform": Platform.DOMINO, "platform_supported_by": PlatformSupport.SAME_PARTNER})
    result = host.compare(p, NOW).option("partner")
    assert result.eligibility.status is Status.CONDITIONAL
    ptn3 = [r for r in result.eligibility.reasons if r.clause == "PTN-3"]
    assert ptn3 and "HCL Notes/Domino" in ptn3[0].text.en and "HCL Notes/Domino" in ptn3[0].text.ja
    # and it no longer promises that one company handles both
    assert not any(r.clause == "PTN-2" and "one place" in r.text.en for r in result.eligibility.reasons)


def test_ptn2_partner_that_also_supports_the_platform_is_named(tmp_path):
    host = _with_platforms(tmp_path, '["exchange"]')
    for who in (PlatformSupport.NONE, PlatformSupport.IN_HOUSE):
        p = edit(profile("partner"), customer={"platform": Platform.EXCHANGE, "platform_supported_by": who})
        result = host.compare(p, NOW).option("partner")
        assert result.eligibility.status is Status.ELIGIBLE
        ptn2 = [r.text for r in result.eligibility.reasons if r.clause == "PTN-2"]
        assert ptn2 and "Example Partner" in ptn2[0].en and "also offers support for Microsoft 365" in ptn2[0].en
    # not listed: the general advice, naming no company
    p = edit(profile("partner"), customer={"platform": Platform.DOMINO, "platform_supported_by": PlatformSupport.NONE})
    ptn2 = [r.text for r in host.compare(p, NOW).option("partner").eligibility.reasons if r.clause == "PTN-2"]
    assert ptn2 and "Example Partner" not in ptn2[0].en
