"""The plugin host: loads plugins through pluggy and runs their hooks, each in isolation.

* Built-ins are registered exactly as third-party plugins, then entry points
  (group ``ontime_support``); blocking, autoload and an allow-list come from the
  build options or the ``ONTIME_SUPPORT_*`` variables.
* Every loading step of a plugin (import, hook validation, settings model, its
  settings section, ``resolve()``, ``ontime_options``) may fail alone: the plugin
  is reported (:attr:`PluginInfo.message`, :attr:`Comparison.plugin_failures`).
* Per-option hooks run on the declaring plugin only. ``ontime_triage`` runs in
  pluggy's call order (``get_hookimpls()`` reversed: ``tryfirst``, then LIFO,
  then ``trylast``) one implementation at a time, so one that raises is reported
  and the next still answers (pluggy's own call would abort on the exception).
* Calls are guarded by :class:`ontime_support.guard.Guard` (exceptions, output, deadline); returned
  values are re-validated deeply; the shared arguments are checked after the
  comparison and, if a plugin changed them, restored and the comparison redone
  with a check after every call, to name the culprit.
* The hooks' answers are cached per (profile, customer-local date) (the hook
  contract), a bounded LRU per host; each ``compare`` computes only the hours at
  its instant from the cached calendars (one guarded call).
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import inspect
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

import attrs
import pluggy

from ontime_support.guard import Guard, Timeout, one_line, restore, snapshot

from . import hookspecs
from .errors import InputError
from .models import (_VALID_CLAUSES, Availability, Comparison, Eligibility, EscalationStep, Hours, OptionResult,
                     OptionSpec, PluginError, Pricing, Profile, Reason, Status, Triage)
from .text import Text

ENTRY_POINT_GROUP = "ontime_support"
ENV_DISABLE = "ONTIME_SUPPORT_DISABLE_PLUGINS"
ENV_NO_AUTOLOAD = "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD"
ENV_ALLOW = "ONTIME_SUPPORT_PLUGINS"
ENV_TIMEOUT = "ONTIME_SUPPORT_HOOK_TIMEOUT"
DEFAULT_TIMEOUT = 2.0
DAY_CACHE_SIZE = 256  #: (profile, local date) answers a host keeps
SEEN_SIZE = 4096  #: answers a host remembers as validated
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("triage", "ontime_support.plugins.triage"), ("direct_shop", "ontime_support.plugins.direct_shop"),
    ("partner", "ontime_support.plugins.partner"), ("intravision", "ontime_support.plugins.intravision"))
S = TypeVar("S")
_STATUS_ORDER = {Status.ELIGIBLE: 0, Status.CONDITIONAL: 1, Status.INELIGIBLE: 2}
_EXPECTED = {"ontime_eligibility": Eligibility, "ontime_pricing": Pricing, "ontime_hours": Availability}
_CHANGED = ("changed the profile, the triage verdict or the option it was given (hooks must not modify their "
            "arguments); the original was restored")


class SettingsSource(Protocol):
    """The settings file as the host sees it (``ontime_support.loading.SettingsFile``)."""

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
    status: str  # loaded | blocked | not-allowed | failed | refused
    hooks: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    message: str | None = None
    precedence: tuple[Precedence, ...] = ()


class _Failed(Exception):
    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


@attrs.define
class _Plugin:
    name: str
    impls: dict[str, tuple[Callable[..., Any], tuple[str, ...]]]
    settings: Any = None
    section: str | None = None
    suspended: str | None = None  # why the plugin is no longer called


@attrs.define
class _Option:
    spec: OptionSpec  # the host's own copy
    given: OptionSpec  # the copy the plugin is given
    plugin: _Plugin
    snapshot: list[Any] = attrs.field(factory=list)


def _env_set(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


class PluginHost:
    """Loads the plugins once and answers :meth:`compare`; build it with :meth:`build`."""

    def __init__(self, pm: pluggy.PluginManager, timeout: float) -> None:
        self._pm = pm
        self._infos: list[PluginInfo] = []
        self._plugins: dict[str, _Plugin] = {}
        self._options: list[_Option] = []
        self._failures: list[PluginError] = []
        self._diagnostics: list[PluginError] = []
        self.input_errors: list[InputError] = []  #: errors in the user's settings file (the CLI exits 2)
        self._guard = Guard(timeout)
        self._days: OrderedDict[tuple[Profile, dt.date], _DayAnswers] = OrderedDict()  # LRU, see compare()
        self._suspensions = 0
        self._seen: dict[int, tuple[Any, list[Any] | None]] = {}  # id -> (value, snapshot): answers validated
        self._lock = threading.Lock()

    @classmethod
    def build(cls, *, settings: SettingsSource | None = None, disabled: Iterable[str] = (),
              autoload: bool | None = None, allow: Iterable[str] | None = None, builtins: bool = True,
              extra_plugins: Sequence[tuple[str, object]] = (), timeout: float | None = None) -> PluginHost:
        """Load the plugins and their settings; a plugin's failure is reported, never raised.

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
        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        blocked = set(disabled) | _env_set(ENV_DISABLE)
        for name in blocked:
            pm.set_blocked(name)
        host = cls(pm, float(os.environ.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT) if timeout is None else timeout)
        allowed = set(allow) if allow is not None else (_env_set(ENV_ALLOW) or None)
        if builtins:
            for name, module in BUILTIN_PLUGINS:
                host._register(name, "built-in", _importer(module), blocked)
        if autoload if autoload is not None else os.environ.get(ENV_NO_AUTOLOAD, "").strip().lower() in (
                "", "0", "false", "no"):
            for ep in _entry_points():
                origin = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "entry point"
                if allowed is not None and ep.name not in allowed and ep.name not in blocked:
                    host._infos.append(PluginInfo(name=ep.name, origin=origin, status="not-allowed",
                                                  message=f"not in {ENV_ALLOW}"))
                else:
                    host._register(ep.name, origin, ep.load, blocked)
        for name, plugin in extra_plugins:
            host._register(name, "inline", _constant(plugin), blocked)
        host._configure(settings, blocked)
        return host

    def _register(self, name: str, origin: str, load: Callable[[], object], blocked: set[str]) -> None:
        if name in blocked:
            self._infos.append(PluginInfo(name=name, origin=origin, status="blocked",
                                          message="blocked by --disable-plugin or " + ENV_DISABLE))
            return
        plugin, exc = self._guard.attempt(load)
        if exc is not None:  # a failed import is reported, never fatal
            return self._fail(name, origin, "import", f"import failed: {one_line(exc)}", status="failed")
        try:
            self._pm.register(plugin, name=name)  # pluggy 1.7 validates every impl before changing any state
        except pluggy.PluginValidationError as exc:
            hook = next((h for h in hookspecs.HOOKS if h in str(exc)), None)
            params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters) if hook else ""
            detail = f"hook {hook} does not match the spec; expected {hook}({params}) (or a subset of those " \
                     f"parameters): {exc}" if hook else str(exc)
            return self._fail(name, origin, "register", " ".join(f"plugin {name!r}: {detail}".split()))
        except ValueError as exc:  # the name is taken
            return self._fail(name, origin, "register", str(exc).split("\n", 1)[0])
        callers = self._pm.get_hookcallers(plugin) or []
        impls = [(c.name, i) for c in callers for i in c.get_hookimpls() if i.plugin_name == name]
        problems = [_unknown_hook(c.name) for c in callers if not c.has_spec()]
        problems += [f"{hook} may not be a hook wrapper" for hook, i in impls if i.hookwrapper or i.wrapper]
        if problems:
            self._pm.unregister(name=name)
            return self._fail(name, origin, "register", f"plugin {name!r}: {problems[0]}")
        self._plugins[name] = _Plugin(name=name, impls={h: (i.function, tuple(i.argnames)) for h, i in impls})
        self._infos.append(PluginInfo(name=name, origin=origin, status="loaded", hooks=tuple(sorted(h for h, _ in impls))))

    def _fail(self, name: str, origin: str | None, step: str, message: str, status: str = "refused") -> None:
        """Record a plugin that could not load (``origin`` None: it was registered and fails later)."""
        self._failures.append(PluginError(plugin=name, hook=step, message=message))
        if origin is not None:
            self._infos.append(PluginInfo(name=name, origin=origin, status=status, message=message))
            return
        self._pm.unregister(name=name)
        del self._plugins[name]
        index = next(i for i, info in enumerate(self._infos) if info.name == name and info.status == "loaded")
        self._infos[index] = attrs.evolve(self._infos[index], status="failed", message=f"{step}: {message}")

    def _configure(self, source: SettingsSource | None, blocked: set[str]) -> None:
        known: set[str] = set()
        seen: dict[str, str] = {}
        for plugin in list(self._plugins.values()):
            try:
                specs = self._load(plugin, source, known)
            except _Failed as failed:
                self._fail(plugin.name, None, failed.step, str(failed))
                continue
            for spec in specs:
                if spec.id in seen:
                    self._failures.append(PluginError(plugin=plugin.name, hook="ontime_options", message=(
                        f"option id {spec.id!r} is already declared by plugin {seen[spec.id]!r}; dropped")))
                else:
                    seen[spec.id] = plugin.name
                    given = attrs.evolve(spec)
                    self._options.append(_Option(spec=spec, given=given, plugin=plugin, snapshot=snapshot(given, [])))
        for index, info in enumerate(self._infos):
            self._infos[index] = attrs.evolve(info, options=tuple(o.spec.id for o in self._options if o.plugin.name
                                                                  == info.name), precedence=self._precedence(info.name))
        unknown = (source.sections() if source else set()) - known - blocked
        if unknown and source is not None:
            raise InputError(source.source, sorted(unknown)[0], "unknown section (no loaded plugin has settings by "
                                                                "that name)")

    def _load(self, plugin: _Plugin, source: SettingsSource | None, known: set[str]) -> list[OptionSpec]:
        declared = self._step(plugin, "ontime_settings_model", {})
        if declared is not None:
            if not (isinstance(declared, tuple) and len(declared) == 2 and isinstance(declared[0], str)
                    and isinstance(declared[1], type) and attrs.has(declared[1])):
                raise _Failed("ontime_settings_model", f"returned {declared!r:.120}, expected (section, attrs class)")
            plugin.section, cls = declared
            known.add(declared[0])
            try:
                plugin.settings = source.load(declared[0], cls) if source else cls()
            except InputError as exc:
                self.input_errors.append(exc)
                raise _Failed("settings", str(exc)) from None
            except BaseException as exc:  # noqa: BLE001
                raise _Failed("settings", one_line(exc)) from None
            if hasattr(plugin.settings, "resolve"):
                base = source.base_dir if source else Path.cwd()
                plugin.settings = self._step(plugin, "resolve", {}, lambda: plugin.settings.resolve(base))
        specs = self._step(plugin, "ontime_options", {"settings": plugin.settings})
        if specs is None and "ontime_options" not in plugin.impls:
            return []
        if not isinstance(specs, list | tuple) or not all(type(s) is OptionSpec for s in specs):
            raise _Failed("ontime_options", f"TypeError: returned {specs!r:.120}, expected a list of OptionSpec")
        self._step(plugin, "ontime_options", {}, lambda: list(map(_validate, specs)))
        return list(specs)

    def _step(self, plugin: _Plugin, step: str, kwargs: dict[str, Any], call: Callable[[], Any] | None = None) -> Any:
        if call is None:
            if step not in plugin.impls:
                return None
            function, names = plugin.impls[step]
            call = lambda: function(*[kwargs[n] for n in names])  # noqa: E731
        value, exc = self._guard.attempt(call)
        if self._guard.out:
            self._diagnostics.append(PluginError(plugin=plugin.name, hook=step,
                                                 message=f"printed: {self._guard.out[:200]!r}"))
        if exc is not None:
            raise _Failed(step, one_line(exc))
        return value

    def _precedence(self, name: str) -> tuple[Precedence, ...]:
        return tuple(Precedence(partner_id=own.spec.partner_id, winner=own.spec.id, winner_plugin=own.plugin.name,
                                loser=gen.spec.id, loser_plugin=gen.plugin.name)
                     for own in self._options if own.spec.partner_id not in (None, "*")
                     for gen in self._options if gen.spec.partner_id == "*"
                     and name in (own.plugin.name, gen.plugin.name))

    def plugins(self) -> list[PluginInfo]:
        """Every plugin seen: loaded, blocked, failed, refused or not allowed."""
        return list(self._infos)

    def option_specs(self) -> list[OptionSpec]:
        return [option.spec for option in self._options]

    def settings_of(self, plugin_name: str) -> Any:
        return self._plugins[plugin_name].settings

    def plugin_settings(self) -> list[tuple[str, str | None, Any]]:
        """``(plugin, section, settings)`` of every loaded plugin (``present.settings_table`` lists them)."""
        return [(p.name, p.section, p.settings) for p in self._plugins.values()]

    def clear_cache(self) -> None:
        """Forget the cached answers (the conformance kit asks twice to check that a plugin is deterministic)."""
        with self._lock:
            self._days.clear()
        self._seen.clear()

    def compare(self, profile: Profile, at: dt.datetime) -> Comparison:
        """Every visible option's verdict, price, hours and escalation for ``profile`` at ``at``.

        What the hooks answer may depend on ``at`` only through the customer's local date (hook
        contract), so it is cached per (profile, that date) in a bounded LRU; a call then only
        computes each option's :class:`Hours` at ``at`` from its calendar.
        """
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("at must be timezone-aware")
        key = (profile, at.astimezone(ZoneInfo(profile.customer.timezone)).date())
        with self._lock:  # the TUI may compare from worker threads
            day = self._days.get(key)
            if day is not None:
                self._days.move_to_end(key)
        if day is None:
            suspended = self._suspensions
            day = self._day(profile, at)
            with self._lock:
                if suspended == self._suspensions:  # a timeout changes later answers: keep nothing from it
                    self._days[key] = day
                    while len(self._days) > DAY_CACHE_SIZE:
                        self._days.popitem(last=False)
        return self._at(day, at)

    def _day(self, profile: Profile, at: dt.datetime) -> _DayAnswers:
        """The hooks' answers for ``profile`` on ``at``'s local date, checking the shared arguments once."""
        pristine = snapshot(profile, [])
        for option in self._options:
            pristine += option.snapshot
        day, verdict = self._answers(profile, at, None)
        if restore(pristine) | restore(verdict):  # someone changed an argument: redo, checking after every call
            day, _verdict = self._answers(profile, at, pristine)
        return day

    def _answers(self, profile: Profile, at: dt.datetime, careful: list[Any] | None) -> tuple[_DayAnswers, list[Any]]:
        failures, diagnostics = list(self._failures), list(self._diagnostics)
        triage = self._triage(profile, at, careful, failures, diagnostics)
        verdict = snapshot(triage, []) if triage is not None else []
        careful = None if careful is None else careful + verdict
        entries = [self._evaluate(o, profile, at, triage, careful, diagnostics) for o in self._visible(profile)]
        recommended, reasons = _recommend(entries)
        return _DayAnswers(triage=triage, entries=tuple(entries), recommended=recommended, reasons=reasons,
                           failures=tuple(failures), diagnostics=tuple(diagnostics),
                           timezone=profile.customer.timezone), verdict

    def _at(self, day: _DayAnswers, at: dt.datetime) -> Comparison:
        """The comparison at ``at``: each calendar option's hours, computed in one guarded call."""
        pending = [e for e in day.entries if isinstance(e, _Answers)]
        hours, exc = self._guard.attempt(lambda: [_hours(e.availability, at) for e in pending]) if pending else ([], None)
        diagnostics, recommended, reasons = day.diagnostics, day.recommended, day.reasons
        if exc is None and not (pending and self._guard.out):
            ready = iter(hours)
            results = tuple(e.result(next(ready)) if isinstance(e, _Answers) else e for e in day.entries)
        else:  # a calendar failed or printed: again one option at a time, to name it
            results, diagnostics = self._one_by_one(day, at)
            recommended, reasons = _recommend(results)
        return Comparison(at=at, options=results, recommended=recommended, recommended_reasons=dict(reasons),
                          triage=day.triage, customer_timezone=day.timezone, diagnostics=diagnostics,
                          plugin_failures=(*day.failures, *self._suspended()))

    def _one_by_one(self, day: _DayAnswers, at: dt.datetime) -> tuple[tuple[OptionResult, ...], tuple[PluginError, ...]]:
        diagnostics, results = list(day.diagnostics), []
        for entry in day.entries:
            if isinstance(entry, _Answers):
                plugin, where = self._plugins[entry.plugin], ["ontime_hours"]
                message, hours = self._call(plugin, partial(_hours, entry.availability, at), None, diagnostics, where,
                                            f"option {entry.option.id}")
                entry = entry.result(hours) if message is None else _error(entry.option, plugin.name, where[0], message)
            results.append(entry)
        return tuple(results), tuple(diagnostics)

    def _suspended(self) -> tuple[PluginError, ...]:
        if not self._suspensions:
            return ()
        return tuple(PluginError(plugin=p.name, hook="timeout", message=p.suspended)
                     for p in self._plugins.values() if p.suspended)

    def _visible(self, profile: Profile) -> list[_Option]:
        partner = profile.customer.partner
        own = any(o.spec.partner_id == partner for o in self._options if o.spec.partner_id not in (None, "*"))
        return [o for o in self._options if o.spec.partner_id is None or o.spec.partner_id == partner
                or (o.spec.partner_id == "*" and not own)]

    def _triage(self, profile: Profile, at: dt.datetime, careful: list[Any] | None, failures: list[PluginError],
                diagnostics: list[PluginError]) -> Triage | None:
        if profile.incident is None:
            return None
        for impl in reversed(self._pm.hook.ontime_triage.get_hookimpls()):  # pluggy's own call order
            plugin = self._plugins[impl.plugin_name]
            kwargs = {"profile": profile, "at": at, "settings": plugin.settings}
            message, answer = self._call(plugin, lambda: self._checked_triage(impl.function(
                *[kwargs[n] for n in impl.argnames])), careful, diagnostics, ["ontime_triage"], "ontime_triage")
            if message is not None:
                failures.append(PluginError(plugin=plugin.name, hook="ontime_triage", message=message))
            elif answer is not None:
                return answer  # type: ignore[no-any-return]
        return None

    def _evaluate(self, option: _Option, profile: Profile, at: dt.datetime, triage: Triage | None,
                  careful: list[Any] | None, diagnostics: list[PluginError]) -> OptionResult | _Answers:
        """One option's four answers in one guarded call (an error spoils this option only)."""
        plugin, where = option.plugin, ["ontime_eligibility"]
        kwargs = {"option": option.given, "profile": profile, "at": at, "settings": plugin.settings, "triage": triage}
        checked = self._checked

        def work() -> OptionResult | _Answers:
            values: list[Any] = []
            for hook in hookspecs.OPTION_HOOKS:
                where[0] = hook
                if hook not in plugin.impls:
                    if hook != "ontime_escalation":
                        raise NotImplementedError(f"the plugin does not implement {hook}")
                    values.append(())
                    continue
                function, names = plugin.impls[hook]
                values.append(checked(hook, function(*[kwargs[n] for n in names])))
            eligibility, pricing, availability, steps = values
            if availability.calendar is None:  # nothing depends on the instant: the whole result is ready
                return OptionResult(option=option.spec, plugin=plugin.name, eligibility=eligibility, pricing=pricing,
                                    hours=_hours(availability, at), escalation=tuple(steps))
            return _Answers(option=option.spec, plugin=plugin.name, eligibility=eligibility, pricing=pricing,
                            availability=availability, escalation=tuple(steps))

        message, result = self._call(plugin, work, careful, diagnostics, where, f"option {option.spec.id}")
        return result if message is None else _error(option.spec, plugin.name, where[0], message)

    def _call(self, plugin: _Plugin, work: Callable[[], Any], careful: list[Any] | None,
              diagnostics: list[PluginError], where: list[str], label: str) -> tuple[str | None, Any]:
        """Run ``work`` guarded: ``(None, value)`` or ``(one-line error, None)``."""
        if plugin.suspended:
            return plugin.suspended, None
        value, exc = self._guard.attempt(work)
        message = None if exc is None else one_line(exc)
        if isinstance(exc, Timeout):
            plugin.suspended = f"suspended after a timeout in {where[0]} (deadline {self._guard.timeout:g} s)"
            self._suspensions += 1
            self._days.clear()
            message = f"timed out in {where[0]} after {self._guard.timeout:g} s"
        if careful is not None and restore(careful):
            value, message = None, _CHANGED
        if self._guard.out:
            diagnostics.append(PluginError(plugin=plugin.name, hook=label, message=f"printed: {self._guard.out[:200]!r}"))
        return message, value

    def _checked(self, hook: str, result: Any) -> Any:
        """``result`` if it is the hook's type and every validator (nested ones too) passes, else TypeError/ValueError."""
        if hook == "ontime_escalation":
            if not isinstance(result, list | tuple) or not all(type(s) is EscalationStep for s in result):
                raise TypeError(f"returned {result!r:.120}, expected a list of EscalationStep")
            for step in result:
                _validate(step)
        elif type(result) is not _EXPECTED[hook]:
            raise TypeError(f"returned {result!r:.120}, expected {_EXPECTED[hook].__name__}")
        else:
            self._validated(result)
        return result

    def _checked_triage(self, answer: Any) -> Triage | None:
        if answer is not None:
            if type(answer) is not Triage:
                raise TypeError(f"returned {answer!r:.120}, expected Triage or None")
            self._validated(answer)
        return answer  # type: ignore[no-any-return]

    def _validated(self, value: Any) -> None:
        """:func:`_validate`, skipped for a value returned before (same object) whose snapshot shows no change.

        A plugin memoising its answers returns the same objects for many profiles; a value seen once is
        only remembered, seen twice it is snapshotted, and from then on compared with its snapshot
        (``object.__setattr__`` after it passed is still caught).
        """
        seen = self._seen.get(id(value))
        if seen is None or seen[0] is not value:
            _validate(value)
            if len(self._seen) >= SEEN_SIZE:
                self._seen.clear()
            self._seen[id(value)] = (value, None)
        elif seen[1] is None or any(getter(obj) != values for obj, _names, getter, values in seen[1]):
            _validate(value)
            self._seen[id(value)] = (value, snapshot(value, []))

