"""The kernel's data: the customer profile that goes in, the results that come out.

Every model is a frozen, keyword-only attrs class. Use ``attrs.evolve`` for
what-if edits (the TUI does). Money is integer JPY; instants are aware
datetimes; hours of usage are exact :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal
from fractions import Fraction
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from attrs import validators as v

from .text import Text


class Calendar(Protocol):
    """What the kernel and the renderers ask of an option's business calendar.

    :class:`ontime_support.sdk.BusinessCalendar` is the implementation plugins use.
    Every instant in and out is aware; results are in the calendar's zone.
    """

    @property
    def timezone(self) -> str: ...
    def closes_at(self, t: dt.datetime) -> dt.datetime | None: ...
    def next_open(self, t: dt.datetime) -> dt.datetime | None: ...
    def email_handled_from(self, t: dt.datetime) -> dt.datetime | None: ...
    def weekly_hours(self) -> dict[int, tuple[tuple[dt.time, dt.time | None], ...]]: ...


class PurchasePath(enum.StrEnum):
    """Where the customer bought OnTime."""
    DIRECT_SHOP, PARTNER, INTRAVISION = "direct_shop", "partner", "intravision"


class Platform(enum.StrEnum):
    """The calendar platform OnTime runs on."""
    DOMINO, EXCHANGE = "domino", "exchange"


class PlatformSupport(enum.StrEnum):
    """Who supports the customer's calendar platform."""
    SAME_PARTNER, OTHER_PARTNER, IN_HOUSE, NONE = "same_partner", "other_partner", "in_house", "none"


class Scope(enum.StrEnum):
    """How many users an incident affects (TRI-2)."""
    ONE_USER, SOME_USERS, ALL_USERS = "one_user", "some_users", "all_users"


class YesNoUnknown(enum.StrEnum):
    YES, NO, UNKNOWN = "yes", "no", "unknown"


class Status(enum.StrEnum):
    """The verdict on one support option for one customer."""
    ELIGIBLE, CONDITIONAL, INELIGIBLE = "eligible", "conditional", "ineligible"


class Matter(enum.StrEnum):
    """Triage verdict: whose problem is the fault (TRI-2, SCP-4)."""
    PLATFORM, ONTIME, UNDETERMINED = "platform", "ontime", "undetermined"


class FieldValueError(ValueError):
    """A complaint about one field (``field``: its name or dotted path); the loader reports ``file: field: problem``."""

    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_CLAUSE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*-[A-Za-z0-9_.-]+$")


def check_zone_name(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise FieldValueError(attribute.name, f"unknown time zone {value!r}") from None


_Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]


