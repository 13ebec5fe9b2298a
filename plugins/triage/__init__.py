"""Built-in plugin ``triage``: whose matter a fault is, and whom to contact in what order.

Implements ``ontime_triage`` (TRI-1, TRI-2, SCP-3, SCP-4, MNT-1, MNT-2, DTS-2)
and the contact order for the customer (PTN-4, PTN-5, DIR-2, DIR-4, DTS-1, IVS-1).
A third-party plugin registered later can answer ``ontime_triage`` instead.

The path agrees with the verdicts of the built-in options:

* it never names an option a rule makes ineligible: with software
  maintenance lapsed, every technical-support option is ineligible (DTS-4,
  DTS-5, IVS-2, and a partner's terms may need it too), so the path starts by
  renewing software maintenance (MNT-1) and names only the Direct Shop's help
  for its own buyers (DIR-2), which needs no maintenance;
* its first contact is the first recommended option: an existing support
  contract before the partner (the ``[partner] contract_before_partner``
  setting's default, PTN-5), then the contact the purchase path gives
  (PTN-4, DIR-2, IVS-1, DTS-1).

Step targets are the shared constants of :mod:`ontime_support.sdk`
(``STEP_TARGETS`` below says which option ids each one names).
"""

from __future__ import annotations

import datetime as dt

from ontime_support import sdk

from .rules import classify, next_checks

#: Which option ids each step target of the triage path names.
STEP_TARGETS: dict[sdk.Text, tuple[str, ...]] = {
    sdk.SHOP_HELP: ("direct_shop.purchase_support",),
    sdk.DTS: ("direct_shop.annual", "direct_shop.spot"),
    sdk.DTS_CONTRACT: ("direct_shop.annual",),
    sdk.INTRAVISION: ("intravision.annual",),
    sdk.CONTRACTS: ("direct_shop.annual", "intravision.annual"),
    sdk.PARTNER: ("partner",),
    sdk.ONSITE: (),
}

_BOTH_CONTRACTS = sdk.T("Your contracts with the Direct Shop and with the maker both cover OnTime faults: start with "
                        "the one recommended first (it fits your language and region best).",
                        "Direct Shop とメーカーの両方のテクニカルサポート契約で OnTime の障害をご相談いただけます。"
                        "推奨順で先に挙げた契約先（言語と地域がより合う方）からご相談ください。")
_DS_CONTRACT = {
    True: sdk.T("Your Direct Shop support contract comes first: the shop serves you under it, even though you bought "
                "through a partner.",
                "Direct Shop とのテクニカルサポート契約を最初にご利用ください。パートナー経由でご購入の場合も、"
                "契約に基づいて Direct Shop が対応します。"),
    False: sdk.T("Your Direct Shop support contract is the first line.",
                 "Direct Shop とのテクニカルサポート契約があるため、まずそちらにご相談ください。"),
}
_IV_CONTRACT = sdk.T("Your support contract with the maker covers OnTime faults.",
                     "メーカーとのテクニカルサポート契約で OnTime の障害をご相談いただけます。")
_PARTNER_FIRST = sdk.T("Bought through a partner: the partner takes OnTime questions, not the Direct Shop.",
                       "パートナー経由でご購入いただいているため、OnTime のお問い合わせ先は Direct Shop ではなく"
                       "ご購入元のパートナーです。")
_PARTNER_AFTER_CONTRACT = sdk.T("Your partner sold you OnTime and supports it too; turn to it for what the contract "
                                "does not cover.",
                                "ご購入元のパートナーも OnTime のサポートを提供しています。契約の範囲外のご相談はパートナーに"
                                "お寄せください。")
_DTS_FALLBACK = sdk.T("If the partner cannot help, a direct support contract with the Direct Shop is possible.",
                      "ご購入元のパートナーで解決できない場合は、Direct Shop と直接テクニカルサポート契約を結べます。")
_DTS_NO_PARTNER = sdk.T("Your partner does not support OnTime: the Direct Shop's technical support is for you.",
                        "ご購入元のパートナーは OnTime のサポートを提供していないため、Direct Shop の"
                        "テクニカルサポートをご利用ください。")
_SHOP_BUYER = sdk.T("Bought from the Direct Shop: best-effort help, free or paid as agreed.",
                    "Direct Shop でご購入いただいているため、有償か無償かをご相談のうえ、できる限りのご支援を受けられます。")
_SHOP_BUYER_LAPSED = sdk.T("Meanwhile the Direct Shop helps its own buyers as far as it can; this needs no software "
                           "maintenance.",
                           "更新までの間も、Direct Shop はご購入者をできる限りご支援します。こちらはソフトウェア"
                           "メンテナンスを必要としません。")
_DTS_DEEPER = sdk.T("For deeper help than best effort, use Direct Shop technical support.",
                    "より高度な支援が必要な場合は、Direct Shop のテクニカルサポートをご利用ください。")
_MAKER_BUYER = sdk.T("Bought from the maker: its worldwide support answers by e-mail or phone.",
                     "メーカーからご購入いただいているため、メーカーの世界共通のテクニカルサポート（メール、電話）に"
                     "ご相談ください。")
_PLATFORM_CHANGED = sdk.T("After a calendar platform change, the Direct Shop's technical support can fill the gap.",
                          "カレンダープラットフォームの変更で想定していたサポートを受けられない場合は、Direct Shop の"
                          "テクニカルサポートをご利用ください。")
