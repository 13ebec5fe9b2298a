"""Conformance kit for ontime-support plugins (shipped with the package).

A plugin author checks a plugin in one line::

    from ontime_support.testing import check_plugin
    assert check_plugin(my_plugin_module) == []

or gets one pytest test per rule by subclassing :class:`PluginConformance`::

    from ontime_support.testing import PluginConformance
    import my_plugin

    class TestMyPlugin(PluginConformance):
        plugin = my_plugin

The kit registers the plugin alone, exactly like the application does
(``PluginHost.build(builtins=False, autoload=False, extra_plugins=[(name,
plugin)])``), and checks that

* its hooks match the specs (pluggy validation) and every ``ontime_*`` hook it
  implements is a known hook, decorated with ``@hookimpl``;
* the options it declares are :class:`~ontime_support.kernel.models.OptionSpec`
  with unique ids, and it implements the per-option hooks they need;
* ``compare`` shows no ``error`` for its options, over the example profiles
  shipped in ``ontime_support.examples`` (``examples/profiles/*.toml``) (plus, for a partner's
  own options, each profile turned into a customer of that partner) and at a
  few instants (business hours, a weekend night, New Year, a DST change);
* its results have the right types: ``Eligibility`` / ``Pricing`` /
  ``Availability`` / a list of ``EscalationStep``; integer JPY (not float,
  not bool); a ``BusinessCalendar`` giving aware datetimes; statuses from
  :class:`~ontime_support.kernel.models.Status`; every reason and step cites a
  clause id;
* the answers are deterministic (same input twice, same answer).

:func:`ontime_support.testing.strategies.profiles` is a hypothesis strategy
for random valid profiles (hypothesis is a test extra, imported lazily);
:class:`PluginConformance` runs the checks over it too.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from ontime_support.kernel import hookspecs
from ontime_support.kernel.errors import InputError
from ontime_support.loading import build_host as _build_host
from ontime_support.loading import load_profile, profile_from_data
from ontime_support.kernel.hookspecs import OPTION_HOOKS
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import (
    Comparison,
    Eligibility,
    EscalationStep,
    OptionResult,
    Pricing,
    Profile,
    PurchasePath,
    Reason,
    Status,
    Triage,
)
from ontime_support.sdk.calendar import BusinessCalendar

__all__ = [
    "DEFAULT_INSTANTS",
    "PluginConformance",
    "check_hooks",
    "check_plugin",
    "check_result",
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
            if marked:
                problems.append(f"plugin {name!r}: {attr} is not a known hook (known: {', '.join(sorted(known))})")
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


def _aware(value: dt.datetime | None) -> bool:
    return value is None or (isinstance(value, dt.datetime) and value.tzinfo is not None
                             and value.utcoffset() is not None)


def _yen_ok(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _reasons_ok(reasons: object, where: str, problems: list[str]) -> None:
    if not isinstance(reasons, tuple):
        problems.append(f"{where}: expected a tuple of Reason, got {reasons!r:.80}")
        return
    for reason in reasons:
        if not isinstance(reason, Reason) or not reason.clause:
            problems.append(f"{where}: {reason!r:.80} is not a Reason citing a clause id")


def check_result(result: OptionResult, at: dt.datetime) -> list[str]:
    """Type problems in one option's result (as ``compare`` returned it)."""
    where = f"option {result.option.id!r} ({result.plugin})"
    if result.error is not None:
        return [f"{where}: error in {result.error.hook}: {result.error.message}"]
    problems: list[str] = []
    e = result.eligibility
    if not isinstance(e, Eligibility):
        problems.append(f"{where}: ontime_eligibility returned {e!r:.80}, expected Eligibility")
    else:
        if not isinstance(e.status, Status):
            problems.append(f"{where}: status {e.status!r} is not one of {[s.value for s in Status]}")
        if not e.reasons:
            problems.append(f"{where}: eligibility gives no reason")
        _reasons_ok(e.reasons, f"{where}: eligibility reasons", problems)
        if isinstance(e.rank, bool) or not isinstance(e.rank, int):
            problems.append(f"{where}: rank {e.rank!r} is not an int")
        if e.rank_reason is not None:
            _reasons_ok((e.rank_reason,), f"{where}: rank_reason", problems)
    p = result.pricing
    if not isinstance(p, Pricing):
        problems.append(f"{where}: ontime_pricing returned {p!r:.80}, expected Pricing")
    else:
        for field in ("annual_fee_jpy", "spot_rate_jpy_per_hour", "spot_cost_jpy"):
            value = getattr(p, field)
            if not _yen_ok(value):
                problems.append(f"{where}: pricing.{field} = {value!r} is not a whole, non-negative number of yen")
        if p.break_even_hours is not None and (isinstance(p.break_even_hours, bool)
                                               or not isinstance(p.break_even_hours, Fraction | int)):
            problems.append(f"{where}: break_even_hours {p.break_even_hours!r} is not a Fraction")
        _reasons_ok(p.notes, f"{where}: pricing notes", problems)
    h = result.hours
    if h is None:
        problems.append(f"{where}: no hours")
    else:
        if h.calendar is not None and not isinstance(h.calendar, BusinessCalendar):
            problems.append(f"{where}: ontime_hours calendar {h.calendar!r:.80} is not a BusinessCalendar")
        for field in ("closes_at", "next_open", "email_handled_from"):
            if not _aware(getattr(h, field)):
                problems.append(f"{where}: hours.{field} {getattr(h, field)!r} is not an aware datetime")
        if h.calendar is not None:
            for opening in h.calendar.openings(at, 2):
                if not (_aware(opening.start) and _aware(opening.end)):
                    problems.append(f"{where}: calendar opening {opening!r} is not aware")
        _reasons_ok(h.notes, f"{where}: hours notes", problems)
    if not isinstance(result.escalation, tuple):
        problems.append(f"{where}: escalation {result.escalation!r:.80} is not a list of EscalationStep")
    else:
        for step in result.escalation:
            if not isinstance(step, EscalationStep) or not step.clause:
                problems.append(f"{where}: escalation step {step!r:.80} is not an EscalationStep citing a clause")
    return problems