def _rule(ok: Callable[[Any], object], problem: str, each: bool = False) -> _Validator:
    """A validator: ``ok(value)`` holds (for each item of a tuple if ``each``), else ``problem.format(value)``."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        for item in (value if type(value) is tuple else (value,)) if each else (value,):
            if not ok(item):
                raise FieldValueError(attribute.name, problem.format(item))

    return check


#: The contact channels an option or its hours may name (anything else is a plugin error).
CHANNELS = frozenset({"email", "phone", "web_conference", "onsite", "web_form", "chat"})

_check_country = _rule(_COUNTRY.match, "{!r} is not an ISO 3166-1 alpha-2 code (e.g. 'JP')")
_check_languages = _rule(lambda c: type(c) is str and _LANGUAGE.match(c), "{!r} is not an ISO 639-1 code (e.g. 'ja', 'en')",
                         each=True)
_check_channels = _rule(CHANNELS.__contains__, f"unknown channel {{!r}} (known: {', '.join(sorted(CHANNELS))})", each=True)
_non_negative = _rule(lambda x: x >= 0, "must not be negative, got {}")
_not_bool_int = _rule(lambda x: isinstance(x, int) and not isinstance(x, bool), "expected a whole number of yen, got {!r}")
_optional_yen = v.optional([_not_bool_int, _non_negative])
_decimal_hours = _rule(lambda x: type(x) is Decimal and x.is_finite(), "expected a finite Decimal of hours, got {!r}")
_named = _rule(lambda x: x.strip(), "is blank: give the customer's name, got {!r}")
_str_tuple = _rule(lambda x: type(x) is tuple, "expected a tuple of strings, got {!r}")
_optional_hours = v.optional(_rule(lambda x: isinstance(x, Fraction | int) and not isinstance(x, bool),
                                   "break_even_hours must be a Fraction or int, got {!r}"))


@attrs.frozen(kw_only=True, cache_hash=True)
class Customer:
    name: str = attrs.field(validator=[v.instance_of(str), _named])
    country: str = attrs.field(validator=[v.instance_of(str), _check_country])
    timezone: str = attrs.field(validator=[v.instance_of(str), check_zone_name])
    languages: tuple[str, ...] = attrs.field(validator=[_str_tuple, _check_languages])
    purchased_from: PurchasePath = attrs.field(validator=v.instance_of(PurchasePath))
    partner: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    partner_supports_ontime: bool | None = attrs.field(default=None, validator=v.optional(v.instance_of(bool)))
    platform: Platform = attrs.field(validator=v.instance_of(Platform))
    platform_supported_by: PlatformSupport = attrs.field(validator=v.instance_of(PlatformSupport))
    platform_changed: bool = attrs.field(default=False, validator=v.instance_of(bool))


@attrs.frozen(kw_only=True, cache_hash=True)
class Maintenance:
    active_until: dt.date | None = attrs.field(default=None)


@attrs.frozen(kw_only=True, cache_hash=True)
class Licenses:
    purchased_list_price_jpy: int = attrs.field(validator=[_not_bool_int, _non_negative])
    newest_list_price_jpy: int = attrs.field(validator=[_not_bool_int, _non_negative])


@attrs.frozen(kw_only=True, cache_hash=True)
class Contracts:
    direct_shop_annual: bool = attrs.field(default=False, validator=v.instance_of(bool))
    intravision_annual: bool = attrs.field(default=False, validator=v.instance_of(bool))


@attrs.frozen(kw_only=True, cache_hash=True)
class Usage:
    expected_spot_hours: Decimal = attrs.field(default=Decimal(0), validator=[_decimal_hours, _non_negative])


@attrs.frozen(kw_only=True, cache_hash=True)
class Incident:
    scope: Scope = attrs.field(validator=v.instance_of(Scope))
    in_platform_clients: YesNoUnknown = attrs.field(validator=v.instance_of(YesNoUnknown))
    reproducible: bool = attrs.field(validator=v.instance_of(bool))
    on_newest_version: bool = attrs.field(validator=v.instance_of(bool))
    needs_onsite: bool = attrs.field(default=False, validator=v.instance_of(bool))


@attrs.frozen(kw_only=True, cache_hash=True)
class Profile:
    """Everything the desk knows about one customer (the profile TOML file)."""

    customer: Customer
    maintenance: Maintenance = attrs.field(factory=Maintenance)
    licenses: Licenses
    contracts: Contracts = attrs.field(factory=Contracts)
    usage: Usage = attrs.field(factory=Usage)
    incident: Incident | None = None

    def __attrs_post_init__(self) -> None:
        c = self.customer
        if c.purchased_from is PurchasePath.PARTNER:
            if not c.partner:
                raise FieldValueError("customer.partner", "required when purchased_from = 'partner'")
            if c.partner_supports_ontime is None:
                raise FieldValueError("customer.partner_supports_ontime", "required when purchased_from = 'partner'")


_VALID_CLAUSES: set[str] = set()


def _check_clause(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value in _VALID_CLAUSES:  # hot path: a handful of ids, checked once each
        return
    if not isinstance(value, str) or not _CLAUSE.match(value):
        raise FieldValueError(attribute.name, f"clause must be an id such as 'DTS-4' or 'ACME-2', got {value!r}")
    _VALID_CLAUSES.add(value)


def _text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not Text or type(value.en) is not str or type(value.ja) is not str:
        raise FieldValueError(attribute.name, f"expected a bilingual T(en, ja), got {value!r:.80}")


@attrs.frozen(kw_only=True, slots=True)
class Reason:
    """One reason behind a decision, citing the clause that applies."""

    clause: str = attrs.field(validator=_check_clause)
    text: Text = attrs.field(validator=_text)


#: Field metadata: the field holds models the host re-validates when a plugin returns them.
NESTED = {"nested": True}


def _reasons(value: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _steps(value: Iterable[EscalationStep]) -> tuple[EscalationStep, ...]:
    return tuple(value)


def _items(kind: type) -> Callable[[object, attrs.Attribute[Any], tuple[Any, ...]], None]:
    """A validator: a tuple whose items are all exactly ``kind``."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if type(value) is not tuple or any(type(item) is not kind for item in value):
            raise FieldValueError(attribute.name, f"expected a list of {kind.__name__}, got {value!r:.80}")

    return check


@attrs.frozen(kw_only=True, slots=True)
class OptionSpec:
    """A support option a provider offers (declared by ``ontime_options``).

    ``partner_id``: ``None`` for an option open to any customer; a partner id
    for an option only that partner's customers see; ``"*"`` for the generic
    partner option, which gives way to a partner's own plugin (issue #4).
    """

    id: str = attrs.field(validator=v.matches_re(r"^[a-z0-9_]+([.:-][a-z0-9_-]+)*$"))
    provider: str = attrs.field(validator=v.instance_of(str))
    title: Text = attrs.field(validator=_text)
    channels: tuple[str, ...] = attrs.field(converter=_strs, validator=_check_channels, default=())
    languages: tuple[str, ...] = attrs.field(converter=_strs, validator=_check_languages, default=())
    region: Text | None = attrs.field(default=None, validator=v.optional(_text))
    partner_id: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))


