"""Built-in plugin ``intravision``: technical support straight from the Danish maker.

Option ``intravision.annual`` (IVS-1..4). Settings: :class:`~.settings.IntraVisionSettings`
(section ``[intravision]``).
"""

from __future__ import annotations

import datetime as dt
import functools

from ontime_support import sdk

from .settings import IntraVisionSettings, calendar_for

_REASONS, _TEXTS = sdk.catalogue(__package__)  # the constant wording: texts.toml

#: The clause ids this plugin cites (checked by the conformance kit).
CLAUSES = ("IVS-1", "IVS-2", "IVS-3", "IVS-4", "MNT-1", "MNT-2", "SCP-1", "SCP-2", "SCP-3", "SCP-4")

ANNUAL = "intravision.annual"
#: Which option ids each step target of this plugin names.
STEP_TARGETS: dict[sdk.Text, tuple[str, ...]] = {sdk.INTRAVISION: (ANNUAL,)}


@sdk.hookimpl
def ontime_settings_model() -> tuple[str, type]:
    return "intravision", IntraVisionSettings


@sdk.hookimpl
def ontime_options(settings: IntraVisionSettings) -> list[sdk.OptionSpec]:
    return [sdk.OptionSpec(id=ANNUAL, provider="intravision",
                           title=sdk.T("IntraVision technical support (annual)", "IntraVision テクニカルサポート（年間契約）"),
                           channels=("email", "phone"), languages=settings.languages,
                           region=sdk.T("Worldwide", "全世界"))]


@functools.cache
def _language_reason(settings: IntraVisionSettings) -> sdk.Reason:
    names = sdk.language_names(settings.languages)
    return sdk.Reason(clause="IVS-4", text=sdk.T(
        f"E-mail and phone are in {names.en} only, for now: your staff would need to work in {names.en}.",
        f"メールと電話でのご利用は現時点では{names.ja}のみです。{names.ja}でのやり取りが前提となります。"))


@functools.cache
def _fee_reason(settings: IntraVisionSettings) -> sdk.Reason:
    return sdk.Reason(clause="IVS-2", text=sdk.T(
        f"{settings.annual_fee_percent}% of the purchased product's list price, every year.",
        f"費用は毎年、ご購入製品定価の {settings.annual_fee_percent}% です。"))


@functools.cache
def _elsewhere_reason(settings: IntraVisionSettings) -> sdk.Reason:
    names = sdk.language_names(settings.languages)
    return sdk.Reason(clause="IVS-4", text=sdk.T(
        f"An option if working in {names.en} during Copenhagen office hours (evening in Japan time) suits you.",
        f"{names.ja}でのやり取りと、コペンハーゲン本社の営業時間（日本時間では夕方から深夜）で差し支えなければ"
        "選択肢になります。"))


def _key(profile: sdk.Profile, active: bool, settings: IntraVisionSettings) -> tuple[object, ...]:
    """What a verdict or a path depends on: the customer's situation, maintenance, settings (not the amounts)."""
    return (sdk.situation(profile), active, settings)


@sdk.memo(key=_key)
def _eligibility(profile: sdk.Profile, active: bool, settings: IntraVisionSettings) -> sdk.Eligibility:
    if not active:
        return sdk.Eligibility(status=sdk.Status.INELIGIBLE, reasons=(_REASONS["needs_maintenance"],))
    reasons = [_REASONS["worldwide"], _fee_reason(settings)]
    conditions = []
    if not set(settings.languages) & set(profile.customer.languages):
        conditions.append(_language_reason(settings))
    if profile.contracts.intravision_annual:
        rank, rank_reason = 5, _REASONS["contract"]
    elif profile.customer.purchased_from is sdk.PurchasePath.INTRAVISION:
        rank, rank_reason = 15, _REASONS["maker_buyer"]
    else:
        rank, rank_reason = 60, _elsewhere_reason(settings)
    return sdk.verdict(reasons, conditions, rank=rank, rank_reason=rank_reason)


