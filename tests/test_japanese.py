"""Japanese a desk can send (issue #11): every Japanese string the built-in plugins can produce.

Collected from the module-level constants of the plugins and of
``ontime_support.sdk.reasons`` (walking dicts, tuples, reasons and steps), the
documented settings, and every reason, note, step and title of comparisons of
the example profiles and of hypothesis-generated profiles at several instants.

Rules (each a separate check below):

* Japanese punctuation: no ASCII ``,`` or ``;`` next to a Japanese character
  (digit groups such as ``202,500円`` are fine).
* No raw codes: no standalone two capital letters (ISO country codes such as
  ``DE``) and no standalone ``ja`` / ``en`` language codes: names come from Babel.
* The page's own terms:
  - ライセンス定価: "最新定価" (the newest price without ライセンス) is forbidden;
  - スポットテクニカルサポート: every "スポット" is followed by "テクニカルサポート";
  - ソフトウェアメンテナンス: every "メンテナンス" is preceded by "ソフトウェア";
  - カレンダープラットフォーム: every "プラットフォーム" is preceded by "カレンダー" (the tool
    only ever means the calendar platform), and "基盤" is not used for it.
* Register: no sentence ends in 「を。」 or 「へ。」 (fragments), no casual 「ので」;
  in reasons, notes and steps every sentence (ending in 。) ends politely in
  です / ます / ください / ません, optionally followed by a parenthesised remark
  such as 「（当ツールの設定）」.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison
from ontime_support.kernel.text import Text
from ontime_support.loading import build_host, load_profile
from ontime_support.plugins import direct_shop, intravision, partner, triage
from ontime_support.plugins.direct_shop import settings as direct_shop_settings
from ontime_support.plugins.intravision import settings as intravision_settings
from ontime_support.plugins.triage import rules
from ontime_support.sdk import reasons
from ontime_support.testing.strategies import instants, profiles

from builders import tokyo

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MODULES: tuple[types.ModuleType, ...] = (direct_shop, direct_shop_settings, partner, intravision,
                                         intravision_settings, triage, rules, reasons)
INSTANTS = (tokyo(2026, 11, 27, 11, 0), tokyo(2024, 4, 1, 9, 0), tokyo(2031, 6, 5, 20, 0))

JP = r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]"
ASCII_PUNCT_NEAR_JP = re.compile(rf"{JP}\s*[,;]|[,;]\s*{JP}")
COUNTRY_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")
LANGUAGE_CODE = re.compile(r"(?<![A-Za-z])(ja|en)(?![A-Za-z])")
FORBIDDEN = {
    "最新定価 (use 最新ライセンス定価)": re.compile(r"最新定価"),
    "スポット without テクニカルサポート": re.compile(r"スポット(?!テクニカルサポート)"),
    "メンテナンス without ソフトウェア": re.compile(r"(?<!ソフトウェア)メンテナンス"),
    "プラットフォーム without カレンダー": re.compile(r"(?<!カレンダー)プラットフォーム"),
    "基盤 (use カレンダープラットフォーム)": re.compile(r"基盤"),
    "fragment ending in を。/へ。": re.compile(r"[をへ]。"),
    "casual ので": re.compile(r"(?<!も)ので"),
}
POLITE_END = re.compile(r"(です|ます|ください|ません)(（[^）]*）)?\Z")


def _walk(value: object, seen: set[int]) -> Iterator[Text]:
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key, seen)
            yield from _walk(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _walk(item, seen)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), seen)


def constant_texts() -> list[Text]:
    seen: set[int] = set()
    found = [text for module in MODULES for value in vars(module).values() for text in _walk(value, seen)]
    for cls in (direct_shop.DirectShopSettings, intravision.IntraVisionSettings, partner.PartnerSettings):
        found.extend(f.metadata["help"] for f in attrs.fields(cls) if "help" in f.metadata)
    return found


def comparison_texts(comparison: Comparison) -> list[Text]:
    found: list[Text] = []
    for result in comparison.options:
        found.append(result.option.title)
        if result.option.region is not None:
            found.append(result.option.region)
        if result.eligibility is not None:
            found.extend(r.text for r in result.eligibility.reasons)
            if result.eligibility.rank_reason is not None:
                found.append(result.eligibility.rank_reason.text)
        if result.pricing is not None:
            found.extend(r.text for r in result.pricing.notes)
        if result.hours is not None:
            found.extend(r.text for r in result.hours.notes)
        for step in result.escalation:
            found.extend((step.to, step.why))
    if comparison.triage is not None:
        found.extend(r.text for r in (*comparison.triage.reasons, *comparison.triage.next_checks))
        for step in comparison.triage.path:
            found.extend((step.to, step.why))
    return found


def problems(text: str, *, sentences: bool) -> list[str]:
    found = []
    if ASCII_PUNCT_NEAR_JP.search(text):
        found.append("ASCII comma or semicolon in Japanese")
    if COUNTRY_CODE.search(text):
        found.append(f"raw code {COUNTRY_CODE.search(text).group()!r}")  # type: ignore[union-attr]
    if LANGUAGE_CODE.search(text):
        found.append("raw language code")
    found.extend(name for name, pattern in FORBIDDEN.items() if pattern.search(text))
    if sentences:
        for sentence in re.findall(r"[^。]*。", text):
            if not POLITE_END.search(sentence[:-1].strip()):
                found.append(f"not a polite sentence: {sentence!r}")
    return found


def assert_clean(texts: list[Text], *, sentences: bool) -> None:
    bad = {t.ja: p for t in texts if (p := problems(t.ja, sentences=sentences))}
    assert not bad, "\n".join(f"{ja!r}: {p}" for ja, p in bad.items())


@cache
def _host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def test_the_rules_catch_what_they_should():
    assert problems("対応します, 明日です。", sentences=True)
    assert problems("ドイツ DE での対応です。", sentences=False)
    assert problems("言語は ja です。", sentences=False)
    assert problems("最新定価の 15% です。", sentences=False)
    assert problems("スポットサポートです。", sentences=False)
    assert problems("メンテナンスが切れています。", sentences=False)
    assert problems("プラットフォームの問題です。", sentences=False)
    assert problems("パートナーへ。", sentences=False)
    assert problems("一人だけの現象なので確認する。", sentences=True)
    assert not problems("最新ライセンス定価（202,500円）の 15% です（当ツールの設定）。", sentences=True)


def test_module_constants_and_settings_help():
    texts = constant_texts()
    assert len(texts) > 60
    assert_clean(texts, sentences=False)


@pytest.mark.parametrize("name", sorted(p.stem for p in (EXAMPLES / "profiles").glob("*.toml")))
@pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
def test_example_comparisons(name, at):
    profile = load_profile(EXAMPLES / "profiles" / f"{name}.toml")
    assert_clean(comparison_texts(_host().compare(profile, at)), sentences=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), at=st.one_of(st.sampled_from(INSTANTS), instants()))
def test_generated_comparisons(profile, at):
    assert_clean(comparison_texts(_host().compare(profile, at)), sentences=True)
