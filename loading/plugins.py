"""Finding and loading the plugins: the bootstrapping around the kernel's :class:`PluginHost`.

* Built-ins are registered exactly as third-party plugins, then entry points
  (group ``ontime_support``); blocking, autoload and an allow-list come from the
  options of :func:`load_plugins` or the ``ONTIME_SUPPORT_*`` variables.
* Every loading step of a plugin (import, hook validation, settings model, its
  settings section, ``resolve()``, ``ontime_options``) may fail alone: the plugin
  is reported (:attr:`PluginInfo.message`, :attr:`Comparison.plugin_failures`).
* Each step runs under the host's guard (exceptions, output, deadline), as the hooks do.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import attrs
import pluggy

from ontime_support.guard import Timeout, one_line
from ontime_support.kernel import hookspecs
from ontime_support.loading.errors import InputError
from ontime_support.kernel.host import Impls, PluginHost, validate
from ontime_support.kernel.models import OptionSpec, PluginError

ENTRY_POINT_GROUP = "ontime_support"
ENV_DISABLE = "ONTIME_SUPPORT_DISABLE_PLUGINS"
ENV_NO_AUTOLOAD = "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD"
ENV_ALLOW = "ONTIME_SUPPORT_PLUGINS"
ENV_TIMEOUT = "ONTIME_SUPPORT_HOOK_TIMEOUT"
DEFAULT_TIMEOUT = 2.0
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("triage", "ontime_support.plugins.triage"), ("direct_shop", "ontime_support.plugins.direct_shop"),
    ("partner", "ontime_support.plugins.partner"), ("intravision", "ontime_support.plugins.intravision"))
S = TypeVar("S")


class SettingsSource(Protocol):
    """The settings file as the loader sees it (``ontime_support.loading.SettingsFile``)."""

    source: str
    base_dir: Path

    def sections(self) -> set[str]: ...
    def load(self, section: str, cls: type[S]) -> S: ...  # InputError if the section is invalid


@attrs.frozen(kw_only=True)
class Precedence:
    """Option ``winner`` replaces ``loser`` for customers of partner ``partner_id`` (data; renderers word it)."""

    partner_id: str
    winner: str
    winner_plugin: str
    loser: str
    loser_plugin: str


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One line of ``ontime-support plugins``."""

    name: str
    origin: str  # "built-in", "DIST VERSION", "entry point" or "inline"
    status: str  # loaded | blocked | not-allowed | failed | refused | unknown (a blocked name no plugin has)
    hooks: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    message: str | None = None
    precedence: tuple[Precedence, ...] = ()


class LoadedHost(PluginHost):
    """The kernel's host as :func:`load_plugins` built it, with the report of every plugin seen."""

    def __init__(self, pm: pluggy.PluginManager, timeout: float) -> None:
        super().__init__(pm, timeout)
        self.infos: list[PluginInfo] = []
        self.input_errors: list[InputError] = []  #: errors in the user's settings file (the CLI exits 2)

    def plugins(self) -> list[PluginInfo]:
        """Every plugin seen: loaded, blocked, failed, refused or not allowed; and unknown blocked names."""
        return list(self.infos)

    @property
    def warnings(self) -> list[str]:
        """One line each for the user: a name given to block that matches no plugin (a typo, most likely)."""
        return [f"warning: {i.message}" for i in self.infos if i.status == "unknown" and i.message]


