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
* No stray space between two Japanese characters (「0円 となります」: an amount
  or unit followed by a particle).
* Register: no sentence ends in 「を。」 or 「へ。」 (fragments), no casual 「ので」;
  in reasons, notes and steps every sentence (ending in 。) ends politely in
  です / ます / ください / ません, optionally followed by a parenthesised remark
  such as 「（当ツールの設定）」.

Rendered Japanese (``--lang ja``: the CLI table, the Markdown and HTML quote,
the coverage chart, and the TUI screens at 120x40) of every bundled profile at
several instants is checked as a desk would send it:

1. full-width parentheses （） next to or around Japanese (dates and weekdays too);
2. no ASCII colon after Japanese (「：」);
3. lists joined with 「、」 (no ASCII comma or semicolon next to Japanese);
4. zones named in Japanese (日本時間), never an IANA name (``Asia/Tokyo``) or a
   bare offset (``UTC+08``, ``+08``); the TUI's profile form is left out: its
   time-zone field is an input a machine reads and shows the IANA name;
5. no stray space between two Japanese characters;
6. in the CLI table a clause tag never stands alone on a line or before the text it
   belongs to (in a cell it follows its text; below the table it leads the line).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html as html_lib
import re
import sys
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

from rich.console import Console

from ontime_support.cli.table import print_comparison
from ontime_support.present.chart import build_chart, render_text
from ontime_support.present.html import to_html
from ontime_support.present.markdown import to_markdown
from ontime_support.present.view import build_view

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
STRAY_SPACE = re.compile(rf"(?<=[\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]) (?=[\u3040-\u30ff\u4e00-\u9fff])")
KANA_KANJI = r"[\u3040-\u30ff\u4e00-\u9fff]"
HALF_PAREN = re.compile(rf"{JP} ?\(|\){KANA_KANJI}|\([^()\n]*{JP}[^()\n]*\)")
ASCII_COLON = re.compile(rf"{JP}\s*:(?!//)")
RAW_ZONE = re.compile(r"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/\w+"
                      r"|\bUTC[+-]\d|(?<![\w:.+-])[+-]\d{2}(?::?\d{2})?(?![\d:])")
CLAUSE_TAG = r"\[[A-Z]{2,4}-\d+\]"
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
    if m := STRAY_SPACE.search(text):
        found.append(f"stray space: {text[max(0, m.start() - 6):m.end() + 6]!r}")
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
    assert problems("請求時間 3 時間、60,000円 となります。", sentences=False)
    assert not problems("最新ライセンス定価（202,500円）の 15% です（当ツールの設定）。", sentences=True)
    assert not problems("請求時間 3 時間、60,000円となります。", sentences=True)


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


# --------------------------------------------------------------------------- rendered outputs


def rendered_problems(text: str) -> list[str]:
    """Checks 1-5 over one rendered Japanese output (HTML: its text, tags removed)."""
    found = []
    for line in text.splitlines():
        for name, pattern in (("half-width parenthesis", HALF_PAREN), ("ASCII colon", ASCII_COLON),
                              ("ASCII comma or semicolon", ASCII_PUNCT_NEAR_JP), ("raw zone name", RAW_ZONE),
                              ("stray space", STRAY_SPACE)):
            if m := pattern.search(line):
                found.append(f"{name}: {line[max(0, m.start() - 15):m.end() + 15].strip()!r}")
    return found


def table_tag_problems(text: str, reasons: list[tuple[str, str]]) -> list[str]:
    """Check 6 over the CLI table: in a cell each tagged reason is followed right away by its tag
    (``text [DIR-2]``; before, the tag stood alone on the line above its text); below the table no line is a tag alone. ``reasons``: (text, clause) of the cells' reasons."""
    found = [f"tag alone on a line: {line.strip()!r}" for line in text.splitlines()
             if "│" not in line and re.fullmatch(rf"\s*{CLAUSE_TAG}\s*", line)]
    rows = [line.split("│")[1:-1] for line in text.splitlines() if line.count("│") >= 2]
    columns = ["".join(cells[i] for cells in rows if i < len(cells)).replace(" ", "") for i in range(5)]
    for reason, clause in reasons:
        body = reason.replace(" ", "")
        if not any(f"{body[-8:]}[{clause}]" in column for column in columns):
            found.append(f"tag not right after its text: {body[-8:]}[{clause}]")
    return found


def _html_text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


