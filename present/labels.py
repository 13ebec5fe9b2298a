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
from collections.abc import Iterable

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
    "no_spot_hours": T("Spot cost: no spot hours expected, nothing billed until you ask",
                       "スポット費用：想定なし（ご依頼までは費用は発生しません）"),
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
    "no_tax": T("no consumption tax", "消費税なし"),
    "tax_not_applied": T("No consumption tax is added: services for customers in your country are quoted "
                         "without it (an interpretation of this tool, not a tax ruling).",
                         "貴社の所在国のお客様には消費税を加えずにお見積りしているため、消費税は加えていません"
                         "（税務上の判断ではなく、当ツールの解釈です）。"),
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


def colon(lang: str) -> str:
    """What follows a label: ``"："`` in Japanese, ``": "`` in English."""
    return "：" if lang == "ja" else ": "


def join_list(items: Iterable[str], lang: str) -> str:
    """A list in running text: ``メール、電話`` / ``e-mail, phone``."""
    return ("、" if lang == "ja" else ", ").join(items)


def paren(text: str, lang: str) -> str:
    """A parenthesised remark after a word: ``（text）`` in Japanese (no space), `` (text)`` in English."""
    return f"（{text}）" if lang == "ja" else f" ({text})"


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


# --------------------------------------------------------------------------- the desk (TUI)
# Added by the TUI (keys prefixed ``tui.``, ``form.``, ``value.``); the keys above are shared.
LABELS.update({
    # app, bindings and footer
    "tui.app_title": T("OnTime support desk", "OnTime サポート窓口"),
    "tui.b_help": T("Help", "ヘルプ"),
    "tui.b_lang": T("日本語", "English"),
    "tui.b_pin": T("Pin", "時刻固定"),
    "tui.b_unpin": T("Unpin", "固定を解除"),
    "tui.b_triage": T("Triage", "切り分け"),
    "tui.b_quote": T("Quote", "見積り"),
    "tui.b_chart": T("Coverage", "受付状況"),
    "tui.b_open": T("Open", "開く"),
    "tui.b_save": T("Save", "保存"),
    "tui.b_form": T("Form", "入力欄"),
    "tui.b_back": T("Back", "戻る"),
    "tui.b_close": T("Close", "閉じる"),
    "tui.b_quit": T("Quit", "終了"),
    "tui.b_palette": T("Commands", "コマンド"),
    "tui.b_detail": T("Details", "詳細"),
    # clock
    "tui.now": T("Now", "現在"),
    "tui.pinned": T("PINNED", "固定中"),
    "tui.live": T("live", "自動更新"),
    # form sections and fields
    "form.profile": T("Customer profile", "お客様プロファイル"),
    "form.sec_customer": T("Customer", "お客様"),
    "form.sec_maintenance": T("Software maintenance", "ソフトウェアメンテナンス"),
    "form.sec_licenses": T("Licences (list prices)", "ライセンス（定価）"),
    "form.sec_contracts": T("Annual contracts", "年間契約"),
    "form.sec_usage": T("Usage", "利用見込み"),
    "form.sec_incident": T("Incident", "障害"),
    "form.customer.name": T("Name", "お客様名"),
    "form.customer.country": T("Country (ISO 3166-1, e.g. JP)", "国（ISO 3166-1、例：JP）"),
    "form.customer.timezone": T("Time zone (e.g. Asia/Tokyo)", "タイムゾーン（例：Asia/Tokyo）"),
    "form.customer.languages": T("Languages", "使用言語"),
    "form.languages_other": T("other, comma-separated (e.g. de, fr)", "その他（カンマ区切り、例：de, fr）"),
    "form.customer.purchased_from": T("Purchased from", "購入先"),
    "form.customer.partner": T("Partner (directory)", "パートナー（一覧から）"),
    "form.partner_other": T("or another partner id", "または別のパートナー ID"),
    "form.customer.partner_supports_ontime": T("Partner supports OnTime", "パートナーが OnTime をサポート"),
    "form.customer.platform": T("Calendar platform", "カレンダープラットフォーム"),
    "form.customer.platform_supported_by": T("Platform supported by", "プラットフォームのサポート担当"),
    "form.customer.platform_changed": T("Platform changed since purchase", "購入後にプラットフォームを変更した"),
    "form.maintenance.active_until": T("Active until (YYYY-MM-DD, empty = none)",
                                       "有効期限（YYYY-MM-DD、空欄はなし）"),
    "form.licenses.purchased_list_price_jpy": T("Purchased product, JPY", "購入製品の定価（円）"),
    "form.licenses.newest_list_price_jpy": T("Newest version, JPY", "最新ライセンス定価（円）"),
    "form.contracts.direct_shop_annual": T("Direct Shop annual contract", "ダイレクトショップ年間契約"),
    "form.contracts.intravision_annual": T("IntraVision annual contract", "IntraVision 年間契約"),
    "form.usage.expected_spot_hours": T("Expected spot hours a year", "年間の想定スポット時間"),
    "form.incident.enabled": T("An incident is open", "対応中の障害あり"),
    "form.incident.scope": T("Who is affected", "影響範囲"),
    "form.incident.in_platform_clients": T("Also in the platform's own clients?",
                                           "プラットフォーム標準のクライアントでも起きるか"),
    "form.incident.reproducible": T("Reproducible", "再現できる"),
    "form.incident.on_newest_version": T("On the newest OnTime version", "OnTime は最新版"),
    "form.incident.needs_onsite": T("Needs on-site work", "オンサイト作業が必要"),
    "form.choose": T("(choose)", "（選択）"),
    "form.invalid_banner": T("Input error: the comparison shows the last valid profile.",
                             "入力エラー：比較は最後に有効だったプロファイルのままです。"),
    # form values
    "value.purchased_from.direct_shop": T("Direct Shop", "ダイレクトショップ"),
    "value.purchased_from.partner": T("a partner", "パートナー"),
    "value.purchased_from.intravision": T("IntraVision (the maker)", "IntraVision（開発元）"),
    "value.platform.domino": T("HCL Domino", "HCL Domino"),
    "value.platform.exchange": T("Microsoft Exchange / 365", "Microsoft Exchange / 365"),
    "value.platform_supported_by.same_partner": T("the same partner", "同じパートナー"),
    "value.platform_supported_by.other_partner": T("another partner", "別のパートナー"),
    "value.platform_supported_by.in_house": T("in-house staff", "社内の担当者"),
    "value.platform_supported_by.none": T("nobody", "なし"),
    "value.scope.one_user": T("one user", "1 人のユーザー"),
    "value.scope.some_users": T("some users", "一部のユーザー"),
    "value.scope.all_users": T("all users", "全ユーザー"),
    "value.yes_no_unknown.yes": T("yes", "はい"),
    "value.yes_no_unknown.no": T("no", "いいえ"),
    "value.yes_no_unknown.unknown": T("not known yet", "未確認"),
    "value.yes_no.yes": T("yes", "はい"),
    "value.yes_no.no": T("no", "いいえ"),
    "value.on": T("on", "オン"),
    "value.off": T("off", "オフ"),
    # matrix and detail
    "tui.per_year": T("/yr", "／年"),
    "tui.spot": T("spot", "スポット"),
    "tui.no_spot_hours": T("No spot hours expected", "スポット想定なし"),
    "tui.no_spot_hours_detail": T("none, as no spot hours are expected a year",
                                  "年間のスポット利用を想定していないため、発生しません"),
    "tui.next_or_closes": T("Open / next opening", "受付状況・次の受付開始"),
    "tui.detail_title": T("Details", "詳細"),
    "tui.select_hint": T("↑↓ or 1-9: details", "↑↓ または 1〜9：詳細"),
    "tui.chart_hint": T("Arrows move; the line below tells the hour and why a lane is closed.",
                        "矢印キーで移動します。下の行に時刻と休業の理由を表示します。"),
    # triage
    "tui.triage_title": T("Triage (TRI-2)", "切り分け（TRI-2）"),
    "tui.triage_intro": T("Answer the questions; the verdict below follows at once.",
                          "質問に答えると、下の判定がすぐに更新されます。"),
    "tui.triage_verdict": T("Verdict", "判定"),
    "tui.triage_none": T("No verdict: no triage plugin answered.", "判定なし：切り分けプラグインが応答しませんでした。"),
    # dialogs
    "tui.pin_title": T("Pin the instant of the question", "問い合わせ時刻を固定"),
    "tui.pin_hint": T("A date (09:00 that day), a date and time in the customer's zone, or ISO with an offset",
                      "日付（その日の 9:00）、お客様のタイムゾーンでの日時、またはオフセット付きの ISO 8601"),
    "tui.pin_means": T("Means", "解釈"),
    "tui.pin_keys": T("Enter pins · Ctrl+U unpins · Esc cancels", "Enter で固定・Ctrl+U で解除・Esc で取消"),
    "tui.open_title": T("Open a profile (TOML)", "プロファイルを開く（TOML）"),
    "tui.save_title": T("Save the profile (TOML)", "プロファイルを保存（TOML）"),
    "tui.quote_title": T("Export the comparison as a Markdown quote", "比較を Markdown の見積りとして出力"),
    "tui.path": T("File path", "ファイルのパス"),
    "tui.ok": T("OK", "OK"),
    "tui.cancel": T("Cancel", "キャンセル"),
    "tui.replace": T("Replace", "置き換える"),
    "tui.to_file": T("Save to file", "ファイルに保存"),
    "tui.to_clipboard": T("Copy to clipboard", "クリップボードにコピー"),
    "tui.saved": T("Saved", "保存しました"),
    "tui.opened": T("Opened", "開きました"),
    "tui.written_to": T("Quote written to", "見積りを書き出しました"),
    "tui.clipboard_sent": T("sent to the terminal's clipboard as well (the terminal does not confirm it)",
                            "端末のクリップボードにも送りました（端末からの確認はありません）"),
    "tui.confirm_replace": T("The file exists. Replace it?", "ファイルが既にあります。置き換えますか？"),
    "tui.through_symlink": T("It is a symbolic link; the file it points to will be replaced",
                             "シンボリックリンクです。リンク先のファイルが置き換わります"),
    "tui.cannot_save_invalid": T("The form has an error; the last valid profile was saved.",
                                 "入力にエラーがあるため、最後に有効だったプロファイルを保存しました。"),
    "tui.write_failed": T("Cannot write", "書き込めません"),
    "tui.empty_path": T("enter a file path", "ファイルのパスを入力してください"),
    "tui.not_toml": T("choose a .toml file", ".toml ファイルを選んでください"),
    # palette
    "tui.cmd_lang": T("Switch language to Japanese", "言語を英語に切り替え"),
    "tui.cmd_pin": T("Pin the time…", "時刻を固定…"),
    "tui.cmd_unpin": T("Unpin the time (follow the clock)", "時刻の固定を解除（現在時刻に追従）"),
    "tui.cmd_open": T("Open a profile…", "プロファイルを開く…"),
    "tui.cmd_save": T("Save the profile…", "プロファイルを保存…"),
    "tui.cmd_quote": T("Export the quote (Markdown)…", "見積りを出力（Markdown）…"),
    "tui.cmd_triage": T("Triage the incident", "障害を切り分ける"),
    "tui.cmd_chart": T("Coverage chart (next 7 days)", "受付状況（今後 7 日間）"),
    "tui.cmd_help": T("Help", "ヘルプ"),
    "tui.cmd_toggle": T("Show/hide option", "選択肢の表示・非表示"),
    "tui.cmd_new": T("New profile from example", "例からプロファイルを作成"),
    # --- the customer book in the TUI (issue #10)
    "tui.b_customers": T("Customers", "顧客"),
    "tui.b_history": T("History", "履歴"),
    "tui.b_renewals": T("Renewals", "更新予定"),
    "tui.b_log_case": T("Log case", "案件を記録"),
    "tui.b_restore": T("Restore", "この版に戻す"),
    "tui.b_next": T("Next", "次へ"),
    "tui.b_previous": T("Previous", "前へ"),
    "tui.customers_title": T("Customers in the book", "顧客台帳"),
    "tui.customers_hint": T("Type a name, partner or tag · ↑↓ move · Enter opens · Esc closes",
                            "顧客名・パートナー・タグを入力・↑↓ で移動・Enter で開く・Esc で閉じる"),
    "tui.customers_placeholder": T("start of a name, partner or tag", "顧客名・パートナー・タグの先頭"),
    "tui.customers_none": T("No customer matches.", "該当する顧客はいません。"),
    "tui.customers_count": T("customer(s)", "件"),
    "tui.col_name": T("Customer", "顧客名"),
    "tui.col_partner": T("Partner", "パートナー"),
    "tui.col_until": T("Maintenance until", "保守期限"),
    "tui.col_version": T("Ver.", "版"),
    "tui.col_days_left": T("Days left", "残り日数"),
    "tui.col_fees": T("Annual fees", "年間費用"),
    "tui.col_when": T("When (UTC)", "日時（UTC）"),
    "tui.col_who": T("Agent", "担当者"),
    "tui.col_changed": T("What changed", "変更した項目"),
    "tui.col_case": T("Case", "案件"),
    "tui.col_asked": T("Asked at", "問い合わせ時刻"),
    "tui.col_recommended": T("Recommended", "おすすめ"),
    "tui.col_quote": T("Quote", "見積り"),
    "tui.created": T("created", "新規登録"),
    "tui.history_title": T("History", "履歴"),
    "tui.history_hint": T("Enter or R on a version makes it current again (asks first) · Tab switches · Esc closes",
                          "版の上で Enter または R でその版に戻す（確認あり）・Tab で切り替え・Esc で閉じる"),
    "tui.tab_versions": T("Versions", "版"),
    "tui.tab_cases": T("Cases", "案件"),
    "tui.restore_confirm": T("Make version {version} current again? It is saved as a new version; nothing is lost.",
                             "版 {version} の内容を最新に戻しますか？新しい版として保存され、何も失われません。"),
    "tui.restore_current": T("This is already the current version.", "これは現在の版です。"),
    "tui.restored": T("Version {old} restored as version {new}", "版 {old} を版 {new} として戻しました"),
    "tui.yes": T("Yes", "はい"),
    "tui.no": T("No", "いいえ"),
    "tui.renewals_title": T("Maintenance ending within {days} days of {today} (MNT-1)",
                            "{today} から {days} 日以内に保守期限を迎える顧客（MNT-1）"),
    "tui.renewals_hint": T("Renew before the date to keep every support option · Enter opens · Esc closes",
                           "期限までに更新するとすべてのサポートを使い続けられます・Enter で開く・Esc で閉じる"),
    "tui.renewals_none": T("No customer's maintenance ends within {days} days.",
                           "{days} 日以内に保守期限を迎える顧客はいません。"),
    "tui.conflict_title": T("Someone else saved this customer first", "他の担当者が先にこの顧客を保存しました"),
    "tui.conflict_text": T("{name} was changed by {by} at {at} (now version {current}; your edits started from "
                           "version {based}).",
                           "{name} は {at} に {by} が変更しました（現在は版 {current}、あなたの編集は版 {based} から）。"),
    "tui.reload": T("Reload (discard my edits)", "読み込み直す（編集を破棄）"),
    "tui.keep_editing": T("Keep editing", "編集を続ける"),
    "tui.saved_version": T("Saved to the book as version {version}", "台帳に版 {version} として保存しました"),
    "tui.no_changes": T("Nothing changed: no new version", "変更がないため新しい版は作りません"),
    "tui.case_logged": T("Recorded as case {case}", "案件 {case} として記録しました"),
    "tui.not_from_book": T("Open a customer from the book first (Ctrl+K)", "先に台帳から顧客を開いてください（Ctrl+K）"),
    "tui.opened_customer": T("Opened customer", "顧客を開きました"),
    "tui.book_ref": T("book #{id} v{version}", "台帳 #{id} 版 {version}"),
    "tui.cmd_customers": T("Customers: search the book…", "顧客：台帳を検索…"),
    "tui.cmd_open_customer": T("Open customer", "顧客を開く"),
    "tui.cmd_history": T("History and cases of this customer…", "この顧客の履歴と案件…"),
    "tui.cmd_renewals": T("Renewals: maintenance ending within 60 days…", "更新予定：60 日以内に保守期限…"),
    "tui.cmd_log_case": T("Record a case (without a quote)", "案件を記録（見積りなし）"),
    "tui.cmd_save_file": T("Save the profile to a file…", "プロファイルをファイルに保存…"),
})

