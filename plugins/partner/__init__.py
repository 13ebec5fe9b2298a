"""Built-in plugin ``partner``: the customer's own OnTime partner (PTN-1..5).

Option ``partner`` (``partner_id="*"``): data driven from the partner
directory named by the ``[partner] directory`` setting. With no entry for the
customer's partner, the option says the terms are the partner's own and what
to ask. A partner that ships its own plugin (an option with its
``partner_id``) takes over from this option for its customers.

Setting ``contract_before_partner`` (PTN-5) decides whether a partner buyer's
own support contract (Direct Shop or IntraVision, rank 5) is recommended
before the partner (rank 15) or after it (rank 3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs

from ontime_support import sdk

from .directory import PartnerTerms, calendar_for, load_directory

_REASONS, _TEXTS = sdk.catalogue(__package__)  # the constant wording: texts.toml

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("DTS-1", "MNT-1", "MNT-2", "PTN-1", "PTN-2", "PTN-3", "PTN-4", "PTN-5", "SCP-2", "SCP-3", "SCP-4")

OPTION_ID = "partner"

#: Both partners together, when another partner supports the calendar platform (PTN-3).
BOTH_PARTNERS = sdk.T("both partners (OnTime and the calendar platform)",
                      "両パートナー（OnTime とカレンダープラットフォームの担当）")
#: Which option ids each step target of this plugin names (``PARTNER`` is filled with the partner's name).
STEP_TARGETS: dict[sdk.Text, tuple[str, ...]] = {sdk.PARTNER: (OPTION_ID,), BOTH_PARTNERS: (OPTION_ID,)}

ASK = sdk.Reason(clause="PTN-1", text=sdk.T(
    "Each partner sets its own terms: ask yours about fees, hours, channels, languages, whether it needs "
    "active software maintenance and whether it also supports your calendar platform.",
    "条件はパートナーごとに異なります。料金、受付時間、窓口、対応言語、ソフトウェアメンテナンスの要否、"
    "カレンダープラットフォームのサポートの有無をご購入元のパートナーにご確認ください。"))


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed by the memo keys of every comparison
class PartnerSettings:
    directory: str = sdk.setting("", clause="PTN-1",
                                 en="Partner directory TOML file (relative to the settings file); empty for none.",
                                 ja="パートナー一覧の TOML ファイル（設定ファイルからの相対パス）。空にすると一覧を使いません。")
    contract_before_partner: bool = sdk.setting(
        True, clause="PTN-5",
        en="A partner buyer with its own support contract (Direct Shop or IntraVision) is pointed to that "
           "contract first and to the partner next; false: the partner first (PTN-4), the contract next.",
        ja="ご自身のテクニカルサポート契約（Direct Shop または IntraVision）をお持ちのパートナー経由のお客様には、"
           "まず契約先を、次にパートナーをご案内します。false にするとパートナーを先にご案内します（当ツールの設定）。")
    entries: tuple[PartnerTerms, ...] = attrs.field(default=(), init=False)

    def resolve(self, base_dir: Path) -> PartnerSettings:
        """Read the directory, and publish its display names to the other plugins (``sdk.partner_label``)."""
        if not self.directory:
            sdk.publish_partner_names(base_dir, {})
            return self
        entries = load_directory(base_dir / self.directory)
        sdk.publish_partner_names(base_dir, {entry.id: entry.name for entry in entries})
        resolved = attrs.evolve(self)
        object.__setattr__(resolved, "entries", entries)
        return resolved

    def terms(self, partner_id: str | None) -> PartnerTerms | None:
        for entry in self.entries:
            if entry.id == partner_id:
                return entry
        return None


@sdk.hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "partner", PartnerSettings


@sdk.hookimpl
def ontime_options() -> list[sdk.OptionSpec]:
    return [sdk.OptionSpec(id=OPTION_ID, provider="partner",
                           title=sdk.T("Your OnTime partner", "ご購入元の OnTime パートナー"),
                           region=sdk.T("Japan", "日本"), partner_id="*")]


def _partner_name(profile: sdk.Profile, terms: PartnerTerms | None) -> str:
    return terms.name if terms else (profile.customer.partner or "?")


def _has_contract(profile: sdk.Profile) -> bool:
    return profile.contracts.direct_shop_annual or profile.contracts.intravision_annual


def _key(profile: sdk.Profile, active: bool, settings: PartnerSettings) -> tuple[object, ...]:
    """What a verdict or a path depends on: the customer's situation, maintenance, settings (not the amounts)."""
    return (sdk.situation(profile), active, settings)


