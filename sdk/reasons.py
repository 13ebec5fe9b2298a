"""Reason and escalation builders that several provider plugins share.

Every provider's path ends the same way once a fault is diagnosed (SCP-2..4,
MNT-1/2), and several plugins name the customer's platform and who supports it
(SCP-4). These helpers hold that wording once; plugins import them from
:mod:`ontime_support.sdk`.
"""

from __future__ import annotations

from ontime_support.kernel.models import EscalationStep, Matter, Platform, PlatformSupport, Profile
from ontime_support.kernel.text import T, Text

PLATFORM_NAMES = {
    Platform.DOMINO: T("HCL Notes/Domino", "HCL Notes/Domino"),
    Platform.EXCHANGE: T("Microsoft 365 / Exchange", "Microsoft 365 / Exchange"),
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
