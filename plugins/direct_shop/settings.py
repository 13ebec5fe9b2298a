"""Settings of the Direct Shop plugin: every interpretation of DIR/DTS, named and documented."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import attrs

from ontime_support import sdk

#: Asia as in the UN geoscheme (ISO 3166-1 alpha-2), for DTS-8.
ASIA = (
    "AE", "AF", "AM", "AZ", "BD", "BH", "BN", "BT", "CN", "CY", "GE", "HK", "ID", "IL", "IN", "IQ",
    "IR", "JO", "JP", "KG", "KH", "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "MM", "MN", "MO", "MV",
    "MY", "NP", "OM", "PH", "PK", "PS", "QA", "SA", "SG", "SY", "TH", "TJ", "TL", "TM", "TR", "TW",
    "UZ", "VN", "YE",
)


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed by the memo keys of every comparison
class DirectShopSettings:
    timezone: str = sdk.setting("Asia/Tokyo", clause="DTS-3", validator=sdk.check_zone,
                                en="Time zone of the Direct Shop's hours.", ja="Direct Shop の受付時間のタイムゾーン（日本時間）。")
    opening_hours: str = sdk.setting("10:00-16:00", clause="DTS-3", validator=sdk.check_hours,
                                     en="Opening hours on a business day.", ja="営業日の受付時間（日本時間）。")
    business_days: tuple[str, ...] = sdk.setting(
        ("mon", "tue", "wed", "thu", "fri"), clause="DTS-3", validator=sdk.check_weekdays,
        en="Weekdays the Direct Shop works.", ja="Direct Shop の営業曜日。")
    holiday_country: str = sdk.setting(
        "JP", validator=sdk.check_holiday_country, clause="DTS-3",
        en="Public holidays observed (Japan, with substitute and citizens' holidays); empty for none.",
        ja="休業とする祝日の国（日本。振替休日と国民の休日を含みます）。空にすると祝日を休業にしません。")
    year_end_closure: bool = sdk.setting(True, clause="DTS-3",
                                         en="Close for the customary Japanese year-end break.",
                                         ja="日本の慣習的な年末年始休業を適用します（当ツールの設定）。")
    year_end_from: str = sdk.setting("12-29", clause="DTS-3", validator=sdk.check_month_day,
                                     en="First day of the year-end break (MM-DD).", ja="年末年始休業の初日（12-29 のような月-日の形式）。")
    year_end_to: str = sdk.setting("01-03", clause="DTS-3", validator=sdk.check_month_day,
                                   en="Last day of the year-end break (MM-DD).", ja="年末年始休業の最終日（12-29 のような月-日の形式）。")
    closed_dates: tuple[dt.date, ...] = sdk.setting(
        (), clause="DTS-3", en="One-off closures such as company holidays.", ja="会社休業日など臨時の休業日。")
    annual_fee_percent: int = sdk.setting(15, clause="DTS-4", validator=sdk.check_fee_percent,
                                          en="Yearly fee as a percentage of the newest list price.",
                                          ja="年間費用（最新ライセンス定価に対する割合、%）。")
    spot_rate_jpy_per_hour: int = sdk.setting(20000, clause="DTS-5", validator=sdk.check_positive_int,
                                              en="Spot support rate per hour (JPY).", ja="スポットテクニカルサポートの時間単価（円）。")
    spot_minimum_minutes: int = sdk.setting(30, clause="DTS-5", validator=sdk.check_positive_int,
                                            en="Least time billed for spot support.", ja="スポットテクニカルサポートの最小請求時間（分）。")
    spot_unit_minutes: int = sdk.setting(30, clause="DTS-5", validator=sdk.check_positive_int,
                                         en="Spot time is rounded up to whole units of this many minutes.",
                                         ja="スポットテクニカルサポートの請求単位（分）。この単位に切り上げます（当ツールの設定）。")
    spot_requires_maintenance: bool = sdk.setting(
        True, clause="DTS-5", en="Spot support also needs active software maintenance.",
        ja="スポットテクニカルサポートにも有効なソフトウェアメンテナンスを必要とします（当ツールの設定）。")
    languages: tuple[str, ...] = sdk.setting(("ja",), clause="DTS-9", en="Languages the Direct Shop supports in.",
                                             ja="Direct Shop が対応する言語（日本語のみとするのは当ツールの解釈）。")
    region: tuple[str, ...] = sdk.setting(
        ASIA, clause="DTS-8", en="Countries served without special arrangement (Japan and Asia).",
        ja="個別のお取り決めなしに対応する国（日本およびアジア諸国）。")
    #: The settings file's folder (set by :meth:`resolve`): where ``sdk.partner_label`` finds partners' names.
    base_dir: Path | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def resolve(self, base_dir: Path) -> DirectShopSettings:
        return sdk.remember_folder(self, base_dir)


@functools.cache
def calendar_for(settings: DirectShopSettings) -> sdk.BusinessCalendar:
    """The Direct Shop's business calendar, built once per settings."""
    yearly: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    if settings.year_end_closure:
        yearly = ((sdk.month_day(settings.year_end_from), sdk.month_day(settings.year_end_to)),)
    return sdk.settings_calendar(settings, closed_yearly=yearly)
