"""Every label of the TUI in English and Japanese (no policy: only words on screen)."""

from __future__ import annotations

from ontime_support.kernel.text import T, Text

LABELS: dict[str, Text] = {
    # app and bindings
    "app_title": T("OnTime support desk", "OnTime サポート窓口"),
    "b_help": T("Help", "ヘルプ"),
    "b_lang": T("日本語", "English"),
    "b_pin": T("Pin time", "時刻を固定"),
    "b_unpin": T("Unpin", "固定を解除"),
    "b_triage": T("Triage", "切り分け"),
    "b_quote": T("Quote", "見積り"),
    "b_open": T("Open", "開く"),
    "b_save": T("Save", "保存"),
    "b_form": T("Form", "入力欄"),
    "b_back": T("Back", "戻る"),
    "b_quit": T("Quit", "終了"),
    # clock
    "now": T("Now", "現在"),
    "pinned": T("PINNED", "固定中"),
    "live": T("live, refreshed every 30 s", "30 秒ごとに更新"),
    # form sections and fields
    "profile": T("Customer profile", "お客様プロファイル"),
    "sec_customer": T("Customer", "お客様"),
    "sec_maintenance": T("Maintenance", "メンテナンス"),
    "sec_licenses": T("Licences (list prices)", "ライセンス(定価)"),
    "sec_contracts": T("Contracts", "契約"),
    "sec_usage": T("Usage", "利用見込み"),
    "sec_incident": T("Incident", "障害"),
    "customer.name": T("Name", "お客様名"),
    "customer.country": T("Country (ISO 3166-1, e.g. JP)", "国(ISO 3166-1、例: JP)"),
    "customer.timezone": T("Time zone (e.g. Asia/Tokyo)", "タイムゾーン(例: Asia/Tokyo)"),
    "customer.languages": T("Languages", "使用言語"),
    "languages_other": T("other, comma-separated (e.g. de, fr)", "その他(カンマ区切り、例: de, fr)"),
    "customer.purchased_from": T("Purchased from", "購入先"),
    "customer.partner": T("Partner (directory)", "パートナー(一覧から)"),
    "partner_other": T("or another partner id", "または別のパートナー ID"),
    "customer.partner_supports_ontime": T("Partner supports OnTime", "パートナーが OnTime をサポート"),
    "customer.platform": T("Calendar platform", "カレンダー基盤"),
    "customer.platform_supported_by": T("Platform supported by", "基盤のサポート担当"),
    "customer.platform_changed": T("Platform changed since purchase", "購入後に基盤を変更した"),
    "maintenance.active_until": T("Active until (YYYY-MM-DD, empty = none)", "有効期限(YYYY-MM-DD、空欄 = なし)"),
    "licenses.purchased_list_price_jpy": T("Purchased product, JPY", "購入した製品(円)"),
    "licenses.newest_list_price_jpy": T("Newest version, JPY", "最新版(円)"),
    "contracts.direct_shop_annual": T("Direct Shop annual contract", "ダイレクトショップ年間契約"),
    "contracts.intravision_annual": T("IntraVision annual contract", "IntraVision 年間契約"),
    "usage.expected_spot_hours": T("Expected spot hours a year", "年間の想定スポット時間"),
    "incident.enabled": T("An incident is open", "対応中の障害あり"),
    "incident.scope": T("Who is affected", "影響範囲"),
    "incident.in_platform_clients": T("Also in the platform's own clients?", "基盤標準のクライアントでも起きるか"),
    "incident.reproducible": T("Reproducible", "再現できる"),
    "incident.on_newest_version": T("On the newest OnTime version", "OnTime は最新版"),
    "incident.needs_onsite": T("Needs on-site work", "オンサイト作業が必要"),
    "choose": T("(choose)", "(選択)"),
    "invalid_banner": T("Input error: the comparison shows the last valid profile.",
                        "入力エラー: 比較は最後に有効だったプロファイルのままです。"),
    # comparison
    "recommended": T("Recommended", "おすすめ"),
    "none_usable": T("No option is usable as things stand.", "現状で利用できる選択肢はありません。"),
    "status": T("Status", "判定"),
    "why_rank": T("Why here", "この順位の理由"),
    "plugin_error": T("Plugin error", "プラグインのエラー"),
    "hours_provider": T("Hours", "受付時間"),
    "open_now": T("Open now", "受付中"),
    "closes_at": T("closes at", "終了"),
    "closed_now": T("Closed now", "時間外"),
    "next_open": T("Next opening", "次の受付開始"),
    "in_customer_zone": T("customer's time", "お客様の時刻"),
    "email_now": T("E-mail sent now handled from", "今メールした場合の対応開始"),
    "hours_unknown": T("Hours not known", "受付時間は不明"),
    "channels": T("Channels", "窓口"),
    "languages": T("Languages", "言語"),
    "annual_fee": T("Annual fee", "年間費用"),
    "spot_rate": T("Spot rate", "スポット単価"),
    "per_hour": T("/ hour", "/時間"),
    "spot_cost": T("Spot for the expected hours", "想定時間分のスポット費用"),
    "break_even": T("Break-even", "損益分岐"),
    "hours_a_year": T("hours a year", "時間/年"),
    "escalation": T("Where the fault goes", "障害の進め方"),
    "pricing": T("Cost", "費用"),
    # triage
    "triage_title": T("Triage (TRI-2)", "切り分け(TRI-2)"),
    "triage_intro": T("Answer the questions; the verdict below follows at once.",
                      "質問に答えると、下の判定がすぐに更新されます。"),
    "triage_verdict": T("Verdict", "判定"),
    "triage_none": T("No verdict: no triage plugin answered.", "判定なし: 切り分けプラグインが応答しませんでした。"),
    "next_checks": T("Next checks", "次に確認すること"),
    # dialogs
    "pin_title": T("Pin the instant of the question", "問い合わせ時刻を固定"),
    "pin_hint": T("ISO 8601 with UTC offset, e.g. 2026-11-28T10:00+09:00",
                  "UTC オフセット付きの ISO 8601(例: 2026-11-28T10:00+09:00)"),
    "pin_bad": T("not an ISO 8601 date and time", "ISO 8601 の日時ではありません"),
    "pin_no_offset": T("add a UTC offset, e.g. +09:00", "UTC オフセットを付けてください(例: +09:00)"),
    "open_title": T("Open a profile (TOML)", "プロファイルを開く(TOML)"),
    "save_title": T("Save the profile (TOML)", "プロファイルを保存(TOML)"),
    "quote_title": T("Export the comparison as a Markdown quote", "比較を Markdown の見積りとして出力"),
    "path": T("File path", "ファイルのパス"),
    "ok": T("OK", "OK"),
    "cancel": T("Cancel", "キャンセル"),
    "to_file": T("Save to file", "ファイルに保存"),
    "to_clipboard": T("Copy to clipboard", "クリップボードにコピー"),
    "saved": T("Saved", "保存しました"),
    "opened": T("Opened", "開きました"),
    "copied": T("Quote copied to the clipboard", "見積りをクリップボードにコピーしました"),
    "cannot_save_invalid": T("The form has an error; the last valid profile was saved.",
                             "入力にエラーがあるため、最後に有効だったプロファイルを保存しました。"),
    "write_failed": T("Cannot write", "書き込めません"),
    "empty_path": T("enter a file path", "ファイルのパスを入力してください"),
    # palette
    "cmd_lang": T("Switch language to Japanese", "言語を英語に切り替え"),
    "cmd_pin": T("Pin the time…", "時刻を固定…"),
    "cmd_unpin": T("Unpin the time (follow the clock)", "時刻の固定を解除(現在時刻に追従)"),
    "cmd_open": T("Open a profile…", "プロファイルを開く…"),
    "cmd_save": T("Save the profile…", "プロファイルを保存…"),
    "cmd_quote": T("Export the quote (Markdown)…", "見積りを出力(Markdown)…"),
    "cmd_triage": T("Triage the incident", "障害を切り分ける"),
    "cmd_help": T("Help", "ヘルプ"),
    "cmd_toggle": T("Show/hide column", "列の表示/非表示"),
    "cmd_new": T("New profile from example", "例からプロファイルを作成"),
    "help_title": T("Help", "ヘルプ"),
}