@sdk.hookimpl
def ontime_eligibility(profile: sdk.Profile, at: dt.datetime, settings: IntraVisionSettings) -> sdk.Eligibility:
    return _eligibility(profile, sdk.maintenance_active(profile, at), settings)


@sdk.memo(maxsize=1024)
def _pricing(price: int, settings: IntraVisionSettings) -> sdk.Pricing:
    rounding = sdk.rounding_note(price, settings.annual_fee_percent)
    return sdk.Pricing(annual_fee_jpy=sdk.percent_of(price, settings.annual_fee_percent), notes=(sdk.Reason(clause="IVS-2", text=sdk.T(
        f"{settings.annual_fee_percent}% of the purchased product's list price ({sdk.yen(price, 'en')}), every year."
        + rounding.en,
        f"ご購入製品定価（{sdk.yen(price, 'ja')}）の {settings.annual_fee_percent}% を毎年お支払いいただきます。"
        + rounding.ja)),))


@sdk.hookimpl
def ontime_pricing(profile: sdk.Profile, settings: IntraVisionSettings) -> sdk.Pricing:
    return _pricing(profile.licenses.purchased_list_price_jpy, settings)


@sdk.memo(maxsize=8)
def _availability(channels: tuple[str, ...], settings: IntraVisionSettings) -> sdk.Availability:
    hours = settings.opening_hours.replace("-", "–")
    hours_ja = settings.opening_hours.replace("-", "〜")
    if settings.timezone == "Europe/Copenhagen" and settings.opening_hours == "09:00-16:00":
        japan = sdk.T(" (in Japan time: 17:00–24:00 while Denmark keeps standard time, 16:00–23:00 during its "
                      "summer time)",
                      "（日本時間では冬は 17:00〜24:00、サマータイム期間は 16:00〜23:00）")
    else:
        japan = sdk.T("", "")
    zone = (sdk.T("Copenhagen time", "コペンハーゲン時間") if settings.timezone == "Europe/Copenhagen"
            else sdk.zone_words(settings.timezone))
    note = sdk.Reason(clause="IVS-3", text=sdk.T(
        f"Head-office hours, {hours} {zone.en}{japan.en}; e-mail outside them waits for the next opening "
        "(business days and Danish holidays are the desk's settings).",
        f"受付時間は IntraVision 本社の営業時間で、{zone.ja} {hours_ja}{japan.ja}です。"
        "時間外のメールは次の営業開始時に対応します（営業日とデンマークの祝日の扱いは当ツールの設定）。"))
    return sdk.Availability(calendar=calendar_for(settings), channels=channels, languages=settings.languages,
                            notes=(note,))


@sdk.hookimpl
def ontime_hours(option: sdk.OptionSpec, settings: IntraVisionSettings) -> sdk.Availability:
    return _availability(option.channels, settings)


@sdk.memo(key=lambda profile, active, matter, settings: (*_key(profile, active, settings), matter))
def _escalation(profile: sdk.Profile, active: bool, matter: sdk.Matter | None,
                settings: IntraVisionSettings) -> tuple[sdk.EscalationStep, ...]:
    if _eligibility(profile, active, settings).status is sdk.Status.INELIGIBLE:
        return (sdk.renew_maintenance_step("IVS-2"),)
    return (sdk.EscalationStep(to=sdk.INTRAVISION, why=_TEXTS["write"], clause="IVS-4"),
            sdk.EscalationStep(to=sdk.INTRAVISION, why=_TEXTS["only_ontime"], clause="SCP-1"),
            *sdk.after_diagnosis(profile, matter, maintenance_active=active,
                                 provider=sdk.INTRAVISION, provider_key="intravision"))


@sdk.hookimpl
def ontime_escalation(profile: sdk.Profile, triage: sdk.Triage | None, at: dt.datetime,
                      settings: IntraVisionSettings) -> list[sdk.EscalationStep]:
    return list(_escalation(profile, sdk.maintenance_active(profile, at), triage.matter if triage else None, settings))
