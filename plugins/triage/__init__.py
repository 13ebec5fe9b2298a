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
from pathlib import Path

import attrs

from ontime_support import sdk

from .rules import classify, next_checks

_REASONS, _TEXTS = sdk.catalogue(__package__)  # the constant wording: texts.toml

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

_DS_CONTRACT = {
    True: sdk.T("Your Direct Shop support contract comes first: the shop serves you under it, even though you bought "
                "through a partner.",
                "Direct Shop とのテクニカルサポート契約を最初にご利用ください。パートナー経由でご購入の場合も、"
                "契約に基づいて Direct Shop が対応します。"),
    False: sdk.T("Your Direct Shop support contract is the first line.",
                 "Direct Shop とのテクニカルサポート契約があるため、まずそちらにご相談ください。"),
}


#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DIR-2", "DIR-4", "DTS-1", "DTS-2", "DTS-4", "IVS-1", "IVS-2", "MNT-1",
           "MNT-2", "OTH-1", "PTN-3", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4", "TRI-1", "TRI-2")


@attrs.frozen(kw_only=True)
class TriageSettings:
    """No setting of its own (section ``[triage]`` takes none): only where the settings file lies, so that the
    path names the customer's partner as the partner directory does (``sdk.partner_label``)."""

    base_dir: Path | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def resolve(self, base_dir: Path) -> TriageSettings:
        return sdk.remember_folder(self, base_dir)


@sdk.hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "triage", TriageSettings


def _contracts(profile: sdk.Profile) -> list[sdk.EscalationStep]:
    contracts = profile.contracts
    by_partner = profile.customer.purchased_from is sdk.PurchasePath.PARTNER
    if contracts.direct_shop_annual and contracts.intravision_annual:
        return [sdk.EscalationStep(to=sdk.CONTRACTS, why=_TEXTS["both_contracts"], clause="PTN-5" if by_partner else "DTS-4")]
    if contracts.direct_shop_annual:
        return [sdk.EscalationStep(to=sdk.DTS_CONTRACT, why=_DS_CONTRACT[by_partner],
                                   clause="PTN-5" if by_partner else "DTS-4")]
    if contracts.intravision_annual:
        return [sdk.EscalationStep(to=sdk.INTRAVISION, why=_TEXTS["iv_contract"], clause="IVS-2")]
    return []


def first_contacts(profile: sdk.Profile, active: bool = True, partner: str | None = None) -> list[sdk.EscalationStep]:
    """Whom this customer contacts first and next about an OnTime matter.

    With software maintenance lapsed (``active`` false), only the Direct Shop's
    help for its own buyers is open; renewing comes first (see ``ontime_triage``).
    ``partner``: how to name the customer's partner (default: its id).
    """
    c = profile.customer
    if not active:
        if c.purchased_from is sdk.PurchasePath.DIRECT_SHOP:
            return [sdk.EscalationStep(to=sdk.SHOP_HELP, why=_TEXTS["shop_buyer_lapsed"], clause="DIR-2")]
        return []
    steps = _contracts(profile)
    has_ds = profile.contracts.direct_shop_annual
    if c.purchased_from is sdk.PurchasePath.PARTNER:
        if c.partner_supports_ontime:
            steps.append(sdk.EscalationStep(to=sdk.fill(sdk.PARTNER, partner=partner or c.partner),
                                            why=_TEXTS["partner_after_contract"] if steps else _TEXTS["partner_first"], clause="PTN-4"))
            if not has_ds:
                steps.append(sdk.EscalationStep(to=sdk.DTS, why=_TEXTS["dts_fallback"], clause="PTN-5"))
        elif not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_TEXTS["dts_no_partner"], clause="DTS-1"))
    elif c.purchased_from is sdk.PurchasePath.DIRECT_SHOP:
        steps.append(sdk.EscalationStep(to=sdk.SHOP_HELP, why=_TEXTS["shop_buyer"], clause="DIR-2"))
        if not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_TEXTS["dts_deeper"], clause="DIR-4"))
    else:
        if not profile.contracts.intravision_annual:
            steps.append(sdk.EscalationStep(to=sdk.INTRAVISION, why=_TEXTS["maker_buyer"], clause="IVS-1"))
        if c.platform_changed and not has_ds:
            steps.append(sdk.EscalationStep(to=sdk.DTS, why=_TEXTS["platform_changed"], clause="DTS-1"))
    return steps


@sdk.memo(key=lambda profile, active, partner: (sdk.situation(profile), active, partner))
def _triage(profile: sdk.Profile, active: bool, partner: str) -> sdk.Triage | None:
    incident = profile.incident
    if incident is None:
        return None
    matter, reasons = classify(incident)
    path: list[sdk.EscalationStep] = []
    if matter is sdk.Matter.PLATFORM:
        path.append(sdk.EscalationStep(to=sdk.platform_support_contact(profile), why=_TEXTS["platform_matter"], clause="SCP-4"))
    else:
        if not active:
            path.append(sdk.renew_maintenance_step("MNT-1"))
        contacts = first_contacts(profile, active, partner)
        path.extend(contacts)
        path.extend(sdk.after_diagnosis(profile, matter, maintenance_active=active,
                                        provider=contacts[0].to if contacts else None))
    if incident.needs_onsite:
        path.append(sdk.EscalationStep(to=sdk.ONSITE, why=_TEXTS["onsite"], clause="DTS-2"))
    checks = next_checks(profile, incident)
    caveat = sdk.platform_support_caveat(profile)
    if caveat is not None:
        checks.append(caveat)
    if not active:
        checks.append(_REASONS["renewal_check"])
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
def ontime_triage(profile: sdk.Profile, at: dt.datetime, settings: TriageSettings) -> sdk.Triage | None:
    if profile.incident is None:
        return None
    partner = sdk.partner_label(profile.customer.partner, settings.base_dir)
    return _triage(profile, sdk.maintenance_active(profile, at), partner)
