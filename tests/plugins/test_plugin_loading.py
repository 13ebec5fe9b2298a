"""Loading plugins: refused signatures, failed imports, blocking, autoload off, the allow-list (env and CLI)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ontime_support.cli.main import main
from ontime_support.loading import plugins as manager

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
BUILTIN_NAMES = [name for name, _module in manager.BUILTIN_PLUGINS]

GOOD = """
@hookimpl
def ontime_options():
    return [OptionSpec(id="good.help", provider="good", title=T("Good", "良"))]

@hookimpl
def ontime_eligibility():
    return Eligibility(status=Status.CONDITIONAL, reasons=(Reason(clause="GOOD-1", text=T("Ok.", "可。")),))

@hookimpl
def ontime_pricing():
    return Pricing()

@hookimpl
def ontime_hours():
    return Availability()
"""


@attrs.frozen
class FakeDist:
    name: str
    version: str


@attrs.define
class FakeEntryPoint:
    """What ``importlib.metadata`` gives the host: ``.name``, ``.dist`` and ``.load()``."""

    name: str
    target: object = None
    error: BaseException | None = None
    dist: FakeDist | None = FakeDist("fake-dist", "1.2.3")
    loads: int = 0

    def load(self) -> object:
        self.loads += 1
        if self.error is not None:
            raise self.error
        return self.target


@pytest.fixture
def entry_points(monkeypatch, inline_plugin):
    """Fake installed plugins: ``good`` (fine) and ``broken`` (fails to import)."""
    eps = [
        FakeEntryPoint("broken", error=ModuleNotFoundError("No module named 'ontime_broken_dependency'"),
                       dist=FakeDist("ontime-support-broken", "0.0.1")),
        FakeEntryPoint("good", target=inline_plugin(GOOD, name="good")),
    ]
    monkeypatch.setattr(manager, "_entry_points", lambda: list(eps))
    return {ep.name: ep for ep in eps}


def _infos(host):
    return {i.name: i for i in host.plugins()}


# --------------------------------------------------------------------------- refused: signature mismatch

MISMATCH = GOOD.replace("def ontime_pricing():", "def ontime_pricing(option, profile, discount_code):")


def test_a_hook_with_a_wrong_signature_is_refused_by_name_hook_and_expected_signature(
        make_host, inline_plugin, example_profile) -> None:
    host = make_host(inline_plugin(MISMATCH, name="mismatch"))
    info = _infos(host)["mismatch"]
    assert info.status == "refused"
    assert "plugin 'mismatch'" in info.message
    assert "hook ontime_pricing does not match the spec" in info.message
    assert "expected ontime_pricing(option, profile, settings)" in info.message
    assert "discount_code" in info.message
    assert all(_infos(host)[name].status == "loaded" for name in BUILTIN_NAMES)
    comparison = host.compare(example_profile("partner"), AT)
    assert "good.help" not in [r.option.id for r in comparison.options]
    assert all(r.error is None for r in comparison.options)


@pytest.mark.parametrize("hook", ["ontime_settings_model", "ontime_options", "ontime_eligibility",
                                  "ontime_hours", "ontime_escalation", "ontime_triage"])
def test_every_hook_refuses_an_unknown_parameter(hook, make_host, inline_plugin) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    def impl(nonsense):  # noqa: ARG001
        return None

    impl.__name__ = hook
    host = make_host(inline_plugin(name="odd", **{hook: hookimpl(impl)}), builtins=False)
    info = _infos(host)["odd"]
    assert info.status == "refused" and f"hook {hook} does not match the spec" in info.message
    import inspect

    from ontime_support.kernel import hookspecs

    assert f"expected {hook}({', '.join(inspect.signature(getattr(hookspecs, hook)).parameters)})" in info.message


# --------------------------------------------------------------------------- failed import (entry points)


def test_a_plugin_failing_to_import_is_reported_by_name_while_the_others_load(make_host, entry_points,
                                                                              example_profile) -> None:
    host = make_host(autoload=True)
    infos = _infos(host)
    assert infos["broken"].status == "failed"
    assert infos["broken"].origin == "ontime-support-broken 0.0.1"
    assert infos["broken"].message == "import failed: ModuleNotFoundError: No module named 'ontime_broken_dependency'"
    assert infos["good"].status == "loaded" and infos["good"].origin == "fake-dist 1.2.3"
    assert infos["good"].options == ("good.help",)
    assert all(infos[name].status == "loaded" for name in BUILTIN_NAMES)
    comparison = host.compare(example_profile("direct_shop"), AT)
    assert comparison.option("good.help").error is None
    assert all(r.error is None for r in comparison.options)


def test_an_entry_point_without_distribution_is_still_named(make_host, monkeypatch, inline_plugin) -> None:
    ep = FakeEntryPoint("loose", target=inline_plugin(GOOD, name="loose"), dist=None)
    monkeypatch.setattr(manager, "_entry_points", lambda: [ep])
    assert _infos(make_host(autoload=True))["loose"].origin == "entry point"


def test_the_cli_lists_a_failed_plugin(entry_points, capsys) -> None:
    assert main(["plugins", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_name = {p["name"]: p for p in data["plugins"]}
    assert by_name["broken"]["status"] == "failed" and "ontime_broken_dependency" in by_name["broken"]["message"]
    assert by_name["good"]["status"] == "loaded"


# --------------------------------------------------------------------------- blocking


@pytest.mark.parametrize("name", [*BUILTIN_NAMES, "good"])
def test_blocking_by_disabled(name, make_host, entry_points, example_profile) -> None:
    host = make_host(autoload=True, disabled=[name])
    infos = _infos(host)
    assert infos[name].status == "blocked" and "blocked" in infos[name].message
    assert entry_points["good"].loads == (0 if name == "good" else 1)  # a blocked plugin is never imported
    assert all(r.plugin != name for r in host.compare(example_profile("partner"), AT).options)


def test_blocking_by_env_var(make_host, entry_points, monkeypatch, example_profile) -> None:
    monkeypatch.setenv(manager.ENV_DISABLE, " partner, good ,broken")
    host = make_host(autoload=True)
    infos = _infos(host)
    assert {n for n, i in infos.items() if i.status == "blocked"} == {"partner", "good", "broken"}
    assert entry_points["broken"].loads == 0 and entry_points["good"].loads == 0
    ids = [r.option.id for r in host.compare(example_profile("partner"), AT).options]
    assert "partner" not in ids and "good.help" not in ids and "direct_shop.annual" in ids


def test_disabled_and_env_var_add_up(make_host, monkeypatch) -> None:
    monkeypatch.setenv(manager.ENV_DISABLE, "intravision")
    infos = _infos(make_host(disabled=["direct_shop"]))
    assert [n for n, i in infos.items() if i.status == "blocked"] == ["direct_shop", "intravision"]


def test_the_settings_of_a_blocked_plugin_are_not_an_error(make_host) -> None:
    # examples/settings.toml has [intravision]; blocking the plugin must not make it an unknown section
    host = make_host(disabled=["intravision"], settings_path=EXAMPLES / "settings.toml")
    assert _infos(host)["intravision"].status == "blocked"


def test_the_cli_blocks_with_disable_plugin(entry_points, capsys) -> None:
    assert main(["plugins", "--format", "json", "--disable-plugin", "partner", "--disable-plugin", "good"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["blocked"]) == ["good", "partner"]


# --------------------------------------------------------------------------- autoload off, allow-list


@pytest.mark.parametrize(("value", "autoloaded"), [("1", False), ("true", False), ("yes", False),
                                                     ("0", True), ("", True), ("false", True)])
def test_autoload_off_via_env_var(value, autoloaded, make_host, entry_points, monkeypatch) -> None:
    monkeypatch.setenv(manager.ENV_NO_AUTOLOAD, value)
    host = make_host(autoload=None)  # None: the host asks the environment
    infos = _infos(host)
    assert ("good" in infos) is autoloaded and ("broken" in infos) is autoloaded
    assert all(infos[name].status == "loaded" for name in BUILTIN_NAMES)  # built-ins are not autoloaded


def test_autoload_argument_wins_over_env_var(make_host, entry_points, monkeypatch) -> None:
    monkeypatch.setenv(manager.ENV_NO_AUTOLOAD, "1")
    assert "good" in _infos(make_host(autoload=True))


def test_allow_list_env_var(make_host, entry_points, monkeypatch) -> None:
    monkeypatch.setenv(manager.ENV_ALLOW, "good")
    infos = _infos(make_host(autoload=True))
    assert infos["good"].status == "loaded"
    assert infos["broken"].status == "not-allowed" and manager.ENV_ALLOW in infos["broken"].message
    assert entry_points["broken"].loads == 0
    assert all(infos[name].status == "loaded" for name in BUILTIN_NAMES)  # the allow-list is for autoloaded ones


def test_allow_argument(make_host, entry_points) -> None:
    infos = _infos(make_host(autoload=True, allow=["broken"]))
    assert infos["good"].status == "not-allowed" and infos["broken"].status == "failed"


def test_blocked_wins_over_allowed(make_host, entry_points, monkeypatch) -> None:
    monkeypatch.setenv(manager.ENV_ALLOW, "good")
    monkeypatch.setenv(manager.ENV_DISABLE, "good")
    assert _infos(make_host(autoload=True))["good"].status == "blocked"


def test_the_cli_honours_the_env_vars(entry_points, monkeypatch, capsys) -> None:
    monkeypatch.setenv(manager.ENV_NO_AUTOLOAD, "1")
    main(["plugins", "--format", "json"])
    assert [p["name"] for p in json.loads(capsys.readouterr().out)["plugins"]] == BUILTIN_NAMES
    monkeypatch.delenv(manager.ENV_NO_AUTOLOAD)
    monkeypatch.setenv(manager.ENV_ALLOW, "good")
    main(["plugins", "--format", "json"])
    statuses = {p["name"]: p["status"] for p in json.loads(capsys.readouterr().out)["plugins"]}
    assert statuses["good"] == "loaded" and statuses["broken"] == "not-allowed"


def test_a_misspelt_hook_is_refused_and_the_name_stays_free(make_host) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    class Misspelt:
        @hookimpl
        def ontime_prices(self):  # not a hook: ontime_pricing is
            return None

    class HalfGood:
        @hookimpl
        def ontime_options(self):
            return []

        @hookimpl
        def ontime_pricing(self, option, bogus):
            return None

    host = make_host(("misspelt", Misspelt()), ("half", HalfGood()), ("half", HalfGood()))
    infos = {i.name: i for i in host.plugins()}
    assert infos["misspelt"].status == "refused"
    assert infos["misspelt"].message == "plugin 'misspelt': unknown hook ontime_prices (did you mean ontime_pricing?)"
    half = [i for i in host.plugins() if i.name == "half"]
    # both refused for their signature, not the second as a duplicate of a half-registered first
    assert [i.status for i in half] == ["refused", "refused"]
    assert all("expected ontime_pricing(option, profile, settings)" in i.message for i in half)
    assert "\n" not in half[0].message


ALIASED = GOOD + """
_plain_pricing = ontime_pricing   # kept under a second name to wrap it

