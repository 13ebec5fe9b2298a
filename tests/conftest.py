"""Shared fixtures: build plugin hosts with chosen plugins, load example profiles, write inline plugins.

* ``make_host(*plugins, builtins=True, disabled=())`` builds a
  :class:`~ontime_support.loading.plugins.LoadedHost` with autoloading off, so
  plugins installed in the environment never leak into a test.
* ``example_profile("partner")`` loads ``examples/profiles/partner.toml``.
* ``inline_plugin(...)`` makes a plugin module from source text or from
  functions, tox 4 style (``toxfile.py`` inline plugins): no package, no
  entry point, registered through ``make_host``.
* ``example_partner_plugin`` is the EXAMPLE partner plugin
  (``examples/partner-plugin``) imported from its source folder.

Every test starts with the ``ONTIME_SUPPORT_*`` plugin, settings and size variables
unset (tests set them with ``monkeypatch``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import sys
import textwrap
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from ontime_support.loading import plugins as manager
from ontime_support.kernel.hookspecs import PROJECT, hookimpl
from ontime_support.loading import ENV_SETTINGS, build_host, load_profile
from ontime_support.loading.limits import ENV_MAX_FILE_BYTES
from ontime_support.kernel.models import Profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE_PLUGIN_SRC = EXAMPLES / "partner-plugin" / "src"
#: A Friday 10:00 in Tokyo: every built-in provider has a definite answer.
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")

_PLUGIN_ENV = (manager.ENV_DISABLE, manager.ENV_NO_AUTOLOAD, manager.ENV_ALLOW, ENV_SETTINGS, ENV_MAX_FILE_BYTES)

_INLINE_HEADER = """\
from __future__ import annotations

import datetime as dt

from ontime_support.kernel.hookspecs import hookimpl
from ontime_support.kernel.models import (
    Availability, Eligibility, EscalationStep, Matter, OptionSpec, Pricing, Profile, Reason, Status, Triage,
)
from ontime_support.sdk.calendar import BusinessCalendar
from ontime_support.sdk.settings import build_calendar, setting
from ontime_support.kernel.text import T
"""


@pytest.fixture(autouse=True)
def _clean_plugin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _PLUGIN_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def no_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the built-in plugins: entry-point plugins installed here are not loaded (CLI tests)."""
    monkeypatch.setenv(manager.ENV_NO_AUTOLOAD, "1")


PluginArg = Any  # a module/object, or a (name, plugin) pair


def _named(plugins: Iterable[PluginArg]) -> list[tuple[str, object]]:
    from ontime_support.testing import plugin_name

    named = []
    for plugin in plugins:
        if isinstance(plugin, tuple):
            named.append(plugin)
        else:
            named.append((plugin_name(plugin), plugin))
    return named


@pytest.fixture
def make_host() -> Callable[..., manager.LoadedHost]:
    """``make_host(*plugins, builtins=True, disabled=(), **build_kwargs)`` -> PluginHost.

    ``plugins`` are modules/objects (named after the module's last dotted
    part) or ``(name, plugin)`` pairs, registered after the built-ins.
    Autoloading is off unless ``autoload=True`` is passed.
    """

    def make(*plugins: PluginArg, builtins: bool = True, disabled: Iterable[str] = (),
             autoload: bool = False, **kwargs: Any) -> manager.LoadedHost:
        return build_host(builtins=builtins, disabled=tuple(disabled), autoload=autoload,
                                        extra_plugins=_named(plugins), **kwargs)

    return make


@pytest.fixture
def example_profile() -> Callable[[str], Profile]:
    """``example_profile("partner")`` -> the Profile in ``examples/profiles/partner.toml``."""

    def load(name: str) -> Profile:
        return load_profile(EXAMPLES / "profiles" / f"{name}.toml")

    return load


_counter = itertools.count()


@pytest.fixture
def inline_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., types.ModuleType]:
    """Make a plugin module inline, tox 4 style.

    ``inline_plugin('''@hookimpl\\ndef ontime_options(): ...''', name="fake")``
    writes the (dedented) source, after the usual imports (``hookimpl``, the
    models, ``T``, ``dt``, ``build_calendar``, ``setting``), to a module in
    ``tmp_path`` and imports it, so tracebacks show the plugin's lines.

    ``inline_plugin(name="fake", ontime_options=func, ...)`` builds the module
    from functions instead; each is marked with ``@hookimpl`` unless already.

    The module's ``__name__`` is ``name``, so ``make_host(module)`` registers
    it under that name.
    """
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(source: str | None = None, /, name: str = "inline", **hooks: Callable[..., Any]) -> types.ModuleType:
        if source is not None:
            module_name = f"_ontime_inline_{next(_counter)}_{name}"
            (tmp_path / f"{module_name}.py").write_text(_INLINE_HEADER + "\n" + textwrap.dedent(source),
                                                        encoding="utf-8")
            importlib.invalidate_caches()
            module = importlib.import_module(module_name)
            sys.modules.pop(module_name, None)  # unique name; keep sys.modules clean
        else:
            module = types.ModuleType(name)
        module.__name__ = name
        for hook_name, function in hooks.items():
            if not hasattr(function, f"{PROJECT}_impl"):
                function = hookimpl(function)
            setattr(module, hook_name, function)
        return module

    return make


@pytest.fixture
def example_partner_plugin(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The EXAMPLE partner plugin module, imported from ``examples/partner-plugin/src``."""
    try:
        import ontime_example_partner  # installed (e.g. in the integration venv)
    except ImportError:
        monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN_SRC))
        import ontime_example_partner
    return ontime_example_partner


@pytest.fixture
def at() -> dt.datetime:
    return AT
