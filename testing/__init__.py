"""Conformance kit for ontime-support plugins (shipped with the package).

A plugin author checks a plugin in one line::

    from ontime_support.testing import check_plugin
    assert check_plugin(my_plugin_module) == []

or gets one pytest test per rule by subclassing :class:`PluginConformance`::

    from ontime_support.testing import PluginConformance
    import my_plugin

    class TestMyPlugin(PluginConformance):
        plugin = my_plugin

The kit registers the plugin without the other providers, exactly like the application does
(``load_plugins(builtins=False, autoload=False, extra_plugins=[(name,
plugin)])``), the built-in ``triage`` plugin beside it unless it triages itself (so that
``ontime_escalation`` is asked with real verdicts), and checks that

* its hooks match the specs (pluggy validation) and every ``ontime_*`` hook it
  implements is a known hook, decorated with ``@hookimpl`` (an undecorated function
  named like a hook, or nearly so, is never called);
* the options it declares are :class:`~ontime_support.kernel.models.OptionSpec`
  with unique ids, and it implements the per-option hooks they need;
* ``compare`` shows no ``error`` for its options, over the example profiles
  shipped in ``ontime_support.examples`` (``examples/profiles/*.toml``) (plus, for a partner's
  own options, each profile turned into a customer of that partner) and at a
  few instants (business hours, a weekend night, New Year, a DST change);
* what the models' validators cannot check (types, integer yen, statuses,
  channels, texts and clause id syntax are refused by the models and re-checked
  by the host, so they arrive as option errors): every clause cited is in the
  plugin's ``CLAUSES`` (when it declares one); a triage verdict gives reasons;
  the hours agree with the calendar (open now: it closes later; closed: the
  next opening is later and open; e-mail is not handled in the past; openings
  are aware, non-empty intervals) and the calendar is a ``BusinessCalendar``;
* the plugin prints nothing, and its answers are deterministic.

:func:`clear_memos` forgets every answer cached with ``sdk.memo``: compare a
memoised hook with a fresh computation after changing one field the answer
depends on (a key that leaves the field out fails such a test).

:func:`ontime_support.testing.strategies.profiles` is a hypothesis strategy
for random valid profiles (hypothesis is a test extra, imported lazily);
:class:`PluginConformance` runs the checks over it too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import importlib
import inspect
import re
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ontime_support.kernel import hookspecs
from ontime_support.loading.errors import InputError
from ontime_support.loading import build_host as _build_host
from ontime_support.loading import load_profile, profile_from_data
from ontime_support.kernel.hookspecs import OPTION_HOOKS
from ontime_support.kernel.host import PluginHost
from ontime_support.loading.plugins import BUILTIN_PLUGINS, LoadedHost
from ontime_support.sdk.memo import clear_memos
from ontime_support.kernel.models import (
    Comparison,
    EscalationStep,
    Hours,
    OptionResult,
    Profile,
    PurchasePath,
    Reason,
    Triage,
)
from ontime_support.sdk.calendar import BusinessCalendar

__all__ = [
    "DEFAULT_INSTANTS",
    "PluginConformance",
    "check_hooks",
    "check_plugin",
    "check_result",
    "clear_memos",
    "example_profiles",
    "hook_names",
    "partner_variants",
    "plugin_name",
]

#: Instants every plugin is asked about: a Friday in Tokyo business hours, a
#: Saturday night, New Year's Day, the night Europe leaves summer time, and
#: 5 June (a Danish working day that is Constitution Day).
DEFAULT_INSTANTS: tuple[dt.datetime, ...] = (
    dt.datetime.fromisoformat("2026-11-27T10:00+09:00"),
    dt.datetime.fromisoformat("2026-11-28T23:30+09:00"),
    dt.datetime.fromisoformat("2027-01-01T12:00+09:00"),
    dt.datetime.fromisoformat("2026-10-25T02:30+02:00"),
    dt.datetime.fromisoformat("2026-06-05T09:30+02:00"),
)

_HOOK_PREFIX = "ontime_"
_CLAUSE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*-[A-Za-z0-9_.-]+$")


def hook_names() -> tuple[str, ...]:
    """The names of every hook in the contract (``kernel/hookspecs.py``)."""
    return tuple(sorted(name for name, obj in vars(hookspecs).items()
                        if name.startswith(_HOOK_PREFIX) and callable(obj)
                        and hasattr(obj, f"{hookspecs.PROJECT}_spec")))


def plugin_name(plugin: object) -> str:
    """A registration name for a plugin module or object (``pkg.mod`` -> ``mod``)."""
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__.rsplit(".", 1)[-1]
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return str(name).lower()


def example_profiles() -> dict[str, Profile]:
    """The bundled example profiles (``ontime_support.examples``), by file stem."""
    from ontime_support.examples import profile_paths

    return {name: load_profile(path) for name, path in profile_paths().items()}


def partner_variants(profile: Profile, partner_ids: Iterable[str]) -> list[Profile]:
    """``profile`` turned into a customer of each partner in ``partner_ids``.

    Options with a partner's own ``partner_id`` are shown only to that
    partner's customers, so the kit asks about them through these variants.
    """
    variants = []
    for partner_id in sorted(set(partner_ids)):
        customer = attrs.evolve(profile.customer, purchased_from=PurchasePath.PARTNER, partner=partner_id,
                                partner_supports_ontime=True)
        variants.append(attrs.evolve(profile, customer=customer))
    return variants


# --------------------------------------------------------------------------- static checks


def check_hooks(plugin: object, name: str | None = None) -> list[str]:
    """Problems with the plugin's hook functions, found without calling them.

    Every ``ontime_*`` attribute must be a known hook decorated with
    ``@hookimpl`` whose parameters are a subset of the spec's.
    """
    name = name or plugin_name(plugin)
    problems = []
    known = set(hook_names())
    marker = f"{hookspecs.PROJECT}_impl"
    for attr in sorted(dir(plugin)):
        if not attr.startswith(_HOOK_PREFIX):
            continue
        function = getattr(plugin, attr, None)
        if not callable(function):
            continue
        marked = hasattr(function, marker)
        if attr not in known:
            close = difflib.get_close_matches(attr, sorted(known), n=1)
            if marked or close:  # undecorated and misspelt: never called, and nothing else would say so
                hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(sorted(known))}"
                never = "" if marked else ", so it is never called"
                problems.append(f"plugin {name!r}: {attr} is not a known hook{never} ({hint})")
            continue
        if not marked:
            problems.append(f"plugin {name!r}: {attr} is not decorated with @hookimpl, so it is never called")
            continue
        spec_params = list(inspect.signature(getattr(hookspecs, attr)).parameters)
        try:
            params = list(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            continue
        if params and params[0] == "self" and not inspect.ismethod(function):
            params = params[1:]
        extra = [p for p in params if p not in spec_params]
        if extra:
            problems.append(f"plugin {name!r}: {attr} takes {', '.join(extra)}, which the spec lacks; "
                            f"expected {attr}({', '.join(spec_params)}) or a subset of those parameters")
    return problems


# --------------------------------------------------------------------------- result checks
#
# The models' validators (re-run by the host on every answer) already refuse
# wrong types, float or negative yen, unknown statuses and channels, texts that
# are not T(en, ja) and malformed clause ids: such an answer arrives here as an
# option ``error``. The kit checks what the models cannot.


def declared_clauses(plugin: object) -> frozenset[str] | None:
    """The clause ids a plugin declares in its module-level ``CLAUSES`` (``None``: not declared)."""
    clauses = getattr(plugin, "CLAUSES", None)
    return None if clauses is None else frozenset(clauses)


def _aware(value: dt.datetime | None) -> bool:
    return value is None or (isinstance(value, dt.datetime) and value.tzinfo is not None
                             and value.utcoffset() is not None)


def cited_clauses(result: OptionResult) -> list[str]:
    """Every clause id an option's result cites (reasons, notes, rank reason, escalation steps)."""
    reasons: list[Reason] = []
    if result.eligibility is not None:
        reasons += [*result.eligibility.reasons, *filter(None, [result.eligibility.rank_reason])]
    reasons += [*(result.pricing.notes if result.pricing else ()), *(result.hours.notes if result.hours else ())]
    return [r.clause for r in reasons] + [s.clause for s in result.escalation]


