"""Built-in plugin ``direct_shop``: the OnTime Group Calendar Direct Shop (Japan).

Options:

* ``direct_shop.purchase_support`` — best-effort help for the shop's own buyers (DIR-1..4);
* ``direct_shop.annual`` — the yearly technical-support contract (DTS-1..9);
* ``direct_shop.spot`` — spot technical support billed by time (DTS-5).

Settings: :class:`~.settings.DirectShopSettings` (section ``[direct_shop]``).

Answers depend only on the frozen profile, whether software maintenance is
active on the customer's local date, and the frozen settings, so they are
computed once per such combination (:func:`ontime_support.sdk.memo`).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from ontime_support import sdk

from .settings import DirectShopSettings, calendar_for

_REASONS, _TEXTS = sdk.catalogue(__package__)  # the constant wording: texts.toml

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DIR-1", "DIR-2", "DIR-3", "DIR-4", "DTS-1", "DTS-2", "DTS-3", "DTS-4", "DTS-5", "DTS-6",
           "DTS-7", "DTS-8", "DTS-9", "MNT-1", "MNT-2", "PTN-1", "PTN-4", "PTN-5", "SCP-1", "SCP-2", "SCP-3", "SCP-4")

PURCHASE_SUPPORT = "direct_shop.purchase_support"
ANNUAL = "direct_shop.annual"
SPOT = "direct_shop.spot"
CHANNELS = ("email", "phone", "web_conference")

#: Which option ids each step target of this plugin names (``PARTNER`` and the
#: non-option targets name none of this plugin's options).
STEP_TARGETS: dict[sdk.Text, tuple[str, ...]] = {
    sdk.SHOP_HELP: (PURCHASE_SUPPORT,),
    sdk.DTS: (ANNUAL, SPOT),
    sdk.DTS_ANNUAL: (ANNUAL,),
    sdk.DTS_CONTRACT: (ANNUAL,),
    sdk.DTS_SPOT: (SPOT,),
    sdk.ONSITE: (),
}


@sdk.hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "direct_shop", DirectShopSettings


@sdk.hookimpl
def ontime_options(settings: DirectShopSettings) -> list[sdk.OptionSpec]:
    return [
        sdk.OptionSpec(id=PURCHASE_SUPPORT, provider="direct_shop",
                       title=sdk.T("Direct Shop: help for its buyers", "Direct Shop ご購入者向けサポート"),
                       channels=("email", "phone"), languages=settings.languages, region=_TEXTS["region"]),
        sdk.OptionSpec(id=ANNUAL, provider="direct_shop",
                       title=sdk.T("Direct Shop technical support (annual)", "Direct Shop テクニカルサポート（年間契約）"),
                       channels=CHANNELS, languages=settings.languages, region=_TEXTS["region"]),
        sdk.OptionSpec(id=SPOT, provider="direct_shop",
                       title=sdk.T("Direct Shop spot technical support (hourly)",
                               "Direct Shop スポットテクニカルサポート（時間課金）"),
                       channels=CHANNELS, languages=settings.languages, region=_TEXTS["region"]),
    ]


# --------------------------------------------------------------------------- reasons (built once)

_NEEDS_MAINTENANCE = {ANNUAL: _REASONS["needs_maintenance_annual"], SPOT: _REASONS["needs_maintenance_spot"]}
#: Keyed by "bought through a partner": the same words, under PTN-5 for a partner's customer.
_CONTRACT_IN_FORCE = {True: _REASONS["contract_in_force_partner"], False: _REASONS["contract_in_force"]}


def _language_reason(settings: DirectShopSettings) -> sdk.Reason:
    names = sdk.language_names(settings.languages)
    return sdk.Reason(clause="DTS-9", text=sdk.T(
        f"Support is given in {names.en} (the page names no other language; the desk's interpretation): "
        f"your staff would need to work in {names.en}.",
        f"サポートは{names.ja}で行われます（ほかの言語の記載がないことによる当ツールの解釈）。"
        f"{names.ja}でのやり取りが前提となります。"))


def _region_reason(country: str) -> sdk.Reason:
    name = sdk.country_name(country)
    return sdk.Reason(clause="DTS-8", text=sdk.T(
        f"The Direct Shop serves Japan and Asia; support in {name.en} needs a special arrangement.",
        f"Direct Shop のサービス提供地域は日本およびアジア諸国です。{name.ja}での対応には個別のお取り決めが必要です。"))


# --------------------------------------------------------------------------- eligibility


def _reach(profile: sdk.Profile, settings: DirectShopSettings) -> list[sdk.Reason]:
    """Conditions from where the customer is and what language it works in (DTS-8, DTS-9)."""
    conditions = []
    country = profile.customer.country
    if country not in settings.region:
        conditions.append(_region_reason(country))
    if not set(settings.languages) & set(profile.customer.languages):
        conditions.append(_language_reason(settings))
    return conditions


def _key(profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> tuple[object, ...]:
    """What a verdict or a path depends on besides the amounts: the customer's situation, maintenance, settings."""
    return (sdk.situation(profile), active, settings)


