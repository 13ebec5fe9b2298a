"""The plugin host: a typed facade over pluggy's PluginManager.

Nothing outside this module touches ``pm.hook``. The host

* registers the built-in plugins exactly as third-party ones (by name, through
  the same code path), then the ``ontime_support`` entry points;
* honours blocking (``--disable-plugin NAME`` / ``ONTIME_SUPPORT_DISABLE_PLUGINS``),
  turning autoloading off (``ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD``) and an
  allow-list for autoloaded plugins (``ONTIME_SUPPORT_PLUGINS``);
* reports a plugin that fails to import, or whose hooks do not match the
  specs, by name, and loads everything else;
* calls each option's hooks on the plugin that declared it, one plugin at a
  time, so a plugin that raises or returns garbage spoils only its own options.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import attrs
import pluggy

from . import hookspecs
from .errors import InputError
from .models import (
    Availability,
    Comparison,
    Eligibility,
    EscalationStep,
    Hours,
    OptionResult,
    OptionSpec,
    PluginError,
    Pricing,
    Profile,
    Reason,
    Status,
    Triage,
)
from .text import T

ENTRY_POINT_GROUP = "ontime_support"
ENV_DISABLE = "ONTIME_SUPPORT_DISABLE_PLUGINS"
ENV_NO_AUTOLOAD = "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD"
ENV_ALLOW = "ONTIME_SUPPORT_PLUGINS"

S = TypeVar("S")


class SettingsSource(Protocol):
    """The settings file as the host sees it (``ontime_support.loading.SettingsFile``)."""

    source: str  #: name used in error messages (the file name)
    base_dir: Path  #: where relative paths inside the settings are resolved

    def sections(self) -> set[str]:
        """The table names present in the file."""

    def load(self, section: str, cls: type[S]) -> S:
        """Build ``cls`` from table ``section`` (defaults when absent); :class:`InputError` if invalid."""

#: The built-in plugins, registered like any other (datasette's DEFAULT_PLUGINS).
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("triage", "ontime_support.plugins.triage"),
    ("direct_shop", "ontime_support.plugins.direct_shop"),
    ("partner", "ontime_support.plugins.partner"),
    ("intravision", "ontime_support.plugins.intravision"),
)

_STATUS_ORDER = {Status.ELIGIBLE: 0, Status.CONDITIONAL: 1, Status.INELIGIBLE: 2}
_EXPECTED = {
    "ontime_eligibility": Eligibility,
    "ontime_pricing": Pricing,
    "ontime_hours": Availability,
}


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One line of ``ontime-support plugins``."""

    name: str
    origin: str  # "built-in", "DIST VERSION", or "inline"
    status: str  # loaded | blocked | not-allowed | failed | refused
    hooks: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    message: str | None = None
    precedence: tuple[str, ...] = ()


@attrs.frozen
class _Impl:
    function: Callable[..., Any]
    argnames: tuple[str, ...]

    def call(self, kwargs: Mapping[str, Any]) -> Any:
        return self.function(*[kwargs[name] for name in self.argnames])


@attrs.frozen(kw_only=True)
class _Plugin:
    name: str
    settings: Any
    section: str | None
    impls: dict[str, _Impl]


