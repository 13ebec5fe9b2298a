"""The published JSON Schema holds the contract: every key of before, errors and batch records."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from ontime_support.cli.main import main
from ontime_support.present.json import view_json
from ontime_support.present.view import build_view
from output_schema import checked, validator

AT = dt.datetime.fromisoformat("2026-11-27T16:00+09:00")


@pytest.fixture
def sample(make_host, example_profile):
    profile = example_profile("partner")
    return view_json(build_view(make_host().compare(profile, AT), profile, "en"))


@pytest.mark.parametrize("name", ["partner", "direct_shop", "intravision", "overseas_german", "unknown_partner",
                                  "partner_without_ontime"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_example_matches_the_schema(make_host, example_profile, name, lang):
    profile = example_profile(name)
    checked(view_json(build_view(make_host().compare(profile, AT), profile, lang)))


@pytest.mark.parametrize("path", [
    ("at",), ("options", 0, "id"), ("options", 0, "eligibility", "reasons", 0, "clause"),
    ("options", 1, "pricing", "break_even_hours"), ("options", 1, "hours", "next_open"),
    ("options", 1, "escalation", 0, "step"), ("triage", "matter"), ("recommended_reasons",),
])
def test_a_missing_key_breaks_the_contract(sample, path):
    data = copy.deepcopy(sample)
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    assert list(validator().iter_errors(data))


def test_wrong_types_break_the_contract(sample):
    data = copy.deepcopy(sample)
    data["options"][1]["pricing"]["annual_fee_jpy"] = 202500.5
    assert list(validator().iter_errors(data))
    data = copy.deepcopy(sample)
    data["options"][1]["hours"]["next_open"] = "2026-11-30 10:00"  # no offset
    assert list(validator().iter_errors(data))


def test_batch_records(sample):
    checked({**sample, "line": 3})
    checked({"line": 2, "error": "f.jsonl:2: invalid JSON"})
    assert list(validator().iter_errors({"line": 2, "error": "x", "extra": 1}))
    assert list(validator().iter_errors({"line": 0, "error": "x"}))


def test_cli_html_and_markdown_quote(capsys, monkeypatch, tmp_path):
    from ontime_support.examples import profile_path

    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    profile = str(profile_path("partner"))
    assert main(["compare", "--profile", profile, "--at", "2026-11-27T10:00+09:00", "--format", "html",
                 "--lang", "ja", "--agent", "佐藤"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "佐藤" in page and "税込合計" in page
    assert main(["compare", "--profile", profile, "--at", "2026-11-27T10:00+09:00", "--format", "json"]) == 0
    data = checked(json.loads(capsys.readouterr().out))
    ranked = sorted((o["rank"], o["id"]) for o in data["options"] if o["rank"] is not None)
    assert [oid for _, oid in ranked] == data["recommended"]
    assert [r for r, _ in ranked] == list(range(1, len(data["recommended"]) + 1))
