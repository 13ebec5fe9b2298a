"""Built-in plugin ``triage``: whose matter a fault is, and whom to contact in what order.

Implements ``ontime_triage`` (TRI-1, TRI-2, SCP-3, SCP-4, MNT-1, MNT-2, DTS-2)
and the contact order for the customer (PTN-4, PTN-5, DIR-2, DIR-4, DTS-1, IVS-1).
A third-party plugin registered later can answer ``ontime_triage`` instead.
"""

from __future__ import annotations

import datetime as dt

from ontime_support.sdk import (
    EscalationStep,
    Matter,
    Profile,
    PurchasePath,
    Reason,
    T,
    Triage,
    after_diagnosis,
    hookimpl,
    platform_support_contact,
)

from .rules import classify, next_checks

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DIR-2", "DIR-4", "DTS-1", "DTS-2", "DTS-4", "IVS-1", "IVS-2", "MNT-1",
           "MNT-2", "OTH-1", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4", "TRI-1", "TRI-2")

DIRECT_SHOP = T("the Direct Shop", "Direct Shop")
DTS = T("Direct Shop technical support (contract or spot)", "Direct Shop テクニカルサポート(年間契約またはスポット)")
INTRAVISION = T("IntraVision (the maker, in English)", "IntraVision(メーカー、英語対応)")


def first_contacts(profile: Profile) -> list[EscalationStep]:
    """Whom this customer contacts first and next about an OnTime matter."""
    c = profile.customer
    contracts = profile.contracts
    steps: list[EscalationStep] = []
    if contracts.direct_shop_annual:
        steps.append(EscalationStep(
            to=DIRECT_SHOP,
            why=T("Your Direct Shop support contract is the first line.",
                  "Direct Shop とのサポート契約があるので、まずそちらへ。"),
            clause="PTN-5" if c.purchased_from is PurchasePath.PARTNER else "DTS-4"))
    if contracts.intravision_annual:
        steps.append(EscalationStep(
            to=INTRAVISION,
            why=T("Your support contract with the maker covers OnTime faults.",
                  "メーカーとのサポート契約で OnTime の障害を相談できます。"),
            clause="IVS-2"))
    if c.purchased_from is PurchasePath.PARTNER:
        partner = T(f"your partner ({c.partner})", f"パートナー({c.partner})")
        if c.partner_supports_ontime:
            steps.insert(0, EscalationStep(
                to=partner,
                why=T("Bought through a partner: the partner takes OnTime questions, not the Direct Shop.",
                      "パートナー経由の購入なので、OnTime の問い合わせ先は Direct Shop ではなくパートナーです。"),
                clause="PTN-4"))
        if not contracts.direct_shop_annual:
            steps.append(EscalationStep(
                to=DTS,
                why=T("If the partner cannot help, a direct support contract with the Direct Shop is possible.",
                      "パートナーで解決できない場合、Direct Shop と直接サポート契約を結べます。")
                if c.partner_supports_ontime else
                T("Your partner does not support OnTime: the Direct Shop's technical support is for you.",
                  "パートナーが OnTime のサポートをしていないため、Direct Shop のテクニカルサポートが適しています。"),
                clause="PTN-5" if c.partner_supports_ontime else "DTS-1"))
    elif c.purchased_from is PurchasePath.DIRECT_SHOP:
        steps.append(EscalationStep(
            to=DIRECT_SHOP,
            why=T("Bought from the Direct Shop: best-effort help, free or paid by agreement.",
                  "Direct Shop で購入されたので、無償・有償を相談のうえ可能な限り支援を受けられます。"),
            clause="DIR-2"))
        if not contracts.direct_shop_annual:
            steps.append(EscalationStep(
                to=DTS,
                why=T("For deeper help than best effort, use Direct Shop technical support.",
                      "より踏み込んだ支援が必要なら Direct Shop のテクニカルサポートを。"),
                clause="DIR-4"))
    elif not contracts.intravision_annual:
        steps.append(EscalationStep(
            to=INTRAVISION,
            why=T("Bought from the maker: its worldwide support answers by e-mail or phone.",
                  "メーカーから購入されたので、メーカーの世界共通サポート(メール・電話)へ。"),
            clause="IVS-1"))
        if c.platform_changed:
            steps.append(EscalationStep(
                to=DTS,
                why=T("After a platform change, the Direct Shop's support can fill the gap.",
                      "プラットフォーム変更で想定のサポートが受けられない場合は Direct Shop のサポートを。"),
                clause="DTS-1"))
    return steps


@hookimpl
def ontime_triage(profile: Profile, at: dt.datetime) -> Triage | None:
    incident = profile.incident
    if incident is None:
        return None
    matter, reasons = classify(incident)
    maintenance = profile.maintenance_active(at)
    path: list[EscalationStep] = []
    if matter is Matter.PLATFORM:
        path.append(EscalationStep(
            to=platform_support_contact(profile),
            why=T("A platform matter goes to whoever supports the platform, not to OnTime support.",
                  "プラットフォームの問題は OnTime ではなく、プラットフォームのサポート先へ。"),
            clause="SCP-4"))
    else:
        path.extend(first_contacts(profile))
        path.extend(after_diagnosis(profile, matter, maintenance_active=maintenance,
                                    provider=T("OnTime support", "OnTime サポート")))
    if incident.needs_onsite:
        path.append(EscalationStep(
            to=T("On-site work (separate quote)", "オンサイト作業(別途見積)"),
            why=T("On-site visits are not part of Direct Shop support; they are quoted on their own.",
                  "訪問作業は Direct Shop のサポートに含まれず、別に見積もります。"),
            clause="DTS-2"))
    checks = next_checks(profile, incident)
    if not maintenance:
        checks.append(Reason(clause="OTH-1", text=T(
            "Maintenance is not active: questions about renewing it go through the Direct Shop's contact form.",
            "メンテナンスが有効ではありません。更新に関するご質問は Direct Shop のお問い合わせフォームから。")))
    ontime = matter is Matter.ONTIME
    return Triage(
        matter=matter,
        reasons=tuple(reasons),
        next_checks=tuple(checks),
        upgrade_needed=ontime and not incident.on_newest_version,
        fix_in_next_version=ontime and incident.reproducible,
        onsite_quote=incident.needs_onsite,
        path=tuple(path),
    )