@sdk.memo(maxsize=64)
def _spot(hours: Decimal, settings: DirectShopSettings) -> tuple[int, int]:
    """Billed minutes and cost of the expected spot hours (DTS-5)."""
    return sdk.spot_cost(hours, settings.spot_rate_jpy_per_hour,
                         minimum_minutes=settings.spot_minimum_minutes, unit_minutes=settings.spot_unit_minutes)


@sdk.memo(maxsize=1024)
def _annual_fee(newest_price: int, settings: DirectShopSettings) -> int:
    return sdk.percent_of(newest_price, settings.annual_fee_percent)


def _fees(profile: sdk.Profile, settings: DirectShopSettings) -> tuple[int, int]:
    return _annual_fee(profile.licenses.newest_list_price_jpy, settings), _spot(profile.usage.expected_spot_hours, settings)[1]


@sdk.memo(key=_key)
def _purchase_support(profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> sdk.Eligibility:
    c = profile.customer
    if c.purchased_from is sdk.PurchasePath.PARTNER:
        if c.partner_supports_ontime:
            return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(_REASONS["partner_asks_partner"], _REASONS["contract_exception"]))
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE,
                               reasons=(_REASONS["partner_not_ours"], _REASONS["no_partner_support_dts"], _REASONS["contract_exception"]))
    if c.purchased_from is sdk.PurchasePath.INTRAVISION:
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(_REASONS["not_a_shop_buyer"],))
    reasons = [_REASONS["best_effort"], _REASONS["workshops"]]
    if not active:
        reasons.append(_REASONS["no_newest"])
    return sdk.verdict(reasons, _reach(profile, settings), rank=15, rank_reason=_REASONS["first_stop"])


@functools.cache
def _terms_reason(spot: bool, settings: DirectShopSettings) -> sdk.Reason:
    """The option's own terms (DTS-4 annual, DTS-5 spot): they depend on the settings only."""
    if spot:
        return sdk.Reason(clause="DTS-5", text=sdk.T(
            f"Billed by time at {sdk.yen(settings.spot_rate_jpy_per_hour, 'en')} an hour, "
            f"at least {settings.spot_minimum_minutes} minutes.",
            f"時間課金で 1 時間あたり {sdk.yen(settings.spot_rate_jpy_per_hour, 'ja')}、"
            f"最小 {settings.spot_minimum_minutes} 分からご利用いただけます。"))
    return sdk.Reason(clause="DTS-4", text=sdk.T(
        f"A yearly add-on to software maintenance, contracted directly with the Direct Shop: "
        f"{settings.annual_fee_percent}% of the newest license list price each year.",
        f"ソフトウェアメンテナンスの追加サービスとして Direct Shop と直接ご契約いただく年間サービスです。"
        f"費用は毎年、最新ライセンス定価の {settings.annual_fee_percent}% です。"))


class _Standing(NamedTuple):
    """A technical-support verdict before the annual/spot comparison (DTS-4, DTS-5).

    ``verdict`` is final when ``final``; else it is the verdict when the comparison does not favour this
    option, and ``reasons``, ``conditions``, ``rank`` rebuild it with the comparison's reason when it does.
    """

    verdict: sdk.Eligibility
    final: bool = True
    reasons: tuple[sdk.Reason, ...] = ()
    conditions: tuple[sdk.Reason, ...] = ()
    rank: int = 0


