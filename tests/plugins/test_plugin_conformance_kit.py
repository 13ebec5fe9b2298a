"""The conformance kit (ontime_support.testing): built-ins and the example pass, broken plugins are caught."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings

import ontime_support.plugins.direct_shop
import ontime_support.plugins.intravision
import ontime_support.plugins.partner
import ontime_support.plugins.triage
from ontime_support.loading.plugins import BUILTIN_PLUGINS
from ontime_support.kernel.models import Profile, PurchasePath
from ontime_support.testing import (
    PluginConformance,
    check_hooks,
    check_plugin,
    example_profiles,
    hook_names,
    partner_variants,
)
from ontime_support.testing.strategies import instants, profiles

ROOT_SRC = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT_SRC / "examples"

GOOD = """
@hookimpl
def ontime_options():
    return [OptionSpec(id="kit.test", provider="kit", title=T("Kit", "キット"))]

@hookimpl
def ontime_eligibility():
    return Eligibility(status=Status.ELIGIBLE, reasons=(Reason(clause="KIT-1", text=T("Ok.", "可。")),))

@hookimpl
def ontime_pricing():
    return Pricing(annual_fee_jpy=1000)

@hookimpl
def ontime_hours():
    return Availability(calendar=build_calendar(timezone="Asia/Tokyo", opening_hours="09:00-17:00",
                        business_days=("mon", "tue", "wed", "thu", "fri"), holiday_country="JP"))

@hookimpl
def ontime_escalation():
    return [EscalationStep(to=T("Kit", "キット"), why=T("Test.", "試験。"), clause="KIT-2")]