HELP: dict[str, str] = {
    "en": """\
# OnTime support desk

Left: the customer's profile. Right: one column per support option, as the
plugins judge it (status, reasons with clause ids, hours, cost, escalation).
Every change to the profile updates the comparison at once; an invalid field
is marked in red and the last valid comparison stays shown.

| Key | What it does |
|-----|--------------|
| F1 | this help |
| F2 | switch language (日本語 / English) |
| F3 | pin the time / unpin it |
| F4 | triage screen (TRI-2 questions and verdict) |
| F5 | export the quote as Markdown (file or clipboard) |
| Ctrl+O / Ctrl+S | open / save a profile TOML |
| Ctrl+B | hide / show the profile form |
| Ctrl+P | command palette (also: hide a column, new profile from an example) |
| Ctrl+Q | quit |

★1, ★2 … mark the recommended order, with the reason. "PINNED" in the top
bar means the comparison is for a fixed instant, not the clock.
""",
    "ja": """\
# OnTime サポート窓口

左はお客様のプロファイル、右はサポートの選択肢ごとの列です(プラグインの判定、
条項 ID 付きの理由、受付時間、費用、障害の進め方)。プロファイルを変えると比較は
すぐに更新されます。入力が不正な欄は赤く表示され、比較は最後に有効だった内容のままです。

| キー | 機能 |
|-----|------|
| F1 | このヘルプ |
| F2 | 言語の切り替え(日本語 / English) |
| F3 | 時刻の固定 / 解除 |
| F4 | 切り分け画面(TRI-2 の質問と判定) |
| F5 | 見積りを Markdown で出力(ファイルまたはクリップボード) |
| Ctrl+O / Ctrl+S | プロファイル TOML を開く / 保存 |
| Ctrl+B | プロファイル入力欄の表示 / 非表示 |
| Ctrl+P | コマンドパレット(列の非表示、例からの新規作成も) |
| Ctrl+Q | 終了 |

★1、★2 … はおすすめの順序と理由です。上部の「固定中」は、比較が現在時刻ではなく
固定した時刻のものであることを示します。
""",
}