def _not_listed_reason(name: str, platform: sdk.Text) -> sdk.Reason:
    """The profile says the partner supports the platform too, but its terms on file do not list it (PTN-3)."""
    return sdk.Reason(clause="PTN-3", text=sdk.T(
        f"The profile says {name} also supports your {platform.en}, but its terms on file do not list that "
        "platform. Please confirm who supports it; if it is another company, settle in advance how the two "
        "will share a fault.",
        f"プロファイルでは {name} が {platform.ja} のサポートも担当していることになっていますが、登録されている"
        f"{name} の条件にはこのカレンダープラットフォームが含まれていません。サポート元をご確認のうえ、別の会社が"
        "担当している場合は、障害時の役割分担を事前に両社とお決めください。"))


@sdk.memo(key=_key)
def _eligibility(profile: sdk.Profile, active: bool, settings: PartnerSettings) -> sdk.Eligibility:
    c = profile.customer
    if c.purchased_from is not sdk.PurchasePath.PARTNER:
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(_REASONS["not_a_partner_buyer"],))
    terms = settings.terms(c.partner)
    name = _partner_name(profile, terms)
    if not c.partner_supports_ontime:
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(
            sdk.Reason(clause="PTN-1", text=sdk.T(f"{name} does not offer OnTime technical support.",
                                                  f"{name} は OnTime のテクニカルサポートを提供していません。")),
            _REASONS["dts_instead"],
        ))
    own_terms = sdk.Reason(clause="PTN-1", text=sdk.T(
        f"{name} provides OnTime technical support on its own terms.",
        f"{name} が独自の条件で OnTime のテクニカルサポートを提供しています。"))
    if terms is not None and terms.requires_maintenance and not active:
        # The decisive reason first: it is the one line a quote shows for an option not available.
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(sdk.Reason(clause="PTN-1", text=sdk.T(
            f"{name}'s terms require active software maintenance, and yours is not active.",
            f"{name} の条件では有効なソフトウェアメンテナンスが必要ですが、"
            "ソフトウェアメンテナンスが有効ではありません。")), own_terms))
    reasons = [own_terms]
    conditions: list[sdk.Reason] = []
    if terms is None:
        reasons.append(ASK)
    else:
        if terms.languages and not set(terms.languages) & set(c.languages):
            names = sdk.language_names(terms.languages)
            conditions.append(sdk.Reason(clause="PTN-1", text=sdk.T(
                f"{name} supports in {names.en} only.", f"{name} の対応言語は{names.ja}のみです。")))
    platform = sdk.PLATFORM_NAMES[c.platform]
    # What the directory says the partner supports besides OnTime ("" when it lists nothing: not known).
    listed = terms.supports_platforms if terms is not None else ()
    if c.platform_supported_by is sdk.PlatformSupport.SAME_PARTNER and listed and c.platform.value not in listed:
        conditions.append(_not_listed_reason(name, platform))
    elif c.platform_supported_by is sdk.PlatformSupport.OTHER_PARTNER:
        conditions.append(sdk.Reason(clause="PTN-3", text=sdk.T(
            f"Another partner supports your {platform.en}: settle with both in advance who does what when a "
            "fault occurs, as the two will not necessarily coordinate on their own.",
            f"{platform.ja} は別のパートナーが担当しています。障害時の対応体制を両社と事前に十分お打ち合わせください。"
            "パートナー同士が直接連携できない場合があります。")))
    elif c.platform_supported_by is sdk.PlatformSupport.SAME_PARTNER:
        reasons.append(sdk.Reason(clause="PTN-2", text=sdk.T(
            f"{name} also supports your {platform.en}: OnTime and calendar platform faults go to one place.",
            f"{name} が {platform.ja} のサポートも担当しているため、OnTime とカレンダープラットフォームの障害を"
            "まとめてご相談いただけます。")))
    elif c.platform.value in listed:
        reasons.append(sdk.Reason(clause="PTN-2", text=sdk.T(
            f"{name} also offers support for {platform.en}: consider adding it, since most OnTime faults "
            "depend on the calendar platform and one company could then handle both.",
            f"{name} は {platform.ja} のサポートも提供しています。OnTime の障害の多くはカレンダープラットフォームの"
            "設定や環境に左右されるため、あわせてのご契約をご検討ください。窓口を一本化できます。")))
    else:
        reasons.append(sdk.Reason(clause="PTN-2", text=sdk.T(
            f"Consider pairing this with support for your {platform.en}: most OnTime faults depend on it.",
            f"{platform.ja} 自体のテクニカルサポートとの併用をご検討ください。OnTime の障害の多くは"
            "カレンダープラットフォームの設定や環境に左右されます。")))
    if _has_contract(profile) and not settings.contract_before_partner:
        rank, rank_reason = 3, _REASONS["before_contract"]
    else:
        rank, rank_reason = 15, _REASONS["first_contact"]
    return sdk.verdict(reasons, conditions, rank=rank, rank_reason=rank_reason)


