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

from ontime_support import sdk

from .settings import SECTION, ExamplePartnerSettings, calendar_for

__version__ = "0.1.0"

PARTNER_ID = "example-partner"
OPTION_ID = "example_partner.support"
NAME = sdk.T("Example Partner K.K. (fictitious)", "Example Partner 株式会社(架空)")
PLATFORMS = {"exchange": sdk.T("Microsoft 365 / Exchange", "Microsoft 365 / Exchange"),
             "domino": sdk.T("HCL Notes/Domino", "HCL Notes/Domino")}


def _is_customer(profile: sdk.Profile) -> bool:
    c = profile.customer
    return c.purchased_from is sdk.PurchasePath.PARTNER and c.partner == PARTNER_ID


@sdk.hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return SECTION, ExamplePartnerSettings


@sdk.hookimpl
def ontime_options(settings: ExamplePartnerSettings) -> list[sdk.OptionSpec]:
    return [sdk.OptionSpec(id=OPTION_ID, provider="example_partner",
                           title=sdk.T("Example Partner support (fictitious)", "Example Partner サポート(架空)"),
                           channels=settings.channels, languages=settings.languages,
                           region=sdk.T("Japan", "日本"), partner_id=PARTNER_ID)]


@sdk.hookimpl
def ontime_eligibility(profile: sdk.Profile, at: dt.datetime, settings: ExamplePartnerSettings) -> sdk.Eligibility:
    return _eligibility(profile, sdk.maintenance_active(profile, at), settings)


# The answer reads the customer, its contracts and whether maintenance is active: key on those
# (not on the whole profile, whose amounts differ on every line of a batch). See docs/writing-a-plugin.md.
@sdk.memo(key=lambda profile, active, settings: (sdk.situation(profile), active, settings))
def _eligibility(profile: sdk.Profile, active: bool, settings: ExamplePartnerSettings) -> sdk.Eligibility:
    c = profile.customer
    if not _is_customer(profile):
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(sdk.Reason(clause="EXP-1", text=sdk.T(
            "Example Partner supports only customers who bought OnTime through it.",
            "Example Partner は同社経由で OnTime を購入したお客様のみサポートします。")),))
    reasons = [sdk.Reason(clause="EXP-1", text=sdk.T(
        "You bought OnTime through Example Partner, which supports it on its own terms.",
        "Example Partner 経由で購入されており、同社が独自の条件でサポートします。"))]
    if settings.requires_maintenance and not active:
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(*reasons, sdk.Reason(clause="EXP-4", text=sdk.T(
            "Example Partner's support requires active software maintenance, and yours is not active.",
            "Example Partner のサポートには有効なメンテナンスが必要ですが、メンテナンスが有効ではありません。"))))
    conditions = []
    if not set(settings.languages) & set(c.languages):
        conditions.append(sdk.Reason(clause="EXP-3", text=sdk.T(
            f"The desk works in {', '.join(settings.languages)} only.",
            f"窓口の対応言語は {', '.join(settings.languages)} のみです。")))
    platform = PLATFORMS[c.platform.value]
    if c.platform_supported_by is sdk.PlatformSupport.OTHER_PARTNER:
        conditions.append(sdk.Reason(clause="PTN-3", text=sdk.T(
            f"Another partner supports your {platform.en}: agree in advance how the two handle faults.",
            f"{platform.ja} は別のパートナーが担当しています。障害時の体制を事前に取り決めてください。")))
    elif c.platform.value in settings.supports_platforms:
        reasons.append(sdk.Reason(clause="EXP-5", text=sdk.T(
            f"Example Partner can also support your {platform.en}, so faults go to one place.",
            f"Example Partner は {platform.ja} もサポートできるため、障害を一か所で相談できます。")))
    else:
        reasons.append(sdk.Reason(clause="PTN-2", text=sdk.T(
            f"Pair this with support for your {platform.en}: most OnTime faults depend on it.",
            f"{platform.ja} 自体のサポートとの併用をご検討ください。")))
    return sdk.verdict(reasons, conditions, rank=10, rank_reason=sdk.Reason(
        clause="PTN-4", text=sdk.T("Bought through a partner: the partner is the first contact.",
                                   "パートナー経由の購入のため、最初の相談先はパートナーです。")))


