"""The case log: compare --log, cases list/show, the quote byte for byte, the 'different today' notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bookhelpers import AT, ROOT, SETTINGS

PROFILES = ROOT / "examples" / "profiles"


@pytest.fixture
def stocked(db_url, cli):
    run = cli("customers", "import", str(PROFILES / "direct_shop.toml"), str(PROFILES / "partner.toml"))
    assert run.code == 0, run
    return cli


def test_markdown_quote_is_reproduced_byte_for_byte(stocked, tmp_path: Path) -> None:
    cli = stocked
    shown = cli("compare", "--customer", "Sakura Trading K.K.", "--settings", SETTINGS, "--at", AT,
                "--format", "markdown", "--lang", "ja", "--log", "--agent", "alice")
    assert shown.code == 0, shown
    assert "Sakura Trading K.K." in shown.out and shown.err.strip() == "logged as case 1"
    again = cli("cases", "show", "1", "--format", "markdown", "--settings", SETTINGS)
    assert again.code == 0
    assert again.out.encode("utf-8") == shown.out.encode("utf-8")
    assert again.err == ""  # same answer today
    # The stored case carries everything asked and answered.
    case = json.loads(cli("cases", "show", "1", "--format", "json", "--settings", SETTINGS).out)
    assert case["customer_id"] == 1 and case["customer_version"] == 1
    assert case["at"] == "2026-11-27T10:00:00+09:00" and case["lang"] == "ja" and case["agent"] == "alice"
    assert case["settings_path"] == SETTINGS
    assert case["settings_text"] == Path(SETTINGS).read_text(encoding="utf-8")
    assert {p["name"] for p in case["plugins"]} >= {"direct_shop", "partner", "intravision", "triage"}
    assert all(p["origin"] and p["status"] for p in case["plugins"])
    assert case["recommended"] == case["result"]["recommended"] and case["recommended"]
    assert case["quote_text"] == shown.out


def test_rerun_today_with_other_settings_is_flagged_on_stderr(stocked, tmp_path: Path) -> None:
    cli = stocked
    assert cli("compare", "--customer", "1", "--settings", SETTINGS, "--at", AT, "--format", "json",
               "--log").code == 0
    dearer = tmp_path / "dearer.toml"
    dearer.write_text("[direct_shop]\nspot_rate_jpy_per_hour = 25000\n", encoding="utf-8")
    run = cli("cases", "show", "1", "--settings", str(dearer))
    assert run.code == 0
    assert run.err.startswith("note: re-running case 1 today gives a different answer (")
    assert ".pricing." in run.err  # the dearer spot rate changes the prices
    # The customer changed since: the case still re-runs the version it was about.
    assert cli("customers", "update", "1", "--based-on", "1", "--profile", str(PROFILES / "partner.toml")).code == 0
    assert cli("cases", "show", "1", "--settings", SETTINGS).err == ""
    # No quote was exported for a JSON case.
    md = cli("cases", "show", "1", "--format", "markdown", "--settings", SETTINGS)
    assert md.code == 2 and "no quote was exported" in md.err


def test_cases_list_by_customer_and_since(stocked) -> None:
    cli = stocked
    for ref in ("1", "2", "1"):
        assert cli("compare", "--customer", ref, "--settings", SETTINGS, "--at", AT, "--format", "json",
                   "--log").code == 0
    assert cli("compare", "--profile", str(PROFILES / "intravision.toml"), "--settings", SETTINGS, "--at", AT,
               "--format", "json", "--log").code == 0
    all_cases = json.loads(cli("cases", "list", "--format", "json").out)
    assert [c["id"] for c in all_cases] == [1, 2, 3, 4]
    assert all_cases[3]["customer_id"] is None
    mine = json.loads(cli("cases", "list", "--customer", "Sakura Trading K.K.", "--format", "json").out)
    assert [c["id"] for c in mine] == [1, 3]
    assert json.loads(cli("cases", "list", "--since", "2999-01-01", "--format", "json").out) == []
    assert len(json.loads(cli("cases", "list", "--since", "2000-01-01", "--format", "json").out)) == 4
    table = cli("cases", "list")
    assert table.code == 0 and "Lion City" in table.out  # the profile-file case is named by its customer
    bad = cli("cases", "list", "--since", "yesterday")
    assert bad.code == 2 and bad.err.startswith("--since: expected a date")


def test_log_refuses_batch_and_missing_case_is_an_input_error(stocked) -> None:
    run = stocked("compare", "--profiles", "-", "--log")
    assert run.code == 2 and "--log" in run.err
    run = stocked("cases", "show", "99")
    assert run.code == 2 and run.err.strip() == "case 99: no such case"
