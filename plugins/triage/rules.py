"""Triage rules (TRI-1, TRI-2): whose matter a fault is, and what the desk checks next."""

from __future__ import annotations

from ontime_support import sdk

_REASONS = sdk.catalogue(__package__, "rules.toml").reasons  # the constant wording: rules.toml

PLATFORM_CLIENTS = {
    sdk.Platform.DOMINO: sdk.T("Notes or Verse", "Notes または Verse"),
    sdk.Platform.EXCHANGE: sdk.T("Outlook or Outlook on the web", "Outlook または Outlook on the web"),
}
USER_SETTINGS = {
    sdk.Platform.DOMINO: sdk.T("the mail preferences in the user's mail database",
                               "そのユーザーのメールデータベースのメールプリファレンス"),
    sdk.Platform.EXCHANGE: sdk.T("the user's calendar options", "そのユーザーの予定表のオプション"),
}

_PLATFORM = [
    sdk.Reason(clause="TRI-2", text=sdk.T(
        "The same symptom shows in the calendar platform's own clients, so the fault lies with the platform.",
        "カレンダープラットフォーム標準のクライアントでも同じ現象が発生しているため、原因はカレンダープラットフォーム側"
        "にあると考えられます。")),
    sdk.Reason(clause="SCP-4", text=sdk.T(
        "OnTime support stops here; the calendar platform's support takes the case.",
        "OnTime のサポートはここまでとなり、以降はカレンダープラットフォームのサポート元が対応します。")),
]
_ONTIME = [sdk.Reason(clause="TRI-2", text=sdk.T(
    "Only OnTime shows the symptom, so OnTime support investigates.",
    "現象は OnTime でのみ発生しているため、OnTime のテクニカルサポートで調査します。"))]
_UNKNOWN = [sdk.Reason(clause="TRI-2", text=sdk.T(
    "Not yet known whether the calendar platform's own clients show it too; check that first.",
    "カレンダープラットフォーム標準のクライアントでも発生するかが未確認です。まずその点をご確認ください。"))]

_TRY_CLIENTS = {platform: sdk.Reason(clause="TRI-2", text=sdk.T(
    f"Try the same action in {clients.en}.", f"{clients.ja} で同じ操作をお試しください。"))
    for platform, clients in PLATFORM_CLIENTS.items()}
_ONE_USER = {platform: sdk.Reason(clause="TRI-1", text=sdk.T(
    f"One user only: look at {where.en} first; most per-user behaviour comes from the calendar platform "
    "(the desk's reading of TRI-2).",
    f"お一人のユーザーだけで発生しています。まず{where.ja}をご確認ください。ユーザーごとの動作の多くは"
    "カレンダープラットフォーム側の設定によるものです（当ツールの解釈）。"))
    for platform, where in USER_SETTINGS.items()}


def classify(incident: sdk.Incident) -> tuple[sdk.Matter, list[sdk.Reason]]:
    """Platform matter or OnTime matter, from the TRI-2 questions."""
    seen = incident.in_platform_clients
    if seen is sdk.YesNoUnknown.YES:
        return sdk.Matter.PLATFORM, list(_PLATFORM)
    if seen is sdk.YesNoUnknown.NO:
        return sdk.Matter.ONTIME, list(_ONTIME)
    return sdk.Matter.UNDETERMINED, list(_UNKNOWN)


def next_checks(profile: sdk.Profile, incident: sdk.Incident) -> list[sdk.Reason]:
    """What the desk asks or checks next (TRI-1, TRI-2)."""
    platform = profile.customer.platform
    checks: list[sdk.Reason] = []
    if incident.in_platform_clients is sdk.YesNoUnknown.UNKNOWN:
        checks.append(_TRY_CLIENTS[platform])
    if incident.scope is sdk.Scope.ONE_USER:
        checks.append(_ONE_USER[platform])
    elif incident.scope is sdk.Scope.ALL_USERS:
        checks.append(_REASONS["all_users"])
    else:
        checks.append(_REASONS["some_users"])
    return checks