@attrs.frozen(kw_only=True, slots=True)
class Eligibility:
    """Answer of ``ontime_eligibility``.

    ``rank`` orders the recommendation among usable options (lower first);
    ``rank_reason`` says why this option sits where it does.
    """

    status: Status = attrs.field(validator=v.instance_of(Status))
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons, metadata=NESTED, validator=[
        _items(Reason), _rule(bool, "an eligibility verdict needs at least one reason")])  # a validator: re-run on answers
    rank: int = attrs.field(default=100, validator=v.instance_of(int))
    rank_reason: Reason | None = attrs.field(default=None, validator=v.optional(v.instance_of(Reason)), metadata=NESTED)


@attrs.frozen(kw_only=True, slots=True)
class Pricing:
    """Answer of ``ontime_pricing``: integer JPY, ``None`` where not applicable or unknown."""

    annual_fee_jpy: int | None = attrs.field(default=None, validator=_optional_yen)
    spot_rate_jpy_per_hour: int | None = attrs.field(default=None, validator=_optional_yen)
    spot_cost_jpy: int | None = attrs.field(default=None, validator=_optional_yen)
    break_even_hours: Fraction | None = attrs.field(default=None, validator=_optional_hours)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons, validator=_items(Reason), metadata=NESTED)


@attrs.frozen(kw_only=True, slots=True)
class Availability:
    """Answer of ``ontime_hours``: when and how the option answers.

    ``calendar`` is ``None`` when the hours are not known (e.g. a partner with
    no directory entry); then ``notes`` should say what to ask.
    """

    calendar: Calendar | None = None
    channels: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_check_channels)
    languages: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_check_languages)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons, validator=_items(Reason), metadata=NESTED)


@attrs.frozen(kw_only=True, slots=True)
class EscalationStep:
    """One step of the path a fault takes (numbered by the kernel)."""

    to: Text = attrs.field(validator=_text)
    why: Text = attrs.field(validator=_text)
    clause: str = attrs.field(validator=_check_clause)


@attrs.frozen(kw_only=True, slots=True)
class Triage:
    """Answer of ``ontime_triage``: whose matter the fault is, and what to do."""

    matter: Matter = attrs.field(validator=v.instance_of(Matter))
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons, validator=_items(Reason), metadata=NESTED)
    next_checks: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons, validator=_items(Reason), metadata=NESTED)
    upgrade_needed: bool = False
    fix_in_next_version: bool = False
    onsite_quote: bool = False
    path: tuple[EscalationStep, ...] = attrs.field(default=(), converter=_steps, validator=_items(EscalationStep), metadata=NESTED)


@attrs.frozen(kw_only=True, slots=True)
class Hours:
    """An option's hours at one instant, computed by the kernel from its calendar (``None`` throughout: unknown).

    Instants are in the provider's zone; ``calendar`` is kept for renderers (weekly hours, upcoming openings).
    """

    timezone: str | None
    open_now: bool | None
    closes_at: dt.datetime | None
    next_open: dt.datetime | None
    email_handled_from: dt.datetime | None
    channels: tuple[str, ...]
    languages: tuple[str, ...]
    notes: tuple[Reason, ...] = ()
    calendar: Calendar | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True, slots=True)
class PluginError:
    """What went wrong in a plugin: for one option (``OptionResult.error``) or for the plugin
    (``Comparison.plugin_failures``, ``.diagnostics``). ``hook``: the hook, the loading step (``import``,
    ``register``, ``settings``, ``resolve``), ``timeout``, or ``option <id>`` for what its hooks printed.
    """

    plugin: str
    hook: str
    message: str


@attrs.frozen(kw_only=True, slots=True)
class OptionResult:
    option: OptionSpec
    plugin: str
    eligibility: Eligibility | None = None
    pricing: Pricing | None = None
    hours: Hours | None = None
    escalation: tuple[EscalationStep, ...] = ()
    error: PluginError | None = None


@attrs.frozen(kw_only=True, slots=True)
class Comparison:
    """Everything ``compare`` says about one profile at one instant."""

    at: dt.datetime
    options: tuple[OptionResult, ...]
    recommended: tuple[str, ...]
    recommended_reasons: dict[str, tuple[Reason, ...]]
    triage: Triage | None
    customer_timezone: str
    #: plugins that failed to load, or failed outside one option (``ontime_triage``, a timeout)
    plugin_failures: tuple[PluginError, ...] = ()
    #: what plugins wrote to stdout/stderr during this comparison (never mixed into the output)
    diagnostics: tuple[PluginError, ...] = ()

    def option(self, option_id: str) -> OptionResult:
        for result in self.options:
            if result.option.id == option_id:
                return result
        raise KeyError(option_id)
