"""EXAMPLE plugin for ontime-support: the support terms of a FICTITIOUS partner.

"Example Partner K.K." does not exist; its terms (clauses ``EXP-1`` ..
``EXP-5``) only show how a partner ships its own plugin. The module is the
plugin: ontime-support finds it through the entry point
``[project.entry-points.ontime_support] example_partner = "ontime_example_partner"``.

It declares one option, ``example_partner.support``, with
``partner_id="example-partner"``: the customers of that partner see it instead
of the generic ``partner`` option built from the partner directory.
"""

from __future__ import annotations

import datetime as dt

from ontime_support.sdk import (
    Availability,
    Eligibility,
    EscalationStep,
    Matter,
    OptionSpec,
    PlatformSupport,
    Pricing,
    Profile,
    PurchasePath,
    Reason,
    Status,
    T,
    Triage,
    billable_minutes,
    break_even_hours,
    hookimpl,
    percent_of,
    time_cost,
    yen,
)

from .settings import SECTION, ExamplePartnerSettings, calendar_for

__version__ = "0.1.0"

PARTNER_ID = "example-partner"
OPTION_ID = "example_partner.support"
NAME = T("Example Partner K.K. (fictitious)", "Example Partner 株式会社(架空)")
PLATFORMS = {"exchange": T("Microsoft 365 / Exchange", "Microsoft 365 / Exchange"),
             "domino": T("HCL Notes/Domino", "HCL Notes/Domino")}


def _is_customer(profile: Profile) -> bool:
    c = profile.customer
    return c.purchased_from is PurchasePath.PARTNER and c.partner == PARTNER_ID


@hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return SECTION, ExamplePartnerSettings


@hookimpl
def ontime_options(settings: ExamplePartnerSettings) -> list[OptionSpec]:
    return [OptionSpec(id=OPTION_ID, provider="example_partner",
                       title=T("Example Partner support (fictitious)", "Example Partner サポート(架空)"),
                       channels=settings.channels, languages=settings.languages,
                       region=T("Japan", "日本"), partner_id=PARTNER_ID)]


@hookimpl
def ontime_eligibility(profile: Profile, at: dt.datetime, settings: ExamplePartnerSettings) -> Eligibility:
    c = profile.customer
    if not _is_customer(profile):
        return Eligibility(status=Status.INELIGIBLE, reasons=(Reason(clause="EXP-1", text=T(
            "Example Partner supports only customers who bought OnTime through it.",
            "Example Partner は同社経由で OnTime を購入したお客様のみサポートします。")),))
    reasons = [Reason(clause="EXP-1", text=T(
        "You bought OnTime through Example Partner, which supports it on its own terms.",
        "Example Partner 経由で購入されており、同社が独自の条件でサポートします。"))]
    if settings.requires_maintenance and not profile.maintenance_active(at):
        return Eligibility(status=Status.INELIGIBLE, reasons=(*reasons, Reason(clause="EXP-4", text=T(
            "Example Partner's support requires active software maintenance, and yours is not active.",
            "Example Partner のサポートには有効なメンテナンスが必要ですが、メンテナンスが有効ではありません。"))))
    conditions = []
    if not set(settings.languages) & set(c.languages):
        conditions.append(Reason(clause="EXP-3", text=T(
            f"The desk works in {', '.join(settings.languages)} only.",
            f"窓口の対応言語は {', '.join(settings.languages)} のみです。")))
    platform = PLATFORMS[c.platform.value]
    if c.platform_supported_by is PlatformSupport.OTHER_PARTNER:
        conditions.append(Reason(clause="PTN-3", text=T(
            f"Another partner supports your {platform.en}: agree in advance how the two handle faults.",
            f"{platform.ja} は別のパートナーが担当しています。障害時の体制を事前に取り決めてください。")))
    elif c.platform.value in settings.supports_platforms:
        reasons.append(Reason(clause="EXP-5", text=T(
            f"Example Partner can also support your {platform.en}, so faults go to one place.",
            f"Example Partner は {platform.ja} もサポートできるため、障害を一か所で相談できます。")))
    else:
        reasons.append(Reason(clause="PTN-2", text=T(
            f"Pair this with support for your {platform.en}: most OnTime faults depend on it.",
            f"{platform.ja} 自体のサポートとの併用をご検討ください。")))
    status = Status.CONDITIONAL if conditions else Status.ELIGIBLE
    return Eligibility(status=status, reasons=(*reasons, *conditions), rank=10, rank_reason=Reason(
        clause="PTN-4", text=T("Bought through a partner: the partner is the first contact.",
                               "パートナー経由の購入のため、最初の相談先はパートナーです。")))