_PLATFORM_MATTER = sdk.T("A calendar platform matter goes to whoever supports the platform, not to OnTime support.",
                         "カレンダープラットフォームの問題は、OnTime のサポートではなくカレンダープラットフォームの"
                         "サポート元にご相談ください。")
_ONSITE = sdk.T("On-site visits are not part of Direct Shop technical support; they are quoted on their own.",
                "訪問作業は Direct Shop のテクニカルサポートに含まれず、別途お見積りとなります。")
_RENEWAL_CHECK = sdk.Reason(clause="OTH-1", text=sdk.T(
    "Software maintenance is not active: questions about renewing it go through the Direct Shop's contact form.",
    "ソフトウェアメンテナンスが有効ではありません。更新についてのご質問は Direct Shop のお問い合わせフォームから"
    "お寄せください。"))


#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DIR-2", "DIR-4", "DTS-1", "DTS-2", "DTS-4", "IVS-1", "IVS-2", "MNT-1",
           "MNT-2", "OTH-1", "PTN-3", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4", "TRI-1", "TRI-2")


def _contracts(profile: sdk.Profile) -> list[sdk.EscalationStep]:
    contracts = profile.contracts
    by_partner = profile.customer.purchased_from is sdk.PurchasePath.PARTNER
    if contracts.direct_shop_annual and contracts.intravision_annual:
        return [sdk.EscalationStep(to=sdk.CONTRACTS, why=_BOTH_CONTRACTS, clause="PTN-5" if by_partner else "DTS-4")]
    if contracts.direct_shop_annual:
        return [sdk.EscalationStep(to=sdk.DTS_CONTRACT, why=_DS_CONTRACT[by_partner],
                                   clause="PTN-5" if by_partner else "DTS-4")]
    if contracts.intravision_annual:
        return [sdk.EscalationStep(to=sdk.INTRAVISION, why=_IV_CONTRACT, clause="IVS-2")]
    return []


def first_contacts(profile: sdk.Profile, active: bool = True) -> list[sdk.EscalationStep]:
    """Whom this customer contacts first and next about an OnTime matter.

    With software maintenance lapsed (``active`` false), only the Direct Shop's
    help for its own buyers is open; renewing comes first (see ``ontime_triage``).
    """
    c = profile.customer
    if not active:
        if c.purchased_from is sdk.PurchasePath.DIRECT_SHOP:
            return [sdk.EscalationStep(to=sdk.SHOP_HELP, why=_SHOP_BUYER_LAPSED, clause="DIR-2")]
        return []
    steps = _contracts(profile)
    has_ds = profile.contracts.direct_shop_annual
    if c.purchased_from is sdk.PurchasePath.PARTNER:
        if c.partner_supports_ontime:
            steps.append(sdk.EscalationStep(to=sdk.PARTNER.format(partner=c.partner),
                                            why=_PARTNER_AFTER_CONTRACT if steps else _PARTNER_FIRST, clause="PTN-4"))
            if not has_ds:
                steps.append(sdk.EscalationStep(to=sdk.DTS, why=_DTS_FALLBACK, clause="PTN-5"))
        elif not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_DTS_NO_PARTNER, clause="DTS-1"))
    elif c.purchased_from is sdk.PurchasePath.DIRECT_SHOP:
        steps.append(sdk.EscalationStep(to=sdk.SHOP_HELP, why=_SHOP_BUYER, clause="DIR-2"))
        if not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_DTS_DEEPER, clause="DIR-4"))
    else:
        if not profile.contracts.intravision_annual:
            steps.append(sdk.EscalationStep(to=sdk.INTRAVISION, why=_MAKER_BUYER, clause="IVS-1"))
        if c.platform_changed and not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_PLATFORM_CHANGED, clause="DTS-1"))
    return steps


@sdk.memo(key=lambda profile, active: (sdk.situation(profile), active))
def _triage(profile: sdk.Profile, active: bool) -> sdk.Triage | None:
    incident = profile.incident
    if incident is None:
        return None
    matter, reasons = classify(incident)
    path: list[sdk.EscalationStep] = []
    if matter is sdk.Matter.PLATFORM:
        path.append(sdk.EscalationStep(to=sdk.platform_support_contact(profile), why=_PLATFORM_MATTER, clause="SCP-4"))
    else:
        if not active:
            path.append(sdk.renew_maintenance_step("MNT-1"))
        contacts = first_contacts(profile, active)
        path.extend(contacts)
        path.extend(sdk.after_diagnosis(profile, matter, maintenance_active=active,
                                        provider=contacts[0].to if contacts else None))
    if incident.needs_onsite:
        path.append(sdk.EscalationStep(to=sdk.ONSITE, why=_ONSITE, clause="DTS-2"))
    checks = next_checks(profile, incident)
    caveat = sdk.platform_support_caveat(profile)
    if caveat is not None:
        checks.append(caveat)
    if not active:
        checks.append(_RENEWAL_CHECK)
    ontime = matter is sdk.Matter.ONTIME
    return sdk.Triage(
        matter=matter,
        reasons=tuple(reasons),
        next_checks=tuple(checks),
        upgrade_needed=ontime and not incident.on_newest_version,
        fix_in_next_version=ontime and incident.reproducible,
        onsite_quote=incident.needs_onsite,
        path=tuple(path),
    )


@sdk.hookimpl
def ontime_triage(profile: sdk.Profile, at: dt.datetime) -> sdk.Triage | None:
    if profile.incident is None:
        return None
    return _triage(profile, sdk.maintenance_active(profile, at))
