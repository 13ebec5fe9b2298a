"""Every UI label of ontime-support in English and Japanese: one catalogue.

Why a module of :class:`~ontime_support.kernel.text.Text` pairs and not gettext
catalogues (``.po``/``.mo`` through Babel):

* The project already speaks in ``T("English", "日本語")`` pairs: plugins write
  their reasons that way and renderers pick the language at the last moment.
  Labels in the same shape need no second mechanism, no compile step
  (``.mo`` files to build and package) and no global "current locale".
* Two languages, both always complete: a test checks every key has both
  texts, Japanese punctuation and no placeholder mismatch; with gettext a
  missing translation silently falls back to English.
* Stable short keys (``"annual_fee"``) rather than English msgids: the TUI,
  the CLI table, the quote and the HTML page share keys, and rewording the
  English does not break the Japanese.
* Lookups are a dict access (the batch's JSON path formats thousands of
  comparisons a second).

Babel is still used where it is the right tool: the names of languages and
countries in either language come from its CLDR data (:func:`language_name`,
:func:`country_name`).

Japanese uses the vocabulary of the OnTime page itself (ソフトウェアメンテナンス、
テクニカルサポート、スポットテクニカルサポート、最新ライセンス定価、
カレンダープラットフォーム、年間契約), polite business register (です・ます) and
Japanese punctuation (、。（）).

Keys are a contract: add keys, never rename or remove one.
"""

from __future__ import annotations

import functools

from ontime_support.kernel.text import T, Text

