"""The hook specifications: the whole contract between the kernel and a provider plugin.

A plugin is a module or object whose functions are named like the hooks below
and decorated with :data:`hookimpl`; an implementation may take any subset of a
hook's parameters, by name (pluggy's rule). An unknown parameter, an unknown
``ontime_*`` hook (the message names the nearest one) or a hook wrapper makes
the plugin refused. docs/writing-a-plugin.md documents each hook at length.

* ``ontime_settings_model`` and ``ontime_options`` are called once per plugin
  when the host is built; the per-option hooks only on the plugin that declared
  the option, one at a time.
* ``ontime_triage`` is ``firstresult``, asked in pluggy's order (``tryfirst``,
  then registered later first, then ``trylast``): the first non-``None`` answer
  wins; one that raises is reported and the next one is asked.
* Every call is guarded: any exception (``SystemExit`` too) spoils only that
  plugin's option or load; printed output is captured as a diagnostic; a call
  past the deadline (``ONTIME_SUPPORT_HOOK_TIMEOUT``, default 2 s) suspends the
  plugin for the run; modifying an argument (profile, triage, option) is an error.
* Every returned value is validated, nested ones too: texts are ``T(en, ja)``,
  channels come from :data:`~ontime_support.kernel.models.CHANNELS` (``email``,
  ``phone``, ``web_conference``, ``onsite``, ``web_form``, ``chat``), languages
  are ISO 639-1 codes, every ``Reason``/``EscalationStep`` cites a clause id.

``settings`` is always the calling plugin's own settings object (``None`` when
it declares none). A plugin may list the clause ids it cites in a module-level
``CLAUSES`` tuple; the conformance kit then checks every citation against it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pluggy

from .models import Availability, Eligibility, EscalationStep, OptionSpec, Pricing, Profile, Triage

PROJECT = "ontime_support"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ontime_settings_model() -> tuple[str, type] | None:
    """Declare the plugin's settings: ``(section, cls)`` or ``None``.

    ``cls`` is a frozen attrs class whose every field has a default; the host
    builds it from the settings file's table ``section`` (unknown keys refused)
    and calls ``resolve(self, base_dir) -> cls`` if it has one. Anything else
    returned, or an invalid section, makes the plugin fail to load (reported).
    """


@hookspec
def ontime_options(settings: Any) -> list[OptionSpec]:  # type: ignore[empty-body]
    """Declare the support options this plugin provides (ids unique across plugins; a duplicate is dropped)."""


@hookspec
def ontime_eligibility(  # type: ignore[empty-body]
    option: OptionSpec, profile: Profile, at: dt.datetime, settings: Any
) -> Eligibility:
    """Can ``profile``'s customer use ``option`` at the aware instant ``at``? Status, reasons, rank.

    Once per option per comparison; deterministic, no I/O.
    """


@hookspec
def ontime_pricing(option: OptionSpec, profile: Profile, settings: Any) -> Pricing:  # type: ignore[empty-body]
    """What ``option`` costs this customer: integer JPY (``None`` where unknown), exact break-even hours."""


@hookspec
def ontime_hours(option: OptionSpec, profile: Profile, settings: Any) -> Availability:  # type: ignore[empty-body]
    """When and how ``option`` answers: a cached ``BusinessCalendar`` (or ``None``), channels, languages.

    The kernel computes open-now, closing time, next opening and e-mail handling from the calendar.
    """


@hookspec
def ontime_escalation(  # type: ignore[empty-body]
    option: OptionSpec, profile: Profile, triage: Triage | None, at: dt.datetime, settings: Any
) -> list[EscalationStep]:
    """Where a fault goes next when the customer uses ``option`` (ordered steps; empty: no part in the path).

    ``triage`` is the verdict for ``profile.incident`` (``None`` without an incident).
    """


@hookspec(firstresult=True)
def ontime_triage(profile: Profile, at: dt.datetime, settings: Any) -> Triage | None:
    """Triage ``profile.incident``: platform matter or OnTime matter (TRI-2, SCP-4).

    firstresult: return ``None`` to let the next plugin answer. Not called without an ``[incident]``.
    """


#: Hooks whose implementations are routed per option.
OPTION_HOOKS = ("ontime_eligibility", "ontime_pricing", "ontime_hours", "ontime_escalation")
#: Every hook name.
HOOKS = ("ontime_settings_model", "ontime_options", *OPTION_HOOKS, "ontime_triage")