@hookimpl
def ontime_pricing(profile: Profile, settings: ExamplePartnerSettings) -> Pricing:
    price = profile.licenses.purchased_list_price_jpy
    annual = percent_of(price, settings.annual_fee_percent)
    rate = settings.spot_rate_jpy_per_hour
    minutes = billable_minutes(profile.usage.expected_spot_hours, minimum_minutes=settings.spot_minimum_minutes,
                               unit_minutes=settings.spot_unit_minutes)
    return Pricing(
        annual_fee_jpy=annual,
        spot_rate_jpy_per_hour=rate,
        spot_cost_jpy=time_cost(minutes, rate),
        break_even_hours=break_even_hours(annual, rate),
        notes=(Reason(clause="EXP-2", text=T(
            f"{settings.annual_fee_percent}% of the purchased list price ({yen(price, 'en')}) a year, "
            f"or {yen(rate, 'en')} an hour (at least {settings.spot_minimum_minutes} minutes, "
            f"in {settings.spot_unit_minutes}-minute units).",
            f"年額は購入時の定価({yen(price, 'ja')})の {settings.annual_fee_percent}%、"
            f"スポットは 1 時間 {yen(rate, 'ja')}(最低 {settings.spot_minimum_minutes} 分、"
            f"{settings.spot_unit_minutes} 分単位)。")),),
    )


@hookimpl
def ontime_hours(settings: ExamplePartnerSettings) -> Availability:
    return Availability(calendar=calendar_for(settings), channels=settings.channels, languages=settings.languages,
                        notes=(Reason(clause="EXP-3", text=T(
                            "Tokyo office hours; e-mail outside them is handled from the next opening.",
                            "東京オフィスの営業時間。時間外のメールは次の営業開始時に対応します。")),))


@hookimpl
def ontime_escalation(profile: Profile, triage: Triage | None,
                      settings: ExamplePartnerSettings) -> list[EscalationStep]:
    if not _is_customer(profile):
        return []
    c = profile.customer
    steps = [EscalationStep(to=NAME, why=T(
        "Partner customers take OnTime questions to their partner.",
        "パートナー経由のお客様は OnTime の相談をパートナーへ。"), clause="PTN-4")]
    matter = triage.matter if triage else None
    if matter is Matter.PLATFORM:
        if c.platform_supported_by is PlatformSupport.OTHER_PARTNER:
            steps.append(EscalationStep(
                to=T("your platform partner", "基盤を担当するパートナー"),
                why=T("A platform fault goes to the partner that supports the platform, as agreed in advance.",
                      "基盤の障害は、事前の取り決めどおり基盤担当のパートナーへ。"), clause="PTN-3"))
        elif c.platform.value in settings.supports_platforms:
            steps.append(EscalationStep(to=NAME, why=T(
                "Example Partner also handles the platform fault.", "基盤の障害も Example Partner が対応します。"),
                clause="EXP-5"))
    elif matter is Matter.ONTIME:
        steps.append(EscalationStep(
            to=T("IntraVision, through Example Partner", "Example Partner 経由で IntraVision"),
            why=T("Example Partner takes product faults to the maker on your behalf.",
                  "製品の不具合は Example Partner がお客様に代わってメーカーへ連絡します。"), clause="EXP-5"))
    if not profile.contracts.direct_shop_annual:
        steps.append(EscalationStep(
            to=T("Direct Shop technical support", "Direct Shop テクニカルサポート"),
            why=T("If your partner cannot help, a direct contract with the Direct Shop is open to you.",
                  "パートナーで解決できない場合は、Direct Shop と直接契約できます。"), clause="PTN-5"))
    return steps