"""


# --------------------------------------------------------------------------- conforming plugins


class TestTriageConforms(PluginConformance):
    plugin = ontime_support.plugins.triage
    max_examples = 25


class TestDirectShopConforms(PluginConformance):
    plugin = ontime_support.plugins.direct_shop
    max_examples = 25


class TestPartnerConforms(PluginConformance):
    plugin = ontime_support.plugins.partner
    max_examples = 25


class TestIntraVisionConforms(PluginConformance):
    plugin = ontime_support.plugins.intravision
    max_examples = 25


def test_every_builtin_has_a_conformance_class() -> None:
    tested = {cls.plugin.__name__ for cls in PluginConformance.__subclasses__() if cls.__module__ == __name__}
    assert tested == {module for _name, module in BUILTIN_PLUGINS}


@pytest.mark.parametrize(("name", "module"), BUILTIN_PLUGINS)
def test_builtins_pass_check_plugin(name, module) -> None:
    assert check_plugin(importlib.import_module(module), name=name) == []


def test_the_example_partner_plugin_passes(example_partner_plugin) -> None:
    assert check_plugin(example_partner_plugin, name="example_partner") == []


def test_a_good_inline_plugin_passes(inline_plugin) -> None:
    assert check_plugin(inline_plugin(GOOD, name="kit")) == []


def test_hook_names_are_the_specs() -> None:
    assert hook_names() == ("ontime_eligibility", "ontime_escalation", "ontime_hours", "ontime_options",
                            "ontime_pricing", "ontime_settings_model", "ontime_triage")


def test_example_profiles_ship_with_the_package() -> None:
    shipped = example_profiles()
    assert {"direct_shop", "intravision", "partner"} <= set(shipped) and len(shipped) >= 5
    assert all(isinstance(p, Profile) for p in shipped.values())
    assert {p.customer.purchased_from for p in shipped.values()} == set(PurchasePath)


def test_partner_variants() -> None:
    base = example_profiles()["direct_shop"]
    (variant,) = partner_variants(base, ["acme"])
    assert variant.customer.partner == "acme" and variant.customer.purchased_from is PurchasePath.PARTNER
    assert variant.licenses == base.licenses


# --------------------------------------------------------------------------- broken plugins are caught


def _problems(inline_plugin, source, **kwargs):
    return "\n".join(check_plugin(inline_plugin(source, name="kit"), **kwargs))


def test_a_hook_with_a_wrong_signature(inline_plugin) -> None:
    problems = _problems(inline_plugin, GOOD.replace("def ontime_pricing():", "def ontime_pricing(price):"))
    assert "ontime_pricing takes price" in problems and "refused" in problems


def test_an_unknown_hook(inline_plugin) -> None:
    problems = _problems(inline_plugin, GOOD + "\n@hookimpl\ndef ontime_prices():\n    return None\n")
    assert "ontime_prices is not a known hook" in problems


def test_a_hook_without_hookimpl(inline_plugin) -> None:
    problems = _problems(inline_plugin, GOOD.replace("@hookimpl\ndef ontime_escalation", "def ontime_escalation"))
    assert "ontime_escalation is not decorated with @hookimpl" in problems


def test_a_misspelt_hook_without_hookimpl(inline_plugin) -> None:
    # Neither marked nor known: pluggy never sees it, and the kit used to say nothing either.
    problems = _problems(inline_plugin, GOOD + "\ndef ontime_prices(option):\n    return None\n")
    assert "plugin 'kit': ontime_prices is not a known hook, so it is never called (did you mean ontime_pricing?)" \
        in problems


def test_escalation_is_asked_with_a_triage_verdict(inline_plugin) -> None:
    # Alone in its host the plugin only ever got triage=None: a path that breaks on a verdict went unseen.
    source = GOOD.replace("def ontime_escalation():\n", "def ontime_escalation(triage):\n"
                          "    if triage is not None:\n        raise LookupError(triage.matter.value)\n")
    problems = _problems(inline_plugin, source)
    assert "error in ontime_escalation: LookupError:" in problems


def test_a_raising_triage_is_reported_per_profile_not_again_at_load(inline_plugin) -> None:
    source = GOOD + "\n@hookimpl\ndef ontime_triage():\n    raise KeyError('scope')\n"
    problems = check_plugin(inline_plugin(source, name="kit"))
    assert [p for p in problems if "ontime_triage" in p and " at " not in p] == []
    assert any(p.startswith("partner at 2026-11-27T10:00:00+09:00: error in ontime_triage: KeyError:") for p in problems)


@pytest.mark.parametrize(("old", "new"), [
    ('title=T("Kit", "キット"))', 'title=T("Kit", "キット"), languages=("ja", "xx"))'),
    ('return Availability(calendar=', 'return Availability(languages=("qq",), calendar='),
])
def test_a_language_code_that_names_no_language(inline_plugin, old, new) -> None:
    # Two lower-case letters pass the models; the kit checks the code names a language.
    problems = _problems(inline_plugin, GOOD.replace(old, new, 1))
    code = "xx" if "xx" in new else "qq"
    assert f"option 'kit.test' (kit): language '{code}' is not an ISO 639-1 code" in problems
    assert "'ja'" not in problems


def test_options_without_the_per_option_hooks(inline_plugin) -> None:
    source = GOOD.split("@hookimpl\ndef ontime_eligibility")[0]
    problems = _problems(inline_plugin, source)
    assert "does not implement ontime_eligibility" in problems
    assert "error in ontime_eligibility" in problems


def test_a_plugin_that_does_nothing(inline_plugin) -> None:
    assert "does nothing" in _problems(inline_plugin, "X = 1\n")


def test_options_that_are_not_option_specs(inline_plugin) -> None:
    problems = _problems(inline_plugin, GOOD.replace('return [OptionSpec(id="kit.test"', 'return [dict(id="kit.test"'))
    assert "ontime_options" in problems and "expected a list of OptionSpec" in problems


def test_duplicate_option_ids(inline_plugin) -> None:
    source = GOOD.replace('return [OptionSpec(id="kit.test", provider="kit", title=T("Kit", "キット"))]',
                          'return [OptionSpec(id="kit.test", provider="kit", title=T("A", "A")),'
                          ' OptionSpec(id="kit.test", provider="kit", title=T("B", "B"))]')
    problems = _problems(inline_plugin, source)
    assert "ontime_options: option id 'kit.test' is already declared by plugin 'kit'" in problems


def test_settings_without_defaults(inline_plugin) -> None:
    source = GOOD + """
import attrs

@attrs.frozen
class KitSettings:
    fee: int

@hookimpl
def ontime_settings_model():
    return "kit", KitSettings