@sdk.hookimpl
def ontime_eligibility(profile: sdk.Profile, at: dt.datetime, settings: PartnerSettings) -> sdk.Eligibility:
    return _eligibility(profile, sdk.maintenance_active(profile, at), settings)


_ASK_PRICING = sdk.Pricing(notes=(ASK,))


@sdk.memo(maxsize=1024)
def _fee_note(name: str, annual: int, rounding: sdk.Text = sdk.T("", "")) -> sdk.Reason:
    return sdk.Reason(clause="PTN-1", text=sdk.T(
        f"{name}'s own fee: {sdk.yen(annual, 'en')} a year.{rounding.en}",
        f"{name} 独自の料金は年 {sdk.yen(annual, 'ja')}です。{rounding.ja}"))


@sdk.memo(maxsize=256)
def _spot_terms(terms: PartnerTerms, rate: int, hours: Decimal) -> tuple[int, sdk.Reason]:
    """The cost of the expected spot hours under the partner's terms, and the note that explains it."""
    minutes, spot_cost = sdk.spot_cost(hours, rate, minimum_minutes=terms.spot_minimum_minutes,
                                       unit_minutes=terms.spot_unit_minutes)
    if not hours:
        one_hour = sdk.spot_cost(Decimal(1), rate, minimum_minutes=terms.spot_minimum_minutes,
                                 unit_minutes=terms.spot_unit_minutes)[1]
        return spot_cost, sdk.no_spot_hours_note("PTN-1", one_hour, sdk.T(
            f"under {terms.name}'s terms: at least {terms.spot_minimum_minutes} minutes, "
            f"{terms.spot_unit_minutes}-minute units",
            f"{terms.name} の条件、最小 {terms.spot_minimum_minutes} 分・{terms.spot_unit_minutes} 分単位"))
    expected = sdk.hours_text(hours)
    billed = sdk.hours_text(sdk.billed_hours(minutes))
    return spot_cost, sdk.Reason(clause="PTN-1", text=sdk.T(
        f"{expected} h expected a year are billed as {billed} h under {terms.name}'s terms "
        f"(at least {terms.spot_minimum_minutes} minutes, {terms.spot_unit_minutes}-minute units): "
        f"{sdk.yen(spot_cost, 'en')}.",
        f"想定の年 {expected} 時間は、{terms.name} の条件（最小 {terms.spot_minimum_minutes} 分、"
        f"{terms.spot_unit_minutes} 分単位）で請求時間 {billed} 時間、{sdk.yen(spot_cost, 'ja')}となります。"))


@sdk.memo(maxsize=1024)
def _break_even(annual: int, rate: int) -> tuple[Fraction, sdk.Reason]:
    even = sdk.break_even_hours(annual, rate)
    return even, sdk.Reason(clause="PTN-1", text=sdk.T(
        f"Break-even: exactly {sdk.hours_text(even)} h of spot work a year cost as much as the annual fee "
        "(compare billed hours, not expected hours).",
        f"年間費用との損益分岐点はちょうど年 {sdk.hours_text(even)} 時間です（想定時間ではなく請求時間で比べてください）。"))