@sdk.hookimpl
def ontime_pricing(profile: sdk.Profile, settings: ExamplePartnerSettings) -> sdk.Pricing:
    price = profile.licenses.purchased_list_price_jpy
    annual = sdk.percent_of(price, settings.annual_fee_percent)
    rate = settings.spot_rate_jpy_per_hour
    _, spot_cost = sdk.spot_cost(profile.usage.expected_spot_hours, rate,
                                 minimum_minutes=settings.spot_minimum_minutes, unit_minutes=settings.spot_unit_minutes)
    return sdk.Pricing(
        annual_fee_jpy=annual,
        spot_rate_jpy_per_hour=rate,
        spot_cost_jpy=spot_cost,
        break_even_hours=sdk.break_even_hours(annual, rate),
        notes=(sdk.Reason(clause="EXP-2", text=sdk.T(
            f"{settings.annual_fee_percent}% of the purchased list price ({sdk.yen(price, 'en')}) a year, "
            f"or {sdk.yen(rate, 'en')} an hour (at least {settings.spot_minimum_minutes} minutes, "
            f"in {settings.spot_unit_minutes}-minute units).",
            f"年額は購入時の定価({sdk.yen(price, 'ja')})の {settings.annual_fee_percent}%、"
            f"スポットは 1 時間 {sdk.yen(rate, 'ja')}(最低 {settings.spot_minimum_minutes} 分、"
            f"{settings.spot_unit_minutes} 分単位)。")),),
    )


@sdk.hookimpl
def ontime_hours(settings: ExamplePartnerSettings) -> sdk.Availability:
    return sdk.Availability(calendar=calendar_for(settings), channels=settings.channels, languages=settings.languages,
                            notes=(sdk.Reason(clause="EXP-3", text=sdk.T(
                            "Tokyo office hours; e-mail outside them is handled from the next opening.",
                            "東京オフィスの営業時間。時間外のメールは次の営業開始時に対応します。")),))


@sdk.hookimpl
def ontime_escalation(profile: sdk.Profile, triage: sdk.Triage | None,
                      settings: ExamplePartnerSettings) -> list[sdk.EscalationStep]:
    return list(_escalation(profile, triage.matter if triage else None, settings))  # a fresh list: the path is shared


@sdk.memo(key=lambda profile, matter, settings: (sdk.situation(profile), matter, settings))
def _escalation(profile: sdk.Profile, matter: sdk.Matter | None,
                settings: ExamplePartnerSettings) -> tuple[sdk.EscalationStep, ...]:
    if not _is_customer(profile):
        return ()
    c = profile.customer
    steps = [sdk.EscalationStep(to=NAME, why=sdk.T(
        "Partner customers take OnTime questions to their partner.",
        "パートナー経由のお客様は OnTime の相談をパートナーへ。"), clause="PTN-4")]
    if matter is sdk.Matter.PLATFORM:
        if c.platform_supported_by is sdk.PlatformSupport.OTHER_PARTNER:
            steps.append(sdk.EscalationStep(
                to=sdk.T("your platform partner", "基盤を担当するパートナー"),
                why=sdk.T("A platform fault goes to the partner that supports the platform, as agreed in advance.",
                          "基盤の障害は、事前の取り決めどおり基盤担当のパートナーへ。"), clause="PTN-3"))
        elif c.platform.value in settings.supports_platforms:
            steps.append(sdk.EscalationStep(to=NAME, why=sdk.T(
                "Example Partner also handles the platform fault.", "基盤の障害も Example Partner が対応します。"),
                clause="EXP-5"))
    elif matter is sdk.Matter.ONTIME:
        steps.append(sdk.EscalationStep(
            to=sdk.T("IntraVision, through Example Partner", "Example Partner 経由で IntraVision"),
            why=sdk.T("Example Partner takes product faults to the maker on your behalf.",
                      "製品の不具合は Example Partner がお客様に代わってメーカーへ連絡します。"), clause="EXP-5"))
    if not profile.contracts.direct_shop_annual:
        steps.append(sdk.EscalationStep(
            to=sdk.T("Direct Shop technical support", "Direct Shop テクニカルサポート"),
            why=sdk.T("If your partner cannot help, a direct contract with the Direct Shop is open to you.",
                      "パートナーで解決できない場合は、Direct Shop と直接契約できます。"), clause="PTN-5"))
    return tuple(steps)