@hookimpl
def ontime_pricing(option):
    return _plain_pricing()
"""


def test_a_hook_kept_under_another_name_is_not_taken_for_an_unknown_hook(make_host, inline_plugin, example_profile):
    # pluggy registers every marked attribute under its own name: the alias used to get the plugin
    # refused ("unknown hook _plain_pricing"); only ontime_* names (or specname=) are hooks.
    host = make_host(inline_plugin(ALIASED, name="aliased"), builtins=False)
    info = _infos(host)["aliased"]
    assert (info.status, info.message) == ("loaded", None)
    assert info.hooks == ("ontime_eligibility", "ontime_hours", "ontime_options", "ontime_pricing")
    result = host.compare(example_profile("partner"), AT).option("good.help")
    assert result.error is None and result.pricing is not None


def test_specname_still_names_a_hook_and_a_bad_one_is_refused(make_host) -> None:
    from ontime_support.kernel.hookspecs import hookimpl

    class Renamed:
        @hookimpl(specname="ontime_options")
        def declare(self):
            return []

    class Wrong:
        @hookimpl(specname="ontime_prices")
        def price(self):
            return None

    infos = _infos(make_host(("renamed", Renamed()), ("wrong", Wrong()), builtins=False))
    assert infos["renamed"].status == "loaded" and infos["renamed"].hooks == ("ontime_options",)
    assert infos["wrong"].status == "refused" and "ontime_prices" in (infos["wrong"].message or "")


@pytest.mark.parametrize("hook", ["ontime_settings_model", "ontime_options"])
def test_a_load_step_past_the_deadline_says_so(make_host, inline_plugin, hook) -> None:
    # The loader used to report the guard's bare exception: "ontime_options: Timeout:".
    spin = GOOD.replace(f"def {hook}():", f"def {hook}():\n    while True:\n        pass\n") if hook in GOOD else \
        GOOD + f"\n@hookimpl\ndef {hook}():\n    while True:\n        pass\n"
    host = make_host(inline_plugin(spin, name="slowload"), builtins=False, timeout=0.2)
    info = _infos(host)["slowload"]
    assert info.status == "failed"
    assert info.message == f"{hook}: timed out in {hook} after 0.2 s"
    failure = host.compare(_probe(), AT).plugin_failures
    assert [(f.plugin, f.hook, f.message) for f in failure] == [("slowload", hook, f"timed out in {hook} after 0.2 s")]


def test_an_import_past_the_deadline_says_so(monkeypatch) -> None:
    import time

    def load() -> object:
        time.sleep(0.4)
        return object()

    monkeypatch.setattr(manager, "_entry_points", lambda: [FakeEntryPoint("sleepy")])
    monkeypatch.setattr(FakeEntryPoint, "load", lambda self: load())
    host = manager.load_plugins(builtins=False, autoload=True, timeout=0.2)
    info = _infos(host)["sleepy"]
    assert (info.status, info.message) == ("failed", "import failed: timed out in import after 0.2 s")


def _probe():
    from ontime_support.loading import load_profile

    return load_profile(EXAMPLES / "profiles" / "partner.toml")
