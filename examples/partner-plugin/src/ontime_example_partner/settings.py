"""Settings of the EXAMPLE partner plugin: each (fictitious) term is a named, documented setting.

Section ``[example_partner]`` of the ontime-support settings file. Every field
has a default, so the plugin works with no settings file at all.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from ontime_support import sdk

SECTION = "example_partner"


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed by the memo keys of every comparison
class ExamplePartnerSettings:
    annual_fee_percent: int = sdk.setting(18, clause="EXP-2", validator=sdk.check_percent,
                                          en="Yearly fee as a percentage of the purchased list price.",
                                          ja="年間費用(購入時の定価に対する割合 %)。")
    spot_rate_jpy_per_hour: int = sdk.setting(18000, clause="EXP-2", validator=sdk.check_positive_int,
                                              en="Spot support rate, JPY per hour.", ja="スポットサポートの時間単価(円)。")
    spot_minimum_minutes: int = sdk.setting(60, clause="EXP-2", validator=sdk.check_positive_int,
                                            en="Minimum billed minutes per spot request.",
                                            ja="スポット 1 件あたりの最低請求時間(分)。")
    spot_unit_minutes: int = sdk.setting(30, clause="EXP-2", validator=sdk.check_positive_int,
                                         en="Spot work is billed in units of this many minutes.",
                                         ja="スポットの請求単位(分)。")
    timezone: str = sdk.setting("Asia/Tokyo", clause="EXP-3", validator=sdk.check_zone,
                                en="Time zone of the support desk.", ja="サポート窓口のタイムゾーン。")
    opening_hours: str = sdk.setting("09:00-17:30", clause="EXP-3", validator=sdk.check_hours,
                                     en="Opening hours on a business day, local time.",
                                     ja="営業日の受付時間(現地時間)。")
    business_days: tuple[str, ...] = sdk.setting(("mon", "tue", "wed", "thu", "fri"), clause="EXP-3",
                                                 validator=sdk.check_weekdays,
                                                 en="Weekdays the desk works.", ja="窓口の営業曜日。")
    holiday_country: str = sdk.setting("JP", clause="EXP-3", en="Public holidays observed ('' for none).",
                                       ja="休業とする祝日の国(空なら祝日も営業)。")
    year_end_closure: bool = sdk.setting(True, clause="EXP-3", en="Closed 29 December - 3 January.",
                                         ja="年末年始(12 月 29 日-1 月 3 日)は休業。")
    closed_dates: tuple[dt.date, ...] = sdk.setting((), clause="EXP-3", en="One-off closures.", ja="臨時の休業日。")
    channels: tuple[str, ...] = sdk.setting(("email", "phone"), clause="EXP-3", en="Contact channels.",
                                            ja="受付窓口。")
    languages: tuple[str, ...] = sdk.setting(("ja",), clause="EXP-3", en="Languages the desk supports in.",
                                             ja="対応言語。")
    requires_maintenance: bool = sdk.setting(True, clause="EXP-4",
                                             en="Support requires active software maintenance.",
                                             ja="サポートには有効なソフトウェアメンテナンスが必要。")
    supports_platforms: tuple[str, ...] = sdk.setting(("exchange", "domino"), clause="EXP-5",
                                                      en="Calendar platforms the partner also supports.",
                                                      ja="パートナーがサポートするカレンダー基盤。")


@functools.cache
def calendar_for(settings: ExamplePartnerSettings) -> sdk.BusinessCalendar:
    """The desk's business calendar, built once per (frozen, hashable) settings."""
    return sdk.settings_calendar(settings, closed_yearly=(((12, 29), (1, 3)),) if settings.year_end_closure else ())
