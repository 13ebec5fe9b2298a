"""Issue #8: plugins cannot break the output or each other (inline hostile plugins against the built-ins)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ontime_support.kernel.hookspecs import hookimpl
from ontime_support.kernel.models import (Availability, Eligibility, EscalationStep, Matter, OptionSpec, Pricing,
                                          Reason, Status, Triage)
from ontime_support.kernel.text import T

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "examples" / "settings.toml"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
OK = Reason(clause="BAD-1", text=T("Fine.", "可。"))


def _plugin(inline_plugin, name="bad", **overrides):
    """A well-behaved one-option plugin whose hooks ``overrides`` replace."""
    hooks = {
        "ontime_options": lambda: [OptionSpec(id=f"{name}.help", provider=name, title=T("Bad", "悪"))],
        "ontime_eligibility": lambda: Eligibility(status=Status.ELIGIBLE, reasons=(OK,), rank=1),
        "ontime_pricing": lambda: Pricing(),
        "ontime_hours": lambda: Availability(),
    }
    hooks.update(overrides)
    return inline_plugin(name=name, **hooks)


@pytest.fixture
def baseline(make_host, example_profile):
    return make_host(settings_path=SETTINGS).compare(example_profile("partner"), AT)


def _intact(comparison, baseline) -> None:
    """Every built-in option is exactly as without the hostile plugin."""
    for result in baseline.options:
        assert comparison.option(result.option.id) == result
    assert comparison.triage == baseline.triage


# --------------------------------------------------------------------------- fields renderers read are validated


@pytest.mark.parametrize(("hook", "value", "message"), [
    ("ontime_eligibility", lambda: Eligibility(status=Status.ELIGIBLE, reasons=(Reason(clause="B-1", text="plain"),)),
     "expected a bilingual T(en, ja)"),
    ("ontime_eligibility", lambda: Eligibility(status=Status.ELIGIBLE, reasons=(Reason(clause="B-1", text=T(1, 2)),)),
     "expected a bilingual T(en, ja)"),
    ("ontime_escalation", lambda: [EscalationStep(to="the vendor", why=T("a", "a"), clause="B-1")],
     "expected a bilingual T(en, ja)"),
    ("ontime_hours", lambda: Availability(channels=("carrier_pigeon",)), "unknown channel 'carrier_pigeon'"),
    ("ontime_hours", lambda: Availability(languages=("english",)), "is not an ISO 639-1 code"),
    ("ontime_eligibility", lambda: Eligibility(status=Status.ELIGIBLE, reasons=["because"]),
     "expected a list of Reason"),
])
def test_a_wrong_field_spoils_only_its_option(hook, value, message, make_host, inline_plugin, example_profile,
                                              baseline) -> None:
    host = make_host(_plugin(inline_plugin, **{hook: value}), settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    error = comparison.option("bad.help").error
    assert error is not None and error.hook == hook and message in error.message
    _intact(comparison, baseline)


def test_a_text_forced_into_a_nested_reason_is_caught(make_host, inline_plugin, example_profile, baseline) -> None:
    def eligibility():
        reason = Reason(clause="B-1", text=T("a", "a"))
        object.__setattr__(reason, "text", "plain")  # past the validators
        return Eligibility(status=Status.ELIGIBLE, reasons=(reason,))

    comparison = make_host(_plugin(inline_plugin, ontime_eligibility=eligibility),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    assert "expected a bilingual T(en, ja)" in comparison.option("bad.help").error.message
    _intact(comparison, baseline)


def _forced(field, value):
    def eligibility():
        verdict = Eligibility(status=Status.ELIGIBLE, reasons=(OK,))
        object.__setattr__(verdict, field, value)  # past the validators
        return verdict

    return eligibility


@pytest.mark.parametrize(("field", "value", "message"), [
    # an empty (or missing) nested tuple used to pass: the fast path vouched for its zero elements
    ("reasons", (), "FieldValueError: reasons: an eligibility verdict needs at least one reason"),
    ("reasons", None, "FieldValueError: reasons: expected a list of Reason, got None"),
    # attrs' own validators: the message alone, not the repr of the field's Attribute
    ("rank", "first", "TypeError: 'rank' must be <class 'int'> (got 'first' that is a <class 'str'>)."),
])
def test_a_verdict_forced_past_its_validators_is_caught(field, value, message, make_host, inline_plugin,
                                                        example_profile, baseline) -> None:
    comparison = make_host(_plugin(inline_plugin, ontime_eligibility=_forced(field, value)),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    error = comparison.option("bad.help").error
    assert error is not None and (error.plugin, error.hook, error.message) == ("bad", "ontime_eligibility", message)
    assert "bad.help" not in comparison.recommended
    _intact(comparison, baseline)


def test_a_triage_path_of_strings_is_refused(inline_plugin, make_host, example_profile, baseline) -> None:
    def triage():
        verdict = Triage(matter=Matter.ONTIME, reasons=(OK,))
        object.__setattr__(verdict, "path", ("call the vendor",))
        return verdict

    host = make_host(inline_plugin(name="bad_triage", ontime_triage=triage), settings_path=SETTINGS)
    comparison = host.compare(example_profile("partner"), AT)
    (failure,) = comparison.plugin_failures
    assert failure.plugin == "bad_triage" and "expected a list of EscalationStep" in failure.message
    _intact(comparison, baseline)  # the built-in triage answered instead


def test_unknown_channels_in_an_option_spec_fail_the_plugin(make_host, inline_plugin, example_profile) -> None:
    options = lambda: [OptionSpec(id="bad.help", provider="bad", title=T("B", "B"), channels=("fax",))]  # noqa: E731
    host = make_host(_plugin(inline_plugin, ontime_options=options))
    assert {i.name: i for i in host.plugins()}["bad"].status == "failed"
    assert "unknown channel 'fax'" in host.compare(example_profile("partner"), AT).plugin_failures[0].message


# --------------------------------------------------------------------------- BaseException is contained


@pytest.mark.parametrize("exc", [SystemExit(3), KeyboardInterrupt(), GeneratorExit()])
def test_base_exceptions_are_contained(exc, make_host, inline_plugin, example_profile, baseline) -> None:
    def pricing():
        raise exc

    comparison = make_host(_plugin(inline_plugin, ontime_pricing=pricing),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    error = comparison.option("bad.help").error
    assert error.hook == "ontime_pricing"
    assert type(exc).__name__ in error.message or "KeyboardInterrupt without a SIGINT" in error.message
    _intact(comparison, baseline)


def test_a_base_exception_at_load_is_contained(make_host, inline_plugin, example_profile) -> None:
    def options():
        raise SystemExit("bye")

    host = make_host(_plugin(inline_plugin, ontime_options=options))
    assert {i.name: i for i in host.plugins()}["bad"].message == "ontime_options: SystemExit: bye"
    assert host.compare(example_profile("partner"), AT).options


def test_a_real_sigint_still_stops_the_program(make_host, inline_plugin, example_profile) -> None:
    import os
    import signal
    import time

    def pricing():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the handler raises KeyboardInterrupt here
        return Pricing()

    host = make_host(_plugin(inline_plugin, ontime_pricing=pricing), builtins=False)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        pytest.skip("the host could not install its SIGINT handler here")
    with pytest.raises(KeyboardInterrupt):
        host.compare(example_profile("partner"), AT)


# --------------------------------------------------------------------------- shared arguments stay as they were


def test_a_plugin_changing_the_profile_is_caught_and_the_others_see_the_original(make_host, inline_plugin,
                                                                                  example_profile, baseline) -> None:
    def eligibility(profile):
        object.__setattr__(profile.customer, "partner", "someone-else")
        object.__setattr__(profile.licenses, "newest_list_price_jpy", 1)
        return Eligibility(status=Status.ELIGIBLE, reasons=(OK,))

    profile = example_profile("partner")
    pristine = attrs.evolve(profile)
    comparison = make_host(_plugin(inline_plugin, ontime_eligibility=eligibility),
                           settings_path=SETTINGS).compare(profile, AT)
    error = comparison.option("bad.help").error
    assert error.plugin == "bad" and "changed the profile" in error.message
    assert profile == pristine  # restored for the caller too
    _intact(comparison, baseline)


@pytest.mark.parametrize("hook", ["ontime_eligibility", "ontime_pricing", "ontime_hours"])
def test_the_error_names_the_hook_that_changed_the_profile(hook, make_host, inline_plugin, example_profile,
                                                          baseline) -> None:
    # It used to name the option's last hook (ontime_escalation, or ontime_hours) whichever hook did it.
    def changing(profile):
        object.__setattr__(profile.customer, "name", "changed")
        return {"ontime_eligibility": Eligibility(status=Status.ELIGIBLE, reasons=(OK,)),
                "ontime_pricing": Pricing(), "ontime_hours": Availability()}[hook]

    steps = lambda: [EscalationStep(to=T("a", "a"), why=T("b", "b"), clause="BAD-2")]  # noqa: E731
    comparison = make_host(_plugin(inline_plugin, **{hook: changing, "ontime_escalation": steps}),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    error = comparison.option("bad.help").error
    assert error is not None and (error.plugin, error.hook) == ("bad", hook)
    assert "changed the profile" in error.message
    _intact(comparison, baseline)


def test_a_plugin_changing_the_triage_verdict_is_caught(make_host, inline_plugin, example_profile, baseline) -> None:
    def escalation(triage):
        object.__setattr__(triage, "matter", Matter.PLATFORM if triage.matter is Matter.ONTIME else Matter.ONTIME)
        return []

    comparison = make_host(_plugin(inline_plugin, ontime_escalation=escalation),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    assert "changed the profile, the triage verdict" in comparison.option("bad.help").error.message
    _intact(comparison, baseline)


def test_a_plugin_renaming_its_option_cannot_duplicate_an_id(make_host, inline_plugin, example_profile,
                                                             baseline) -> None:
    def eligibility(option):
        object.__setattr__(option, "id", "partner")
        return Eligibility(status=Status.ELIGIBLE, reasons=(OK,))

    host = make_host(_plugin(inline_plugin, ontime_eligibility=eligibility), settings_path=SETTINGS)
    for _ in range(2):
        comparison = host.compare(example_profile("partner"), AT)
        ids = [r.option.id for r in comparison.options]
        assert len(ids) == len(set(ids)) and "bad.help" in ids
        assert "changed the profile, the triage verdict or the option" in comparison.option("bad.help").error.message
        _intact(comparison, baseline)


# --------------------------------------------------------------------------- output never reaches stdout


def test_what_a_plugin_prints_is_a_diagnostic_not_output(make_host, inline_plugin, example_profile, baseline,
                                                         capsys) -> None:
    import sys

    def pricing():
        print("debug: pricing")
        sys.stderr.write("warning from the plugin\n")
        return Pricing()

    def options():
        print("loading!")
        return [OptionSpec(id="bad.help", provider="bad", title=T("Bad", "悪"))]

    comparison = make_host(_plugin(inline_plugin, ontime_pricing=pricing, ontime_options=options),
                           settings_path=SETTINGS).compare(example_profile("partner"), AT)
    assert capsys.readouterr() == ("", "")
    assert [(d.plugin, d.hook) for d in comparison.diagnostics] == [("bad", "ontime_options"), ("bad", "option bad.help")]
    assert "debug: pricing" in comparison.diagnostics[1].message and "warning" in comparison.diagnostics[1].message
    assert comparison.option("bad.help").error is None
    _intact(comparison, baseline)


def _install(monkeypatch, plugin) -> None:
    """``plugin`` as if installed: the only entry point the loader finds."""
    from ontime_support.loading import plugins as manager

    class EntryPoint:
        name, dist = plugin.__name__, None

        @staticmethod
        def load():
            return plugin

    monkeypatch.setattr(manager, "_entry_points", lambda: [EntryPoint()])


def test_the_cli_json_stays_valid_when_a_plugin_prints(monkeypatch, inline_plugin, capsys) -> None:
    from ontime_support.cli.main import main

    noisy = _plugin(inline_plugin, name="noisy", ontime_pricing=lambda: print("hello") or Pricing())
    _install(monkeypatch, noisy)
    assert main(["compare", "--profile", str(ROOT / "examples" / "profiles" / "partner.toml"), "--format", "json",
                 "--at", "2026-11-27T10:00+09:00"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert "noisy.help" in [o["id"] for o in data["options"]]
    # What it printed is not lost: one warning line on stderr names the plugin, where, and the text.
    assert err.splitlines() == ["warning: plugin noisy (option noisy.help) printed: 'hello\\n'"]


def test_the_cli_json_names_the_hook_of_a_plugin_failure(monkeypatch, inline_plugin, capsys) -> None:
    """A script reading ``plugin_failures`` can tell a triage failure from a load step that failed."""
    from ontime_support.cli.main import main

    def triage(profile):
        raise RuntimeError("triage broke")

    broken = _plugin(inline_plugin, name="broken", ontime_triage=triage)
    _install(monkeypatch, broken)
    profile = ROOT / "examples" / "profiles" / "partner.toml"
    assert main(["compare", "--profile", str(profile), "--format", "json", "--at", "2026-11-27T10:00+09:00"]) == 0
    failures = json.loads(capsys.readouterr().out)["plugin_failures"]
    assert {"plugin": "broken", "hook": "ontime_triage", "message": "RuntimeError: triage broke"} in failures


# --------------------------------------------------------------------------- deadline


DEADLINE_SCRIPT = """
import datetime as dt, time, types
from ontime_support.kernel.hookspecs import hookimpl
from ontime_support.kernel.models import Availability, Eligibility, OptionSpec, Pricing, Reason, Status
from ontime_support.kernel.text import T
from ontime_support.loading import build_host, load_profile

