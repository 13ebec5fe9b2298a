"""Settings of the IntraVision plugin: every interpretation of IVS, named and documented."""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from ontime_support import sdk


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed by the memo keys of every comparison
class IntraVisionSettings:
    timezone: str = sdk.setting("Europe/Copenhagen", clause="IVS-3", validator=sdk.check_zone,
                                en="Time zone of IntraVision's head office (with its DST rules).",
                                ja="IntraVision 本社のタイムゾーン（サマータイムを含みます）。")
    opening_hours: str = sdk.setting("09:00-16:00", clause="IVS-3", validator=sdk.check_hours,
                                     en="Opening hours on a business day, Copenhagen time (in Japan time 17:00-24:00 while Denmark keeps standard time, 16:00-23:00 during its summer time).", ja="営業日の受付時間（コペンハーゲンの現地時間。冬は日本時間 17:00〜24:00、夏は 16:00〜23:00）。")
    business_days: tuple[str, ...] = sdk.setting(
        ("mon", "tue", "wed", "thu", "fri"), clause="IVS-3", validator=sdk.check_weekdays,
        en="Weekdays IntraVision works.", ja="IntraVision の営業曜日。")
    holiday_country: str = sdk.setting("DK", validator=sdk.check_holiday_country, clause="IVS-3",
                                       en="Public holidays observed (Denmark; Store Bededag ended in 2024).",
                                       ja="休業とする祝日の国（デンマーク。大祈祷日は 2024 年から祝日ではありません）。")
    closing_days: tuple[str, ...] = sdk.setting(
        ("12-24", "12-31"), clause="IVS-3", validator=sdk.check_month_day,
        en="Customary closing days each year (MM-DD).", ja="毎年の慣例的な休業日（12-29 のような月-日の形式。当ツールの設定）。")
    constitution_day_open: bool = sdk.setting(
        True, clause="IVS-3", en="Open on 5 June (Denmark's Constitution Day, Grundlovsdag), which is not a public holiday.",
        ja="6 月 5 日（デンマークの憲法記念日 Grundlovsdag。法定の祝日ではありません）を営業日とします（当ツールの設定）。")
    closed_dates: tuple[dt.date, ...] = sdk.setting((), clause="IVS-3", en="One-off closures.", ja="臨時の休業日。")
    annual_fee_percent: int = sdk.setting(15, clause="IVS-2", validator=sdk.check_fee_percent,
                                          en="Yearly fee as a percentage of the purchased product's list price.",
                                          ja="年間費用（ご購入製品定価に対する割合、%）。")
    languages: tuple[str, ...] = sdk.setting(("en",), clause="IVS-4", en="Languages IntraVision supports in.",
                                             ja="IntraVision が対応する言語。")


@functools.cache
def calendar_for(settings: IntraVisionSettings) -> sdk.BusinessCalendar:
    """IntraVision's business calendar, built once per settings."""
    yearly = tuple((sdk.month_day(day), sdk.month_day(day)) for day in settings.closing_days)
    if not settings.constitution_day_open:
        yearly += (((6, 5), (6, 5)),)
    return sdk.settings_calendar(settings, closed_yearly=yearly)