class _Manager(pluggy.PluginManager):
    """pluggy's manager, taking hook implementations only from ``ontime_*`` names.

    pluggy registers every attribute that carries the ``@hookimpl`` mark, under the attribute's
    name: a plugin that keeps a decorated hook under a second name (``_pricing = ontime_pricing``,
    to wrap or reuse it) would otherwise be refused for an "unknown hook ``_pricing``".
    A misspelt ``ontime_*`` name is still seen, and refused; so is any name with pluggy's ``specname=``.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        opts = super().parse_hookimpl_opts(plugin, name)
        return opts if opts is None or name.startswith("ontime_") or opts.get("specname") else None


class _Failed(Exception):
    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


def _env_set(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


def load_plugins(*, settings: SettingsSource | None = None, disabled: Iterable[str] = (),
                 autoload: bool | None = None, allow: Iterable[str] | None = None, builtins: bool = True,
                 extra_plugins: Sequence[tuple[str, object]] = (), timeout: float | None = None) -> LoadedHost:
    """Load the plugins and their settings into a host; a plugin's failure is reported, never raised.

    :param settings: the loaded settings file; ``None``: every plugin's defaults.
    :param disabled: plugin names to block, added to ``$ONTIME_SUPPORT_DISABLE_PLUGINS``.
    :param autoload: load entry-point plugins (default: unless ``$ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD``).
    :param allow: only these entry-point plugins (default: ``$ONTIME_SUPPORT_PLUGINS`` if set, else all).
    :param builtins: register the built-in plugins (tests turn this off).
    :param extra_plugins: ``(name, plugin)`` pairs registered last (inline plugins).
    :param timeout: seconds one option's hooks (or one triage call) may take (default
        ``$ONTIME_SUPPORT_HOOK_TIMEOUT`` or 2); ``0``: no deadline.
    :raises InputError: a settings section that no loaded plugin declares.
    """
    pm = _Manager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    disabled = list(disabled)
    blocked = set(disabled) | _env_set(ENV_DISABLE)
    for name in blocked:
        pm.set_blocked(name)
    host = LoadedHost(pm, float(os.environ.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT) if timeout is None else timeout)
    loader = _Loader(host, pm, blocked)
    allowed = set(allow) if allow is not None else (_env_set(ENV_ALLOW) or None)
    if builtins:
        for name, module in BUILTIN_PLUGINS:
            loader.register(name, "built-in", _importer(module))
    entry_points: list[Any] | None = None
    if autoload if autoload is not None else os.environ.get(ENV_NO_AUTOLOAD, "").strip().lower() in (
            "", "0", "false", "no"):
        entry_points = _entry_points()
        for ep in entry_points:
            origin = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "entry point"
            if allowed is not None and ep.name not in allowed and ep.name not in blocked:
                host.infos.append(PluginInfo(name=ep.name, origin=origin, status="not-allowed",
                                             message=f"not in {ENV_ALLOW}"))
            else:
                loader.register(ep.name, origin, ep.load)
    for name, plugin in extra_plugins:
        loader.register(name, "inline", _constant(plugin))
    _report_unknown_blocked(host, disabled, blocked, entry_points)
    loader.configure(settings)
    return host


def _report_unknown_blocked(host: LoadedHost, disabled: list[str], blocked: set[str],
                            entry_points: list[Any] | None) -> None:
    """A blocked name that no plugin has (built-in, entry point or inline) is listed as ``unknown``.

    Entry points are looked up (not loaded) even when autoload is off: blocking
    an installed plugin that is not loaded anyway is no mistake.
    """
    known = {info.name for info in host.infos} | {name for name, _ in BUILTIN_PLUGINS}
    known |= {ep.name for ep in (entry_points if entry_points is not None else _entry_points())}
    for name in sorted(blocked - known):
        where = "--disable-plugin" if name in disabled else f"${ENV_DISABLE}"
        host.infos.append(PluginInfo(name=name, origin=where, status="unknown", message=(
            f"{where} {name}: no plugin by that name (known: {', '.join(sorted(known))})")))


class _Loader:
    """The state of one :func:`load_plugins`: the plugins registered with pluggy, not yet handed to the host."""

    def __init__(self, host: LoadedHost, pm: pluggy.PluginManager, blocked: set[str]) -> None:
        self.host, self.pm, self.blocked = host, pm, blocked
        self.registered: dict[str, Impls] = {}
        self.options: list[tuple[OptionSpec, str]] = []  # (option, declaring plugin), as the host has them

    def register(self, name: str, origin: str, load: Callable[[], object]) -> None:
        infos = self.host.infos
        if name in self.blocked:
            infos.append(PluginInfo(name=name, origin=origin, status="blocked",
                                    message="blocked by --disable-plugin or " + ENV_DISABLE))
            return
        plugin, exc = self.host.guard.attempt(load)
        if exc is not None:  # a failed import is reported, never fatal
            return self.fail(name, origin, "import", f"import failed: {self.problem(exc, 'import')}", status="failed")
        try:
            self.pm.register(plugin, name=name)  # pluggy 1.7 validates every impl before changing any state
        except pluggy.PluginValidationError as exc:
            hook = next((h for h in hookspecs.HOOKS if h in str(exc)), None)
            params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters) if hook else ""
            detail = f"hook {hook} does not match the spec; expected {hook}({params}) (or a subset of those " \
                     f"parameters): {exc}" if hook else str(exc)
            return self.fail(name, origin, "register", " ".join(f"plugin {name!r}: {detail}".split()))
        except ValueError as exc:  # the name is taken
            return self.fail(name, origin, "register", str(exc).split("\n", 1)[0])
        callers = self.pm.get_hookcallers(plugin) or []
        impls = [(c.name, i) for c in callers for i in c.get_hookimpls() if i.plugin_name == name]
        problems = [_unknown_hook(c.name) for c in callers if not c.has_spec()]
        problems += [f"{hook} may not be a hook wrapper" for hook, i in impls if i.hookwrapper or i.wrapper]
        if problems:
            self.pm.unregister(name=name)
            return self.fail(name, origin, "register", f"plugin {name!r}: {problems[0]}")
        self.registered[name] = {h: (i.function, tuple(i.argnames)) for h, i in impls}
        infos.append(PluginInfo(name=name, origin=origin, status="loaded", hooks=tuple(sorted(h for h, _ in impls))))

    def fail(self, name: str, origin: str | None, step: str, message: str, status: str = "refused") -> None:
        """Record a plugin that could not load (``origin`` None: it was registered and fails later)."""
        self.host.record(PluginError(plugin=name, hook=step, message=message))
        infos = self.host.infos
        if origin is not None:
            infos.append(PluginInfo(name=name, origin=origin, status=status, message=message))
            return
        self.pm.unregister(name=name)
        index = next(i for i, info in enumerate(infos) if info.name == name and info.status == "loaded")
        infos[index] = attrs.evolve(infos[index], status="failed", message=f"{step}: {message}")

    def configure(self, source: SettingsSource | None) -> None:
        """Each registered plugin's settings and options; the plugins that pass go to the host."""
        known: set[str] = set()
        seen: dict[str, str] = {}
        for name, impls in self.registered.items():
            try:
                settings, section, specs = self.load(name, impls, source, known)
            except _Failed as failed:
                self.fail(name, None, failed.step, str(failed))
                continue
            self.host.add_plugin(name, impls, settings=settings, section=section)
            for spec in specs:
                if spec.id in seen:
                    self.host.record(PluginError(plugin=name, hook="ontime_options", message=(
                        f"option id {spec.id!r} is already declared by plugin {seen[spec.id]!r}; dropped")))
                else:
                    seen[spec.id] = name
                    self.host.add_option(spec, name)
                    self.options.append((spec, name))
        infos = self.host.infos
        for index, info in enumerate(infos):
            infos[index] = attrs.evolve(info, options=tuple(s.id for s, p in self.options if p == info.name),
                                        precedence=self.precedence(info.name))
        unknown = (source.sections() if source else set()) - known - self.blocked
        if unknown and source is not None:
            raise InputError(source.source, sorted(unknown)[0], "unknown section (no loaded plugin has settings by "
                                                                "that name)")

    def load(self, name: str, impls: Impls, source: SettingsSource | None,
             known: set[str]) -> tuple[Any, str | None, list[OptionSpec]]:
        """``(settings, section, options)`` of one plugin, or :class:`_Failed` naming the step."""
        settings: Any = None
        section: str | None = None
        declared = self.step(name, impls, "ontime_settings_model", {})
        if declared is not None:
            if not (isinstance(declared, tuple) and len(declared) == 2 and isinstance(declared[0], str)
                    and isinstance(declared[1], type) and attrs.has(declared[1])):
                raise _Failed("ontime_settings_model", f"returned {declared!r:.120}, expected (section, attrs class)")
            section, cls = declared
            known.add(section)
            try:
                settings = source.load(section, cls) if source else cls()
            except InputError as exc:
                self.host.input_errors.append(exc)
                raise _Failed("settings", str(exc)) from None
            except BaseException as exc:  # noqa: BLE001
                raise _Failed("settings", one_line(exc)) from None
            if hasattr(settings, "resolve"):
                base, loaded = source.base_dir if source else Path.cwd(), settings
                settings = self.step(name, impls, "resolve", {}, lambda: loaded.resolve(base))
        specs = self.step(name, impls, "ontime_options", {"settings": settings})
        if specs is None and "ontime_options" not in impls:
            return settings, section, []
        if not isinstance(specs, list | tuple) or not all(type(s) is OptionSpec for s in specs):
            raise _Failed("ontime_options", f"TypeError: returned {specs!r:.120}, expected a list of OptionSpec")
        self.step(name, impls, "ontime_options", {}, lambda: list(map(validate, specs)))
        return settings, section, list(specs)

    def step(self, name: str, impls: Impls, step: str, kwargs: dict[str, Any],
             call: Callable[[], Any] | None = None) -> Any:
        if call is None:
            if step not in impls:
                return None
            function, names = impls[step]
            call = lambda: function(*[kwargs[n] for n in names])  # noqa: E731
        guard = self.host.guard
        value, exc = guard.attempt(call)
        if guard.out:
            self.host.record(PluginError(plugin=name, hook=step, message=f"printed: {guard.out[:200]!r}"), printed=True)
        if exc is not None:
            if step == "resolve" and isinstance(exc, InputError):  # a file the settings name (a partner directory)
                self.host.input_errors.append(exc)  # is the user's input: the CLI exits 2 on it
            raise _Failed(step, self.problem(exc, step))
        return value

    def problem(self, exc: BaseException, step: str) -> str:
        """What a loading step raised, on one line (a timeout says where and after how long)."""
        if isinstance(exc, Timeout):
            return f"timed out in {step} after {self.host.guard.timeout:g} s"
        return one_line(exc)

    def precedence(self, name: str) -> tuple[Precedence, ...]:
        return tuple(Precedence(partner_id=own.partner_id, winner=own.id, winner_plugin=own_plugin,
                                loser=gen.id, loser_plugin=gen_plugin)
                     for own, own_plugin in self.options if own.partner_id not in (None, "*")
                     for gen, gen_plugin in self.options if gen.partner_id == "*"
                     and name in (own_plugin, gen_plugin))


def _importer(module: str) -> Callable[[], object]:
    return lambda: importlib.import_module(module)


def _constant(plugin: object) -> Callable[[], object]:
    return lambda: plugin


def _unknown_hook(name: str) -> str:
    close = difflib.get_close_matches(name, hookspecs.HOOKS, n=1)
    return f"unknown hook {name}" + (f" (did you mean {close[0]}?)" if close else "")


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
