"""Built-in plugin ``partner``: the customer's own OnTime partner (PTN-1..5).

Option ``partner`` (``partner_id="*"``): data driven from the partner
directory named by the ``[partner] directory`` setting. With no entry for the
customer's partner, the option says the terms are the partner's own and what
to ask. A partner that ships its own plugin (an option with its
``partner_id``) takes over from this option for its customers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from ontime_support.sdk import (
    Availability,
    Eligibility,
    EscalationStep,
    OptionSpec,
    PLATFORM_NAMES,
    PlatformSupport,
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
    setting,
    time_cost,
    yen,
)

from .directory import PartnerTerms, calendar_for, load_directory

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DTS-1", "MNT-1", "MNT-2", "PTN-1", "PTN-2", "PTN-3", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4")

OPTION_ID = "partner"
ASK = Reason(clause="PTN-1", text=T(
    "Each partner sets its own terms: ask yours about fees, hours, channels, languages, "
    "whether it needs active maintenance and whether it also supports your platform.",
    "条件はパートナーごとに異なります。料金・受付時間・窓口・対応言語・メンテナンス要否・"
    "プラットフォームのサポート有無をパートナーにご確認ください。"))


@attrs.frozen(kw_only=True)
class PartnerSettings:
    directory: str = setting("", clause="PTN-1",
                             en="Partner directory TOML file (relative to the settings file); empty for none.",
                             ja="パートナー一覧の TOML ファイル(設定ファイルからの相対パス)。空なら一覧なし。")
    entries: tuple[PartnerTerms, ...] = attrs.field(default=(), init=False)

    def resolve(self, base_dir: Path) -> PartnerSettings:
        if not self.directory:
            return self
        entries = load_directory(base_dir / self.directory)
        resolved = attrs.evolve(self)
        object.__setattr__(resolved, "entries", entries)
        return resolved

    def terms(self, partner_id: str | None) -> PartnerTerms | None:
        for entry in self.entries:
            if entry.id == partner_id:
                return entry
        return None


@hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "partner", PartnerSettings


@hookimpl
def ontime_options() -> list[OptionSpec]:
    return [OptionSpec(id=OPTION_ID, provider="partner",
                       title=T("Your OnTime partner", "OnTime パートナー"),
                       region=T("Japan", "日本"), partner_id="*")]


def _partner_name(profile: Profile, terms: PartnerTerms | None) -> str:
    return terms.name if terms else (profile.customer.partner or "?")


@hookimpl
def ontime_eligibility(profile: Profile, at: dt.datetime, settings: PartnerSettings) -> Eligibility:
    c = profile.customer
    if c.purchased_from is not PurchasePath.PARTNER:
        return Eligibility(status=Status.INELIGIBLE, reasons=(Reason(clause="PTN-1", text=T(
            "Partner support is for customers who bought OnTime through a partner.",
            "パートナーのサポートは、パートナーから OnTime を購入したお客様向けです。")),))
    if not c.partner_supports_ontime:
        return Eligibility(status=Status.INELIGIBLE, reasons=(
            Reason(clause="PTN-1", text=T(f"{c.partner} does not offer OnTime technical support.",
                                          f"{c.partner} は OnTime のテクニカルサポートを提供していません。")),
            Reason(clause="DTS-1", text=T("With no partner to consult, Direct Shop technical support fits.",
                                          "相談できるパートナーがいない場合は Direct Shop のテクニカルサポートが適しています。")),
        ))
    terms = settings.terms(c.partner)
    name = _partner_name(profile, terms)
    reasons = [Reason(clause="PTN-1", text=T(f"{name} provides OnTime technical support on its own terms.",
                                             f"{name} が独自の条件で OnTime のテクニカルサポートを提供しています。"))]
    conditions: list[Reason] = []
    if terms is None:
        reasons.append(ASK)
    else:
        if terms.requires_maintenance and not profile.maintenance_active(at):
            return Eligibility(status=Status.INELIGIBLE, reasons=(*reasons, Reason(clause="PTN-1", text=T(
                f"{name}'s terms require active software maintenance, and yours is not active.",
                f"{name} の条件では有効なメンテナンスが必要ですが、メンテナンスが有効ではありません。"))))
        if terms.languages and not set(terms.languages) & set(c.languages):
            conditions.append(Reason(clause="PTN-1", text=T(
                f"{name} supports in {', '.join(terms.languages)} only.",
                f"{name} の対応言語は {', '.join(terms.languages)} のみです。")))
    platform = PLATFORM_NAMES[c.platform]
    if c.platform_supported_by is PlatformSupport.OTHER_PARTNER:
        conditions.append(Reason(clause="PTN-3", text=T(
            f"Another partner supports your {platform.en}: agree in advance how the two will handle faults; "
            "they may not work with each other directly.",
            f"{platform.ja} は別のパートナーが担当しています。障害時の体制を両社と事前に取り決めてください。"
            "パートナー同士が直接連携できない場合があります。")))
    elif c.platform_supported_by is PlatformSupport.SAME_PARTNER:
        reasons.append(Reason(clause="PTN-2", text=T(
            f"{name} also supports your {platform.en}: OnTime and platform faults go to one place.",
            f"{name} が {platform.ja} もサポートしているため、OnTime と基盤の障害を一か所で相談できます。")))
    else:
        reasons.append(Reason(clause="PTN-2", text=T(
            f"Consider pairing this with support for your {platform.en}: most OnTime faults depend on it.",
            f"{platform.ja} 自体のサポートとの併用をご検討ください。OnTime の障害の多くは基盤に左右されます。")))
    status = Status.CONDITIONAL if conditions else Status.ELIGIBLE
    return Eligibility(status=status, reasons=(*reasons, *conditions), rank=10, rank_reason=Reason(
        clause="PTN-4", text=T("Bought through a partner: the partner is the first contact.",
                               "パートナー経由の購入のため、最初の相談先はパートナーです。")))


@hookimpl
def ontime_pricing(profile: Profile, settings: PartnerSettings) -> Pricing:
    terms = settings.terms(profile.customer.partner)
    if terms is None or profile.customer.purchased_from is not PurchasePath.PARTNER:
        return Pricing(notes=(ASK,))
    annual = terms.annual_fee_jpy
    basis_price = (profile.licenses.newest_list_price_jpy if terms.annual_fee_basis == "newest"
                   else profile.licenses.purchased_list_price_jpy)
    if terms.annual_fee_percent is not None:
        annual = percent_of(basis_price, terms.annual_fee_percent)
    rate = terms.spot_rate_jpy_per_hour
    spot_cost = None
    if rate is not None:
        minutes = billable_minutes(profile.usage.expected_spot_hours, minimum_minutes=terms.spot_minimum_minutes,
                                   unit_minutes=terms.spot_unit_minutes)
        spot_cost = time_cost(minutes, rate)
    even = break_even_hours(annual, rate) if annual is not None and rate is not None else None
    notes = []
    if annual is None and rate is None:
        notes.append(ASK)
    elif annual is not None:
        notes.append(Reason(clause="PTN-1", text=T(
            f"{terms.name}'s own fee: {yen(annual, 'en')} a year.", f"{terms.name} 独自の料金:年 {yen(annual, 'ja')}。")))
    return Pricing(annual_fee_jpy=annual, spot_rate_jpy_per_hour=rate, spot_cost_jpy=spot_cost,
                   break_even_hours=even, notes=tuple(notes))


@hookimpl
def ontime_hours(profile: Profile, settings: PartnerSettings) -> Availability:
    terms = settings.terms(profile.customer.partner)
    if terms is None:
        return Availability(notes=(ASK,))
    return Availability(calendar=calendar_for(terms), channels=terms.channels, languages=terms.languages,
                        notes=() if terms.opening_hours else (ASK,))


@hookimpl
def ontime_escalation(profile: Profile, triage: Triage | None, at: dt.datetime,
                      settings: PartnerSettings) -> list[EscalationStep]:
    c = profile.customer
    if c.purchased_from is not PurchasePath.PARTNER or not c.partner_supports_ontime:
        return []
    terms = settings.terms(c.partner)
    partner = T(f"your partner ({_partner_name(profile, terms)})", f"パートナー({_partner_name(profile, terms)})")
    steps = [EscalationStep(to=partner, why=T(
        "Partner customers take OnTime questions to their partner.",
        "パートナー経由のお客様は OnTime の相談をパートナーへ。"), clause="PTN-4")]
    if c.platform_supported_by is PlatformSupport.OTHER_PARTNER:
        steps.append(EscalationStep(
            to=T("both partners (OnTime and platform)", "両パートナー(OnTime と基盤)"),
            why=T("Use the arrangement agreed in advance; the partners may not coordinate by themselves.",
                  "事前に取り決めた体制で進めます。パートナー同士が直接連携しない場合があります。"),
            clause="PTN-3"))
    steps.extend(after_diagnosis(profile, triage.matter if triage else None,
                                 maintenance_active=profile.maintenance_active(at), provider=partner))
    if not profile.contracts.direct_shop_annual:
        steps.append(EscalationStep(
            to=T("Direct Shop technical support", "Direct Shop テクニカルサポート"),
            why=T("If your partner cannot help, a direct contract with the Direct Shop is open to you.",
                  "パートナーで解決できない場合は、Direct Shop と直接契約できます。"),
            clause="PTN-5"))
    return steps
