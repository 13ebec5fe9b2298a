"""Plugins are swappable: each built-in removable, one alone, none, a fake one, broken ones isolated."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import attrs
import pytest

from ontime_support.kernel.hookspecs import OPTION_HOOKS
from ontime_support.loading.plugins import BUILTIN_PLUGINS
from ontime_support.kernel.models import OptionSpec, Status

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")  # a Friday, 10:00 in Tokyo
SETTINGS = EXAMPLES / "settings.toml"
BUILTIN_NAMES = [name for name, _module in BUILTIN_PLUGINS]
PROFILES = ["direct_shop", "intravision", "partner"]


def _by_id(comparison):
    return {r.option.id: r for r in comparison.options}


def _without_escalation(result):
    return attrs.evolve(result, escalation=())


@pytest.fixture
def baseline(make_host, example_profile):
    host = make_host(settings_path=SETTINGS)
    return {name: _by_id(host.compare(example_profile(name), AT)) for name in PROFILES}


def test_all_builtins_load_and_answer_without_error(make_host, example_profile) -> None:
    host = make_host(settings_path=SETTINGS)
    assert [(i.name, i.origin, i.status) for i in host.plugins()] == [
        (name, "built-in", "loaded") for name in BUILTIN_NAMES]
    for name in PROFILES:
        comparison = host.compare(example_profile(name), AT)
        assert comparison.options and all(r.error is None for r in comparison.options)
        assert comparison.triage is not None  # ontime_triage answered by the built-in triage plugin


@pytest.mark.parametrize("removed", BUILTIN_NAMES)
def test_each_builtin_is_removable_without_breaking_the_others(removed, make_host, example_profile,
                                                               baseline) -> None:
    host = make_host(settings_path=SETTINGS, disabled=[removed])
    info = {i.name: i for i in host.plugins()}
    assert info[removed].status == "blocked"
    assert all(i.status == "loaded" for n, i in info.items() if n != removed)
    for name in PROFILES:
        comparison = host.compare(example_profile(name), AT)
        results = _by_id(comparison)
        assert all(r.error is None for r in results.values())
        assert all(r.plugin != removed for r in results.values())
        expected = {oid: r for oid, r in baseline[name].items() if r.plugin != removed}
        assert set(results) == set(expected)
        for option_id, result in results.items():
            if removed == "triage":  # escalation paths depend on the triage verdict; the rest is intact
                assert comparison.triage is None
                assert _without_escalation(result) == _without_escalation(expected[option_id])
            else:
                assert result == expected[option_id]


@pytest.mark.parametrize("only", BUILTIN_NAMES)
def test_each_builtin_works_alone(only, make_host, example_profile) -> None:
    module = importlib.import_module(dict(BUILTIN_PLUGINS)[only])
    host = make_host((only, module), builtins=False)
    assert [(i.name, i.origin, i.status) for i in host.plugins()] == [(only, "inline", "loaded")]
    for name in PROFILES:
        comparison = host.compare(example_profile(name), AT)
        assert all(r.plugin == only and r.error is None for r in comparison.options)
        assert (comparison.triage is not None) == (only == "triage")


def test_no_plugin_at_all(make_host, example_profile) -> None:
    host = make_host(builtins=False)
    assert host.plugins() == [] and host.option_specs() == []
    comparison = host.compare(example_profile("partner"), AT)
    assert comparison.options == () and comparison.recommended == () and comparison.triage is None


FAKE = """
@hookimpl
def ontime_options():
    return [OptionSpec(id="fake.helpdesk", provider="fake", title=T("Fake help desk", "偽ヘルプデスク"))]

@hookimpl
def ontime_eligibility(option, profile):
    return Eligibility(status=Status.ELIGIBLE, rank=1,
                       reasons=(Reason(clause="FAKE-1", text=T("Always there.", "いつでも。")),))

@hookimpl
def ontime_pricing():
    return Pricing(annual_fee_jpy=1, notes=(Reason(clause="FAKE-2", text=T("One yen.", "1 円。")),))

@hookimpl
def ontime_hours():
    return Availability(calendar=build_calendar(timezone="UTC", opening_hours="00:00-24:00",
                        business_days=("mon", "tue", "wed", "thu", "fri", "sat", "sun"), holiday_country=None))

