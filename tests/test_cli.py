"""The command line: formats, exit codes, one-line errors, the JSONL batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ontime_support.cli.main import main
from output_schema import checked

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PARTNER = str(EXAMPLES / "profiles" / "partner.toml")
SETTINGS = str(EXAMPLES / "settings.toml")


@pytest.fixture(autouse=True)
def no_autoload(monkeypatch):
    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("ONTIME_SUPPORT_SETTINGS", raising=False)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys):
    code, out, err = run(capsys, "compare", "--profile", PARTNER, "--settings", SETTINGS,
                         "--at", "2026-11-27T16:00:00+09:00", "--format", "json", "--lang", "en")
    assert code == 0, err
    data = checked(json.loads(out))
    assert data["at"] == "2026-11-27T16:00:00+09:00" and data["lang"] == "en"
    ids = [o["id"] for o in data["options"]]
    assert ids == ["direct_shop.purchase_support", "direct_shop.annual", "direct_shop.spot", "partner",
                   "intravision.annual"]
    annual = data["options"][1]
    assert set(annual) >= {"id", "provider", "title", "eligibility", "pricing", "hours", "escalation", "error"}
    assert annual["pricing"]["annual_fee_jpy"] == 202500
    assert annual["pricing"]["break_even_hours"] == 10.125
    hours = annual["hours"]
    assert (hours["timezone"], hours["open_now"], hours["closes_at"]) == ("Asia/Tokyo", False, None)
    assert annual["hours"]["next_open"] == "2026-11-30T10:00:00+09:00"
    assert annual["hours"]["email_handled_from"] == "2026-11-30T10:00:00+09:00"
    iv = data["options"][4]["hours"]
    assert iv["open_now"] is False and iv["next_open"] == "2026-11-27T09:00:00+01:00"  # 17:00 in Tokyo
    assert [s["step"] for s in annual["escalation"]] == list(range(1, len(annual["escalation"]) + 1))
    assert data["recommended"][0] == "partner"
    assert data["triage"]["matter"] == "ontime"
    assert all(r["clause"] for o in data["options"] for r in o["eligibility"]["reasons"])


def test_next_open_is_at_when_open_in_the_providers_offset(capsys):
    code, out, _ = run(capsys, "compare", "--profile", PARTNER, "--at", "2026-11-27T17:30:00+09:00", "--format", "json")
    iv = checked(json.loads(out))["options"][4]["hours"]
    assert iv["open_now"] is True
    assert iv["next_open"] == iv["email_handled_from"] == "2026-11-27T09:30:00+01:00"
    assert iv["closes_at"] == "2026-11-27T16:00:00+01:00"


def test_japanese_reasons(capsys):
    code, out, _ = run(capsys, "compare", "--profile", PARTNER, "--at", "2026-11-27T10:00+09:00",
                       "--format", "json", "--lang", "ja")
    data = checked(json.loads(out))
    assert data["lang"] == "ja"
    assert "パートナー" in data["options"][0]["eligibility"]["reasons"][0]["text"]


def test_markdown_quote(capsys):
    code, out, _ = run(capsys, "compare", "--profile", PARTNER, "--at", "2026-11-27T10:00+09:00",
                       "--format", "markdown", "--lang", "en")
    assert code == 0
    assert out.startswith("# OnTime Group Calendar: support options")
    assert "202,500 JPY" in out and "[PTN-4]" in out


def test_table(capsys):
    code, out, _ = run(capsys, "compare", "--profile", PARTNER, "--at", "2026-11-27T10:00+09:00", "--lang", "en")
    assert code == 0
    assert "Direct Shop" in out and "ineligible" in out and "[PTN-4]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "--profile", "missing.toml"], "missing.toml: file not found"),
        # a date and time without an offset is now read in the customer's zone (loading/instants.py)
        (["compare", "--profile", PARTNER, "--at", "2026-11-27T25:00"], "is not a date and time"),
        (["compare", "--profile", PARTNER, "--at", "tomorrow"], "is not a date"),
        (["compare", "--profile", PARTNER, "--settings", "nope.toml"], "nope.toml: file not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_profile_names_file_field_problem(capsys, tmp_path):
    bad = tmp_path / "profile.toml"
    bad.write_text(Path(PARTNER).read_text().replace('"Asia/Tokyo"', '"Asia/Tokio"'), encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", str(bad))
    assert code == 2
    assert err.strip() == f"{bad}: customer.timezone: unknown time zone 'Asia/Tokio'"


def test_broken_toml_names_the_line(capsys, tmp_path):
    bad = tmp_path / "profile.toml"
    bad.write_text("[customer]\nname = \n", encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", str(bad))
    assert code == 2 and "line 2" in err and err.count("\n") == 1


def test_bad_settings_names_section_and_field(capsys, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[direct_shop]\ntimezone = "Asia/Tokio"\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", PARTNER, "--settings", str(settings))
    assert code == 2
    assert err.strip() == f"{settings}: direct_shop.timezone: unknown time zone 'Asia/Tokio'"
    settings.write_text('[direct_shop]\nspot_rate = 1\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", PARTNER, "--settings", str(settings))
    assert code == 2 and "direct_shop: unknown key(s): spot_rate" in err
    settings.write_text('[intravision]\nholiday_country = "XX"\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", PARTNER, "--settings", str(settings))
    assert code == 2
    assert err.strip() == f"{settings}: intravision.holiday_country: unknown holiday country 'XX' (e.g. 'JP', 'DK')"
    settings.write_text('[nobody]\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile", PARTNER, "--settings", str(settings))
    assert code == 2 and "nobody: unknown section" in err


def test_settings_change_the_answer(capsys, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[direct_shop]\nyear_end_closure = false\nspot_unit_minutes = 15\n', encoding="utf-8")
    profile = tmp_path / "p.toml"
    profile.write_text(Path(PARTNER).read_text().replace("expected_spot_hours = 3.0", "expected_spot_hours = 0.75"),
                       encoding="utf-8")
    code, out, err = run(capsys, "compare", "--profile", str(profile), "--settings", str(settings),
                         "--at", "2026-12-29T11:00+09:00", "--format", "json")
    assert code == 0, err
    spot = checked(json.loads(out))["options"][2]
    assert spot["hours"]["open_now"] is True  # no year-end closure
    assert spot["pricing"]["spot_cost_jpy"] == 15000  # 45 minutes in 15-minute units


def test_year_end_closure_by_default(capsys):
    code, out, _ = run(capsys, "compare", "--profile", PARTNER, "--at", "2026-12-28T16:30+09:00", "--format", "json")
    hours = checked(json.loads(out))["options"][1]["hours"]
    assert hours["next_open"] == "2027-01-04T10:00:00+09:00"


def test_batch_streams_results_and_errors_in_order(capsys, tmp_path):
    import tomllib

    good = tomllib.loads(Path(PARTNER).read_text())
    good["maintenance"]["active_until"] = "2027-03-31"
    bad = json.loads(json.dumps(good))
    bad["customer"]["platform"] = "lotus"
    lines = [json.dumps(good), "{not json", json.dumps(bad), "", json.dumps(good)]
    path = tmp_path / "profiles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "compare", "--profiles", str(path), "--at", "2026-11-27T10:00+09:00")
    assert code == 3, err  # some lines failed
    assert err == f"{path}: 5 lines, 2 failed, 1 blank\n"
    rows = [checked(json.loads(line)) for line in out.splitlines()]
    assert [r.get("line") for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["options"][1]["pricing"]["annual_fee_jpy"] == 202500
    assert rows[1]["error"].startswith(f"{path}:2: invalid JSON")
    assert rows[2] == {"line": 3, "error": f"{path}:3: customer.platform: unknown value 'lotus' "
                                           "(expected one of 'domino', 'exchange')"}
    assert rows[3] == {"line": 4, "skipped": "blank line"}
    assert rows[4]["options"] == rows[0]["options"]


def test_plugins_listing(capsys):
    code, out, _ = run(capsys, "plugins", "--format", "json", "--disable-plugin", "intravision")
    data = json.loads(out)
    by_name = {p["name"]: p for p in data["plugins"]}
    assert by_name["direct_shop"]["origin"] == "built-in"
    assert "ontime_eligibility" in by_name["direct_shop"]["hooks"]
    assert by_name["intravision"]["status"] == "blocked"
    assert data["blocked"] == ["intravision"]


def test_settings_listing(capsys):
    code, out, _ = run(capsys, "settings", "--format", "json", "--lang", "en")
    rows = {f"{r['section']}.{r['name']}": r for r in json.loads(out)}
    assert rows["direct_shop.spot_unit_minutes"]["default"] == 30
    assert rows["direct_shop.year_end_closure"]["clause"] == "DTS-3"
    assert rows["intravision.constitution_day_open"]["value"] is True


def test_console_script_exits_2_without_traceback(tmp_path):
    exe = Path(sys.executable).parent / "ontime-support"
    result = subprocess.run([str(exe), "compare", "--profile", str(tmp_path / "nope.toml")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.toml'}: file not found"


@pytest.mark.parametrize("fmt", ["table", "chart", "html"])
def test_a_batch_refuses_the_one_profile_formats(capsys, tmp_path, fmt):
    # an html quote is for one customer: a batch used to write Markdown instead, quietly
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"customer": {"name": "X"}}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "compare", "--profiles", str(path), "--settings", SETTINGS, "--format", fmt)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("--format: ") and fmt in err and "json" in err


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_blocking_a_name_no_plugin_has_is_warned_about_and_the_run_goes_on(capsys, monkeypatch, where):
    compare = ["compare", "--profile", PARTNER, "--settings", SETTINGS, "--at", "2026-11-27T16:00:00+09:00",
               "--format", "json"]
    args = {"before": ["--disable-plugin", "nosuch", *compare], "after": [*compare, "--disable-plugin", "nosuch"],
            "env": compare}[where]
    if where == "env":
        monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGINS", "nosuch")
    code, out, err = run(capsys, *args)
    assert code == 0 and json.loads(out)["options"]  # the comparison still ran
    source = "$ONTIME_SUPPORT_DISABLE_PLUGINS" if where == "env" else "--disable-plugin"
    assert err.count("\n") == 1 and err.startswith(f"warning: {source} nosuch: no plugin by that name (known: ")
    assert "direct_shop, intravision, partner, triage" in err
    # ``plugins`` lists the name too
    code, out, _ = run(capsys, *(args[:2] if where == "before" else []), "plugins", "--format", "json",
                       *(["--disable-plugin", "nosuch"] if where == "after" else []))
    unknown = [p for p in json.loads(out)["plugins"] if p["status"] == "unknown"]
    assert code == 0 and [p["name"] for p in unknown] == ["nosuch"]


def test_blocking_a_real_plugin_warns_of_nothing(capsys):
    code, out, err = run(capsys, "--disable-plugin", "intravision", "compare", "--profile", PARTNER,
                         "--settings", SETTINGS, "--format", "json")
    assert code == 0 and err == ""
    assert "intravision.annual" not in [o["id"] for o in json.loads(out)["options"]]