@sdk.memo(maxsize=8, key=lambda profile, settings: (sdk.situation(profile), sdk.amounts(profile), settings))
def _pricing(profile: sdk.Profile, settings: PartnerSettings) -> sdk.Pricing:
    terms = settings.terms(profile.customer.partner)
    if terms is None or profile.customer.purchased_from is not sdk.PurchasePath.PARTNER:
        return _ASK_PRICING
    annual = terms.annual_fee_jpy
    basis_price = (profile.licenses.newest_list_price_jpy if terms.annual_fee_basis == "newest"
                   else profile.licenses.purchased_list_price_jpy)
    rounding = sdk.T("", "")
    if terms.annual_fee_percent is not None:
        annual = sdk.percent_of(basis_price, terms.annual_fee_percent)
        rounding = sdk.rounding_note(basis_price, terms.annual_fee_percent)
    rate = terms.spot_rate_jpy_per_hour
    spot_cost = even = None
    notes = []
    if annual is None and rate is None:
        notes.append(ASK)
    elif annual is not None:
        notes.append(_fee_note(terms.name, annual, rounding))
    if rate is not None:
        spot_cost, spot_note = _spot_terms(terms, rate, profile.usage.expected_spot_hours)
        notes.append(spot_note)
        if annual is not None:
            even, even_note = _break_even(annual, rate)
            notes.append(even_note)
    return sdk.Pricing(annual_fee_jpy=annual, spot_rate_jpy_per_hour=rate, spot_cost_jpy=spot_cost,
                       break_even_hours=even, notes=tuple(notes))


@sdk.hookimpl
def ontime_pricing(profile: sdk.Profile, settings: PartnerSettings) -> sdk.Pricing:
    return _pricing(profile, settings)


@sdk.memo(maxsize=64)
def _availability(partner: str | None, settings: PartnerSettings) -> sdk.Availability:
    terms = settings.terms(partner)
    if terms is None:
        return sdk.Availability(notes=(ASK,))
    return sdk.Availability(calendar=calendar_for(terms), channels=terms.channels, languages=terms.languages,
                            notes=() if terms.opening_hours else (ASK,))


@sdk.hookimpl
def ontime_hours(profile: sdk.Profile, settings: PartnerSettings) -> sdk.Availability:
    return _availability(profile.customer.partner, settings)


@sdk.memo(key=lambda profile, active, matter, settings: (*_key(profile, active, settings), matter))
def _escalation(profile: sdk.Profile, active: bool, matter: sdk.Matter | None,
                settings: PartnerSettings) -> tuple[sdk.EscalationStep, ...]:
    verdict = _eligibility(profile, active, settings)
    c = profile.customer
    if verdict.status is sdk.Status.INELIGIBLE:
        if c.purchased_from is sdk.PurchasePath.PARTNER and c.partner_supports_ontime and not active:
            return (sdk.renew_maintenance_step("PTN-1"),)  # the partner's terms need maintenance
        return ()
    partner = sdk.fill(sdk.PARTNER, partner=_partner_name(profile, settings.terms(c.partner)))
    steps = [sdk.EscalationStep(to=partner, why=_TEXTS["ask_partner"], clause="PTN-4")]
    if c.platform_supported_by is sdk.PlatformSupport.OTHER_PARTNER:
        steps.append(sdk.EscalationStep(to=BOTH_PARTNERS, why=_TEXTS["both"], clause="PTN-3"))
    steps.extend(sdk.after_diagnosis(profile, matter, maintenance_active=active,
                                     provider=partner, provider_key="partner"))
    # Direct Shop technical support is an add-on to maintenance (DTS-4): offered only while it is active.
    if not profile.contracts.direct_shop_annual and active:
        steps.append(sdk.EscalationStep(to=sdk.DTS, why=_TEXTS["dts_fallback"], clause="PTN-5"))
    return tuple(steps)


@sdk.hookimpl
def ontime_escalation(profile: sdk.Profile, triage: sdk.Triage | None, at: dt.datetime,
                      settings: PartnerSettings) -> list[sdk.EscalationStep]:
    return list(_escalation(profile, sdk.maintenance_active(profile, at), triage.matter if triage else None, settings))