@hookimpl
def ontime_escalation(option):
    return [EscalationStep(to=T("Fake", "偽"), why=T("Fake.", "偽。"), clause="FAKE-3")]
"""


def test_a_fake_plugin_joins_the_builtins(make_host, inline_plugin, example_profile, baseline) -> None:
    host = make_host(inline_plugin(FAKE, name="fake"), settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    fake = comparison.option("fake.helpdesk")
    assert fake.error is None and fake.plugin == "fake"
    assert fake.hours.open_now is True and fake.pricing.annual_fee_jpy == 1
    assert [s.clause for s in fake.escalation] == ["FAKE-3"]
    assert comparison.recommended[0] == "fake.helpdesk"  # rank 1
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


def test_a_fake_plugin_alone(make_host, inline_plugin, example_profile) -> None:
    host = make_host(inline_plugin(FAKE, name="fake"), builtins=False)
    comparison = host.compare(example_profile("direct_shop"), AT)
    assert [r.option.id for r in comparison.options] == ["fake.helpdesk"]
    assert comparison.triage is None  # no plugin implements ontime_triage


def _broken_plugin(inline_plugin, hook: str, behaviour):
    """A fake plugin whose ``hook`` is replaced by ``behaviour``."""
    module = inline_plugin(FAKE, name="broken")
    setattr(module, hook, behaviour)
    return module


def _raise(message):
    from ontime_support.kernel.hookspecs import hookimpl

    @hookimpl
    def hook():
        raise RuntimeError(message)

    return hook


@pytest.mark.parametrize("hook", OPTION_HOOKS)
def test_a_plugin_raising_in_a_per_option_hook_spoils_only_its_option(hook, make_host, inline_plugin,
                                                                      example_profile, baseline) -> None:
    module = _broken_plugin(inline_plugin, hook, _raise(f"boom in {hook}"))
    host = make_host(module, settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    broken = comparison.option("fake.helpdesk")
    assert broken.error is not None
    assert (broken.error.plugin, broken.error.hook) == ("broken", hook)
    assert broken.error.message == f"RuntimeError: boom in {hook}"
    assert "fake.helpdesk" not in comparison.recommended
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


GARBAGE = {
    "ontime_eligibility": ("eligible", "expected Eligibility"),
    "ontime_pricing": (12.5, "expected Pricing"),
    "ontime_hours": (None, "expected Availability"),
    "ontime_escalation": (["call someone"], "expected a list of EscalationStep"),
}


@pytest.mark.parametrize("hook", OPTION_HOOKS)
def test_a_plugin_returning_garbage_spoils_only_its_option(hook, make_host, inline_plugin, example_profile,
                                                           baseline) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    garbage, expected_message = GARBAGE[hook]
    module = _broken_plugin(inline_plugin, hook, hookimpl(lambda: garbage))
    host = make_host(module, settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    broken = comparison.option("fake.helpdesk")
    assert (broken.error.plugin, broken.error.hook) == ("broken", hook)
    assert broken.error.message.startswith("TypeError: returned") and expected_message in broken.error.message
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


@pytest.mark.parametrize("hook", ["ontime_pricing", "ontime_escalation"])
def test_a_value_forced_past_the_validators_spoils_only_its_option(hook, make_host, inline_plugin, example_profile,
                                                                    baseline) -> None:
    from ontime_support.kernel.hookspecs import hookimpl
    from ontime_support.kernel.models import EscalationStep, Pricing
    from ontime_support.kernel.text import T

    def forced():
        value = Pricing() if hook == "ontime_pricing" else EscalationStep(to=T("a", "a"), why=T("b", "b"), clause="X-1")
        object.__setattr__(value, "annual_fee_jpy" if hook == "ontime_pricing" else "clause", 12.5)
        return value if hook == "ontime_pricing" else [value]

    host = make_host(_broken_plugin(inline_plugin, hook, hookimpl(forced)), settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    assert comparison.option("fake.helpdesk").error.hook == hook
    assert "12.5" in comparison.option("fake.helpdesk").error.message
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


@pytest.mark.parametrize(("hook", "behaviour", "message"), [
    ("ontime_options", "raise", "RuntimeError: boom in ontime_options"),
    ("ontime_options", "garbage", "expected a list of OptionSpec"),
    ("ontime_settings_model", "raise", "RuntimeError: boom in ontime_settings_model"),
])
def test_a_plugin_failing_at_load_is_reported_and_the_others_work(hook, behaviour, message, make_host, inline_plugin,
                                                                  example_profile, baseline) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    impl = _raise(f"boom in {hook}") if behaviour == "raise" else hookimpl(lambda: "not a list")
    host = make_host(_broken_plugin(inline_plugin, hook, impl), settings_path=SETTINGS)
    info = {i.name: i for i in host.plugins()}["broken"]
    assert info.status == "failed" and info.message.startswith(f"{hook}: ") and message in info.message
    comparison = host.compare(example_profile("partner"), AT)
    assert all(r.error is None and r.plugin != "broken" for r in comparison.options)  # no stand-in option
    assert [(f.plugin, f.hook) for f in comparison.plugin_failures] == [("broken", hook)]
    assert message in comparison.plugin_failures[0].message
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


def test_a_plugin_raising_in_ontime_triage_is_shown_and_the_builtin_answers(make_host, inline_plugin,
                                                                            example_profile, baseline) -> None:
    module = inline_plugin(name="bad_triage", ontime_triage=_raise("boom in ontime_triage"))
    host = make_host(module, settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    assert all(r.error is None for r in comparison.options)
    assert [(f.plugin, f.hook, f.message) for f in comparison.plugin_failures] == [
        ("bad_triage", "ontime_triage", "RuntimeError: boom in ontime_triage")]
    assert comparison.triage is not None  # the built-in triage plugin still answers
    for option_id, result in baseline["partner"].items():
        assert comparison.option(option_id) == result


def test_a_later_plugin_can_answer_ontime_triage_first(make_host, inline_plugin, example_profile) -> None:
    from ontime_support.kernel.models import Matter, Reason, Triage
    from ontime_support.kernel.text import T

    verdict = Triage(matter=Matter.PLATFORM, reasons=(Reason(clause="OWN-1", text=T("Ours.", "当社。")),))
    module = inline_plugin(name="own_triage", ontime_triage=lambda profile, at: verdict)
    comparison = make_host(module).compare(example_profile("partner"), AT)
    assert comparison.triage == verdict


def test_a_duplicate_option_id_is_reported_and_dropped(make_host, inline_plugin, example_profile) -> None:
    module = inline_plugin(FAKE, name="copycat")
    module.ontime_options = inline_plugin(name="x", ontime_options=lambda: [
        OptionSpec(id="intravision.annual", provider="copycat", title=_title())]).ontime_options
    comparison = make_host(module).compare(example_profile("intravision"), AT)
    ids = [r.option.id for r in comparison.options]
    assert ids.count("intravision.annual") == 1 and len(ids) == len(set(ids))  # ids unique in the output
    (failure,) = comparison.plugin_failures
    assert (failure.plugin, failure.hook) == ("copycat", "ontime_options")
    assert "already declared by plugin 'intravision'" in failure.message
    original = [r for r in comparison.options if r.plugin == "intravision"][0]
    assert original.error is None and original.eligibility.status is Status.ELIGIBLE


def _title():
    from ontime_support.kernel.text import T

    return T("Copy", "コピー")


# --------------------------------------------------------------------------- ontime_triage in pluggy's order


def _own_verdict():
    from ontime_support.kernel.models import Matter, Reason, Triage
    from ontime_support.kernel.text import T

    return Triage(matter=Matter.PLATFORM, reasons=(Reason(clause="OWN-1", text=T("Ours.", "当社。")),))


@pytest.mark.parametrize(("marks", "wins"), [({"trylast": True}, False), ({"tryfirst": True}, True), ({}, True)])
def test_triage_honours_pluggy_ordering_marks(marks, wins, make_host, inline_plugin, example_profile,
                                              baseline) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    verdict = _own_verdict()
    module = inline_plugin(name="own_triage", ontime_triage=hookimpl(**marks)(lambda profile: verdict))
    comparison = make_host(module, settings_path=SETTINGS).compare(example_profile("partner"), AT)
    builtin = make_host(settings_path=SETTINGS).compare(example_profile("partner"), AT).triage
    assert comparison.triage == (verdict if wins else builtin)


def test_a_tryfirst_triage_that_raises_is_reported_and_the_next_answers(make_host, inline_plugin,
                                                                        example_profile) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    @hookimpl(tryfirst=True)
    def ontime_triage():
        raise SystemExit("no")

    verdict = _own_verdict()
    late = inline_plugin(name="late", ontime_triage=lambda: verdict)
    host = make_host(late, inline_plugin(name="early", ontime_triage=ontime_triage))
    comparison = host.compare(example_profile("partner"), AT)
    assert comparison.triage == verdict  # "early" ran first (tryfirst), failed; "late" (LIFO) answered
    assert [(f.plugin, f.message) for f in comparison.plugin_failures] == [("early", "SystemExit: no")]


def test_a_triage_hook_wrapper_is_refused(make_host, inline_plugin) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    def ontime_triage():
        return (yield)

    host = make_host(inline_plugin(name="wrap", ontime_triage=hookimpl(wrapper=True)(ontime_triage)), builtins=False)
    info = {i.name: i for i in host.plugins()}["wrap"]
    assert info.status == "refused" and "ontime_triage may not be a hook wrapper" in info.message


# --------------------------------------------------------------------------- every loading step is isolated

SETTINGS_PLUGIN = FAKE + """
import attrs