def rendered(name: str, at) -> tuple[dict[str, str], list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    profile = load_profile(EXAMPLES / "profiles" / f"{name}.toml")
    comparison = _host().compare(profile, at)
    view = build_view(comparison, profile, "ja")
    console = Console(width=80, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    print_comparison(view, console)
    console.file.close()
    outputs = {"table": console.export_text(), "markdown": to_markdown(view), "html": _html_text(to_html(view)),
               "chart": render_text(build_chart(comparison), "ja")}
    return outputs, [(r.text, r.clause) for o in view.options for r in o.reasons if r.clause]


def test_rendered_rules_catch_what_they_should():
    assert rendered_problems("2026-11-28 (土) 10:53 JST")
    assert rendered_problems("Now 2026-11-28（土）11:00 日本時間 (自動更新)")
    assert rendered_problems("想定時間分のスポット費用 (3 時間)")
    assert rendered_problems("- 定休日: 週末")
    assert rendered_problems("1. Direct Shop（ご購入者向けサポート）: 原因")
    assert rendered_problems("窓口：メール, 電話")
    assert rendered_problems("受付時間 (Europe/Copenhagen)") and rendered_problems("09:00 UTC+08")
    assert rendered_problems("11:00 +08（土）")
    assert rendered_problems("60,000円 となります。")
    assert not rendered_problems("ご購入元のパートナー（Example Partner K.K. (fictitious)）：11-30（月）10:00 日本時間"
                                 " · 月-金 10:00-16:00、土 10:00-12:00、年 3 時間、20,000円、最小 30 分")
    assert table_tag_problems("  [TRI-2] \nカレンダー", [])
    reasons = [("Direct Shop でご購入いただいているため、できる限りご支援します。", "DIR-2")]
    assert table_tag_problems("│ [DIR-2]       │\n│ Direct Shop   │\n│ でご購入いた  │\n│ だいているた  │", reasons)
    assert not table_tag_problems("│ Direct Shop   │\n│ でご購入いた  │\n│ だいているた  │\n│ め、できる限  │\n"
                                  "│ りご支援しま  │\n│ す。 [DIR-2]  │\n  [TRI-2] 現象は", reasons)


@pytest.mark.parametrize("name", sorted(p.stem for p in (EXAMPLES / "profiles").glob("*.toml")))
@pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
def test_rendered_japanese(name, at):
    outputs, reasons = rendered(name, at)
    bad = {fmt: p for fmt, text in outputs.items() if (p := rendered_problems(text))}
    if tags := table_tag_problems(outputs["table"], reasons):
        bad["table tags"] = tags
    assert not bad, "\n".join(f"{fmt}: {p}" for fmt, ps in bad.items() for p in ps)


def _tui_screens(name: str) -> dict[str, str]:
    sys.path.insert(0, str(Path(__file__).parent / "tui"))
    from helpers import SATURDAY, make_app, screen_text, started

    async def run() -> dict[str, str]:
        app = make_app(name, at=SATURDAY, lang="ja")
        async with started(app, (120, 40)) as pilot:
            await pilot.press("ctrl+b")  # hide the profile form: its inputs show what a machine reads
            await pilot.pause()
            screens = {"main": screen_text(app)}
            for key in ("1", "f4", "f6"):
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                screens[key] = screen_text(app)
                await pilot.press("escape")
                await pilot.pause()
        return screens

    return asyncio.run(run())


@pytest.mark.parametrize("name", sorted(p.stem for p in (EXAMPLES / "profiles").glob("*.toml")))
def test_tui_japanese(name):
    """The TUI at 120x40 in Japanese: main screen (form hidden), details of ★1, triage, coverage."""
    bad = {key: p for key, text in _tui_screens(name).items() if (p := rendered_problems(text))}
    assert not bad, "\n".join(f"{key}: {p}" for key, ps in bad.items() for p in ps)


@pytest.mark.parametrize(("section", "option"), [("direct_shop", "direct_shop.annual"),
                                                  ("intravision", "intravision.annual")])
def test_a_provider_moved_to_another_zone_is_named_in_japanese(make_host, example_profile, tmp_path, section, option):
    """The plugins' hours notes name a zone set in the settings by its place (sdk.zone_words), not its IANA id."""
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[{section}]\ntimezone = "Asia/Singapore"\n', encoding="utf-8")
    host = make_host(settings_path=settings)
    result = host.compare(example_profile("direct_shop"), dt.datetime.fromisoformat("2026-11-27T10:00+09:00"))
    notes = result.option(option).hours.notes
    assert any("シンガポール時間" in n.text.ja for n in notes)
    assert not [n.text.ja for n in notes if "Asia/Singapore" in n.text.ja]
    assert any("Asia/Singapore time" in n.text.en for n in notes)