# --------------------------------------------------------------------------- the customer book (CLI)
# ``customers list|search|show|history|expiring`` and the one-line answers of the book's commands.
LABELS.update({
    "book.id": T("id", "ID"),
    "book.name": T("name", "顧客名"),
    "book.partner": T("partner", "パートナー"),
    "book.tags": T("tags", "タグ"),
    "book.until": T("maintenance until", "保守期限"),
    "book.v": T("v", "版"),
    "book.archived_mark": T("archived", "アーカイブ済み"),
    "book.customer_head": T("customer {id}: {name}", "顧客 {id}: {name}"),
    "book.saved_by": T("version {version}, saved by {who} at {at}", "版 {version}（{at} に {who} が保存）"),
    "book.notes": T("notes", "備考"),
    "book.field": T("field", "項目"),
    "book.value": T("value", "値"),
    "book.version": T("version", "版"),
    "book.when_utc": T("when (UTC)", "日時（UTC）"),
    "book.who": T("who", "担当者"),
    "book.changed": T("changed", "変更した項目"),
    "book.created": T("created", "新規登録"),
    "book.archived": T("archived", "アーカイブ"),
    "book.unarchived": T("unarchived", "アーカイブ解除"),
    "book.days_left": T("days left", "残り日数"),
    "book.annual_fees": T("annual fees", "年間費用"),
    "book.expiring_count": T("{count} customer(s) within {days} days of {today}.",
                             "{today} から {days} 日以内に保守期限を迎える顧客は {count} 件です。"),
    "book.mnt1_note": T("MNT-1: support lapses with maintenance; renew before the date to keep every support option.",
                        "MNT-1: 保守が切れるとサポートも受けられなくなります。期限までに更新すると、"
                        "すべてのサポートを引き続きご利用いただけます。"),
    "book.saved_version": T("customer {id}: version {version}", "顧客 {id}: 版 {version} を保存しました"),
    "book.restored": T("customer {id}: version {old} restored as version {new}",
                       "顧客 {id}: 版 {old} を版 {new} として戻しました"),
    "book.archived_line": T("customer {id}: archived (version {version})",
                            "顧客 {id}: アーカイブしました（版 {version}）"),
    "book.unarchived_line": T("customer {id}: unarchived (version {version})",
                              "顧客 {id}: アーカイブを解除しました（版 {version}）"),
})