@sdk.memo(key=lambda option_id, profile, active, settings: (option_id, *_key(profile, active, settings)))
def _standing(option_id: str, profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> _Standing:
    """Ranks: 5 an annual contract in force; 10-15 the first contact (partner without OnTime
    support); 30-35 after a Direct Shop or maker buyer's first contact; 40-45 after a partner."""
    spot = option_id == SPOT
    c = profile.customer
    needs_maintenance = settings.spot_requires_maintenance if spot else True
    if needs_maintenance and not active:
        return _Standing(sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(_NEEDS_MAINTENANCE[option_id],)))
    reasons: list[sdk.Reason] = [_terms_reason(spot, settings)]
    conditions = _reach(profile, settings)
    if profile.contracts.direct_shop_annual:
        why = _CONTRACT_IN_FORCE[c.purchased_from is sdk.PurchasePath.PARTNER]
        reasons.append(why)
        if spot:
            return _Standing(sdk.verdict(reasons, conditions, rank=90, rank_reason=_REASONS["covered"]))
        return _Standing(sdk.verdict(reasons, conditions, rank=5, rank_reason=why))
    if c.purchased_from is sdk.PurchasePath.PARTNER:
        if c.partner_supports_ontime:
            reasons.append(_REASONS["partner_fallback"])
            rank, rank_reason = 45, _REASONS["partner_first"]
        else:
            reasons.append(_REASONS["no_partner_support_dts"])
            rank, rank_reason = 15, _REASONS["no_partner_support_dts"]
    elif c.purchased_from is sdk.PurchasePath.DIRECT_SHOP:
        reasons.append(_REASONS["direct_advanced"])
        rank, rank_reason = 35, _REASONS["next_after_help"]
    else:
        reasons.append(_REASONS["no_partner_in_japan"])
        rank, rank_reason = 35, _REASONS["no_partner_in_japan"]
    if c.platform_changed:
        reasons.append(_REASONS["platform_changed"])
        rank -= 3
    return _Standing(sdk.verdict(reasons, conditions, rank=rank, rank_reason=rank_reason), False,
                     tuple(reasons), tuple(conditions), rank)


