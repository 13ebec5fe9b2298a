"""The plugin host: dispatches the hooks to the plugins it is given, each call in isolation.

:func:`ontime_support.loading.plugins.load_plugins` finds, loads and configures the plugins and
hands them over (:meth:`PluginHost.add_plugin`, :meth:`~PluginHost.add_option`). What the host
promises a plugin (call order, the per-(profile, local date) cache, guarded calls, validated
answers, unmodified arguments) is the contract in :mod:`ontime_support.kernel.hookspecs`; how a
comparison flows is in docs/architecture.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pluggy

from ontime_support.guard import LRU, MISSING, Guard, Timeout, ValidatedCache, one_line, restore, snapshot
from ontime_support.guard import validate as validate_attrs

from . import hookspecs
from .models import (_VALID_CLAUSES, Availability, Comparison, Eligibility, EscalationStep, Hours, OptionResult,
                     OptionSpec, PluginError, Pricing, Profile, Reason, Status, Triage)
from .text import Text

DAY_CACHE_SIZE = 256  #: (profile, local date) answers a host keeps
_STATUS_ORDER = {Status.ELIGIBLE: 0, Status.CONDITIONAL: 1, Status.INELIGIBLE: 2}
_EXPECTED = {"ontime_eligibility": Eligibility, "ontime_pricing": Pricing, "ontime_hours": Availability,
             "ontime_triage": Triage}
_CHANGED = ("changed the profile, the triage verdict or the option it was given (hooks must not modify their "
            "arguments); the original was restored")


#: A plugin's hook implementations: hook name -> (function, the parameter names it takes).
Impls = dict[str, tuple[Callable[..., Any], tuple[str, ...]]]


@attrs.define
class _Plugin:
    name: str
    impls: Impls
    settings: Any = None
    section: str | None = None
    suspended: str | None = None  # why the plugin is no longer called


@attrs.define
class _Option:
    spec: OptionSpec  # the host's own copy
    given: OptionSpec  # the copy the plugin is given
    plugin: _Plugin
    snapshot: list[Any] = attrs.field(factory=list)


class PluginHost:
    """Answers :meth:`compare` from the plugins it is given (``loading.plugins.load_plugins`` builds it).

    :param pm: the pluggy manager the plugins are registered with (``ontime_triage`` runs in its order).
    :param timeout: seconds one option's hooks (or one triage call) may take; ``0``: no deadline.
    """

    def __init__(self, pm: pluggy.PluginManager, timeout: float) -> None:
        self._pm = pm
        self._plugins: dict[str, _Plugin] = {}
        self._options: list[_Option] = []
        self._failures: list[PluginError] = []
        self._diagnostics: list[PluginError] = []
        self.guard = Guard(timeout)  #: runs every call into a plugin (the loader's steps too)
        self._days: LRU[_DayAnswers] = LRU(DAY_CACHE_SIZE)  # (profile, local date) -> answers; thread-safe
        self._timeouts: list[PluginError] = []  # one per plugin suspended after a timeout
        self._validated = ValidatedCache(validate)  # answers validated (a memoising plugin's, once)

    def add_plugin(self, name: str, impls: Impls, *, settings: Any = None, section: str | None = None) -> None:
        """Route hooks to ``name`` (registered with the manager, its ``impls`` checked against the specs)."""
        self._plugins[name] = _Plugin(name=name, impls=impls, settings=settings, section=section)

    def add_option(self, spec: OptionSpec, plugin: str) -> None:
        """An option of ``plugin`` (validated, its id unique); its hooks get a copy the host watches."""
        given = attrs.evolve(spec)
        self._options.append(_Option(spec=spec, given=given, plugin=self._plugins[plugin], snapshot=snapshot(given, [])))

    def record(self, error: PluginError, *, printed: bool = False) -> None:
        """A plugin's failure outside one option (e.g. while loading), or what it ``printed`` while loading:
        in every comparison's ``plugin_failures`` (``diagnostics``)."""
        (self._diagnostics if printed else self._failures).append(error)

    def option_specs(self) -> list[OptionSpec]:
        return [option.spec for option in self._options]

    def settings_of(self, plugin_name: str) -> Any:
        return self._plugins[plugin_name].settings

    def plugin_settings(self) -> list[tuple[str, str | None, Any]]:
        """``(plugin, section, settings)`` of every loaded plugin (``present.settings_table`` lists them)."""
        return [(p.name, p.section, p.settings) for p in self._plugins.values()]

    def clear_cache(self) -> None:
        """Forget the cached answers (the conformance kit asks twice to check that a plugin is deterministic)."""
        self._days.clear()
        self._validated.clear()

    def compare(self, profile: Profile, at: dt.datetime) -> Comparison:
        """Every visible option's verdict, price, hours and escalation for ``profile`` at ``at``.

        What the hooks answer may depend on ``at`` only through the customer's local date (hook
        contract), so it is cached per (profile, that date) in a bounded LRU; a call then only
        computes each option's :class:`Hours` at ``at`` from its calendar.
        """
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("at must be timezone-aware")
        key = (profile, at.astimezone(ZoneInfo(profile.customer.timezone)).date())
        day = self._days.get(key)
        if day is MISSING:
            suspended = len(self._timeouts)
            day = self._day(profile, at)
            if suspended == len(self._timeouts):  # a timeout changes later answers: keep nothing from it
                self._days.put(key, day)
        return self._at(day, at)

    def _day(self, profile: Profile, at: dt.datetime) -> _DayAnswers:
        """The hooks' answers for ``profile`` on ``at``'s local date, checking the shared arguments once."""
        pristine = snapshot(profile, []) + [record for option in self._options for record in option.snapshot]
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
        calendars = {id(e.availability.calendar): e.availability.calendar for e in entries if type(e) is _Answers}
        return _DayAnswers(triage=triage, entries=tuple(entries), recommended=recommended, reasons=reasons,
                           calendars=tuple(calendars.values()), failures=tuple(failures),
                           diagnostics=tuple(diagnostics), timezone=profile.customer.timezone), verdict

    def _at(self, day: _DayAnswers, at: dt.datetime) -> Comparison:
        """The comparison at ``at``: each calendar option's hours, computed in one guarded call."""
        calendars = day.calendars
        times, exc = self.guard.attempt(partial(_times_by_id, calendars, at)) if calendars else ({}, None)
        diagnostics, recommended, reasons = day.diagnostics, day.recommended, day.reasons
        if exc is None and not (calendars and self.guard.out):
            results = tuple(e if type(e) is OptionResult else e.result(times) for e in day.entries)  # type: ignore[union-attr]
        else:  # a calendar failed or printed: again one option at a time, to name it
            results, diagnostics = self._one_by_one(day, at)
            recommended, reasons = _recommend(results)
        return Comparison(at=at, options=results, recommended=recommended, recommended_reasons=dict(reasons),
                          triage=day.triage, customer_timezone=day.timezone, diagnostics=diagnostics,
                          plugin_failures=(*day.failures, *self._timeouts))

    def _one_by_one(self, day: _DayAnswers, at: dt.datetime) -> tuple[tuple[OptionResult, ...], tuple[PluginError, ...]]:
        diagnostics, results = list(day.diagnostics), []
        for entry in day.entries:
            if isinstance(entry, _Answers):
                plugin, where = self._plugins[entry.plugin], ["ontime_hours"]
                calendar = entry.availability.calendar
                message, times = self._call(plugin, partial(_times_by_id, (calendar,), at), None, diagnostics, where,
                                            f"option {entry.option.id}")
                entry = entry.result(times) if message is None else _error(entry.option, plugin.name, where[0], message)
            results.append(entry)
        return tuple(results), tuple(diagnostics)

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
            message, answer = self._call(plugin, lambda: self._checked("ontime_triage", impl.function(
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
                if careful is not None and restore(careful):  # name the hook that changed an argument
                    raise ValueError(_CHANGED)
            eligibility, pricing, availability, steps = values
            answers = _Answers(option=option.spec, plugin=plugin.name, eligibility=eligibility, pricing=pricing,
                               availability=availability, escalation=tuple(steps))
            return answers if availability.calendar else answers.result({})  # no calendar: nothing depends on `at`

        message, result = self._call(plugin, work, careful, diagnostics, where, f"option {option.spec.id}")
        return result if message is None else _error(option.spec, plugin.name, where[0], message)

    def _call(self, plugin: _Plugin, work: Callable[[], Any], careful: list[Any] | None,
              diagnostics: list[PluginError], where: list[str], label: str) -> tuple[str | None, Any]:
        """Run ``work`` guarded: ``(None, value)`` or ``(one-line error, None)``."""
        if plugin.suspended:
            return plugin.suspended, None
        value, exc = self.guard.attempt(work)
        message = None if exc is None else one_line(exc)
        if isinstance(exc, Timeout):
            plugin.suspended = f"suspended after a timeout in {where[0]} (deadline {self.guard.timeout:g} s)"
            self._timeouts.append(PluginError(plugin=plugin.name, hook="timeout", message=plugin.suspended))
            self._days.clear()
            message = f"timed out in {where[0]} after {self.guard.timeout:g} s"
        if careful is not None and restore(careful):
            value, message = None, _CHANGED
        if self.guard.out:
            diagnostics.append(PluginError(plugin=plugin.name, hook=label, message=f"printed: {self.guard.out[:200]!r}"))
        return message, value

    def _checked(self, hook: str, result: Any) -> Any:
        """``result`` if it is the hook's type and every validator (nested ones too) passes, else TypeError/ValueError."""
        if hook == "ontime_escalation":
            if not isinstance(result, list | tuple) or not all(type(s) is EscalationStep for s in result):
                raise TypeError(f"returned {result!r:.120}, expected a list of EscalationStep")
            for step in result:
                validate(step)  # the models' fast path: cheaper than remembering steps
        elif type(result) is _EXPECTED[hook]:
            self._validated(result)
        elif result is not None or hook != "ontime_triage":  # a triage plugin may pass (None)
            raise TypeError(f"returned {result!r:.120}, expected {_EXPECTED[hook].__name__}"
                            + (" or None" if hook == "ontime_triage" else ""))
        return result


@attrs.frozen(kw_only=True)
class _Answers:
    """One option's answers for one day whose hours depend on the instant (it has a calendar)."""

    option: OptionSpec
    plugin: str
    eligibility: Eligibility
    pricing: Pricing
    availability: Availability
    escalation: tuple[EscalationStep, ...]
    last: list[tuple[Any, Any]] = attrs.field(factory=lambda: [(None, None)], eq=False)  # [(times, its result)]

    def result(self, times: dict[int, _Times]) -> OptionResult:
        """The result, its hours from what its calendar answered at the instant (``times``, by calendar id)."""
        a, (known, result) = self.availability, self.last[0]
        if (now := times.get(id(a.calendar), _UNKNOWN)) != known:  # the same (e.g. closed all night): the same result
            hours = Hours(timezone=now[0], open_now=None if now[0] is None else now[1] is not None, closes_at=now[1],
                          next_open=now[2], email_handled_from=now[3], channels=a.channels, languages=a.languages,
                          notes=a.notes, calendar=a.calendar)
            result = OptionResult(option=self.option, plugin=self.plugin, eligibility=self.eligibility,
                                  pricing=self.pricing, hours=hours, escalation=self.escalation)
            self.last[0] = now, result  # one assignment: another thread sees the old pair or the new one
        return result  # type: ignore[no-any-return]


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
    calendars: tuple[Any, ...]  # the distinct calendars of the entries, each asked once per instant


def _recommend(results: Iterable[OptionResult | _Answers]) -> tuple[tuple[str, ...], dict[str, tuple[Reason, ...]]]:
    """Usable options (not ineligible, no error) by rank, status, id; and each one's first reason."""
    usable = sorted(((r.eligibility, r.option.id) for r in results
                     if r.eligibility is not None and r.eligibility.status is not Status.INELIGIBLE
                     and getattr(r, "error", None) is None), key=lambda e: (e[0].rank, _STATUS_ORDER[e[0].status], e[1]))
    return tuple(i for _e, i in usable), {i: _rank_reasons(e) for e, i in usable}


def _error(spec: OptionSpec, plugin: str, hook: str, message: str) -> OptionResult:
    return OptionResult(option=spec, plugin=plugin, error=PluginError(plugin=plugin, hook=hook, message=message))


def _fine(item: Any) -> bool:
    """The common case, checked inline: a well-formed Reason or EscalationStep (else run its validators)."""
    if type(item) is Reason:
        return _bilingual(item.text) and item.clause in _VALID_CLAUSES
    return type(item) is EscalationStep and _bilingual(item.to) and _bilingual(item.why) and item.clause in _VALID_CLAUSES


def _bilingual(text: Any) -> bool:
    return type(text) is Text and type(text.en) is str and type(text.ja) is str


def validate(value: Any) -> None:
    """Re-run every validator, nested models too: a value forced past them (``object.__setattr__``) fails here.

    The generic walk is :func:`ontime_support.guard.validate`; the kernel gives it the models' fast path.
    """
    validate_attrs(value, _fine)


#: What a calendar answered at one instant: (zone, closes at, next opening, e-mail handled from).
_Times = tuple[str | None, dt.datetime | None, dt.datetime | None, dt.datetime | None]
_UNKNOWN: _Times = (None, None, None, None)  # no calendar: the hours are not known


def _times_by_id(calendars: Iterable[Any], at: dt.datetime) -> dict[int, _Times]:
    """What each calendar answers at ``at``, by calendar id (options of one provider share theirs)."""
    times = {}
    for c in calendars:
        closes_at, next_open = c.closes_at(at), c.next_open(at)
        times[id(c)] = c.timezone, closes_at, next_open, next_open if closes_at is not None else c.email_handled_from(at)
    return times


def _rank_reasons(eligibility: Eligibility) -> tuple[Reason, ...]:
    return (eligibility.rank_reason,) if eligibility.rank_reason else eligibility.reasons[:1]