ENUM_LABELS: dict[str, dict[str, Text]] = {
    "purchased_from": {
        "direct_shop": T("Direct Shop", "ダイレクトショップ"),
        "partner": T("a partner", "パートナー"),
        "intravision": T("IntraVision (the maker)", "IntraVision(開発元)"),
    },
    "platform": {
        "domino": T("HCL Domino", "HCL Domino"),
        "exchange": T("Microsoft Exchange / 365", "Microsoft Exchange / 365"),
    },
    "platform_supported_by": {
        "same_partner": T("the same partner", "同じパートナー"),
        "other_partner": T("another partner", "別のパートナー"),
        "in_house": T("in-house staff", "社内の担当者"),
        "none": T("nobody", "なし"),
    },
    "scope": {
        "one_user": T("one user", "1 人のユーザー"),
        "some_users": T("some users", "一部のユーザー"),
        "all_users": T("all users", "全ユーザー"),
    },
    "yes_no_unknown": {
        "yes": T("yes", "はい"),
        "no": T("no", "いいえ"),
        "unknown": T("not known yet", "未確認"),
    },
    "yes_no": {
        "yes": T("yes", "はい"),
        "no": T("no", "いいえ"),
    },
}


def tr(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (the key itself if unknown)."""
    text = LABELS.get(key)
    return text(lang) if text is not None else key


def enum_options(kind: str, lang: str) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a Select."""
    return [(label(lang), value) for value, label in ENUM_LABELS[kind].items()]