def _technical_support(option_id: str, profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> sdk.Eligibility:
    standing = _standing(option_id, profile, active, settings)
    if standing.final:
        return standing.verdict
    # Annual versus spot: the cheaper one for the expected hours goes first (DTS-4, DTS-5).
    spot = option_id == SPOT
    annual_fee, spot_cost = _fees(profile, settings)
    spot_is_cheaper = spot_cost < annual_fee
    if spot != spot_is_cheaper:
        return standing.verdict
    hours = profile.usage.expected_spot_hours
    clause = "DTS-5" if spot else "DTS-4"
    if not hours:
        rank_reason = sdk.no_spot_hours_rank_reason(clause, _spot(Decimal(1), settings)[1], annual_fee)
        return sdk.verdict(standing.reasons, standing.conditions, rank=standing.rank - 2, rank_reason=rank_reason)
    billed = sdk.hours_text(sdk.billed_hours(_spot(hours, settings)[0]))
    same = spot_cost == annual_fee
    rank_reason = sdk.Reason(clause=clause, text=sdk.T(
        f"For {sdk.hours_text(hours)} hours a year (billed as {billed} h), spot ({sdk.yen(spot_cost, 'en')}) costs "
        + ("as much as the annual contract" if same else f"{'less' if spot_is_cheaper else 'more'} than the annual contract")
        + f" ({sdk.yen(annual_fee, 'en')}).",
        f"年 {sdk.hours_text(hours)} 時間（請求時間 {billed} 時間）の場合、スポットテクニカルサポート"
        f"（{sdk.yen(spot_cost, 'ja')}）は年間契約（{sdk.yen(annual_fee, 'ja')}）"
        + ("と同額です。" if same else f"より{'安く' if spot_is_cheaper else '高く'}なります。")))
    return sdk.verdict(standing.reasons, standing.conditions, rank=standing.rank - 2, rank_reason=rank_reason)


def _usable(option_id: str, profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> bool:
    """Not ineligible: this does not depend on the amounts (they only order the usable options)."""
    if option_id == PURCHASE_SUPPORT:
        return _purchase_support(profile, active, settings).status is not sdk.Status.INELIGIBLE
    return _standing(option_id, profile, active, settings).verdict.status is not sdk.Status.INELIGIBLE


@sdk.memo(maxsize=8, key=lambda profile, active, settings: (*_key(profile, active, settings), sdk.amounts(profile)))
def _verdicts(profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> dict[str, sdk.Eligibility]:
    return {
        PURCHASE_SUPPORT: _purchase_support(profile, active, settings),
        ANNUAL: _technical_support(ANNUAL, profile, active, settings),
        SPOT: _technical_support(SPOT, profile, active, settings),
    }


@sdk.hookimpl
def ontime_eligibility(option: sdk.OptionSpec, profile: sdk.Profile, at: dt.datetime,
                       settings: DirectShopSettings) -> sdk.Eligibility:
    return _verdicts(profile, sdk.maintenance_active(profile, at), settings)[option.id]


# --------------------------------------------------------------------------- pricing


@sdk.memo(maxsize=1024)
def _break_even(annual_fee: int, settings: DirectShopSettings) -> tuple[Fraction, sdk.Reason]:
    """Break-even hours of the annual fee and the note that explains them (DTS-5)."""
    even = sdk.break_even_hours(annual_fee, settings.spot_rate_jpy_per_hour)
    exact = sdk.hours_text(even)
    unit = settings.spot_unit_minutes
    limit = sdk.cheaper_spot_limit(annual_fee, settings.spot_rate_jpy_per_hour,
                                   minimum_minutes=settings.spot_minimum_minutes, unit_minutes=unit)
    if limit is None:
        return even, sdk.Reason(clause="DTS-5", text=sdk.T(
            f"Break-even: {exact} h of spot work a year cost as much as the annual fee; even the shortest "
            "billed spot time costs more.",
            f"年間契約との損益分岐点は年 {exact} 時間です。最小の請求時間でもスポットテクニカルサポートの"
            "費用が年間費用を上回ります。"))
    up_to = sdk.hours_text(sdk.billed_hours(limit))
    beyond = sdk.hours_text(sdk.billed_hours(limit + unit))
    return even, sdk.Reason(clause="DTS-5", text=sdk.T(
        f"Break-even: exactly {exact} h of spot work a year cost as much as the annual fee. Spot time is billed "
        f"in {unit}-minute units (the desk's setting), so up to {up_to} billed hours spot costs no more than the "
        f"annual fee, and from {beyond} billed hours it costs more.",
        f"年間契約との損益分岐点はちょうど年 {exact} 時間です。スポットテクニカルサポートは {unit} 分単位で"
        f"請求されるため（当ツールの設定）、請求時間 {up_to} 時間までは年間費用以下、"
        f"{beyond} 時間からは年間費用を上回ります。"))


@sdk.memo(maxsize=64)
def _spot_note(hours: Decimal, settings: DirectShopSettings) -> sdk.Reason:
    minutes, spot_cost = _spot(hours, settings)
    if not hours:
        return sdk.no_spot_hours_note("DTS-5", _spot(Decimal(1), settings)[1], sdk.T(
            f"at least {settings.spot_minimum_minutes} minutes, rounded up to {settings.spot_unit_minutes}-minute "
            "units, the desk's setting",
            f"最小 {settings.spot_minimum_minutes} 分・{settings.spot_unit_minutes} 分単位の切り上げ、当ツールの設定"),
            sdk.T(" The same price worldwide.", "価格は世界共通です。"))
    expected = sdk.hours_text(hours)
    billed = sdk.hours_text(sdk.billed_hours(minutes))
    return sdk.Reason(clause="DTS-5", text=sdk.T(
        f"{expected} h expected a year are billed as {billed} h (at least {settings.spot_minimum_minutes} minutes, "
        f"rounded up to {settings.spot_unit_minutes}-minute units, the desk's setting): {sdk.yen(spot_cost, 'en')}. "
        "The same price worldwide.",
        f"想定の年 {expected} 時間は、最小 {settings.spot_minimum_minutes} 分・{settings.spot_unit_minutes} 分単位の"
        f"切り上げ（当ツールの設定）で請求時間 {billed} 時間、{sdk.yen(spot_cost, 'ja')}となります。"
        "価格は世界共通です。"))


@sdk.memo(maxsize=1024)
def _annual_pricing(newest: int, settings: DirectShopSettings) -> sdk.Pricing:
    annual_fee = _annual_fee(newest, settings)
    rounding = sdk.rounding_note(newest, settings.annual_fee_percent)
    even, even_note = _break_even(annual_fee, settings)
    return sdk.Pricing(annual_fee_jpy=annual_fee, break_even_hours=even, notes=(
        sdk.Reason(clause="DTS-4", text=sdk.T(
            f"{settings.annual_fee_percent}% of the newest license list price ({sdk.yen(newest, 'en')}), every year."
            + rounding.en,
            f"最新ライセンス定価（{sdk.yen(newest, 'ja')}）の {settings.annual_fee_percent}% を毎年お支払いいただきます。"
            + rounding.ja)),
        even_note))


_SHOP_PRICING = sdk.Pricing(notes=(_REASONS["case_by_case"],))


@sdk.memo(maxsize=8, key=lambda profile, settings: (sdk.amounts(profile), settings))
def _pricings(profile: sdk.Profile, settings: DirectShopSettings) -> dict[str, sdk.Pricing]:
    annual = _annual_pricing(profile.licenses.newest_list_price_jpy, settings)
    hours = profile.usage.expected_spot_hours
    even, even_note = _break_even(_annual_fee(profile.licenses.newest_list_price_jpy, settings), settings)
    return {
        PURCHASE_SUPPORT: _SHOP_PRICING,
        ANNUAL: annual,
        SPOT: sdk.Pricing(spot_rate_jpy_per_hour=settings.spot_rate_jpy_per_hour, spot_cost_jpy=_spot(hours, settings)[1],
                          break_even_hours=even, notes=(_spot_note(hours, settings), even_note)),
    }


@sdk.hookimpl
def ontime_pricing(option: sdk.OptionSpec, profile: sdk.Profile, settings: DirectShopSettings) -> sdk.Pricing:
    return _pricings(profile, settings)[option.id]


# --------------------------------------------------------------------------- hours


def _zone_words(timezone: str) -> sdk.Text:
    if timezone == "Asia/Tokyo":
        return sdk.T("Japan time", "日本時間")
    return sdk.zone_words(timezone)


@sdk.memo(maxsize=8)
def _availability(settings: DirectShopSettings) -> dict[str, sdk.Availability]:
    zone = _zone_words(settings.timezone)
    hours = settings.opening_hours.replace("-", "–")
    hours_ja = settings.opening_hours.replace("-", "〜")
    when = sdk.Reason(clause="DTS-3", text=sdk.T(
        f"Open {hours} {zone.en} on business days; an e-mail that comes in after hours is picked up when the "
        "desk next opens (which days are business days is the desk's setting; reading 'the next day' as the "
        "next opening is the desk's interpretation).",
        f"受付時間は営業日の{zone.ja} {hours_ja} です。受付時間外に届いたメールは、次の受付開始時から対応いたします"
        "（営業日は当ツールの設定、「翌日対応」を次の受付開始と読むのは当ツールの解釈です）。"))
    channels = sdk.Reason(clause="DTS-2", text=sdk.T(
        "By e-mail, phone or web meeting; on-site work is not included and is quoted separately.",
        "メール、電話、Web 会議で対応します。オンサイト作業は含まれず、別途お見積りとなります。"))
    calendar = calendar_for(settings)
    return {
        PURCHASE_SUPPORT: sdk.Availability(calendar=calendar, channels=("email", "phone"),
                                           languages=settings.languages, notes=(when,)),
        ANNUAL: sdk.Availability(calendar=calendar, channels=CHANNELS, languages=settings.languages,
                                 notes=(when, channels)),
        SPOT: sdk.Availability(calendar=calendar, channels=CHANNELS, languages=settings.languages,
                               notes=(when, channels)),
    }


@sdk.hookimpl
def ontime_hours(option: sdk.OptionSpec, settings: DirectShopSettings) -> sdk.Availability:
    availability = _availability(settings)[option.id]
    if availability.channels != option.channels:  # an option declared with other channels
        return sdk.Availability(calendar=availability.calendar, channels=option.channels,
                                languages=availability.languages, notes=availability.notes)
    return availability


# --------------------------------------------------------------------------- escalation


def _dts_target(profile: sdk.Profile, active: bool, settings: DirectShopSettings) -> sdk.Text | None:
    """The Direct Shop technical support a customer can use now, or ``None``."""
    if _usable(ANNUAL, profile, active, settings):
        return sdk.DTS if _usable(SPOT, profile, active, settings) else sdk.DTS_ANNUAL
    if _usable(SPOT, profile, active, settings):
        return sdk.DTS_SPOT
    return None


def _redirect(profile: sdk.Profile, active: bool, settings: DirectShopSettings,
              partner: str) -> list[sdk.EscalationStep]:
    """Where a customer goes whom ``direct_shop.purchase_support`` does not serve (``partner``: its name)."""
    c = profile.customer
    if c.purchased_from is sdk.PurchasePath.PARTNER and c.partner_supports_ontime:
        # The partner is where the customer goes (PTN-4); renewing maintenance does not open this option,
        # so it comes after, for the partner's terms (PTN-1).
        steps = [sdk.EscalationStep(to=sdk.fill(sdk.PARTNER, partner=partner), why=_TEXTS["ask_partner_why"],
                                    clause="PTN-4")]
        if not active:
            steps.append(sdk.RENEW_IF_PARTNER_ASKS)
        return steps
    why = _TEXTS["dts_for_no_partner"] if c.purchased_from is sdk.PurchasePath.PARTNER else _TEXTS["dts_for_maker_buyer"]
    target = _dts_target(profile, active, settings)
    if target is None:  # technical support needs maintenance (DTS-4): where to go, then what it takes
        return [sdk.EscalationStep(to=sdk.DTS, why=why, clause="DTS-1"), sdk.renew_maintenance_step("DTS-4")]
    return [sdk.EscalationStep(to=target, why=why, clause="DTS-1")]


@sdk.memo(key=lambda profile, active, matter, settings, partner: (*_key(profile, active, settings), matter, partner))
def _escalations(profile: sdk.Profile, active: bool, matter: sdk.Matter | None,
                 settings: DirectShopSettings, partner: str) -> dict[str, tuple[sdk.EscalationStep, ...]]:
    onsite = ([sdk.EscalationStep(to=sdk.ONSITE, why=_TEXTS["onsite_why"], clause="DTS-2")]
              if profile.incident is not None and profile.incident.needs_onsite else [])
    paths: dict[str, tuple[sdk.EscalationStep, ...]] = {}
    if not _usable(PURCHASE_SUPPORT, profile, active, settings):
        paths[PURCHASE_SUPPORT] = tuple(_redirect(profile, active, settings, partner))
    else:
        paths[PURCHASE_SUPPORT] = (
            sdk.EscalationStep(to=sdk.SHOP_HELP, why=_TEXTS["help_why"], clause="DIR-2"),
            sdk.EscalationStep(to=sdk.SHOP_HELP, why=_TEXTS["help_scope"], clause="SCP-1"),
            *sdk.after_diagnosis(profile, matter, maintenance_active=active, provider=sdk.SHOP_HELP),
            *onsite)
    for option_id in (ANNUAL, SPOT):
        if not _usable(option_id, profile, active, settings):
            paths[option_id] = (sdk.renew_maintenance_step("DTS-5" if option_id == SPOT else "DTS-4"),)
            continue
        if option_id == SPOT:
            target = sdk.DTS_SPOT
        else:
            target = sdk.DTS_CONTRACT if profile.contracts.direct_shop_annual else sdk.DTS_ANNUAL
        paths[option_id] = (
            sdk.EscalationStep(to=target, why=_TEXTS["investigate"], clause="DTS-7"),
            sdk.EscalationStep(to=target, why=_TEXTS["help_scope"], clause="DTS-6"),
            *sdk.after_diagnosis(profile, matter, maintenance_active=active, provider=target,
                                 provider_key="direct_shop"),
            *onsite)
    return paths


@sdk.hookimpl
def ontime_escalation(option: sdk.OptionSpec, profile: sdk.Profile, triage: sdk.Triage | None, at: dt.datetime,
                      settings: DirectShopSettings) -> list[sdk.EscalationStep]:
    matter = triage.matter if triage else None
    partner = sdk.partner_label(profile.customer.partner, settings.base_dir)
    return list(_escalations(profile, sdk.maintenance_active(profile, at), matter, settings, partner)[option.id])
