"""Triage rules (TRI-1, TRI-2): whose matter a fault is, and what the desk checks next."""

from __future__ import annotations

from ontime_support.sdk import Incident, Matter, Platform, Profile, Reason, Scope, T, YesNoUnknown

PLATFORM_CLIENTS = {
    Platform.DOMINO: T("Notes or Verse", "Notes や Verse"),
    Platform.EXCHANGE: T("Outlook or Outlook on the web", "Outlook や Outlook on the web"),
}
USER_SETTINGS = {
    Platform.DOMINO: T("the mail preferences in the user's mail database",
                       "そのユーザーのメールDBのメールプリファレンス"),
    Platform.EXCHANGE: T("the user's calendar options", "そのユーザーの予定表オプション"),
}


def classify(incident: Incident) -> tuple[Matter, list[Reason]]:
    """Platform matter or OnTime matter, from the TRI-2 questions."""
    seen = incident.in_platform_clients
    if seen is YesNoUnknown.YES:
        return Matter.PLATFORM, [
            Reason(clause="TRI-2", text=T(
                "The same symptom shows in the platform's own clients, so the fault lies with the platform.",
                "プラットフォーム標準のクライアントでも同じ症状が出るため、原因はプラットフォーム側です。")),
            Reason(clause="SCP-4", text=T(
                "OnTime support stops here; the platform's support takes the case.",
                "OnTime のサポートはここまでで、以降はプラットフォームのサポート窓口が対応します。")),
        ]
    if seen is YesNoUnknown.NO:
        return Matter.ONTIME, [Reason(clause="TRI-2", text=T(
            "Only OnTime shows the symptom, so OnTime support investigates.",
            "症状は OnTime だけで起きているため、OnTime のサポートで調査します。"))]
    return Matter.UNDETERMINED, [Reason(clause="TRI-2", text=T(
        "Not yet known whether the platform's own clients show it too; check that first.",
        "プラットフォーム標準のクライアントでも起きるかが未確認です。まずそこを確かめます。"))]


def next_checks(profile: Profile, incident: Incident) -> list[Reason]:
    """What the desk asks or checks next (TRI-1, TRI-2)."""
    platform = profile.customer.platform
    checks: list[Reason] = []
    if incident.in_platform_clients is YesNoUnknown.UNKNOWN:
        clients = PLATFORM_CLIENTS[platform]
        checks.append(Reason(clause="TRI-2", text=T(
            f"Try the same action in {clients.en}.", f"{clients.ja} で同じ操作を試してください。")))
    if incident.scope is Scope.ONE_USER:
        where = USER_SETTINGS[platform]
        checks.append(Reason(clause="TRI-1", text=T(
            f"One user only: look at {where.en} first; most per-user behaviour comes from the platform.",
            f"一人だけの現象です。まず{where.ja}を確認してください。ユーザー単位の動作は多くがプラットフォーム側の設定です。")))
    elif incident.scope is Scope.ALL_USERS:
        checks.append(Reason(clause="TRI-2", text=T(
            "Every user is affected: suspect the server-wide OnTime configuration or a platform-wide fault.",
            "全ユーザーで起きています。OnTime のサーバー全体の設定か、プラットフォーム全体の障害を疑います。")))
    else:
        checks.append(Reason(clause="TRI-2", text=T(
            "Some users are affected: compare their platform settings with users who are fine.",
            "一部のユーザーで起きています。正常なユーザーとプラットフォーム側の設定を比べてください。")))
    return checks
