"""Rules that apply whoever the provider is: triage (TRI), what follows a
diagnosis (SCP) and maintenance (MNT). Provider plugins call these helpers to
end their escalation paths the same way.
"""

from __future__ import annotations

from ontime_support.kernel.models import (
    EscalationStep,
    Incident,
    Matter,
    Platform,
    PlatformSupport,
    Profile,
    Reason,
    Scope,
    YesNoUnknown,
)
from ontime_support.kernel.text import T, Text

PLATFORM_NAMES = {
    Platform.DOMINO: T("HCL Notes/Domino", "HCL Notes/Domino"),
    Platform.EXCHANGE: T("Microsoft 365 / Exchange", "Microsoft 365 / Exchange"),
}
PLATFORM_CLIENTS = {
    Platform.DOMINO: T("Notes or Verse", "Notes や Verse"),
    Platform.EXCHANGE: T("Outlook or Outlook on the web", "Outlook や Outlook on the web"),
}
USER_SETTINGS = {
    Platform.DOMINO: T("the mail preferences in the user's mail database",
                       "そのユーザーのメールDBのメールプリファレンス"),
    Platform.EXCHANGE: T("the user's calendar options", "そのユーザーの予定表オプション"),
}


def platform_support_contact(profile: Profile) -> Text:
    """Who handles a platform matter for this customer (SCP-4)."""
    platform = PLATFORM_NAMES[profile.customer.platform]
    who = profile.customer.platform_supported_by
    if who is PlatformSupport.SAME_PARTNER:
        return T(f"your partner (it supports {platform.en} too)", f"パートナー({platform.ja} のサポートも担当)")
    if who is PlatformSupport.OTHER_PARTNER:
        return T(f"the partner that supports your {platform.en}", f"{platform.ja} を担当するパートナー")
    if who is PlatformSupport.IN_HOUSE:
        return T(f"your own {platform.en} administrators", f"社内の {platform.ja} 管理者")
    vendor = T("HCL", "HCL") if profile.customer.platform is Platform.DOMINO else T("Microsoft", "Microsoft")
    return T(f"{vendor.en}'s support for {platform.en} (or a platform support company)",
             f"{vendor.ja} の {platform.ja} サポート(またはプラットフォームのサポート会社)")


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


def after_diagnosis(profile: Profile, matter: Matter | None, *, maintenance_active: bool,
                    provider: Text) -> list[EscalationStep]:
    """The steps every provider's path ends with (SCP-2..4, MNT-1/2)."""
    incident = profile.incident
    if matter is Matter.PLATFORM:
        return [EscalationStep(
            to=platform_support_contact(profile),
            why=T(f"{provider.en} closes the case once the fault is shown to depend on the platform.",
                  f"プラットフォーム起因と切り分けられた時点で{provider.ja}の対応は終了します。"),
            clause="SCP-4")]
    steps: list[EscalationStep] = []
    if matter is None or matter is Matter.UNDETERMINED:
        steps.append(EscalationStep(
            to=provider,
            why=T("Isolates whether OnTime or the platform causes the fault, and works on recovery.",
                  "原因が OnTime かプラットフォームかを切り分け、復旧を支援します。"),
            clause="SCP-2"))
        if matter is None:
            return steps
        steps.append(EscalationStep(
            to=platform_support_contact(profile),
            why=T("If the fault turns out to depend on the platform, it goes there.",
                  "プラットフォーム起因と判明した場合はそちらへ引き継ぎます。"),
            clause="SCP-4"))
        return steps
    if incident is not None and incident.reproducible:
        steps.append(EscalationStep(
            to=T("IntraVision (product fix)", "IntraVision(製品修正)"),
            why=T("A reproducible product fault is fixed in the next version, delivered under maintenance.",
                  "再現する製品不具合は次のバージョンで修正され、ソフトウェアメンテナンスで提供されます。"),
            clause="SCP-3"))
    if incident is not None and not incident.on_newest_version:
        if maintenance_active:
            steps.append(EscalationStep(
                to=T("Upgrade to the newest version", "最新バージョンへアップグレード"),
                why=T("Fixes land only in the newest version; older versions get no patches.",
                      "修正は最新バージョンにのみ入り、旧バージョン向けのパッチはありません。"),
                clause="MNT-2"))
        else:
            steps.append(EscalationStep(
                to=T("Renew software maintenance, then upgrade", "ソフトウェアメンテナンスを更新してからアップグレード"),
                why=T("The newest version, where fixes land, is only available with active maintenance.",
                      "修正が入る最新バージョンは、有効なメンテナンスがあって初めて利用できます。"),
                clause="MNT-1"))
    return steps