LABELS["tui.help"] = T(
    """\
# OnTime support desk

The matrix shows every support option in the recommended order (★1 first):
status (symbol and word), why in one line, annual fee, spot cost for the
expected hours, break-even, open now or the next opening (the customer's
time, the provider's beside it), channels, languages and first contact.
Wide screens put the options side by side; narrow screens list one per row.

| Key | What it does |
|-----|--------------|
| ↑ ↓ ← →, 1-9, Enter | pick an option / open its details (reasons, weekly hours, escalation) |
| F1 | this help |
| F2 | switch language (日本語 / English) |
| F3 | pin the time (a date, a date and time, or ISO) / unpin it |
| F4 | triage (TRI-2 questions and verdict) |
| F5 | export the quote as Markdown (written to a file; also sent to the clipboard) |
| F6 | coverage chart: the next 7 days, one lane per option |
| Ctrl+O / Ctrl+S | open / save a profile TOML (a customer from the book: Ctrl+S saves a new version) |
| Ctrl+K | customers: search the book as you type, Enter opens one |
| F7 | the open customer's history (versions, restore) and cases |
| F8 | renewals: maintenance ending within 60 days, with the annual fees |
| Ctrl+L | record a case for the open customer (F5 records one with the quote) |
| Ctrl+B | show / hide the profile form (hidden below 120 columns) |
| Ctrl+P | command palette (also: hide an option, new profile from an example) |
| Ctrl+Q | quit |

PINNED in the top bar means the comparison is for a fixed instant, not the clock.
""",
    """\
# OnTime サポート窓口

一覧はサポートの選択肢をおすすめの順（★1から）に並べます。判定（記号と言葉）、一行の理由、年間費用、想定時間分のスポット費用、損益分岐、受付中か次の受付開始（お客様の時刻、右に提供元の時刻）、窓口、対応言語、最初の連絡先を示します。画面が広いときは選択肢を横に、狭いときは 1 行に 1 つずつ並べます。

| キー | 機能 |
|-----|------|
| ↑ ↓ ← →、1〜9、Enter | 選択肢を選ぶ・詳細（根拠、週間の受付時間、エスカレーション）を開く |
| F1 | このヘルプ |
| F2 | 言語の切り替え（日本語 / English） |
| F3 | 時刻の固定（日付、日時、ISO 8601）・解除 |
| F4 | 切り分け（TRI-2 の質問と判定） |
| F5 | 見積りを Markdown で出力（ファイルに書き出し、クリップボードにも送信） |
| F6 | 受付状況：今後 7 日間、選択肢ごとに 1 行 |
| Ctrl+O / Ctrl+S | プロファイル TOML を開く・保存（台帳の顧客は Ctrl+S で新しい版を保存） |
| Ctrl+K | 顧客：入力しながら台帳を検索し、Enter で開く |
| F7 | 開いている顧客の履歴（版、以前の版に戻す）と案件 |
| F8 | 更新予定：60 日以内に保守期限を迎える顧客と年間費用 |
| Ctrl+L | 開いている顧客の案件を記録（F5 は見積り付きで記録） |
| Ctrl+B | プロファイル入力欄の表示・非表示（120 桁未満では非表示） |
| Ctrl+P | コマンドパレット（選択肢の非表示、例からの新規作成も） |
| Ctrl+Q | 終了 |

上部の「固定中」は、比較が現在時刻ではなく固定した時刻のものであることを示します。
""")
