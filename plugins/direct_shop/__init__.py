"""Built-in plugin ``direct_shop``: the OnTime Group Calendar Direct Shop (Japan).

Options:

* ``direct_shop.purchase_support`` — best-effort help for the shop's own buyers (DIR-1..4);
* ``direct_shop.annual`` — the yearly technical-support contract (DTS-1..9);
* ``direct_shop.spot`` — technical support billed by time (DTS-5).

Settings: :class:`~.settings.DirectShopSettings` (section ``[direct_shop]``).
"""

from __future__ import annotations

import datetime as dt

from ontime_support.sdk import (
    Availability,
    Eligibility,
    EscalationStep,
    OptionSpec,
    Pricing,
    Profile,
    PurchasePath,
    Reason,
    Status,
    T,
    Triage,
    after_diagnosis,
    billable_minutes,
    break_even_hours,
    hookimpl,
    percent_of,
    time_cost,
    yen,
)

from .settings import DirectShopSettings, calendar_for

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DIR-1", "DIR-2", "DIR-3", "DIR-4", "DTS-1", "DTS-2", "DTS-3", "DTS-4", "DTS-5", "DTS-6",
           "DTS-7", "DTS-8", "DTS-9", "MNT-1", "MNT-2", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4")

PURCHASE_SUPPORT = "direct_shop.purchase_support"
ANNUAL = "direct_shop.annual"
SPOT = "direct_shop.spot"
CHANNELS = ("email", "phone", "web_conference")
SHOP = T("the Direct Shop", "Direct Shop")


@hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "direct_shop", DirectShopSettings


@hookimpl
def ontime_options(settings: DirectShopSettings) -> list[OptionSpec]:
    region = T("Japan and Asia", "日本およびアジア")
    return [
        OptionSpec(id=PURCHASE_SUPPORT, provider="direct_shop",
                   title=T("Direct Shop: help for its buyers", "Direct Shop 購入者サポート"),
                   channels=("email", "phone"), languages=settings.languages, region=region),
        OptionSpec(id=ANNUAL, provider="direct_shop",
                   title=T("Direct Shop technical support (annual)", "Direct Shop テクニカルサポート(年間)"),
                   channels=CHANNELS, languages=settings.languages, region=region),
        OptionSpec(id=SPOT, provider="direct_shop",
                   title=T("Direct Shop spot support (hourly)", "Direct Shop スポットサポート(時間課金)"),
                   channels=CHANNELS, languages=settings.languages, region=region),
    ]


# --------------------------------------------------------------------------- eligibility


def _reach(profile: Profile, settings: DirectShopSettings) -> list[Reason]:
    """Conditions from where the customer is and what language it works in (DTS-8, DTS-9)."""
    conditions = []
    country = profile.customer.country
    if country not in settings.region:
        conditions.append(Reason(clause="DTS-8", text=T(
            f"The Direct Shop serves Japan and Asia; support in {country} needs a special arrangement.",
            f"Direct Shop の対象は日本とアジアです。{country} での対応には個別の取り決めが必要です。")))
    if not set(settings.languages) & set(profile.customer.languages):
        conditions.append(Reason(clause="DTS-9", text=T(
            "Support is in Japanese: your staff would need to work in Japanese.",
            "サポートは日本語で行われます。日本語でのやり取りが前提です。")))
    return conditions


def _verdict(reasons: list[Reason], conditions: list[Reason], rank: int, rank_reason: Reason) -> Eligibility:
    status = Status.CONDITIONAL if conditions else Status.ELIGIBLE
    return Eligibility(status=status, reasons=(*reasons, *conditions), rank=rank, rank_reason=rank_reason)


def _fees(profile: Profile, settings: DirectShopSettings) -> tuple[int, int]:
    annual = percent_of(profile.licenses.newest_list_price_jpy, settings.annual_fee_percent)
    minutes = billable_minutes(profile.usage.expected_spot_hours, minimum_minutes=settings.spot_minimum_minutes,
                               unit_minutes=settings.spot_unit_minutes)
    return annual, time_cost(minutes, settings.spot_rate_jpy_per_hour)


def _purchase_support(profile: Profile, at: dt.datetime, settings: DirectShopSettings) -> Eligibility:
    path = profile.customer.purchased_from
    if path is PurchasePath.PARTNER:
        return Eligibility(status=Status.INELIGIBLE, reasons=(
            Reason(clause="PTN-4", text=T(
                "Bought through a partner: the Direct Shop does not answer your questions directly; "
                "your partner does.",
                "パートナー経由で購入されているため、Direct Shop は直接お問い合わせを受けません。"
                "パートナーにご相談ください。")),
            Reason(clause="PTN-5", text=T(
                "The exception is a technical-support contract signed directly with the Direct Shop.",
                "例外は Direct Shop と直接テクニカルサポート契約を結ぶ場合です。")),
        ))
    if path is PurchasePath.INTRAVISION:
        return Eligibility(status=Status.INELIGIBLE, reasons=(Reason(clause="DIR-1", text=T(
            "This help is for customers who bought from the Direct Shop.",
            "このサポートは Direct Shop で購入されたお客様向けです。")),))
    reasons = [
        Reason(clause="DIR-2", text=T(
            "You bought from the Direct Shop: it helps as far as it can, free or paid as agreed per case.",
            "Direct Shop でご購入のため、案件ごとに無償・有償を相談のうえ精一杯支援します。")),
        Reason(clause="DIR-3", text=T("Free workshops are held regularly.", "無償のワークショップを定期的に開催しています。")),
    ]
    if not profile.maintenance_active(at):
        reasons.append(Reason(clause="MNT-1", text=T(
            "Without active maintenance you cannot move to the newest version, where fixes are made.",
            "メンテナンスが切れていると、修正が入る最新バージョンを利用できません。")))
    rank = 20 if profile.contracts.direct_shop_annual else 10
    return _verdict(reasons, _reach(profile, settings), rank, Reason(clause="DIR-2", text=T(
        "First stop for a Direct Shop buyer.", "Direct Shop 購入者の最初の相談先です。")))


