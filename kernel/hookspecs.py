"""The hook specifications: the whole contract between the kernel and a provider plugin.

A plugin is a module or object with functions named like the hooks below and
decorated with :data:`hookimpl`. An implementation may accept any subset of a
hook's parameters, by name, in any order (pluggy's rule). A parameter it names
that the spec lacks makes the plugin refused at load time.

How the kernel calls them (datasette/llm style, not one broadcast call):

* ``ontime_settings_model`` and ``ontime_options`` are called once per plugin
  when the plugin host is built.
* The per-option hooks (``ontime_eligibility``, ``ontime_pricing``,
  ``ontime_hours``, ``ontime_escalation``) are called **only on the plugin
  that declared the option**, one plugin at a time. A plugin that raises, or
  returns something of the wrong type, spoils only its own options: they carry
  an ``error`` and every other option is intact.
* ``ontime_triage`` is ``firstresult``: the first plugin returning non-``None``
  wins (registered later = asked first, so a third-party plugin can override
  the built-in ``triage`` plugin).

``settings`` is always *the calling plugin's own* settings object: an instance
of the attrs class its ``ontime_settings_model`` returned, filled from the
settings file's section of that name (defaults otherwise); ``None`` when the
plugin declares no settings.

Every ``Reason`` and ``EscalationStep`` must cite a clause id: the policy's
(``DTS-4``, ``PTN-4`` ...) or the plugin's own (``ACME-1``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pluggy

from .models import (
    Availability,
    Eligibility,
    EscalationStep,
    OptionSpec,
    Pricing,
    Profile,
    Triage,
)

PROJECT = "ontime_support"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ontime_settings_model() -> tuple[str, type] | None:
    """Declare the plugin's settings.

    :returns: ``(section, cls)``: ``section`` is the table name in the
        settings TOML file (conventionally the plugin name) and ``cls`` a
        frozen attrs class whose every field has a default (the documented
        default of a policy interpretation). The kernel builds ``cls`` from
        that table with unknown keys refused, and passes the instance as
        ``settings`` to the plugin's other hooks. If ``cls`` has a method
        ``resolve(self, base_dir: pathlib.Path) -> cls`` it is called after
        loading, to read files the settings name (relative to the settings
        file). Return ``None`` for no settings.

    Called once per plugin when the host is built. Not firstresult: each
    plugin answers for itself.
    """


@hookspec
def ontime_options(settings: Any) -> list[OptionSpec]:
    """Declare the support options this plugin provides.

    :param settings: this plugin's settings (see ``ontime_settings_model``).
    :returns: a list of :class:`OptionSpec` (id, provider, bilingual title,
        channels, languages, region, partner_id). Option ids are unique across
        all plugins; a duplicate id is reported and the later one dropped.

    Called once per plugin when the host is built; the kernel then routes
    every per-option hook below to the plugin that declared the option.
    """


@hookspec
def ontime_eligibility(
    option: OptionSpec, profile: Profile, at: dt.datetime, settings: Any
) -> Eligibility:
    """Decide whether ``profile``'s customer can use ``option`` at ``at``.

    :param option: one of the options this plugin declared.
    :param profile: the customer profile (validated).
    :param at: the instant of the question (aware); use it for date rules
        such as active maintenance (``profile.maintenance_active(at)``).
    :param settings: this plugin's settings.
    :returns: an :class:`Eligibility`: ``status`` (eligible / conditional /
        ineligible), at least one ``Reason`` citing a clause, and a ``rank``
        (lower = recommend earlier) with a ``rank_reason``.

    Called once per option per comparison, on the declaring plugin only.
    Must be deterministic and must not do I/O.
    """


@hookspec
def ontime_pricing(option: OptionSpec, profile: Profile, settings: Any) -> Pricing:
    """Say what ``option`` costs this customer.

    :returns: a :class:`Pricing` with integer JPY amounts (``None`` where a
        figure does not apply or is not known): ``annual_fee_jpy``,
        ``spot_rate_jpy_per_hour``, ``spot_cost_jpy`` (for
        ``profile.usage.expected_spot_hours``), ``break_even_hours`` (an exact
        ``Fraction``: hours of spot support a year that cost as much as the
        annual fee), and ``notes`` (reasons with clause ids).

    Called once per option per comparison, on the declaring plugin only.
    """


@hookspec
def ontime_hours(option: OptionSpec, profile: Profile, settings: Any) -> Availability:
    """Say when and how ``option`` answers.

    :returns: an :class:`Availability`: a
        :class:`~ontime_support.sdk.calendar.BusinessCalendar` (or ``None``
        when the hours are unknown), the channels and languages served, and
        ``notes``. Build calendars once and cache them (e.g. with
        ``functools.cache`` keyed on the frozen settings): the kernel asks on
        every comparison and computes open-now, closing time, next opening and
        e-mail handling from the calendar itself.

    Called once per option per comparison, on the declaring plugin only.
    """


@hookspec
def ontime_escalation(
    option: OptionSpec, profile: Profile, triage: Triage | None, at: dt.datetime, settings: Any
) -> list[EscalationStep]:
    """Say where a fault goes next when the customer uses ``option``.

    :param at: the instant of the question (aware).
    :param triage: the triage verdict for ``profile.incident`` (``None`` when
        the profile has no incident).
    :returns: the ordered steps (the kernel numbers them from 1), each with
        ``to``, ``why`` and the ``clause`` it applies. An empty list means
        this option plays no part in the path.

    Called once per option per comparison, on the declaring plugin only.
    """


@hookspec(firstresult=True)
def ontime_triage(profile: Profile, at: dt.datetime, settings: Any) -> Triage | None:
    """Triage ``profile.incident``: platform matter or OnTime matter (TRI-2, SCP-4).

    :param at: the instant of the question (for date rules such as active maintenance).

    :returns: a :class:`Triage`, or ``None`` to let another plugin answer.
        ``firstresult``: the first non-``None`` answer wins. Not called when
        the profile has no ``[incident]``.
    """


#: Hooks whose implementations are routed per option.
OPTION_HOOKS = ("ontime_eligibility", "ontime_pricing", "ontime_hours", "ontime_escalation")