def _triage_clauses(triage: Triage) -> list[str]:
    return [r.clause for r in (*triage.reasons, *triage.next_checks)] + [s.clause for s in triage.path]


def _undeclared(cited: Iterable[str], clauses: frozenset[str] | None, where: str) -> list[str]:
    if clauses is None:
        return []
    return [f"{where}: cites clause {c!r}, which the plugin's CLAUSES does not list" for c in cited if c not in clauses]


def _hours_problems(hours: Hours, at: dt.datetime, where: str) -> list[str]:
    """The hours the kernel computed from the plugin's calendar must agree with each other and with ``at``."""
    problems = [f"{where}: hours.{field} {getattr(hours, field)!r} is not an aware datetime"
                for field in ("closes_at", "next_open", "email_handled_from") if not _aware(getattr(hours, field))]
    calendar = hours.calendar
    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        problems.append(f"{where}: ontime_hours calendar {calendar!r:.80} is not a BusinessCalendar")
    if calendar is None or problems:
        return problems
    if hours.open_now:
        if hours.closes_at is None or hours.closes_at <= at or hours.next_open != at:
            problems.append(f"{where}: open at {at.isoformat()} but closes_at {hours.closes_at} / next_open "
                            f"{hours.next_open} disagree (closing must be later, next opening now)")
    elif hours.next_open is not None and (hours.next_open <= at or calendar.closes_at(hours.next_open) is None):
        problems.append(f"{where}: closed at {at.isoformat()} but the next opening {hours.next_open} is not a "
                        "later instant at which the calendar is open")
    if hours.email_handled_from is not None and hours.email_handled_from < at:
        problems.append(f"{where}: e-mail handled from {hours.email_handled_from}, before {at.isoformat()}")
    if isinstance(calendar, BusinessCalendar):
        for opening in calendar.openings(at, 2):
            if not (_aware(opening.start) and _aware(opening.end)) or opening.start >= opening.end:
                problems.append(f"{where}: calendar opening {opening!r} is not an aware, non-empty interval")
    return problems


