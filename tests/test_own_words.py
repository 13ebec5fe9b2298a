"""Every sentence the built-in plugins show a customer is in the project's own words.

``tests/data/source_shingles.txt`` holds hashes (never the text) of every
8-word window of the policy and every 24-character window of the Japanese page
it comes from. A reason, note, escalation step or title that shares such a
window repeats the source sentence rather than explaining it: this test names
it. Terms the page defines (ソフトウェアメンテナンス, 最新ライセンス定価 ...) are far
shorter than a window, so using them is fine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

import attrs

from ontime_support import sdk
from ontime_support.kernel.models import (
    Comparison,
    Incident,
    Platform,
    PlatformSupport,
    PurchasePath,
    Scope,
    YesNoUnknown,
)
from ontime_support.loading import build_host, load_profile

from builders import edit, tokyo

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
PLUGINS = HERE.parent / "plugins"
EN_WORDS, JA_CHARS = 8, 24
_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@cache
def source_hashes() -> frozenset[str]:
    lines = (HERE / "data" / "source_shingles.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _hash(window: str) -> str:
    return hashlib.sha256(window.encode()).hexdigest()[:12]


def copied(text: sdk.Text) -> list[str]:
    """The windows of ``text`` (English words, Japanese characters) found in the source."""
    words = re.findall(r"[a-z0-9]+", text.en.lower())
    en = [" ".join(words[i:i + EN_WORDS]) for i in range(len(words) - EN_WORDS + 1)]
    flat = re.sub(r"\s+", "", text.ja)
    ja = [flat[i:i + JA_CHARS] for i in range(len(flat) - JA_CHARS + 1) if _KANA_KANJI.search(flat[i:i + JA_CHARS])]
    hashes = source_hashes()
    return [w for w in en if _hash("en:" + w) in hashes] + [w for w in ja if _hash("ja:" + w) in hashes]


def _profiles() -> Iterator[object]:
    """The examples and variants that reach every purpose path, contract, platform, matter and maintenance state."""
    for path in sorted((EXAMPLES / "profiles").glob("*.toml")):
        base = load_profile(path)
        yield base
        for bought, supports, who, lapsed, contract, seen, hours in itertools.product(
                PurchasePath, (True, False), PlatformSupport, (False, True), (False, True), YesNoUnknown,
                (Decimal(0), Decimal(3))):
            if path.stem != "partner":
                break
            customer = {"purchased_from": bought, "partner_supports_ontime": supports, "platform_supported_by": who,
                        "platform_changed": contract, "platform": Platform.DOMINO if lapsed else Platform.EXCHANGE,
                        "country": "US" if seen is YesNoUnknown.NO else "JP",
                        "languages": ("en",) if seen is YesNoUnknown.YES else ("ja",)}
            if bought is not PurchasePath.PARTNER:
                customer["partner"] = None
            yield attrs.evolve(edit(base, customer=customer,
                       maintenance={"active_until": dt.date(2020, 1, 1) if lapsed else dt.date(2099, 1, 1)},
                       contracts={"direct_shop_annual": contract, "intravision_annual": contract and not supports},
                       usage={"expected_spot_hours": hours}),
                       incident=Incident(scope=Scope.ONE_USER if supports else Scope.ALL_USERS, in_platform_clients=seen,
                                         reproducible=True, on_newest_version=lapsed, needs_onsite=True))


def _texts(comparison: Comparison) -> Iterator[sdk.Text]:
    for result in comparison.options:
        yield result.option.title
        if result.eligibility is not None:
            yield from (r.text for r in result.eligibility.reasons)
        if result.pricing is not None:
            yield from (r.text for r in result.pricing.notes)
        if result.hours is not None:
            yield from (r.text for r in result.hours.notes)
        for step in result.escalation:
            yield step.to
            yield step.why
    for reasons in comparison.recommended_reasons.values():
        yield from (r.text for r in reasons)
    if comparison.triage is not None:
        yield from (r.text for r in (*comparison.triage.reasons, *comparison.triage.next_checks))
        for step in comparison.triage.path:
            yield step.to
            yield step.why


def said() -> dict[sdk.Text, None]:
    host = build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)
    texts: dict[sdk.Text, None] = {}
    for profile in _profiles():
        for at in (tokyo(2026, 11, 27, 11), tokyo(2026, 12, 30, 20)):
            texts.update(dict.fromkeys(_texts(host.compare(profile, at))))
    for folder in sorted(PLUGINS.iterdir()):
        for name in ("texts.toml", "rules.toml"):
            if (folder / name).is_file():
                reasons, plain = sdk.catalogue(f"ontime_support.plugins.{folder.name}", name)
                texts.update(dict.fromkeys(r.text for r in reasons.values()))
                texts.update(dict.fromkeys(plain.values()))
    return texts


def test_the_check_finds_a_copied_window():
    assert len(source_hashes()) > 1000
    window = "a b c d e f g h"
    assert _hash("en:" + window) not in source_hashes()
    assert copied(sdk.T("nothing like the policy at all here today", "当ツールだけの言い回しで書いた文章です。")) == []


def test_every_text_is_in_our_own_words():
    texts = said()
    assert len(texts) > 150
    offenders = {f"{t.en!r} / {t.ja!r}": hits[:2] for t in texts if (hits := copied(t))}
    assert not offenders, offenders