@attrs.frozen(kw_only=True)
class _Answers:
    """One option's answers for one day whose hours depend on the instant (it has a calendar)."""

    option: OptionSpec
    plugin: str
    eligibility: Eligibility
    pricing: Pricing
    availability: Availability
    escalation: tuple[EscalationStep, ...]

    def result(self, hours: Hours) -> OptionResult:
        return OptionResult(option=self.option, plugin=self.plugin, eligibility=self.eligibility, pricing=self.pricing,
                            hours=hours, escalation=self.escalation)


@attrs.frozen(kw_only=True)
class _DayAnswers:
    """Everything a comparison says that does not depend on the instant (the cached part)."""

    triage: Triage | None
    entries: tuple[OptionResult | _Answers, ...]
    recommended: tuple[str, ...]
    reasons: dict[str, tuple[Reason, ...]]
    failures: tuple[PluginError, ...]
    diagnostics: tuple[PluginError, ...]
    timezone: str


def _recommend(results: Iterable[OptionResult | _Answers]) -> tuple[tuple[str, ...], dict[str, tuple[Reason, ...]]]:
    """Usable options (not ineligible, no error) by rank, status, id; and each one's first reason."""
    usable = sorted(((r.eligibility, r.option.id) for r in results
                     if r.eligibility is not None and r.eligibility.status is not Status.INELIGIBLE
                     and getattr(r, "error", None) is None), key=lambda e: (e[0].rank, _STATUS_ORDER[e[0].status], e[1]))
    return tuple(i for _e, i in usable), {i: _rank_reasons(e) for e, i in usable}


