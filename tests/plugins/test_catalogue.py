"""sdk.catalogue: a plugin's constant wording read from a TOML file of its package."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontime_support import sdk


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, toml: str) -> str:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "texts.toml").write_text(toml, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_reasons_carry_their_clause_and_texts_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = _package(tmp_path, monkeypatch, "cat_ok", '[reasons.first]\nclause = "EXP-1"\nen = "First."\nja = "最初。"\n\n'
                                                     '[texts.why]\nen = "Why."\nja = "理由。"\n')
    reasons, texts = sdk.catalogue(name)
    assert reasons == {"first": sdk.Reason(clause="EXP-1", text=sdk.T("First.", "最初。"))}
    assert texts == {"why": sdk.T("Why.", "理由。")}


@pytest.mark.parametrize(("toml", "message"), [
    ('[reasons.first]\nen = "First."\nja = "最初。"\n', "reasons.first.clause: expected a non-empty string"),
    ('[texts.why]\nen = "Why."\n', "texts.why.ja: expected a non-empty string"),
    ('[words.why]\nen = "Why."\nja = "理由。"\n', "words: unknown table"),
    ('[texts.why\n', ""),
])
def test_a_bad_catalogue_is_one_line_naming_the_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str,
                                                       message: str) -> None:
    name = _package(tmp_path, monkeypatch, f"cat_bad_{abs(hash(toml))}", toml)
    with pytest.raises(sdk.InputError) as caught:
        sdk.catalogue(name)
    assert str(caught.value).startswith(f"{name}:texts.toml: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_built_in_plugins_read_their_wording_from_their_catalogues() -> None:
    reasons, texts = sdk.catalogue("ontime_support.plugins.direct_shop")
    assert reasons["best_effort"].clause == "DIR-2" and reasons and texts
    assert sdk.catalogue("ontime_support.plugins.triage", "rules.toml").reasons["all_users"].clause == "TRI-2"