@functools.cache
def _iso_639_1() -> frozenset[str]:
    from babel import Locale  # CLDR's language names: every ISO 639-1 code has one

    return frozenset(code for code in Locale("en").languages if isinstance(code, str) and len(code) == 2)


def _unknown_languages(result: OptionResult, where: str) -> list[str]:
    """The models check the shape of a language code ('xx'); the kit checks that the language exists."""
    codes = [*result.option.languages, *(result.hours.languages if result.hours else ())]
    return [f"{where}: language {code!r} is not an ISO 639-1 code" for code in dict.fromkeys(codes)
            if code not in _iso_639_1()]


def check_result(result: OptionResult, at: dt.datetime, clauses: frozenset[str] | None = None) -> list[str]:
    """Problems in one option's result (as ``compare`` returned it); ``clauses``: the plugin's ``CLAUSES``."""
    where = f"option {result.option.id!r} ({result.plugin})"
    if result.error is not None:
        return [f"{where}: error in {result.error.hook}: {result.error.message}"]
    problems = _undeclared(cited_clauses(result), clauses, where) + _unknown_languages(result, where)
    if result.hours is not None:
        problems += _hours_problems(result.hours, at, where)
    return problems


def _check_triage(triage: Triage | None, name: str, clauses: frozenset[str] | None) -> list[str]:
    if triage is None:
        return []
    problems = [] if triage.reasons else [f"plugin {name!r}: triage verdict {triage.matter.value!r} gives no reason"]
    return problems + _undeclared(_triage_clauses(triage), clauses, f"plugin {name!r}: triage")


