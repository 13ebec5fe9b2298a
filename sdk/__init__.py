"""The plugin author's SDK: everything a provider plugin needs, from one module.

A plugin (built-in or a partner's package) imports only from here::

    from ontime_support.sdk import Eligibility, Reason, Status, T, hookimpl

What is here:

* the contract: :data:`hookimpl` and the models the hooks take and return
  (``Profile``, ``OptionSpec``, ``Eligibility``, ``Pricing``, ``Availability``,
  ``EscalationStep``, ``Triage``, ``Reason``, bilingual ``Text``/``T``);
* the business calendar (``BusinessCalendar``, ``parse_hours``);
* exact money helpers in integer JPY (``percent_of``, ``billable_minutes``,
  ``time_cost``, ``break_even_hours``, ``yen``);
* settings helpers (``setting`` documents an interpretation with its clause;
  validators; ``build_calendar``), and reading a plugin's own data files
  (``read_toml``, ``structure``: one-line ``InputError`` on bad input), and its
  constant wording from a TOML catalogue in its package (``catalogue``);
* shared reason builders and step targets (``after_diagnosis``,
  ``platform_support_contact``, ``renew_maintenance_step``, ``DTS``, ``PARTNER`` ...),
  country and language names (``country_name``, ``language_names``, from Babel),
  and ``memo`` (caching a plugin's pure answers, keyed on what they depend on,
  with the projections ``situation`` and ``amounts``: sdk/memo.py).

The conformance kit for a plugin's tests is :mod:`ontime_support.testing`.
"""

from __future__ import annotations

from ontime_support.loading.errors import InputError
from ontime_support.kernel.hookspecs import hookimpl
from ontime_support.kernel.models import (
    Availability,
    Contracts,
    Customer,
    Eligibility,
    EscalationStep,
    FieldValueError,
    Incident,
    Licenses,
    Maintenance,
    Matter,
    OptionSpec,
    Platform,
    PlatformSupport,
    Pricing,
    Profile,
    PurchasePath,
    Reason,
    Scope,
    Status,
    Triage,
    Usage,
    YesNoUnknown,
)
from ontime_support.kernel.text import LANGS, Lang, T, Text
from ontime_support.loading import read_toml, structure

from .calendar import BusinessCalendar, ScheduleError, parse_hours
from .money import (
    billable_minutes,
    billed_hours,
    break_even_hours,
    cheaper_spot_limit,
    hours_text,
    percent_of,
    rounding_note,
    spot_cost,
    time_cost,
    yen,
)
from .reasons import (
    CONTRACTS,
    DTS,
    DTS_ANNUAL,
    DTS_CONTRACT,
    DTS_SPOT,
    INTRAVISION,
    NON_OPTION_TARGETS,
    ONSITE,
    PARTNER,
    PLATFORM_NAMES,
    PRODUCT_FIX,
    RENEW_IF_PARTNER_ASKS,
    RENEW_MAINTENANCE,
    RENEW_THEN_UPGRADE,
    SHOP_HELP,
    UPGRADE,
    after_diagnosis,
    country_name,
    language_names,
    maintenance_active,
    no_spot_hours_note,
    no_spot_hours_rank_reason,
    partner_label,
    platform_support_caveat,
    platform_support_contact,
    platform_supported_by,
    publish_partner_names,
    remember_folder,
    renew_maintenance_step,
    verdict,
    zone_name,
    zone_words,
)
from .memo import Projection, amounts, memo, situation
from .texts import Catalogue, catalogue, fill
from .settings import (
    WEEKDAYS,
    build_calendar,
    check_holiday_country,
    check_hours,
    check_month_day,
    check_fee_percent,
    check_percent,
    check_positive_int,
    check_weekdays,
    check_zone,
    month_day,
    setting,
    settings_calendar,
)

__all__ = [
    "LANGS", "PLATFORM_NAMES", "WEEKDAYS", "Availability", "BusinessCalendar", "Contracts", "Customer",
    "Eligibility", "EscalationStep", "FieldValueError", "Incident", "InputError", "Lang", "Licenses",
    "Maintenance", "Matter", "OptionSpec", "Platform", "PlatformSupport", "Pricing", "Profile",
    "PurchasePath", "Reason", "ScheduleError", "Scope", "Status", "T", "Text", "Triage", "Usage",
    "YesNoUnknown", "after_diagnosis", "billable_minutes", "break_even_hours", "build_calendar",
    "check_fee_percent", "check_holiday_country", "check_hours", "check_month_day", "check_percent", "check_positive_int",
    "check_weekdays", "check_zone", "hookimpl", "month_day", "parse_hours", "percent_of", "rounding_note",
    "platform_support_contact", "read_toml", "setting", "settings_calendar", "spot_cost", "structure", "time_cost", "yen",
    # shared step targets and reason helpers (sdk/reasons.py)
    "billed_hours", "cheaper_spot_limit", "CONTRACTS", "DTS", "DTS_ANNUAL", "DTS_CONTRACT", "DTS_SPOT", "INTRAVISION", "NON_OPTION_TARGETS", "ONSITE", "PARTNER",
    "PRODUCT_FIX", "RENEW_MAINTENANCE", "RENEW_THEN_UPGRADE", "SHOP_HELP", "UPGRADE", "country_name",
    "hours_text", "language_names", "maintenance_active", "memo", "platform_support_caveat",
    "platform_supported_by", "renew_maintenance_step", "verdict",
    "RENEW_IF_PARTNER_ASKS", "no_spot_hours_note", "no_spot_hours_rank_reason", "partner_label", "publish_partner_names", "remember_folder", "zone_name", "zone_words",
    # caching pure answers (sdk/memo.py)
    "Projection", "amounts", "situation",
    # constant wording as data (sdk/texts.py)
    "Catalogue", "catalogue", "fill",
]