calls = []
def plugin(name, hours, pricing):
    m = types.ModuleType(name)
    m.ontime_options = hookimpl(lambda: [OptionSpec(id=name + ".help", provider=name, title=T("B", "B"))])
    m.ontime_eligibility = hookimpl(lambda: Eligibility(status=Status.ELIGIBLE,
                                                        reasons=(Reason(clause="B-1", text=T("a", "a")),)))
    m.ontime_pricing, m.ontime_hours = hookimpl(pricing), hookimpl(hours)
    return m

def spin():
    calls.append(1)
    while True:  # pure Python: the watchdog interrupts it
        pass

def sleepy():
    time.sleep(0.4)  # C code: interrupted only when it returns
    return Pricing()

at = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
profile = load_profile({profile!r})
alone = build_host(autoload=False).compare(profile, at)
host = build_host(autoload=False, timeout=0.2, extra_plugins=[("spin", plugin("spin", spin, lambda: Pricing())),
                                                              ("sleepy", plugin("sleepy", lambda: Availability(), sleepy))])
for _ in range(2):
    c = host.compare(profile, at)
    print(c.option("spin.help").error.message)
    print(c.option("sleepy.help").error.message)
    print(sorted((f.plugin, f.hook) for f in c.plugin_failures))
    print(all(c.option(r.option.id) == r for r in alone.options) and c.triage == alone.triage)