def check_comparison(host: PluginHost, name: str, profile: Profile, at: dt.datetime,
                     label: str = "profile", clauses: frozenset[str] | None = None) -> list[str]:
    """Ask ``host`` twice about ``profile`` at ``at``; problems with ``name``'s answers."""
    try:
        first = host.compare(profile, at)
        host.clear_cache()  # ask the plugin again, not the host's cache
        second = host.compare(profile, at)
    except Exception as exc:  # noqa: BLE001 - reported as a problem
        return [f"{label} at {at.isoformat()}: compare raised {type(exc).__name__}: {exc}"]
    problems: list[str] = []
    for result in (r for r in first.options if r.plugin == name):
        problems.extend(f"{label} at {at.isoformat()}: {p}" for p in check_result(result, at, clauses))
    # load-time failures are reported once by check_loading; triage failures and output here
    problems.extend(f"{label} at {at.isoformat()}: error in {f.hook}: {f.message}"
                    for f in first.plugin_failures if f.plugin == name and f.hook == "ontime_triage")
    problems.extend(f"{label} at {at.isoformat()}: plugin {name!r} {f.message} in {f.hook} (plugins must not print)"
                    for f in first.diagnostics if f.plugin == name)
    if _own_triage(host, name):  # a verdict from the built-in triage is not the plugin's to answer for
        problems.extend(f"{label}: {p}" for p in _check_triage(first.triage, name, clauses))
    if not _same(first, second):
        problems.append(f"{label} at {at.isoformat()}: not deterministic: two identical questions got different "
                        "answers")
    return problems


def _own_triage(host: PluginHost, name: str) -> bool:
    if not isinstance(host, LoadedHost):
        return True
    return any(i.name == name and "ontime_triage" in i.hooks for i in host.plugins())


def _same(a: Comparison, b: Comparison) -> bool:
    return a == b and [r.hours.calendar is None if r.hours else None for r in a.options] == [
        r.hours.calendar is None if r.hours else None for r in b.options]


# --------------------------------------------------------------------------- the whole check


def triages(plugin: object) -> bool:
    """Whether ``plugin`` implements ``ontime_triage`` (a decorated function by that name)."""
    return hasattr(getattr(plugin, "ontime_triage", None), f"{hookspecs.PROJECT}_impl")


def build_host(plugin: object, name: str | None = None, settings_path: str | Path | None = None) -> LoadedHost:
    """The plugin in a host as the application would load it, without the other providers (no autoload).

    A plugin that does not triage gets the built-in ``triage`` plugin beside it, as in the
    application, so that its ``ontime_escalation`` is asked with real verdicts, not only ``None``.
    """
    name = name or plugin_name(plugin)
    extra: list[tuple[str, object]] = [] if triages(plugin) or name == "triage" else [
        ("triage", importlib.import_module(dict(BUILTIN_PLUGINS)["triage"]))]
    return _build_host(settings_path=settings_path, builtins=False, autoload=False, disabled=(), allow=None,
                       extra_plugins=[*extra, (name, plugin)])


def check_loading(plugin: object, name: str | None = None,
                  settings_path: str | Path | None = None) -> tuple[LoadedHost | None, list[str]]:
    """Build a host with the plugin; problems with its registration, settings and options."""
    name = name or plugin_name(plugin)
    problems = check_hooks(plugin, name)
    try:
        host = build_host(plugin, name, settings_path)
    except InputError as exc:
        return None, [*problems, f"plugin {name!r}: settings: {exc}"]
    except Exception as exc:  # noqa: BLE001
        return None, [*problems, f"plugin {name!r}: loading raised {type(exc).__name__}: {exc}"]
    info = next((i for i in host.plugins() if i.name == name), None)
    if info is None:
        return None, [*problems, f"plugin {name!r} was not registered"]
    if info.status != "loaded":
        return None, [*problems, f"plugin {name!r} is {info.status}: {info.message}"]
    if host.input_errors:
        problems.append(f"plugin {name!r}: settings: {host.input_errors[0]}")
    specs = host.option_specs()
    # options that are not OptionSpec and duplicate ids (dropped by the host) are reported as plugin failures
    problems.extend(f"plugin {name!r}: {f.hook}: {f.message}"
                    for f in host.compare(_probe_profile(), DEFAULT_INSTANTS[0]).plugin_failures
                    if f.plugin == name and f.hook != "ontime_triage")  # triage: per profile, in check_comparison
    clauses = declared_clauses(plugin)
    bad = sorted(c for c in clauses or () if not isinstance(c, str) or not _CLAUSE_ID.match(c))
    if bad:
        problems.append(f"plugin {name!r}: CLAUSES lists {bad!r}, which are not clause ids such as 'ACME-1'")
    if specs:
        hooks = set(info.hooks)
        for hook in OPTION_HOOKS:
            if hook != "ontime_escalation" and hook not in hooks:
                problems.append(f"plugin {name!r} declares options but does not implement {hook}")
    if not specs and "ontime_triage" not in info.hooks:
        problems.append(f"plugin {name!r} declares no option and implements no ontime_triage: it does nothing")
    return host, problems


