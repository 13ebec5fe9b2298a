"""Built-in plugin ``intravision``: technical support straight from the Danish maker.

Option ``intravision.annual`` (IVS-1..4). Settings: :class:`~.settings.IntraVisionSettings`
(section ``[intravision]``).
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
    hookimpl,
    percent_of,
    yen,
)

from .settings import IntraVisionSettings, calendar_for

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("IVS-1", "IVS-2", "IVS-3", "IVS-4", "MNT-1", "MNT-2", "SCP-1", "SCP-2", "SCP-3", "SCP-4")

ANNUAL = "intravision.annual"
MAKER = T("IntraVision", "IntraVision")


@hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "intravision", IntraVisionSettings


@hookimpl
def ontime_options(settings: IntraVisionSettings) -> list[OptionSpec]:
    return [OptionSpec(id=ANNUAL, provider="intravision",
                       title=T("IntraVision technical support (annual)", "IntraVision テクニカルサポート(年間)"),
                       channels=("email", "phone"), languages=settings.languages,
                       region=T("Worldwide", "全世界"))]


@hookimpl
def ontime_eligibility(profile: Profile, at: dt.datetime, settings: IntraVisionSettings) -> Eligibility:
    if not profile.maintenance_active(at):
        return Eligibility(status=Status.INELIGIBLE, reasons=(Reason(clause="IVS-2", text=T(
            "The maker's support is an add-on to software maintenance, and yours is not active.",
            "メーカーのサポートはソフトウェアメンテナンスの追加サービスですが、メンテナンスが有効ではありません。")),))
    reasons = [
        Reason(clause="IVS-1", text=T("The maker supports customers worldwide by e-mail and phone.",
                                      "メーカーが世界中のお客様をメールと電話でサポートします。")),
        Reason(clause="IVS-2", text=T(
            f"{settings.annual_fee_percent}% of the purchased product's list price, every year.",
            f"購入製品の定価の {settings.annual_fee_percent}% が毎年かかります。")),
    ]
    conditions = []
    if not set(settings.languages) & set(profile.customer.languages):
        conditions.append(Reason(clause="IVS-4", text=T(
            "E-mail and phone are in English only: your staff would need to work in English.",
            "メール・電話とも現在は英語のみです。英語でのやり取りが前提になります。")))
    if profile.contracts.intravision_annual:
        rank, rank_reason = 5, Reason(clause="IVS-2", text=T(
            "Your contract with the maker is in force.", "メーカーとのサポート契約が有効です。"))
    elif profile.customer.purchased_from is PurchasePath.INTRAVISION:
        rank, rank_reason = 10, Reason(clause="IVS-1", text=T(
            "You bought from the maker, which supports its customers directly.",
            "メーカーから購入されているため、メーカーが直接サポートします。"))
    else:
        rank, rank_reason = 60, Reason(clause="IVS-4", text=T(
            "An option if working in English with Copenhagen hours suits you.",
            "英語とコペンハーゲンの営業時間で問題なければ選択肢になります。"))
    status = Status.CONDITIONAL if conditions else Status.ELIGIBLE
    return Eligibility(status=status, reasons=(*reasons, *conditions), rank=rank, rank_reason=rank_reason)


@hookimpl
def ontime_pricing(profile: Profile, settings: IntraVisionSettings) -> Pricing:
    price = profile.licenses.purchased_list_price_jpy
    return Pricing(annual_fee_jpy=percent_of(price, settings.annual_fee_percent), notes=(Reason(clause="IVS-2", text=T(
        f"{settings.annual_fee_percent}% of the purchased list price ({yen(price, 'en')}), every year.",
        f"購入製品の定価({yen(price, 'ja')})の {settings.annual_fee_percent}%、毎年。")),))


@hookimpl
def ontime_hours(option: OptionSpec, settings: IntraVisionSettings) -> Availability:
    return Availability(calendar=calendar_for(settings), channels=option.channels, languages=settings.languages,
                        notes=(Reason(clause="IVS-3", text=T(
                            "Head-office hours in Copenhagen; e-mail outside them waits for the next opening.",
                            "コペンハーゲン本社の営業時間。時間外のメールは次の営業開始時に対応します。")),))


@hookimpl
def ontime_escalation(profile: Profile, triage: Triage | None, at: dt.datetime) -> list[EscalationStep]:
    steps = [EscalationStep(
        to=MAKER,
        why=T("Write or call in English; the maker looks into the OnTime fault.",
              "英語でメールまたは電話を。メーカーが OnTime の障害を調査します。"),
        clause="IVS-4"),
        EscalationStep(
            to=MAKER,
            why=T("Covers OnTime products only; questions about the platform itself go to its own support.",
                  "対象は OnTime 製品のみです。プラットフォーム自体の質問はそのサポート窓口へ。"),
            clause="SCP-1")]
    steps.extend(after_diagnosis(profile, triage.matter if triage else None,
                                 maintenance_active=profile.maintenance_active(at), provider=MAKER))
    return steps