def _check_triage(triage: Triage | None, name: str) -> list[str]:
    if triage is None:
        return []
    problems: list[str] = []
    _reasons_ok(triage.reasons, f"plugin {name!r}: triage reasons", problems)
    _reasons_ok(triage.next_checks, f"plugin {name!r}: triage next_checks", problems)
    for step in triage.path:
        if not isinstance(step, EscalationStep):
            problems.append(f"plugin {name!r}: triage path step {step!r:.80} is not an EscalationStep")
    return problems


def check_comparison(host: PluginHost, name: str, profile: Profile, at: dt.datetime,
                     label: str = "profile") -> list[str]:
    """Ask ``host`` twice about ``profile`` at ``at``; problems with ``name``'s answers."""
    try:
        first = host.compare(profile, at)
        second = host.compare(profile, at)
    except Exception as exc:  # noqa: BLE001 - reported as a problem
        return [f"{label} at {at.isoformat()}: compare raised {type(exc).__name__}: {exc}"]
    problems = []
    # load-time failures (ontime_settings_model, ontime_options) are reported once by check_loading
    mine = [r for r in first.options if r.plugin == name
            and (r.error is None or r.error.hook not in ("ontime_options", "ontime_settings_model"))]
    for result in mine:
        problems.extend(f"{label} at {at.isoformat()}: {p}" for p in check_result(result, at))
    if first.triage is not None:
        problems.extend(f"{label}: {p}" for p in _check_triage(first.triage, name))
    if not _same(first, second):
        problems.append(f"{label} at {at.isoformat()}: not deterministic: two identical questions got different "
                        "answers")
    return problems


def _same(a: Comparison, b: Comparison) -> bool:
    return a == b and [r.hours.calendar is None if r.hours else None for r in a.options] == [
        r.hours.calendar is None if r.hours else None for r in b.options]


# --------------------------------------------------------------------------- the whole check


def build_host(plugin: object, name: str | None = None, settings_path: str | Path | None = None) -> PluginHost:
    """The plugin alone in a host, as the application would load it (no built-ins, no autoload)."""
    return _build_host(settings_path=settings_path, builtins=False, autoload=False, disabled=(),
                       allow=None, extra_plugins=[(name or plugin_name(plugin), plugin)])


def check_loading(plugin: object, name: str | None = None,
                  settings_path: str | Path | None = None) -> tuple[PluginHost | None, list[str]]:
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
    specs = host.option_specs()
    # options that are not OptionSpec, and duplicate ids (dropped by the host), surface as error results
    for result in host.compare(_probe_profile(), DEFAULT_INSTANTS[0]).options:
        if result.error is not None and result.error.hook in ("ontime_options", "ontime_settings_model"):
            problems.append(f"plugin {name!r}: {result.error.hook}: {result.error.message}")
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
    partner_ids = {s.partner_id for s in host.option_specs() if s.partner_id not in (None, "*")}
    for label, profile in loaded:
        asked = [(label, profile)] + [(f"{label} (as a customer of {p.customer.partner})", p)
                                      for p in partner_variants(profile, partner_ids)]  # type: ignore[arg-type]
        for variant_label, variant in asked:
            for at in instants:
                problems.extend(check_comparison(host, name, variant, at, variant_label))
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

    def _host(self) -> PluginHost:
        host, problems = check_loading(self.plugin, self._name(), self.settings_path)
        assert host is not None, "\n".join(problems)
        return host

    def _partner_ids(self, host: PluginHost) -> set[str]:
        return {s.partner_id for s in host.option_specs() if s.partner_id not in (None, "*")}  # type: ignore[misc]

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
        name = self._name()
        host = build_host(self.plugin, name, None)
        settings = host.settings_of(name) if name in {i.name for i in host.plugins() if i.status == "loaded"} else None
        if settings is not None:
            assert attrs.has(type(settings)), f"settings {type(settings).__name__} is not an attrs class"

    def test_settings_file_section_is_read(self) -> None:
        """A settings file with the plugin's section (empty) loads like the defaults."""
        name = self._name()
        model = getattr(self.plugin, "ontime_settings_model", None)
        declared = model() if model is not None else None
        if declared is None:
            return
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
                a, b = host.compare(variant, at), host.compare(variant, at)
                if not _same(a, b):
                    problems.append(f"{label}: two identical questions got different answers")
                # a fresh host (fresh caches) answers the same, too
                c = self._host().compare(variant, at)
                if [r for r in a.options if r.plugin == name] != [r for r in c.options if r.plugin == name]:
                    problems.append(f"{label}: a freshly loaded plugin answers differently")
        self._assert_none(problems)

    def test_generated_profiles_without_error(self) -> None:
        """compare over hypothesis-generated profiles and instants: no error, right types, deterministic."""
        if not self.max_examples:
            return
        import pytest

        hypothesis = pytest.importorskip("hypothesis")
        from .strategies import instants, profiles

        host = self._host()
        name = self._name()
        partner_ids = tuple(sorted(self._partner_ids(host)))

        @hypothesis.settings(max_examples=self.max_examples, deadline=None, database=None,
                             suppress_health_check=list(hypothesis.HealthCheck))
        @hypothesis.given(profile=profiles(partner_ids=partner_ids), at=instants())
        def run(profile: Profile, at: dt.datetime) -> None:
            self._assert_none(check_comparison(host, name, profile, at))

        run()