def _probe_profile() -> Profile:
    return next(iter(example_profiles().values()))


def check_plugin(plugin: object, profiles: Iterable[Profile | str | Path] | None = None, *,
                 name: str | None = None, settings_path: str | Path | None = None,
                 instants: Sequence[dt.datetime] = DEFAULT_INSTANTS) -> list[str]:
    """Every conformance problem of ``plugin`` (a module or an object); ``[]`` when it conforms.

    :param profiles: profiles (or profile TOML paths) to ask about; default:
        the example profiles shipped with the kit. For each option with a
        partner's own ``partner_id``, each profile is also asked as a customer
        of that partner.
    :param name: the registration name (default: the module's last dotted part).
    :param settings_path: a settings TOML to load (default: the plugin's defaults).
    :param instants: aware instants to ask at.
    """
    name = name or plugin_name(plugin)
    host, problems = check_loading(plugin, name, settings_path)
    if host is None:
        return problems
    loaded = _load_profiles(profiles)
    clauses = declared_clauses(plugin)
    partner_ids = {s.partner_id for s in host.option_specs() if s.partner_id is not None and s.partner_id != "*"}
    for label, profile in loaded:
        asked = [(label, profile)] + [(f"{label} (as a customer of {p.customer.partner})", p)
                                      for p in partner_variants(profile, partner_ids)]
        for variant_label, variant in asked:
            for at in instants:
                problems.extend(check_comparison(host, name, variant, at, variant_label, clauses))
    return _unique(problems)


def _load_profiles(profiles: Iterable[Profile | str | Path] | None) -> list[tuple[str, Profile]]:
    if profiles is None:
        return list(example_profiles().items())
    loaded = []
    for index, item in enumerate(profiles):
        if isinstance(item, Profile):
            loaded.append((f"profile #{index} ({item.customer.name})", item))
        else:
            loaded.append((str(item), load_profile(item)))
    return loaded


def _unique(problems: list[str]) -> list[str]:
    return list(dict.fromkeys(problems))


# --------------------------------------------------------------------------- pytest base class