"""
    problems = _problems(inline_plugin, source)
    assert "settings" in problems and "kit.fee" in problems


@pytest.mark.parametrize(("field", "value", "message"), [
    ("annual_fee_jpy", 1000.0, "annual_fee_jpy: expected a whole number of yen, got 1000.0"),
    ("annual_fee_jpy", True, "annual_fee_jpy: expected a whole number of yen, got True"),
    ("spot_cost_jpy", -5, "spot_cost_jpy: must not be negative, got -5"),
    ("break_even_hours", 1.5, "break_even_hours must be a Fraction or int, got 1.5"),
])
def test_money_that_is_not_integer_yen(field, value, message, inline_plugin) -> None:
    # the models' validators refuse these; a value forced past them is still caught (the host re-validates)
    source = GOOD.replace("""def ontime_pricing():
    return Pricing(annual_fee_jpy=1000)""", f"""def ontime_pricing():
    pricing = Pricing(annual_fee_jpy=1000)
    object.__setattr__(pricing, {field!r}, {value!r})
    return pricing""")
    problems = _problems(inline_plugin, source)
    assert "error in ontime_pricing" in problems and message in problems


def test_a_status_outside_the_set(inline_plugin) -> None:
    source = GOOD + """
@hookimpl
def ontime_eligibility():
    verdict = Eligibility(status=Status.ELIGIBLE, reasons=(Reason(clause="KIT-1", text=T("Ok.", "可。")),))
    object.__setattr__(verdict, "status", "maybe")
    return verdict
"""
    problems = _problems(inline_plugin, source)
    assert "error in ontime_eligibility: TypeError" in problems and "'maybe'" in problems


def test_a_calendar_that_is_not_a_business_calendar(inline_plugin) -> None:
    source = GOOD + """
class NaiveCalendar:
    timezone = "Asia/Tokyo"
    def closes_at(self, at):
        return dt.datetime(2030, 1, 1, 17, 0)
    def next_open(self, at):
        return dt.datetime(2030, 1, 1, 9, 0)
    def email_handled_from(self, at):
        return None
    def openings(self, at, count):
        return []

@hookimpl
def ontime_hours():
    return Availability(calendar=NaiveCalendar())
"""
    problems = _problems(inline_plugin, source)
    assert "is not a BusinessCalendar" in problems
    assert "hours.closes_at" in problems and "is not an aware datetime" in problems


def test_escalation_steps_that_are_not_steps(inline_plugin) -> None:
    source = GOOD.replace('return [EscalationStep(to=T("Kit", "キット"), why=T("Test.", "試験。"), clause="KIT-2")]',
                          'return ["call the vendor"]')
    assert "ontime_escalation" in _problems(inline_plugin, source)


def test_a_plugin_that_raises_only_for_some_profiles(inline_plugin) -> None:
    source = GOOD.replace("""def ontime_pricing():
    return Pricing(annual_fee_jpy=1000)""", """def ontime_pricing(profile):
    if profile.customer.country != "JP":
        raise ZeroDivisionError("no price abroad")
    return Pricing(annual_fee_jpy=1000)""")
    problems = _problems(inline_plugin, source)
    assert "error in ontime_pricing: ZeroDivisionError: no price abroad" in problems
    assert "overseas_german" in problems  # names the profile


def test_a_plugin_that_is_not_deterministic(inline_plugin) -> None:
    source = GOOD.replace("""@hookimpl
def ontime_pricing():
    return Pricing(annual_fee_jpy=1000)""", """_calls = iter(range(10**9))