def _technical_support(option_id: str, profile: Profile, at: dt.datetime,
                       settings: DirectShopSettings) -> Eligibility:
    spot = option_id == SPOT
    c = profile.customer
    annual_fee, spot_cost = _fees(profile, settings)
    needs_maintenance = settings.spot_requires_maintenance if spot else True
    if needs_maintenance and not profile.maintenance_active(at):
        return Eligibility(status=Status.INELIGIBLE, reasons=(Reason(clause="DTS-5" if spot else "DTS-4", text=T(
            "Technical support is an add-on to software maintenance, and yours is not active.",
            "テクニカルサポートはソフトウェアメンテナンスの追加サービスですが、メンテナンスが有効ではありません。")),))
    reasons: list[Reason] = []
    if spot:
        reasons.append(Reason(clause="DTS-5", text=T(
            f"Billed by time at {yen(settings.spot_rate_jpy_per_hour, 'en')} an hour, "
            f"at least {settings.spot_minimum_minutes} minutes.",
            f"時間課金で 1 時間 {yen(settings.spot_rate_jpy_per_hour, 'ja')}、最低 {settings.spot_minimum_minutes} 分から。")))
    else:
        reasons.append(Reason(clause="DTS-4", text=T(
            f"A yearly add-on to maintenance, contracted with the Direct Shop: {settings.annual_fee_percent}% "
            "of the newest list price each year.",
            f"メンテナンスに追加する年間サービスで、Direct Shop との直接契約です。毎年、最新定価の "
            f"{settings.annual_fee_percent}% がかかります。")))
    # Who DTS is for (DTS-1), and how early to recommend it.
    if profile.contracts.direct_shop_annual:
        why = Reason(clause="PTN-5" if c.purchased_from is PurchasePath.PARTNER else "DTS-4", text=T(
            "Your Direct Shop support contract is in force: the shop serves you under it.",
            "Direct Shop とのサポート契約が有効なため、その契約に基づいて対応を受けられます。"))
        reasons.append(why)
        rank = 90 if spot else 5
        rank_reason = why if not spot else Reason(clause="DTS-4", text=T(
            "Already covered by the annual contract.", "年間契約ですでにカバーされています。"))
        return _verdict(reasons, _reach(profile, settings), rank, rank_reason)
    if c.purchased_from is PurchasePath.PARTNER:
        if c.partner_supports_ontime:
            reasons.append(Reason(clause="PTN-5", text=T(
                "Bought through a partner: the Direct Shop serves you once you sign this directly with it.",
                "パートナー経由の購入でも、Direct Shop と直接契約すれば対応を受けられます。")))
            rank, rank_reason = 40, Reason(clause="PTN-4", text=T(
                "Your partner comes first; this is the fallback.", "まずはパートナーへ。こちらはその次の選択肢です。"))
        else:
            reasons.append(Reason(clause="DTS-1", text=T(
                "Your partner does not support OnTime, so you have no partner to consult.",
                "パートナーが OnTime のサポートを行っていないため、相談先がありません。")))
            rank, rank_reason = 10, reasons[-1]
    elif c.purchased_from is PurchasePath.DIRECT_SHOP:
        reasons.append(Reason(clause="DTS-1", text=T(
            "For Direct Shop buyers who need more than best-effort help.",
            "ベストエフォートを超える支援が必要な Direct Shop 購入者向けです。")))
        rank, rank_reason = 30, Reason(clause="DIR-4", text=T(
            "The next step after the shop's best-effort help.", "購入者サポートの次の段階です。"))
    else:
        reasons.append(Reason(clause="DTS-1", text=T(
            "For customers with no partner in Japan to consult.", "国内に相談できるパートナーがいないお客様向けです。")))
        rank, rank_reason = 30, reasons[-1]
    if c.platform_changed:
        reasons.append(Reason(clause="DTS-1", text=T(
            "Your platform changed, so the support you counted on may no longer be there.",
            "カレンダー基盤の変更により、想定していたサポートが受けられない可能性があります。")))
        rank -= 5
    # Annual versus spot: the cheaper one for the expected hours goes first (DTS-4, DTS-5).
    hours = profile.usage.expected_spot_hours
    spot_is_cheaper = spot_cost < annual_fee
    if spot == spot_is_cheaper:
        rank -= 2
        rank_reason = Reason(clause="DTS-5" if spot else "DTS-4", text=T(
            f"For {hours} hours a year, spot ({yen(spot_cost, 'en')}) costs "
            f"{'less' if spot_is_cheaper else 'more'} than the contract ({yen(annual_fee, 'en')}).",
            f"年 {hours} 時間ならスポット({yen(spot_cost, 'ja')})は年間契約({yen(annual_fee, 'ja')})より"
            f"{'安く' if spot_is_cheaper else '高く'}なります。"))
    return _verdict(reasons, _reach(profile, settings), rank, rank_reason)