class PluginConformance:
    """Subclass in a ``test_*.py`` file and set ``plugin``; pytest runs one test per rule.

    Class attributes:

    ``plugin``
        the plugin module or object (required).
    ``name``
        registration name (default: the module's last dotted part).
    ``profiles``
        profiles or profile TOML paths (default: the kit's example profiles).
    ``settings_path``
        a settings TOML (default: the plugin's defaults).
    ``max_examples``
        how many hypothesis-generated profiles to try (0 turns that test off).
    """

    plugin: Any = None
    name: str | None = None
    profiles: Sequence[Profile | str | Path] | None = None
    settings_path: str | Path | None = None
    max_examples: int = 60

    # helpers ------------------------------------------------------------------

    def _name(self) -> str:
        if self.plugin is None:
            raise TypeError(f"{type(self).__name__}: set the class attribute 'plugin' to the plugin module")
        return self.name or plugin_name(self.plugin)

    def _host(self) -> LoadedHost:
        host, problems = check_loading(self.plugin, self._name(), self.settings_path)
        assert host is not None, "\n".join(problems)
        return host

    def _partner_ids(self, host: PluginHost) -> set[str]:
        return {s.partner_id for s in host.option_specs() if s.partner_id is not None and s.partner_id != "*"}

    @staticmethod
    def _assert_none(problems: list[str]) -> None:
        assert not problems, "conformance problems:\n  " + "\n  ".join(_unique(problems))

    # tests --------------------------------------------------------------------

    def test_hooks_match_the_specs(self) -> None:
        """pluggy accepts the plugin; every ontime_* hook is known, marked and has a subset of the spec's params."""
        name = self._name()
        problems = check_hooks(self.plugin, name)
        host = build_host(self.plugin, name, self.settings_path)
        info = next(i for i in host.plugins() if i.name == name)
        if info.status != "loaded":
            problems.append(f"plugin {name!r} is {info.status}: {info.message}")
        self._assert_none(problems)

    def test_implements_at_least_one_hook(self) -> None:
        host = self._host()
        info = next(i for i in host.plugins() if i.name == self._name())
        assert info.hooks, f"plugin {self._name()!r} implements no hook"

    def test_options_are_option_specs_with_unique_ids(self) -> None:
        _host, problems = check_loading(self.plugin, self._name(), self.settings_path)
        self._assert_none(problems)

    def test_settings_have_defaults(self) -> None:
        """The plugin loads with no settings file: every setting has a default."""
        import pytest

        name = self._name()
        if not hasattr(self.plugin, "ontime_settings_model"):
            pytest.skip("the plugin declares no settings")
        info = next(i for i in build_host(self.plugin, name, None).plugins() if i.name == name)
        assert info.status == "loaded", f"plugin {name!r} does not load with its defaults: {info.message}"

    def test_settings_file_section_is_read(self) -> None:
        """A settings file with the plugin's section (empty) loads like the defaults."""
        name = self._name()
        model = getattr(self.plugin, "ontime_settings_model", None)
        declared = model() if model is not None else None
        if declared is None:
            import pytest

            pytest.skip("the plugin declares no settings")
        section, _cls = declared
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "settings.toml"
            path.write_text(f"[{section}]\n", encoding="utf-8")
            host = build_host(self.plugin, name, path)
        assert host.settings_of(name) == build_host(self.plugin, name, None).settings_of(name)

    def test_example_profiles_without_error(self) -> None:
        """compare over every example profile (and partner variant) at several instants: no error, right types."""
        self._assert_none(check_plugin(self.plugin, self.profiles, name=self._name(),
                                       settings_path=self.settings_path))

    def test_deterministic(self) -> None:
        host = self._host()
        name = self._name()
        problems = []
        for label, profile in _load_profiles(self.profiles):
            for variant in [profile, *partner_variants(profile, self._partner_ids(host))]:
                at = DEFAULT_INSTANTS[0]
                a = host.compare(variant, at)
                host.clear_cache()  # ask the plugin again, not the host's cache
                b = host.compare(variant, at)
                if not _same(a, b):
                    problems.append(f"{label}: two identical questions got different answers")
                # a fresh host (fresh caches) answers the same, too
                c = self._host().compare(variant, at)
                if [r for r in a.options if r.plugin == name] != [r for r in c.options if r.plugin == name]:
                    problems.append(f"{label}: a freshly loaded plugin answers differently")
        self._assert_none(problems)

    def test_generated_profiles_without_error(self) -> None:
        """compare over hypothesis-generated profiles and instants: no error, right types, deterministic."""
        import pytest

        if not self.max_examples:
            pytest.skip("max_examples = 0")
        pytest.importorskip("hypothesis")
        from hypothesis import HealthCheck, given, settings

        from .strategies import instants, profiles

        host = self._host()
        name = self._name()
        partner_ids = tuple(sorted(self._partner_ids(host)))

        @settings(max_examples=self.max_examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(profile=profiles(partner_ids=partner_ids), at=instants())
        def run(profile: Profile, at: dt.datetime) -> None:
            self._assert_none(check_comparison(host, name, profile, at, clauses=declared_clauses(self.plugin)))

        run()