@attrs.frozen
class FakeSettings:
    fee: int = attrs.field(default=1, validator=attrs.validators.instance_of(int))

@hookimpl
def ontime_settings_model():
    return "fake", FakeSettings
"""


def test_a_plugin_whose_settings_fail_to_load_is_reported_and_the_rest_compares(make_host, inline_plugin,
                                                                                 example_profile, tmp_path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[direct_shop]\nspot_unit_minutes = 15\n\n[fake]\nfee = "a lot"\n', encoding="utf-8")
    host = make_host(inline_plugin(SETTINGS_PLUGIN, name="fake"), settings_path=settings)
    info = {i.name: i for i in host.plugins()}["fake"]
    assert info.status == "failed" and info.message.startswith(f"settings: {settings}: fake.fee: ")
    comparison = host.compare(example_profile("partner"), AT)
    assert [(f.plugin, f.hook) for f in comparison.plugin_failures] == [("fake", "settings")]
    assert "fake.helpdesk" not in [r.option.id for r in comparison.options]
    settings.with_name("alone.toml").write_text("[direct_shop]\nspot_unit_minutes = 15\n", encoding="utf-8")
    expected = make_host(settings_path=settings.with_name("alone.toml")).compare(example_profile("partner"), AT)
    assert comparison.options == expected.options and comparison.triage == expected.triage  # the rest, with its settings
    assert [str(e) for e in host.input_errors] == [info.message.removeprefix("settings: ")]  # the CLI exits 2 on it


@pytest.mark.parametrize(("model", "message"), [
    ("lambda: ('fake', dict)", "expected (section, attrs class)"),
    ("lambda: 'fake'", "expected (section, attrs class)"),
])
def test_a_settings_model_that_is_not_an_attrs_class_fails_the_plugin(model, message, make_host, inline_plugin,
                                                                      example_profile) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    module = inline_plugin(FAKE, name="fake")
    module.ontime_settings_model = hookimpl(eval(model))  # noqa: S307 - a literal from the parameters
    host = make_host(module)
    assert {i.name: i for i in host.plugins()}["fake"].status == "failed"
    (failure,) = host.compare(example_profile("partner"), AT).plugin_failures
    assert failure.hook == "ontime_settings_model" and message in failure.message


def test_resolve_raising_fails_only_that_plugin(make_host, inline_plugin, example_profile) -> None:
    source = SETTINGS_PLUGIN.replace("    fee: int", "    def resolve(self, base_dir):\n"
                                     "        raise FileNotFoundError('partners.toml')\n\n    fee: int")
    host = make_host(inline_plugin(source, name="fake"))
    comparison = host.compare(example_profile("partner"), AT)
    assert [(f.plugin, f.hook, f.message) for f in comparison.plugin_failures] == [
        ("fake", "resolve", "FileNotFoundError: partners.toml")]
    assert comparison.options and all(r.error is None for r in comparison.options)