print(len(calls))
"""


def test_hooks_past_the_deadline_spoil_their_option_and_the_plugin_is_suspended() -> None:
    """Run in a fresh process (see the report: a timeout followed by hypothesis in the same pytest process hangs)."""
    import subprocess
    import sys

    script = DEADLINE_SCRIPT.replace("{profile!r}", repr(str(ROOT / "examples" / "profiles" / "partner.toml")))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "timed out in ontime_hours after 0.2 s"
    assert lines[1] == "timed out in ontime_pricing after 0.2 s"  # stuck in C: a timeout once it returns
    assert lines[2] == "[('sleepy', 'timeout'), ('spin', 'timeout')]" and lines[3] == "True"
    assert lines[4] == "suspended after a timeout in ontime_hours (deadline 0.2 s)"
    assert lines[5] == "suspended after a timeout in ontime_pricing (deadline 0.2 s)"
    assert lines[6] == lines[2] and lines[7] == "True"  # still reported, the built-ins intact
    assert lines[8] == "1"  # the suspended plugin is not called again


def test_the_deadline_comes_from_the_environment(make_host, inline_plugin, monkeypatch) -> None:
    from ontime_support.loading import plugins as manager

    monkeypatch.setenv(manager.ENV_TIMEOUT, "0.5")
    assert make_host(builtins=False).guard.timeout == 0.5
    assert make_host(builtins=False, timeout=3).guard.timeout == 3
