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
* Answers may depend on ``at`` only through the customer's local date: the host
  caches them per (profile, that date), a bounded LRU of ``DAY_CACHE_SIZE`` (256)
  entries per host, and computes only the hours at each instant.
* Every call is guarded: any exception (``SystemExit`` too) spoils only that
  plugin's option or load; printed output is captured as a diagnostic; a call
  past the deadline (``ONTIME_SUPPORT_HOOK_TIMEOUT``, default 2 s) suspends the
  plugin for the run; modifying an argument (profile, triage, option) is an error.
* Every returned value is validated, nested ones too (the models' validators:
  bilingual ``T(en, ja)`` texts, known channels, ISO codes, a clause id on every
  ``Reason`` and ``EscalationStep``).

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

    :return: ``cls`` is a frozen attrs class whose every field has a default; the host
        builds it from the settings file's table ``section`` (unknown keys refused)
        and calls ``resolve(self, base_dir) -> cls`` if it has one.

    Called once, when the host is built. Anything else returned, or an invalid
    section, makes the plugin fail to load (reported).
    """


@hookspec
def ontime_options(settings: Any) -> list[OptionSpec]:  # type: ignore[empty-body]
    """Declare the support options this plugin provides.

    :param settings: the plugin's settings (``None`` without ``ontime_settings_model``).
    :return: the options; ids unique across plugins (a duplicate is dropped and reported).

    Called once, when the host is built. The host gives each per-option hook its own
    copy of the option, which the hook must not modify.
    """


@hookspec
def ontime_eligibility(  # type: ignore[empty-body]
    option: OptionSpec, profile: Profile, at: dt.datetime, settings: Any
) -> Eligibility:
    """Can ``profile``'s customer use ``option`` on ``at``'s date? Status, reasons, rank.

    :param option: one of the plugin's own options.
    :param profile: the customer (must not be modified).
    :param at: the aware instant asked about; the answer may depend on it only through the
        customer's local date (``at`` in ``profile.customer.timezone``).
    :param settings: the plugin's settings.
    :return: an :class:`Eligibility` (validated deeply; anything else spoils this option only).

    Called on the declaring plugin only, for each option the profile sees, when the host has
    no answer cached for (profile, local date): the host caches the four per-option answers
    and the triage verdict per (profile, local date) in a bounded LRU, so the hook must be
    deterministic, without I/O and without other state.
    """


@hookspec
def ontime_pricing(option: OptionSpec, profile: Profile, settings: Any) -> Pricing:  # type: ignore[empty-body]
    """What ``option`` costs this customer.

    :return: a :class:`Pricing`: integer JPY (``None`` where unknown), exact break-even hours.

    Called and cached like :func:`ontime_eligibility` (per option, per (profile, local date)).
    """


@hookspec
def ontime_hours(option: OptionSpec, profile: Profile, settings: Any) -> Availability:  # type: ignore[empty-body]
    """When and how ``option`` answers.

    :return: an :class:`Availability`: a ``BusinessCalendar`` (or ``None``), channels, languages.

    Called and cached like :func:`ontime_eligibility`. The calendar is kept, and the kernel
    computes open-now, closing time, next opening and e-mail handling from it at every
    ``compare`` (guarded: a calendar that raises spoils its option only).
    """


@hookspec
def ontime_escalation(  # type: ignore[empty-body]
    option: OptionSpec, profile: Profile, triage: Triage | None, at: dt.datetime, settings: Any
) -> list[EscalationStep]:
    """Where a fault goes next when the customer uses ``option``.

    :param triage: the verdict for ``profile.incident`` (``None`` without an incident).
    :param at: as for :func:`ontime_eligibility`: used only through the customer's local date.
    :return: ordered steps (empty: the option has no part in the path). Optional hook.

    Called and cached like :func:`ontime_eligibility` (per option, per (profile, local date)).
    """


@hookspec(firstresult=True)
def ontime_triage(profile: Profile, at: dt.datetime, settings: Any) -> Triage | None:
    """Triage ``profile.incident``: platform matter or OnTime matter (TRI-2, SCP-4).

    :param at: as for :func:`ontime_eligibility`: used only through the customer's local date.
    :return: a :class:`Triage`, or ``None`` to let the next plugin answer.

    firstresult: asked in pluggy's order; the first non-``None`` answer wins, one that raises is
    reported and the next is asked. Not called without an ``[incident]``; called once per
    (profile, local date), before the per-option hooks, and cached with them.
    """


#: Hooks whose implementations are routed per option.
OPTION_HOOKS = ("ontime_eligibility", "ontime_pricing", "ontime_hours", "ontime_escalation")
#: Every hook name.
HOOKS = ("ontime_settings_model", "ontime_options", *OPTION_HOOKS, "ontime_triage")
