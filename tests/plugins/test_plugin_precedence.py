"""A partner's own plugin takes over from the generic directory entry, for that partner's customers only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ontime_support.cli.main import main
from ontime_support.loading import plugins as manager
from ontime_support.kernel.models import Status
from ontime_support.present.settings_table import settings_table
from ontime_support.testing import partner_variants

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SETTINGS = EXAMPLES / "settings.toml"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
OWN = "example_partner.support"


@pytest.fixture
def host(make_host, example_partner_plugin):
    return make_host(("example_partner", example_partner_plugin), settings_path=SETTINGS)


def _ids(comparison):
    return [r.option.id for r in comparison.options]


def test_the_partners_customer_sees_only_the_plugins_option(host, example_profile) -> None:
    comparison = host.compare(example_profile("partner"), AT)
    assert OWN in _ids(comparison) and "partner" not in _ids(comparison)
    assert all(r.error is None for r in comparison.options)
    assert comparison.recommended[0] == OWN  # PTN-4: the partner is the first contact
    own = comparison.option(OWN)
    assert own.plugin == "example_partner" and own.option.partner_id == "example-partner"
    assert own.eligibility.status is Status.CONDITIONAL  # another partner supports the platform (PTN-3)


def test_another_partners_customer_sees_the_generic_option(host, example_profile) -> None:
    other = partner_variants(example_profile("partner"), ["sample-systems"])[0]
    comparison = host.compare(other, AT)
    assert "partner" in _ids(comparison) and OWN not in _ids(comparison)
    assert comparison.option("partner").eligibility.status is not Status.INELIGIBLE


def test_a_direct_customer_sees_the_generic_option_not_the_partners(host, example_profile) -> None:
    comparison = host.compare(example_profile("direct_shop"), AT)
    assert OWN not in _ids(comparison)
    assert comparison.option("partner").eligibility.status is Status.INELIGIBLE


def test_without_the_plugin_the_directory_entry_applies(make_host, example_profile) -> None:
    comparison = make_host(settings_path=SETTINGS).compare(example_profile("partner"), AT)
    assert "partner" in _ids(comparison) and OWN not in _ids(comparison)
    assert comparison.option("partner").pricing.annual_fee_jpy == 1_200_000 * 18 // 100  # from partners.toml


def test_blocking_the_plugin_brings_the_generic_option_back(make_host, example_partner_plugin,
                                                            example_profile) -> None:
    host = make_host(("example_partner", example_partner_plugin), settings_path=SETTINGS,
                     disabled=["example_partner"])
    assert "partner" in _ids(host.compare(example_profile("partner"), AT))


def test_plugins_info_says_which_wins(host) -> None:
    infos = {i.name: i for i in host.plugins()}
    expected = manager.Precedence(partner_id="example-partner", winner=OWN, winner_plugin="example_partner",
                                  loser="partner", loser_plugin="partner")
    assert infos["example_partner"].precedence == (expected,)  # data: which option replaces which, for whom
    assert infos["partner"].precedence == (expected,)
    assert infos["direct_shop"].precedence == () and infos["intravision"].precedence == ()


def test_the_table_words_the_precedence(host) -> None:
    from ontime_support.cli.table import precedence_line

    (precedence,) = {i.name: i for i in host.plugins()}["partner"].precedence
    own = precedence_line(precedence, "example_partner")
    assert "'example_partner.support' wins over 'partner'" in own and "'example-partner'" in own
    assert "'partner' gives way to 'example_partner.support'" in precedence_line(precedence, "partner")


def test_no_precedence_without_a_partner_plugin(make_host) -> None:
    assert all(i.precedence == () for i in make_host().plugins())


def test_the_plugins_settings_section_is_read(make_host, example_partner_plugin, example_profile,
                                              tmp_path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[example_partner]\nannual_fee_percent = 20\nlanguages = [\"en\"]\n", encoding="utf-8")
    host = make_host(("example_partner", example_partner_plugin), settings_path=settings)
    own = host.compare(example_profile("partner"), AT).option(OWN)
    assert own.pricing.annual_fee_jpy == 240_000
    assert own.eligibility.status is Status.CONDITIONAL
    assert "EXP-3" in [r.clause for r in own.eligibility.reasons]  # the customer works in Japanese
    rows = [r for r in settings_table(host) if r["plugin"] == "example_partner"]
    assert {r["name"]: r["value"] for r in rows}["annual_fee_percent"] == 20
    assert all(r["clause"].startswith("EXP-") for r in rows)


def test_a_lapsed_customer_is_not_sent_to_the_generic_option(host, example_profile) -> None:
    profile = example_profile("partner")
    lapsed = attrs.evolve(profile, maintenance=attrs.evolve(profile.maintenance, active_until=dt.date(2025, 1, 1)))
    comparison = host.compare(lapsed, AT)
    assert "partner" not in _ids(comparison)
    assert comparison.option(OWN).eligibility.status is Status.INELIGIBLE


# --------------------------------------------------------------------------- through the CLI, as if installed


@pytest.fixture
def installed(monkeypatch, example_partner_plugin):
    """The example plugin as an installed distribution (a fake entry point)."""

    class Dist:
        name, version = "ontime-support-example-partner", "0.1.0"

    class EntryPoint:
        name, dist = "example_partner", Dist()

        @staticmethod
        def load():
            return example_partner_plugin

    monkeypatch.setattr(manager, "_entry_points", lambda: [EntryPoint()])


def test_cli_plugins_json_shows_the_distribution_and_precedence(installed, capsys) -> None:
    assert main(["plugins", "--format", "json", "--settings", str(SETTINGS)]) == 0
    plugins = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    own = plugins["example_partner"]
    assert own["origin"] == "ontime-support-example-partner 0.1.0" and own["status"] == "loaded"
    assert own["options"] == [OWN]
    assert {"ontime_settings_model", "ontime_options", "ontime_eligibility", "ontime_pricing", "ontime_hours",
            "ontime_escalation"} == set(own["hooks"])
    assert own["precedence"] == plugins["partner"]["precedence"] == [
        {"partner_id": "example-partner", "winner": OWN, "winner_plugin": "example_partner", "loser": "partner",
         "loser_plugin": "partner"}]


def test_cli_compare_json_has_the_plugins_option_instead_of_partner(installed, capsys) -> None:
    code = main(["compare", "--profile", str(EXAMPLES / "profiles" / "partner.toml"), "--settings", str(SETTINGS),
                 "--format", "json", "--at", "2026-11-27T10:00+09:00", "--lang", "en"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    ids = [o["id"] for o in data["options"]]
    assert OWN in ids and "partner" not in ids
    assert all(o["error"] is None for o in data["options"])
    assert data["recommended"][0] == OWN