def _split_env(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _hook_names() -> list[str]:
    return sorted(n for n in dir(hookspecs) if n.startswith("ontime_") and callable(getattr(hookspecs, n)))


def _signature(hook_name: str) -> str:
    spec = getattr(hookspecs, hook_name)
    params = ", ".join(inspect.signature(spec).parameters)
    return f"{hook_name}({params})"


class PluginHost:
    """Loads the plugins once and answers ``compare``; build it with :meth:`build`."""

    def __init__(self, pm: pluggy.PluginManager, infos: list[PluginInfo]) -> None:
        self._pm = pm
        self._infos = infos
        self._plugins: dict[str, _Plugin] = {}
        self._options: list[tuple[OptionSpec, _Plugin]] = []
        self._option_errors: list[OptionResult] = []
        self._triage_impls: list[tuple[_Plugin, _Impl]] = []

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        *,
        settings: SettingsSource | None = None,
        disabled: Iterable[str] = (),
        autoload: bool | None = None,
        allow: Iterable[str] | None = None,
        builtins: bool = True,
        extra_plugins: Sequence[tuple[str, object]] = (),
    ) -> PluginHost:
        """Load the plugins and the settings.

        :param settings: the loaded settings file (``ontime_support.loading.load_settings``);
            ``None``: every plugin's defaults.
        :param disabled: plugin names to block, added to ``$ONTIME_SUPPORT_DISABLE_PLUGINS``.
        :param autoload: load entry-point plugins; default: unless
            ``$ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD`` is set.
        :param allow: only these entry-point plugins are loaded (default:
            ``$ONTIME_SUPPORT_PLUGINS`` if set, else all).
        :param builtins: register the built-in plugins (tests turn this off).
        :param extra_plugins: ``(name, plugin)`` pairs registered last (inline
            plugins for tests and embedding).
        :raises InputError: a settings section that no loaded plugin declares.
        """
        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        blocked = set(disabled) | _split_env(ENV_DISABLE)
        for name in blocked:
            pm.set_blocked(name)
        if autoload is None:
            autoload = not _env_flag(ENV_NO_AUTOLOAD)
        allowed = set(allow) if allow is not None else (_split_env(ENV_ALLOW) or None)

        infos: list[PluginInfo] = []
        host = cls(pm, infos)
        if builtins:
            for name, module_name in BUILTIN_PLUGINS:
                host._register(name, "built-in", lambda m=module_name: importlib.import_module(m), blocked)
        if autoload:
            for ep in _entry_points():
                origin = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "entry point"
                if allowed is not None and ep.name not in allowed and ep.name not in blocked:
                    infos.append(PluginInfo(name=ep.name, origin=origin, status="not-allowed",
                                            message=f"not in {ENV_ALLOW}"))
                    continue
                host._register(ep.name, origin, ep.load, blocked)
        for name, plugin in extra_plugins:
            host._register(name, "inline", lambda p=plugin: p, blocked)

        host._configure(settings, blocked)
        return host

    def _register(self, name: str, origin: str, load: Callable[[], object], blocked: set[str]) -> None:
        if name in blocked:
            self._infos.append(PluginInfo(name=name, origin=origin, status="blocked",
                                          message="blocked by --disable-plugin or " + ENV_DISABLE))
            return
        try:
            plugin = load()
        except Exception as exc:  # noqa: BLE001 - any import failure is reported, never fatal
            self._infos.append(PluginInfo(name=name, origin=origin, status="failed",
                                          message=f"import failed: {type(exc).__name__}: {exc}"))
            return
        try:
            self._pm.register(plugin, name=name)
            unknown = [caller.name for caller in self._pm.get_hookcallers(plugin) or () if caller.spec is None]
            if unknown:
                raise pluggy.PluginValidationError(
                    plugin, f"unknown hook {unknown[0]} (known: {', '.join(_hook_names())})")
        except pluggy.PluginValidationError as exc:
            self._forget(name)  # pluggy keeps what it registered before the bad hook
            self._infos.append(PluginInfo(name=name, origin=origin, status="refused",
                                          message=" ".join(self._explain_mismatch(name, plugin, exc).split())))
            return
        except ValueError as exc:  # duplicate name
            self._infos.append(PluginInfo(name=name, origin=origin, status="refused", message=str(exc)))
            return
        hooks = tuple(sorted(h.name for h in self._pm.get_hookcallers(plugin) or ()))
        self._infos.append(PluginInfo(name=name, origin=origin, status="loaded", hooks=hooks))

    def _forget(self, name: str) -> None:
        plugin = self._pm.get_plugin(name)
        try:
            if plugin is not None:
                self._pm.unregister(plugin=plugin, name=name)
        except Exception:  # noqa: BLE001 - best effort on a half-registered plugin
            pass
        self._pm._name2plugin.pop(name, None)  # pluggy has no public call for a half-registered name

    @staticmethod
    def _explain_mismatch(name: str, plugin: object, exc: pluggy.PluginValidationError) -> str:
        for attr in dir(plugin):
            if attr.startswith("ontime_") and attr in str(exc):
                if hasattr(hookspecs, attr):
                    return (f"plugin {name!r}: hook {attr} does not match the spec; "
                            f"expected {_signature(attr)} (or a subset of those parameters): {exc}")
                return f"plugin {name!r}: {attr} is not a known hook: {exc}"
        return f"plugin {name!r}: {exc}"

    def _impls_of(self, plugin_name: str) -> dict[str, _Impl]:
        impls: dict[str, _Impl] = {}
        plugin = self._pm.get_plugin(plugin_name)
        for caller in self._pm.get_hookcallers(plugin) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin_name == plugin_name:
                    impls[caller.name] = _Impl(impl.function, tuple(impl.argnames))
        return impls

    def _configure(self, source: SettingsSource | None, blocked: set[str]) -> None:
        known_sections: set[str] = set()
        seen_ids: dict[str, str] = {}
        for info_index, info in enumerate(list(self._infos)):
            if info.status != "loaded":
                continue
            impls = self._impls_of(info.name)
            settings: Any = None
            section = None
            settings_impl = impls.get("ontime_settings_model")
            if settings_impl is not None:
                try:
                    declared = settings_impl.call({})
                except Exception as exc:  # noqa: BLE001
                    self._fail_plugin(info_index, "ontime_settings_model", exc)
                    continue
                if declared is not None:
                    section, settings_cls = declared
                    known_sections.add(section)
                    settings = source.load(section, settings_cls) if source else settings_cls()
                    resolve = getattr(settings, "resolve", None)
                    if resolve is not None:
                        settings = resolve(source.base_dir if source else Path.cwd())
            plugin = _Plugin(name=info.name, settings=settings, section=section, impls=impls)
            self._plugins[info.name] = plugin
            if "ontime_triage" in impls:
                self._triage_impls.append((plugin, impls["ontime_triage"]))
            options_impl = impls.get("ontime_options")
            if options_impl is None:
                continue
            try:
                declared_options = options_impl.call({"settings": settings})
                if not isinstance(declared_options, list | tuple) or not all(
                    isinstance(o, OptionSpec) for o in declared_options
                ):
                    raise TypeError(f"returned {declared_options!r}, expected a list of OptionSpec")
            except Exception as exc:  # noqa: BLE001
                self._fail_plugin(info_index, "ontime_options", exc)
                continue
            ids = []
            for spec in declared_options:
                if spec.id in seen_ids:
                    self._option_errors.append(_error_result(
                        spec, info.name, "ontime_options",
                        f"option id {spec.id!r} is already declared by plugin {seen_ids[spec.id]!r}"))
                    continue
                seen_ids[spec.id] = info.name
                self._options.append((spec, plugin))
                ids.append(spec.id)
            self._infos[info_index] = attrs.evolve(info, options=tuple(ids))
        unknown = (source.sections() if source else set()) - known_sections - blocked
        if unknown and source is not None:
            raise InputError(source.source, sorted(unknown)[0],
                             "unknown section (no loaded plugin has settings by that name)")
        self._triage_impls.reverse()  # pluggy order: registered last, asked first
        self._describe_precedence()

    def _fail_plugin(self, info_index: int, hook: str, exc: BaseException) -> None:
        info = self._infos[info_index]
        message = f"{type(exc).__name__}: {exc}"
        self._infos[info_index] = attrs.evolve(info, status="failed", message=f"{hook}: {message}")
        self._option_errors.append(_error_result(_plugin_spec(info.name), info.name, hook, message))

    def _describe_precedence(self) -> None:
        generic = [(s, p) for s, p in self._options if s.partner_id == "*"]
        specific = [(s, p) for s, p in self._options if s.partner_id not in (None, "*")]
        if not generic or not specific:
            return
        for index, info in enumerate(self._infos):
            notes = []
            for spec, plugin in specific:
                for gspec, gplugin in generic:
                    if info.name == plugin.name:
                        notes.append(f"option {spec.id!r} wins over {gspec.id!r} ({gplugin.name}) for customers "
                                     f"of partner {spec.partner_id!r}: a partner's own plugin takes precedence "
                                     "over the generic partner directory")
                    elif info.name == gplugin.name:
                        notes.append(f"option {gspec.id!r} gives way to {spec.id!r} ({plugin.name}) for customers "
                                     f"of partner {spec.partner_id!r}")
            if notes:
                self._infos[index] = attrs.evolve(info, precedence=tuple(notes))

    # ------------------------------------------------------------------ queries

    def plugins(self) -> list[PluginInfo]:
        """Every plugin seen: loaded, blocked, failed, refused or not allowed."""
        return list(self._infos)

    def option_specs(self) -> list[OptionSpec]:
        return [spec for spec, _plugin in self._options]

    def settings_of(self, plugin_name: str) -> Any:
        return self._plugins[plugin_name].settings

    def settings_table(self) -> list[dict[str, Any]]:
        """Every documented setting of every loaded plugin: value in force, default, clause, help."""
        rows = []
        for name, plugin in self._plugins.items():
            if plugin.settings is None:
                continue
            for row in describe(type(plugin.settings)):
                rows.append({"plugin": name, "section": plugin.section, **row,
                             "value": getattr(plugin.settings, row["name"])})
        return rows

    def compare(self, profile: Profile, at: dt.datetime) -> Comparison:
        """Every option's verdict, price, hours and escalation for ``profile`` at ``at``."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("at must be timezone-aware")
        triage, triage_errors = self._triage(profile, at)
        results: list[OptionResult] = []
        for spec, plugin in self._visible_options(profile):
            results.append(self._evaluate(spec, plugin, profile, at, triage))
        results.extend(self._option_errors)
        results.extend(triage_errors)
        return Comparison(
            at=at,
            options=tuple(results),
            recommended=tuple(r.option.id for r in _recommended(results)),
            recommended_reasons={r.option.id: _rank_reasons(r) for r in _recommended(results)},
            triage=triage,
            customer_timezone=profile.customer.timezone,
        )

    def _visible_options(self, profile: Profile) -> list[tuple[OptionSpec, _Plugin]]:
        partner = profile.customer.partner
        own = any(spec.partner_id == partner for spec, _ in self._options if spec.partner_id not in (None, "*"))
        visible = []
        for spec, plugin in self._options:
            if spec.partner_id is None:
                visible.append((spec, plugin))
            elif spec.partner_id == "*":
                if not own:
                    visible.append((spec, plugin))
            elif spec.partner_id == partner:
                visible.append((spec, plugin))
        return visible

    def _triage(self, profile: Profile, at: dt.datetime) -> tuple[Triage | None, list[OptionResult]]:
        if profile.incident is None:
            return None, []
        errors: list[OptionResult] = []
        for plugin, impl in self._triage_impls:
            try:
                answer = impl.call({"profile": profile, "at": at, "settings": plugin.settings})
                if answer is None:
                    continue
                if not isinstance(answer, Triage):
                    raise TypeError(f"returned {answer!r}, expected Triage or None")
                return answer, errors
            except Exception as exc:  # noqa: BLE001
                errors.append(_error_result(_plugin_spec(plugin.name), plugin.name, "ontime_triage",
                                            f"{type(exc).__name__}: {exc}"))
        return None, errors

    def _evaluate(self, spec: OptionSpec, plugin: _Plugin, profile: Profile, at: dt.datetime,
                  triage: Triage | None) -> OptionResult:
        kwargs = {"option": spec, "profile": profile, "at": at, "settings": plugin.settings, "triage": triage}
        impls = plugin.impls
        hook = "ontime_eligibility"
        try:
            eligibility = _checked(impls, hook, kwargs)
            hook = "ontime_pricing"
            pricing = _checked(impls, hook, kwargs)
            hook = "ontime_hours"
            availability = _checked(impls, hook, kwargs)
            hours = _hours(availability, at)
            hook = "ontime_escalation"
            escalation = _escalation(impls, kwargs)
        except Exception as exc:  # noqa: BLE001 - isolation: the option shows the error
            return _error_result(spec, plugin.name, hook, f"{type(exc).__name__}: {exc}")
        return OptionResult(option=spec, plugin=plugin.name, eligibility=eligibility,
                            pricing=pricing, hours=hours, escalation=escalation)


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _plugin_spec(name: str) -> OptionSpec:
    """A stand-in option for a plugin whose failure is not tied to one of its options."""
    return OptionSpec(id=_safe_id(name), provider=name, title=T(f"Plugin {name}", f"プラグイン {name}"))


def _safe_id(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in name.lower()) or "plugin"


def _error_result(spec: OptionSpec, plugin: str, hook: str, message: str) -> OptionResult:
    return OptionResult(option=spec, plugin=plugin, error=PluginError(plugin=plugin, hook=hook, message=message))


def _checked(impls: dict[str, _Impl], hook: str, kwargs: Mapping[str, Any]) -> Any:
    impl = impls.get(hook)
    if impl is None:
        raise NotImplementedError(f"the plugin does not implement {hook}")
    result = impl.call(kwargs)
    expected = _EXPECTED[hook]
    if type(result) is not expected and not isinstance(result, expected):
        raise TypeError(f"returned {result!r:.120}, expected {expected.__name__}")
    _revalidate(result)  # a value forced past the validators spoils this option, not the comparison
    return result


_VALIDATORS: dict[type, tuple[tuple[attrs.Attribute, Any], ...]] = {}


def _revalidate(instance: Any) -> None:
    """``attrs.validate`` with the per-class field list computed once (it is on the hot path)."""
    cls = type(instance)
    checks = _VALIDATORS.get(cls)
    if checks is None:
        checks = _VALIDATORS[cls] = tuple((a, a.validator) for a in attrs.fields(cls) if a.validator is not None)
    for attribute, validator in checks:
        validator(instance, attribute, getattr(instance, attribute.name))


def _escalation(impls: dict[str, _Impl], kwargs: Mapping[str, Any]) -> tuple[EscalationStep, ...]:
    impl = impls.get("ontime_escalation")
    if impl is None:
        return ()
    steps = impl.call(kwargs)
    if not isinstance(steps, list | tuple) or not all(isinstance(s, EscalationStep) for s in steps):
        raise TypeError(f"returned {steps!r:.120}, expected a list of EscalationStep")
    for step in steps:
        _revalidate(step)
    return tuple(steps)


def _hours(availability: Availability, at: dt.datetime) -> Hours:
    calendar = availability.calendar
    if calendar is None:
        return Hours(timezone=None, open_now=None, closes_at=None, next_open=None, email_handled_from=None,
                     channels=availability.channels, languages=availability.languages,
                     notes=availability.notes)
    closes_at = calendar.closes_at(at)
    next_open = calendar.next_open(at)
    return Hours(
        timezone=calendar.timezone,
        open_now=closes_at is not None,
        closes_at=closes_at,
        next_open=next_open,
        email_handled_from=next_open if closes_at is not None else calendar.email_handled_from(at),
        channels=availability.channels,
        languages=availability.languages,
        notes=availability.notes,
        calendar=calendar,
    )


def _recommended(results: Iterable[OptionResult]) -> list[OptionResult]:
    usable = [r for r in results if r.error is None and r.eligibility is not None
              and r.eligibility.status is not Status.INELIGIBLE]
    # The plugins' ranks carry the policy's order (e.g. PTN-4: partner first);
    # the status only breaks ties, so a conditional first contact stays first.
    return sorted(usable, key=lambda r: (r.eligibility.rank, _STATUS_ORDER[r.eligibility.status],  # type: ignore[union-attr]
                                         r.option.id))


def _rank_reasons(result: OptionResult) -> tuple[Reason, ...]:
    eligibility = result.eligibility
    assert eligibility is not None
    return (eligibility.rank_reason,) if eligibility.rank_reason else eligibility.reasons[:1]


def describe(cls: type) -> list[dict[str, Any]]:
    """One entry per documented setting (an attrs field with a ``clause`` in its metadata)."""
    return [{"name": f.name, "default": f.default, "clause": f.metadata["clause"], "help": f.metadata["help"]}
            for f in attrs.fields(cls) if "clause" in f.metadata]