@hookimpl
def ontime_pricing():
    return Pricing(annual_fee_jpy=next(_calls))""")
    assert "not deterministic" in _problems(inline_plugin, source)


def test_a_triage_hook_returning_garbage(inline_plugin) -> None:
    problems = _problems(inline_plugin, "@hookimpl\ndef ontime_triage(profile):\n    return 'platform'\n")
    assert "error in ontime_triage" in problems and "expected Triage or None" in problems


def test_check_hooks_alone_needs_no_host(inline_plugin) -> None:
    module = inline_plugin(GOOD.replace("def ontime_hours():", "def ontime_hours(when):"), name="kit")
    assert check_hooks(module) == ["plugin 'kit': ontime_hours takes when, which the spec lacks; "
                                   "expected ontime_hours(option, profile, settings) or a subset of those parameters"]


def test_check_plugin_accepts_profiles_and_paths(inline_plugin, example_profile) -> None:
    path = EXAMPLES / "profiles" / "intravision.toml"
    at = dt.datetime(2026, 1, 5, 1, tzinfo=dt.UTC)
    assert check_plugin(inline_plugin(GOOD, name="kit"), [path, example_profile("partner")], instants=[at]) == []


# --------------------------------------------------------------------------- the base class fails a broken plugin


def test_the_base_class_fails_a_broken_plugin(inline_plugin) -> None:
    broken = inline_plugin(GOOD.replace("return Pricing(annual_fee_jpy=1000)", "raise KeyError('fee')"), name="kit")

    class TestBroken(PluginConformance):
        plugin = broken
        max_examples = 5

    case = TestBroken()
    case.test_hooks_match_the_specs()  # the hooks themselves are fine
    with pytest.raises(AssertionError, match="error in ontime_pricing: KeyError"):
        case.test_example_profiles_without_error()
    with pytest.raises(AssertionError, match="error in ontime_pricing"):
        case.test_generated_profiles_without_error()


def test_the_base_class_needs_a_plugin() -> None:
    with pytest.raises(TypeError, match="set the class attribute 'plugin'"):
        PluginConformance().test_hooks_match_the_specs()


# --------------------------------------------------------------------------- strategies


@settings(max_examples=150, deadline=None)
@given(profile=profiles(partner_ids=("acme",)), at=instants())
def test_strategies_give_valid_profiles_and_aware_instants(profile, at) -> None:
    assert isinstance(profile, Profile)
    assert at.tzinfo is not None and at.utcoffset() is not None
    if profile.customer.purchased_from is PurchasePath.PARTNER:
        assert profile.customer.partner and profile.customer.partner_supports_ontime is not None


def test_strategies_reach_the_requested_partner() -> None:
    from hypothesis import find

    found = find(profiles(partner_ids=("acme",)), lambda p: p.customer.partner == "acme")
    assert found.customer.purchased_from is PurchasePath.PARTNER



# --------------------------------------------------------------------------- what the models cannot check


def test_a_clause_missing_from_the_declared_clauses(inline_plugin) -> None:
    problems = _problems(inline_plugin, GOOD + '\nCLAUSES = ("KIT-1",)\n')
    assert "cites clause 'KIT-2', which the plugin's CLAUSES does not list" in problems
    assert _problems(inline_plugin, GOOD + '\nCLAUSES = ("KIT-1", "KIT-2")\n') == ""


def test_declared_clauses_that_are_not_ids(inline_plugin) -> None:
    assert "which are not clause ids" in _problems(inline_plugin, GOOD + '\nCLAUSES = ("KIT-1", "KIT-2", "kit two")\n')


def test_a_triage_verdict_without_reasons(inline_plugin) -> None:
    source = "@hookimpl\ndef ontime_triage():\n    return Triage(matter=Matter.ONTIME, reasons=())\n"
    assert "triage verdict 'ontime' gives no reason" in _problems(inline_plugin, source)


def test_hours_that_disagree_with_the_calendar(inline_plugin) -> None:
    source = GOOD + """
class Liar(BusinessCalendar):
    def next_open(self, t):  # claims the next opening is in the past
        return t - dt.timedelta(days=1)

@hookimpl
def ontime_hours():
    return Availability(calendar=Liar(timezone="Asia/Tokyo", weekly={d: ((dt.time(9), dt.time(17)),) for d in range(5)}))
"""
    problems = _problems(inline_plugin, source)
    assert "is not a later instant at which the calendar is open" in problems or "disagree" in problems


def test_a_plugin_that_prints(inline_plugin) -> None:
    source = GOOD.replace("return Pricing(annual_fee_jpy=1000)", "print('pricing!')\n    return Pricing(annual_fee_jpy=1000)")
    assert "(plugins must not print)" in _problems(inline_plugin, source)


def test_every_builtin_declares_exactly_the_clauses_its_source_cites() -> None:
    import re

    from ontime_support.testing import declared_clauses

    shared = set(re.findall(r'clause="([A-Z]+-\d+)"', (ROOT_SRC / "sdk" / "reasons.py").read_text(encoding="utf-8")))
    for name, module_name in BUILTIN_PLUGINS:
        module = importlib.import_module(module_name)
        source = "".join(p.read_text(encoding="utf-8") for p in Path(module.__file__).parent.glob("*.py"))
        cited = set(re.findall(r'"([A-Z]{3}-\d+)"', source.replace(f"CLAUSES = ", "")))
        declared = declared_clauses(module)
        assert declared is not None, f"{name} declares no CLAUSES"
        assert declared <= cited | shared, f"{name} declares clauses its source never cites: {declared - cited - shared}"