@hookimpl
def ontime_eligibility(option: OptionSpec, profile: Profile, at: dt.datetime,
                       settings: DirectShopSettings) -> Eligibility:
    if option.id == PURCHASE_SUPPORT:
        return _purchase_support(profile, at, settings)
    return _technical_support(option.id, profile, at, settings)


# --------------------------------------------------------------------------- pricing


@hookimpl
def ontime_pricing(option: OptionSpec, profile: Profile, settings: DirectShopSettings) -> Pricing:
    annual_fee, spot_cost = _fees(profile, settings)
    rate = settings.spot_rate_jpy_per_hour
    even = break_even_hours(annual_fee, rate)
    if option.id == PURCHASE_SUPPORT:
        return Pricing(notes=(Reason(clause="DIR-2", text=T(
            "Free or paid, agreed case by case.", "無償か有償かは案件ごとに相談して決めます。")),))
    if option.id == ANNUAL:
        return Pricing(annual_fee_jpy=annual_fee, break_even_hours=even, notes=(Reason(clause="DTS-4", text=T(
            f"{settings.annual_fee_percent}% of the newest list price "
            f"({yen(profile.licenses.newest_list_price_jpy, 'en')}), every year.",
            f"最新定価({yen(profile.licenses.newest_list_price_jpy, 'ja')})の "
            f"{settings.annual_fee_percent}%、毎年。")),))
    return Pricing(spot_rate_jpy_per_hour=rate, spot_cost_jpy=spot_cost, break_even_hours=even,
                   notes=(Reason(clause="DTS-5", text=T(
                       f"Time is rounded up to {settings.spot_unit_minutes}-minute units; the same price worldwide.",
                       f"時間は {settings.spot_unit_minutes} 分単位で切り上げ。世界共通価格です。")),))


# --------------------------------------------------------------------------- hours


@hookimpl
def ontime_hours(option: OptionSpec, settings: DirectShopSettings) -> Availability:
    notes = [Reason(clause="DTS-3", text=T(
        "E-mail that arrives outside hours is handled at the next opening.",
        "受付時間外に届いたメールは次の営業開始時に対応します。"))]
    if option.id != PURCHASE_SUPPORT:
        notes.append(Reason(clause="DTS-2", text=T(
            "By e-mail, phone or web meeting; on-site work is quoted separately.",
            "メール・電話・Web 会議で対応。オンサイトは別途お見積りです。")))
    return Availability(calendar=calendar_for(settings), channels=option.channels,
                        languages=settings.languages, notes=tuple(notes))


# --------------------------------------------------------------------------- escalation


@hookimpl
def ontime_escalation(option: OptionSpec, profile: Profile, triage: Triage | None, at: dt.datetime,
                      settings: DirectShopSettings) -> list[EscalationStep]:
    if option.id == PURCHASE_SUPPORT and profile.customer.purchased_from is PurchasePath.PARTNER:
        return [EscalationStep(to=T(f"your partner ({profile.customer.partner})",
                                    f"パートナー({profile.customer.partner})"),
                               why=T("Partner customers ask their partner, not the Direct Shop.",
                                     "パートナー経由のお客様はパートナーへお問い合わせください。"),
                               clause="PTN-4")]
    first = EscalationStep(
        to=SHOP,
        why=T("Investigates the OnTime fault with you and works to restore service; "
              "you may be asked for logs and tests.",
              "OnTime の障害の原因調査と復旧を一緒に進めます。調査や情報提供へのご協力をお願いすることがあります。"),
        clause="DTS-7" if option.id != PURCHASE_SUPPORT else "DIR-2")
    scope = EscalationStep(
        to=SHOP,
        why=T("Covers OnTime only; the calendar platform itself is outside its help.",
              "対象は OnTime 製品のみで、カレンダー基盤そのものは対象外です。"),
        clause="DTS-6")
    matter = triage.matter if triage else None
    steps = [first, scope]
    steps.extend(after_diagnosis(profile, matter, maintenance_active=profile.maintenance_active(at), provider=SHOP))
    if profile.incident is not None and profile.incident.needs_onsite:
        steps.append(EscalationStep(
            to=T("Direct Shop on-site work (separate quote)", "Direct Shop のオンサイト作業(別途見積)"),
            why=T("On-site work is not included; ask for a quote.", "オンサイト作業は含まれないため、見積りを依頼します。"),
            clause="DTS-2"))
    return steps