LABELS: dict[str, Text] = {
    # ---- document / page
    "title": T("OnTime Group Calendar: support options", "OnTime Group Calendar サポートのご案内"),
    "quote_title": T("OnTime Group Calendar: support quote", "OnTime Group Calendar サポートのお見積り"),
    "customer": T("Customer", "お客様"),
    "as_of": T("As of", "基準日時"),
    "valid_until": T("Valid until", "有効期限"),
    "agent": T("Your contact", "担当者"),
    "zone_note": T("Times are in your time zone ({zone}), with the provider's local time beside them.",
                   "日時はお客様のタイムゾーン（{zone}）で表示し、提供元の現地時刻を併記しています。"),
    # ---- recommendation
    "recommended": T("Recommended order", "おすすめの順序"),
    "recommended_short": T("Recommended", "おすすめ"),
    "none_usable": T("No option is available as things stand.", "現状でご利用いただける選択肢はありません。"),
    "not_available": T("Not available to you", "ご利用いただけない選択肢"),
    "not_assessed": T("could not be assessed just now; we will confirm it separately.",
                      "現在確認できないため、別途ご案内いたします。"),
    "rank": T("Rank", "順位"),
    "why": T("Why", "理由"),
    "why_rank": T("Why here", "この順位の理由"),
    # ---- option columns
    "option": T("Option", "選択肢"),
    "provider": T("Provider", "提供元"),
    "plugin": T("Plugin", "プラグイン"),
    "status": T("Status", "判定"),
    "reasons": T("Reasons", "根拠"),
    "cost": T("Cost", "費用"),
    "hours": T("Hours", "受付時間"),
    "path": T("Where the fault goes", "障害対応の流れ"),
    # ---- statuses
    "status.eligible": T("eligible", "ご利用可能"),
    "status.conditional": T("conditional", "条件付きで可能"),
    "status.ineligible": T("ineligible", "ご利用不可"),
    "status.error": T("error", "エラー"),
    # ---- prices
    "annual_fee": T("Annual fee", "年間費用"),
    "spot_rate": T("Spot rate", "スポット単価"),
    "per_hour": T("per hour", "1 時間あたり"),
    "spot_cost": T("Spot cost for the expected hours", "想定時間分のスポット費用"),
    "expected_hours": T("Expected hours a year", "年間の想定時間"),
    "billed_hours": T("billed as", "請求時間"),
    "break_even": T("Break-even", "損益分岐"),
    "break_even_exact": T("exact", "正確な値"),
    "hours_a_year": T("hours a year", "時間／年"),
    "hours_unit": T("h", "時間"),
    "before_tax": T("before tax", "税抜"),
    "consumption_tax": T("consumption tax", "消費税"),
    "total": T("total", "税込合計"),
    "tax_rate": T("Consumption tax rate", "消費税率"),
    "prices_include_tax": T("The provider's list prices include consumption tax.",
                            "提供元の価格は税込です。"),
    "prices_exclude_tax": T("The provider's list prices exclude consumption tax.",
                            "提供元の価格は税抜です。"),
    "tax_rounding": T("Tax is rounded down to the yen.", "消費税は 1 円未満を切り捨てています。"),
    # ---- hours
    "open_now": T("Open now", "受付中"),
    "closed_now": T("Closed now", "受付時間外"),
    "closes_at": T("Closes", "受付終了"),
    "next_open": T("Next opening", "次の受付開始"),
    "email_now": T("An e-mail sent now is handled from", "今メールを送った場合の対応開始"),
    "hours_unknown": T("Hours not known", "受付時間は不明です"),
    "weekly_hours": T("Weekly hours", "週間の受付時間"),
    "in_customer_zone": T("your time", "お客様の時刻"),
    "in_provider_zone": T("provider's time", "提供元の時刻"),
    "channels": T("Channels", "窓口"),
    "languages": T("Languages", "対応言語"),
    "first_contact": T("First contact", "最初の連絡先"),
    "escalation": T("Escalation", "エスカレーション"),
    "notes": T("Notes", "備考"),
    # ---- errors and triage
    "plugin_error": T("Plugin error", "プラグインのエラー"),
    "plugin_failures": T("Plugins that failed to load", "読み込めなかったプラグイン"),
    "triage": T("Triage", "切り分け"),
    "next_checks": T("Next checks", "次にご確認いただくこと"),
    "upgrade_needed": T("An upgrade to the newest version is needed.", "最新バージョンへのアップグレードが必要です。"),
    "fix_in_next_version": T("A fix would come in the next version.", "修正は次のバージョンで提供されます。"),
    "onsite_quote": T("On-site work is quoted separately.", "オンサイト作業は別途お見積りします。"),
    "matter.platform": T("calendar platform matter", "カレンダープラットフォーム側の問題"),
    "matter.ontime": T("OnTime matter", "OnTime 側の問題"),
    "matter.undetermined": T("not yet known", "まだ切り分けできていません"),
    # ---- channels
    "channel.email": T("e-mail", "メール"),
    "channel.phone": T("phone", "電話"),
    "channel.web_conference": T("web meeting", "Web 会議"),
    "channel.onsite": T("on-site", "オンサイト"),
    # ---- quote wording
    "quote_intro": T("Thank you for your enquiry. These are the support options open to you.",
                     "お問い合わせいただきありがとうございます。ご利用いただけるサポートは次のとおりです。"),
    "quote_outro": T("Please contact us with any questions.",
                     "ご不明な点がございましたら、お気軽にお問い合わせください。"),
    "none": T("—", "—"),
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
}

STATUS_SYMBOLS: dict[str, str] = {"eligible": "✔", "conditional": "△", "ineligible": "✘", "error": "!"}


def norm_lang(lang: str) -> str:
    """``'ja'`` or ``'en'`` (anything else is English)."""
    return "ja" if lang == "ja" else "en"


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``; a ``KeyError`` for an unknown key (a bug, not input)."""
    return LABELS[key](lang)


def channel_name(code: str, lang: str) -> str:
    """A channel code (``email``) as a word; an unknown code is shown as it is."""
    text = LABELS.get("channel." + code)
    return text(lang) if text is not None else code


@functools.lru_cache(maxsize=512)
def language_name(code: str, lang: str) -> str:
    """An ISO 639-1 code as a language name in ``lang`` (``en`` → 英語), from CLDR via Babel."""
    from babel import Locale

    name = Locale.parse(norm_lang(lang)).languages.get(code)
    return name if name else code


@functools.lru_cache(maxsize=512)
def country_name(code: str, lang: str) -> str:
    """An ISO 3166-1 code as a country name in ``lang`` (``JP`` → Japan / 日本)."""
    from babel import Locale

    name = Locale.parse(norm_lang(lang)).territories.get(code)
    return name if name else code