def _error(spec: OptionSpec, plugin: str, hook: str, message: str) -> OptionResult:
    return OptionResult(option=spec, plugin=plugin, error=PluginError(plugin=plugin, hook=hook, message=message))


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


_PLANS: dict[type, tuple[tuple[str, attrs.Attribute[Any], Any, bool], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, attrs.Attribute[Any], Any, bool], ...]:
    """(name, attribute, validator, holds models) per field; a model marks nested fields with ``nested``."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((a.name, a, a.validator, bool(a.metadata.get("nested")))
                                   for a in attrs.fields(cls))
    return plan


def _fine(item: Any) -> bool:
    """The common case, checked inline: a well-formed Reason or EscalationStep (else run its validators)."""
    cls = type(item)
    if cls is Reason:
        t = item.text
        return type(t) is Text and type(t.en) is str and type(t.ja) is str and item.clause in _VALID_CLAUSES
    if cls is EscalationStep:
        t, w = item.to, item.why
        return type(t) is Text and type(w) is Text and type(t.en) is str and type(t.ja) is str \
            and type(w.en) is str and type(w.ja) is str and item.clause in _VALID_CLAUSES
    return False


def _validate(value: Any) -> None:
    """Re-run every validator, nested models too: a value forced past them (``object.__setattr__``) fails here."""
    if _fine(value):
        return
    for name, attribute, validator, nested in _PLANS.get(type(value)) or _plan(type(value)):
        item = getattr(value, name)
        if nested:  # fast path: a tuple of (or one) well-formed reasons or steps
            elements = item if type(item) is tuple else (item,)
            if item is None or all(map(_fine, elements)):
                continue
        if validator is not None:
            validator(value, attribute, item)
        if nested:
            for element in elements:
                _validate(element)


def _hours(availability: Availability, at: dt.datetime) -> Hours:
    a, calendar = availability, availability.calendar
    if calendar is None:
        return Hours(timezone=None, open_now=None, closes_at=None, next_open=None, email_handled_from=None,
                     channels=a.channels, languages=a.languages, notes=a.notes)
    closes_at, next_open = calendar.closes_at(at), calendar.next_open(at)
    return Hours(timezone=calendar.timezone, open_now=closes_at is not None, closes_at=closes_at, next_open=next_open,
                 email_handled_from=next_open if closes_at is not None else calendar.email_handled_from(at),
                 channels=a.channels, languages=a.languages, notes=a.notes, calendar=calendar)


def _rank_reasons(eligibility: Eligibility) -> tuple[Reason, ...]:
    return (eligibility.rank_reason,) if eligibility.rank_reason else eligibility.reasons[:1]
