"""Reason and escalation builders that several provider plugins share.

Every provider's path ends the same way once a fault is diagnosed (SCP-2..4,
MNT-1/2), and several plugins name the customer's platform and who supports it
(SCP-4). These helpers hold that wording once; plugins import them from
:mod:`ontime_support.sdk`.

Step targets
    The ``to`` of an :class:`EscalationStep` is one of the module constants
    below (or, for a partner, :data:`PARTNER` filled with its name). Each
    built-in plugin exports ``STEP_TARGETS``: which option ids a target names,
    so a test can check that no path sends a customer to an option that is
    ineligible for them.

Japanese wording follows the Direct Shop page's own terms: ソフトウェアメンテナンス,
最新ライセンス定価, スポットテクニカルサポート, カレンダープラットフォーム.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from ontime_support.kernel.models import (
    Eligibility,
    EscalationStep,
    Matter,
    Platform,
    PlatformSupport,
    Profile,
    PurchasePath,
    Reason,
    Status,
)
from ontime_support.kernel.text import T, Text

from .money import yen

PLATFORM_NAMES = {
    Platform.DOMINO: T("HCL Notes/Domino", "HCL Notes/Domino"),
    Platform.EXCHANGE: T("Microsoft 365 / Exchange", "Microsoft 365 / Exchange"),
}

# --------------------------------------------------------------------------- step targets

#: The Direct Shop's best-effort help for its own buyers (option ``direct_shop.purchase_support``).
SHOP_HELP = T("the Direct Shop (help for its buyers)", "Direct Shop（ご購入者向けサポート）")
#: Direct Shop technical support, contract or spot (``direct_shop.annual`` / ``direct_shop.spot``).
DTS = T("Direct Shop technical support (annual or spot)",
        "Direct Shop テクニカルサポート（年間契約またはスポットテクニカルサポート）")
#: The Direct Shop's yearly technical-support contract (``direct_shop.annual``).
DTS_ANNUAL = T("Direct Shop technical support (annual contract)", "Direct Shop テクニカルサポート（年間契約）")
#: The Direct Shop's yearly technical-support contract the customer already holds (``direct_shop.annual``).
DTS_CONTRACT = T("Direct Shop technical support (your annual contract)",
                 "Direct Shop テクニカルサポート（ご契約中の年間契約）")
#: Spot technical support on its own (``direct_shop.spot``).
DTS_SPOT = T("Direct Shop spot technical support", "Direct Shop スポットテクニカルサポート")
#: IntraVision's own technical support (``intravision.annual``).
INTRAVISION = T("IntraVision (the maker, in English)", "IntraVision（メーカー、英語での対応）")
#: Both yearly contracts at once (``direct_shop.annual`` and ``intravision.annual``).
CONTRACTS = T("your support contracts (Direct Shop and IntraVision)",
              "ご契約中のテクニカルサポート（Direct Shop と IntraVision）")
#: The customer's OnTime partner (option ``partner``); fill with ``sdk.fill(PARTNER, partner=name)``,
#: ``name`` from :func:`partner_label` (the directory's display name when it knows the partner).
PARTNER = T("your partner ({partner})", "ご購入元のパートナー（{partner}）")
#: Not an option: renewing software maintenance (MNT-1, DTS-4, IVS-2).
RENEW_MAINTENANCE = T("Renew software maintenance", "ソフトウェアメンテナンスの更新")
#: Not an option: the maker fixing a product fault in the next version (SCP-3).
PRODUCT_FIX = T("IntraVision (product fix in the next version)", "IntraVision（次期バージョンでの製品修正）")
#: Not an option: upgrading to the newest version (MNT-2).
UPGRADE = T("Upgrade to the newest version", "最新バージョンへのアップグレード")
#: Not an option: renewing maintenance and then upgrading (MNT-1, MNT-2).
RENEW_THEN_UPGRADE = T("Renew software maintenance, then upgrade",
                       "ソフトウェアメンテナンスの更新と最新バージョンへのアップグレード")
#: Not an option: on-site work quoted separately (DTS-2).
ONSITE = T("Direct Shop on-site work (quoted separately)", "Direct Shop のオンサイト作業（別途お見積り）")

#: Targets that name no support option (who takes a platform matter is built by
#: :func:`platform_support_contact` and names none either).
NON_OPTION_TARGETS: tuple[Text, ...] = (RENEW_MAINTENANCE, PRODUCT_FIX, UPGRADE, RENEW_THEN_UPGRADE, ONSITE)

#: Who a provider is in "X closes the case" wording (SCP-4 is said of the Direct Shop only).
PROVIDER_SHOP = "direct_shop"


# --------------------------------------------------------------------------- partner names

#: Display names of the partner directory, by the folder of the settings file that names it (absolute).
_PARTNER_NAMES: dict[Path, dict[str, str]] = {}


def publish_partner_names(base_dir: Path, names: Mapping[str, str]) -> None:
    """Make the partner directory's display names (``{id: name}``) known to every plugin.

    Called by the ``partner`` plugin when it resolves its settings (``[partner]
    directory``, relative to the settings file in ``base_dir``); an empty mapping
    when there is no directory. Other plugins read them with :func:`partner_label`
    through the ``base_dir`` their own settings were resolved with, so hosts
    built from different settings files do not see each other's names.
    """
    _PARTNER_NAMES[_absolute(base_dir)] = dict(names)


@functools.lru_cache(maxsize=64)
def _absolute(base_dir: Path) -> Path:
    return Path(base_dir).resolve()  # once per folder: hooks ask on every comparison


SettingsT = TypeVar("SettingsT")


def remember_folder(settings: SettingsT, base_dir: Path) -> SettingsT:
    """A copy of a frozen attrs ``settings`` whose ``base_dir`` field is the settings file's folder.

    For a settings class's ``resolve(self, base_dir)`` when the plugin names partners with
    :func:`partner_label` (declare ``base_dir: Path | None = attrs.field(default=None, init=False, eq=False)``).
    """
    resolved = attrs.evolve(settings)  # type: ignore[misc]
    object.__setattr__(resolved, "base_dir", base_dir)
    return resolved


def partner_label(partner_id: str | None, base_dir: Path | None) -> str:
    """How to name the customer's partner: the directory's display name, else its id (``"?"`` without one).

    ``base_dir``: the folder of the settings file (given to a settings class's
    ``resolve``); ``None`` (settings never resolved) gives the id.
    """
    if not partner_id:
        return "?"
    if base_dir is None:
        return partner_id
    return _PARTNER_NAMES.get(_absolute(base_dir), {}).get(partner_id, partner_id)


# --------------------------------------------------------------------------- names (Babel)


@functools.cache
def _locale(lang: str) -> Any:
    from babel import Locale  # deferred: Babel's data loads in ~0.2 s, needed only for foreign names

    return Locale(lang)


@functools.cache
def country_name(code: str) -> Text:
    """``'DE'`` -> Germany / ドイツ (the code itself if Babel does not know it)."""
    return T(_locale("en").territories.get(code, code), _locale("ja").territories.get(code, code))


@functools.cache
def _language_name(code: str) -> Text:
    return T(_locale("en").languages.get(code, code), _locale("ja").languages.get(code, code))


def language_names(codes: Iterable[str]) -> Text:
    """``('ja', 'en')`` -> "Japanese or English" / 「日本語または英語」."""
    names = [_language_name(code) for code in codes]
    if not names:
        return T("no stated language", "記載のない言語")
    if len(names) == 1:
        return names[0]
    return T(", ".join(n.en for n in names[:-1]) + " or " + names[-1].en,
             "、".join(n.ja for n in names[:-1]) + "または" + names[-1].ja)


# --------------------------------------------------------------------------- zones (Babel)


@functools.lru_cache(maxsize=512)
def zone_place(zone: str, lang: str) -> str | None:
    """The zone named by its place in ``lang`` (CLDR via Babel), ``None`` when CLDR has no place for it."""
    from babel import Locale
    from babel.dates import get_timezone_location

    try:
        name = get_timezone_location(zone, locale=lang)
    except LookupError:
        return None
    unknown = Locale.parse(lang).territories.get("ZZ")
    return None if not name or (unknown and unknown in name) else name


def utc_offset_name(offset: dt.timedelta | None) -> str:
    """``UTC+03:00``; ``UTC`` for no offset."""
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_name(zone: str, lang: str, at: dt.datetime | None = None) -> str:
    """A zone as a reader sees it: ``日本時間`` in Japanese (its UTC offset at ``at`` when CLDR has no place
    for it); in English the IANA name, unchanged."""
    if lang != "ja":
        return zone
    place = zone_place(zone, "ja")
    if place is not None:
        return place
    try:
        tz = ZoneInfo(zone)
    except (ValueError, LookupError):
        return zone
    return utc_offset_name((at or dt.datetime.now(dt.timezone.utc)).astimezone(tz).utcoffset())


def zone_words(zone: str) -> Text:
    """A provider's zone in a sentence: ``Asia/Singapore`` -> "Asia/Singapore time" / 「シンガポール時間」.

    The same words at any instant (a zone CLDR names no place for keeps its IANA name), so a hook
    answer built with them stays the same all day.
    """
    place = zone_place(zone, "ja")
    return T(f"{zone} time", place if place is not None else f"{zone} の時刻")


# --------------------------------------------------------------------------- maintenance


_LAST_ACTIVE: list[Any] = [(None, None, False)]  # (profile, at, answer): the hooks of one comparison ask alike


def maintenance_active(profile: Profile, at: Any) -> bool:
    """Is maintenance active on ``at``'s date in the customer's time zone (MNT-1)?"""
    until = profile.maintenance.active_until
    if until is None:
        return False
    last_profile, last_at, last = _LAST_ACTIVE[0]
    if last_profile is profile and last_at is at:
        return last  # type: ignore[no-any-return]
    answer: bool = until >= at.astimezone(ZoneInfo(profile.customer.timezone)).date()
    _LAST_ACTIVE[0] = (profile, at, answer)
    return answer


# --------------------------------------------------------------------------- platform


def platform_supported_by(profile: Profile) -> PlatformSupport:
    """Who supports the platform, read sensibly.

    ``same_partner`` only means something for a customer who bought through a
    partner; for anyone else it is read as ``other_partner`` (see
    :func:`platform_support_caveat`).
    """
    who = profile.customer.platform_supported_by
    if who is PlatformSupport.SAME_PARTNER and profile.customer.purchased_from is not PurchasePath.PARTNER:
        return PlatformSupport.OTHER_PARTNER
    return who


def platform_support_caveat(profile: Profile) -> Reason | None:
    """A reason to fix the profile when ``same_partner`` is given without a partner, else ``None``."""
    c = profile.customer
    if c.platform_supported_by is PlatformSupport.SAME_PARTNER and c.purchased_from is not PurchasePath.PARTNER:
        return _SAME_PARTNER_WITHOUT_PARTNER
    return None


_SAME_PARTNER_WITHOUT_PARTNER = Reason(clause="PTN-3", text=T(
    "The profile says the partner that sold OnTime also supports the calendar platform, but OnTime was "
    "not bought through a partner. Check who supports the platform; until then it is treated as a "
    "separate partner.",
    "プロファイルでは OnTime の購入元パートナーがカレンダープラットフォームも担当していることになっていますが、"
    "OnTime はパートナー経由で購入されていません。カレンダープラットフォームのサポート元をご確認ください。"
    "確認できるまでは別のパートナーが担当しているものとして扱います（当ツールの扱い）。"))


@functools.cache
def _platform_contact(platform: Platform, who: PlatformSupport) -> Text:
    name = PLATFORM_NAMES[platform]
    if who is PlatformSupport.SAME_PARTNER:
        return T(f"your partner (it supports {name.en} too)",
                 f"ご購入元のパートナー（{name.ja} のサポートも担当）")
    if who is PlatformSupport.OTHER_PARTNER:
        return T(f"the partner that supports your {name.en}", f"{name.ja} を担当するパートナー")
    if who is PlatformSupport.IN_HOUSE:
        return T(f"your own {name.en} administrators", f"貴社の {name.ja} 管理者")
    vendor = "HCL" if platform is Platform.DOMINO else "Microsoft"
    return T(f"{vendor}'s support for {name.en} (or a calendar platform support company)",
             f"{vendor} の {name.ja} サポート（またはカレンダープラットフォームのサポート会社）")


def platform_support_contact(profile: Profile) -> Text:
    """Who handles a platform matter for this customer (SCP-4)."""
    return _platform_contact(profile.customer.platform, platform_supported_by(profile))


# --------------------------------------------------------------------------- after a diagnosis


def _handover(provider_key: str) -> Text:
    if provider_key == PROVIDER_SHOP:
        return T("The Direct Shop closes the case once the fault is shown to depend on the calendar "
                 "platform; the platform side goes to its own support.",
                 "カレンダープラットフォームに起因すると切り分けられた時点で、Direct Shop は対応を終了します。"
                 "カレンダープラットフォーム側の対応はそのサポート元にお問い合わせください。")
    return T("Once the fault is shown to depend on the calendar platform, take it to the platform's support.",
             "カレンダープラットフォームに起因すると切り分けられた場合は、そのサポート元にお問い合わせください。")


_ISOLATE = T("Isolates whether OnTime or the calendar platform causes the fault, and works on recovery.",
             "原因が OnTime とカレンダープラットフォームのどちらにあるかを切り分け、復旧を支援します。")
_IF_PLATFORM = T("If the fault turns out to depend on the calendar platform, it goes to the platform's support.",
                 "カレンダープラットフォームに起因すると判明した場合は、そのサポート元にご相談ください。")
_FIX = T("If the fault lies in the product and can be reproduced, the maker corrects it in a later release, "
         "which reaches you through software maintenance.",
         "再現性のある製品不具合は次期バージョンで修正され、ソフトウェアメンテナンスに基づいて提供されます。")
_FIX_LAPSED = T("If the fault lies in the product and can be reproduced, the maker corrects it in a later "
                "release, which reaches you only while software maintenance is active.",
                "再現性のある製品不具合は次期バージョンで修正されます。修正版は有効なソフトウェアメンテナンスが"
                "ある場合に限り提供されます。")
_UPGRADE = T("Fixes land only in the newest version; older versions get no patches.",
             "修正は最新バージョンにのみ反映され、旧バージョン向けの修正パッチは提供されません。")
_RENEW_UPGRADE = T("Fixes land only in the newest version, which needs active software maintenance.",
                   "修正は最新バージョンにのみ反映され、最新バージョンの利用には有効なソフトウェアメンテナンスが必要です。")


def after_diagnosis(profile: Profile, matter: Matter | None, *, maintenance_active: bool,
                    provider: Text | None, provider_key: str = "") -> list[EscalationStep]:
    """The steps every provider's path ends with (SCP-2..4, MNT-1/2).

    :param provider: the step target of whoever investigates (``None``: no
        investigating step, e.g. while maintenance must be renewed first).
    :param provider_key: ``"direct_shop"`` for the wording the page uses of
        the Direct Shop only ("closes the case", SCP-4).
    """
    incident = profile.incident
    if matter is Matter.PLATFORM:
        return [EscalationStep(to=platform_support_contact(profile), why=_handover(provider_key), clause="SCP-4")]
    steps: list[EscalationStep] = []
    if matter is None or matter is Matter.UNDETERMINED:
        if provider is not None:
            steps.append(EscalationStep(to=provider, why=_ISOLATE, clause="SCP-2"))
        if matter is None:
            return steps
        steps.append(EscalationStep(to=platform_support_contact(profile), why=_IF_PLATFORM, clause="SCP-4"))
        return steps
    if incident is not None and incident.reproducible:
        steps.append(EscalationStep(to=PRODUCT_FIX, why=_FIX if maintenance_active else _FIX_LAPSED,
                                    clause="SCP-3"))
    if incident is not None and not incident.on_newest_version:
        if maintenance_active:
            steps.append(EscalationStep(to=UPGRADE, why=_UPGRADE, clause="MNT-2"))
        else:
            steps.append(EscalationStep(to=RENEW_THEN_UPGRADE, why=_RENEW_UPGRADE, clause="MNT-1"))
    return steps


_RENEW_WHY = {
    "DTS-4": T("Direct Shop technical support is an add-on to software maintenance, and yours is not active: "
               "renew it first (questions go through the Direct Shop's contact form).",
               "Direct Shop のテクニカルサポートはソフトウェアメンテナンスの追加サービスです。"
               "ソフトウェアメンテナンスが有効ではないため、まず更新をお願いいたします。"
               "ご不明点は Direct Shop のお問い合わせフォームからお寄せください。"),
    "DTS-5": T("Spot technical support also needs active software maintenance (the desk's setting): renew it first.",
               "スポットテクニカルサポートにも有効なソフトウェアメンテナンスが必要です（当ツールの設定）。"
               "まず更新をお願いいたします。"),
    "IVS-2": T("IntraVision's support is an add-on to software maintenance, and yours is not active: renew it first.",
               "IntraVision のサポートはソフトウェアメンテナンスの追加サービスです。"
               "ソフトウェアメンテナンスが有効ではないため、まず更新をお願いいたします。"),
    "PTN-1": T("Your partner's terms need active software maintenance: renew it first.",
               "ご購入元のパートナーの条件では有効なソフトウェアメンテナンスが必要です。まず更新をお願いいたします。"),
    "MNT-1": T("Software maintenance is not active (it has lapsed, or no end date is on record). Technical support from the Direct Shop (DTS-4) and from "
               "IntraVision (IVS-2) is an add-on to it, and fixes come only in the newest version: renew "
               "software maintenance first, then the support options open again.",
               "ソフトウェアメンテナンスが有効ではありません（期限切れ、または有効期限の記録がありません）。"
               "Direct Shop（DTS-4）と IntraVision（IVS-2）の"
               "テクニカルサポートは、有効なソフトウェアメンテナンスを前提とした追加のサービスです。修正も最新"
               "バージョンでのみ提供されます。まずソフトウェアメンテナンスの更新をお願いいたします。更新後に"
               "テクニカルサポートをご利用いただけます。"),
}


#: After pointing a partner's customer to the partner (PTN-4) while maintenance has lapsed: renewing is
#: a later step, needed only when the partner's own terms ask for it (PTN-1).
RENEW_IF_PARTNER_ASKS = EscalationStep(to=RENEW_MAINTENANCE, clause="PTN-1", why=T(
    "Your software maintenance is not active. If your partner's terms need it (each partner sets its own), "
    "renew it so that the partner can take the case.",
    "ソフトウェアメンテナンスが有効ではありません。ご購入元のパートナーの条件で必要とされる場合"
    "（条件はパートナーごとに異なります）は、パートナーによる対応を受けられるよう、更新をお願いいたします。"))


def renew_maintenance_step(clause: str) -> EscalationStep:
    """The first step when software maintenance has lapsed (``clause``: MNT-1, DTS-4, DTS-5, IVS-2 or PTN-1)."""
    return _RENEW_STEPS[clause]


_RENEW_STEPS = {clause: EscalationStep(to=RENEW_MAINTENANCE, why=why, clause=clause)
                for clause, why in _RENEW_WHY.items()}


# --------------------------------------------------------------------------- eligibility


def verdict(reasons: Iterable[Reason], conditions: Iterable[Reason], *, rank: int,
            rank_reason: Reason) -> Eligibility:
    """Usable: ``ELIGIBLE``, or ``CONDITIONAL`` when there are conditions (listed after the reasons)."""
    conditions = tuple(conditions)
    return Eligibility(status=Status.CONDITIONAL if conditions else Status.ELIGIBLE,
                       reasons=(*reasons, *conditions), rank=rank, rank_reason=rank_reason)


# --------------------------------------------------------------------------- spot work nobody expects


def no_spot_hours_note(clause: str, one_hour_jpy: int, terms: Text, tail: Text = T("", "")) -> Reason:
    """The spot note when the profile expects no spot hours a year: nothing is billed until spot work
    is asked for, and what one hour would cost (``terms``: how it is billed, in words; ``tail``: a
    sentence appended in each language, e.g. "The same price worldwide.").

    Instead of "0 h are billed as 0 h: 0 JPY", which reads like a price of nothing.
    """
    return Reason(clause=clause, text=T(
        f"No spot hours are expected a year, so spot support costs nothing until you ask for it; "
        f"one hour would cost {yen(one_hour_jpy, 'en')} ({terms.en}).{tail.en}",
        f"スポットテクニカルサポートの年間のご利用は想定されていないため、ご依頼いただくまで費用は発生しません。"
        f"1 時間ご依頼いただいた場合は {yen(one_hour_jpy, 'ja')}です（{terms.ja}）。{tail.ja}"))


def no_spot_hours_rank_reason(clause: str, one_hour_jpy: int, annual_fee_jpy: int) -> Reason:
    """Why spot comes before the annual contract when no spot hours are expected a year."""
    if annual_fee_jpy > 0:
        return Reason(clause=clause, text=T(
            f"No spot hours are expected a year: spot support costs nothing until you use it "
            f"(one hour: {yen(one_hour_jpy, 'en')}), while the annual contract costs {yen(annual_fee_jpy, 'en')}.",
            f"スポットテクニカルサポートの年間のご利用は想定されていないため、ご利用になるまで費用が"
            f"かかりません（1 時間 {yen(one_hour_jpy, 'ja')}）。年間契約は {yen(annual_fee_jpy, 'ja')}です。"))
    return Reason(clause=clause, text=T(
        f"No spot hours are expected a year, and the annual contract costs nothing either "
        f"(one hour of spot work: {yen(one_hour_jpy, 'en')}).",
        f"スポットテクニカルサポートの年間のご利用は想定されておらず、年間契約の費用もかかりません"
        f"（スポットテクニカルサポートは 1 時間 {yen(one_hour_jpy, 'ja')}）。"))
