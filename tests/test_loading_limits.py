"""Bounded, validated input: sizes, special files, depth, numbers, dates, zones, countries, messages.

Every bad input here must end as exit 2 with ONE line on stderr naming the
file (and field), at most 300 characters, with no traceback and nothing on stdout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ontime_support.cli.main import main
from ontime_support.loading import load_profile, profile_from_data
from ontime_support.loading.limits import MAX_YEN, depth_exceeds
from ontime_support.loading.validate import CLDR_NOT_ISO, country_codes, zone_names

ROOT = Path(__file__).resolve().parent.parent
PARTNER = ROOT / "examples" / "profiles" / "partner.toml"
AT = "2026-11-27T10:00+09:00"


pytestmark = pytest.mark.usefixtures("no_autoload")  # conftest also clears the settings and size variables


def one_error(capsys, *args: str) -> str:
    """Run the CLI; assert exit 2, nothing on stdout, one short line on stderr; return it."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 2, (out[:300], err)
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    line = err[:-1]
    assert len(line) <= 300 and "Traceback" not in line
    assert line.isprintable(), repr(line)
    return line


def compare_profile(capsys, path: Path) -> str:
    return one_error(capsys, "compare", "--profile", str(path), "--at", AT, "--format", "json")


def partner_text(**replace: str) -> str:
    text = PARTNER.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


# --------------------------------------------------------------------------- files


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(capsys, tmp_path, monkeypatch):
    big = tmp_path / "big.toml"
    big.write_text(PARTNER.read_text(encoding="utf-8") + "#" * (1024 * 1024) + "\n", encoding="utf-8")
    line = compare_profile(capsys, big)
    assert line == f"{big}: larger than 1,048,576 bytes (the limit; $ONTIME_SUPPORT_MAX_FILE_BYTES raises it)"
    monkeypatch.setenv("ONTIME_SUPPORT_MAX_FILE_BYTES", str(2 * 1024 * 1024))
    assert main(["compare", "--profile", str(big), "--at", AT, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["options"]
    monkeypatch.setenv("ONTIME_SUPPORT_MAX_FILE_BYTES", "100")
    assert "larger than 100 bytes" in compare_profile(capsys, PARTNER)
    monkeypatch.setenv("ONTIME_SUPPORT_MAX_FILE_BYTES", "lots")
    assert "$ONTIME_SUPPORT_MAX_FILE_BYTES: expected a positive whole number of bytes" in compare_profile(capsys, PARTNER)


@pytest.mark.parametrize(("make", "kind"), [
    (lambda tmp: Path("/dev/zero"), "is a device, not a regular file"),
    (lambda tmp: tmp, "is a directory"),
])
def test_special_files_are_refused(capsys, tmp_path, make, kind):
    path = make(tmp_path)
    assert kind in compare_profile(capsys, path)
    assert kind in one_error(capsys, "compare", "--profile", str(PARTNER), "--settings", str(path))


def test_a_fifo_with_no_writer_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "profile.toml"
    os.mkfifo(fifo)
    exe = Path(sys.executable).parent / "ontime-support"
    for args in (["--profile", str(fifo)], ["--profiles", str(fifo)]):
        result = subprocess.run([str(exe), "compare", *args, "--at", AT], capture_output=True, text=True,
                                timeout=30, check=False, env={**os.environ, "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"})
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == f"{fifo}: is a pipe (FIFO), not a regular file\n"


def test_a_path_with_a_newline_is_shown_escaped(capsys, tmp_path):
    odd = tmp_path / "two\nlines\x1b[31m.toml"
    line = compare_profile(capsys, odd)
    assert line == f"{tmp_path}/two\\nlines\\x1b[31m.toml: file not found"


def test_a_file_name_too_long_is_one_short_line(capsys, tmp_path):
    line = compare_profile(capsys, tmp_path / ("x" * 5000))
    assert line.endswith("… cannot read file (File name too long)") or "cannot read file" in line


def test_not_utf8_names_the_line(capsys, tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_bytes(b"[customer]\nname = \"\xff\"\n")
    assert compare_profile(capsys, bad) == f"{bad}: not UTF-8 text (line 2)"


# --------------------------------------------------------------------------- depth and numbers


def test_an_integer_of_more_than_4300_digits_is_an_input_error(capsys, tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text(partner_text(**{"newest_list_price_jpy = 1350000": "newest_list_price_jpy = 1" + "0" * 5000}),
                   encoding="utf-8")
    assert compare_profile(capsys, bad) == f"{bad}: invalid TOML: a number with too many digits"


def test_deep_nesting_is_an_input_error(capsys, tmp_path):
    for depth in (40, 100_000):
        bad = tmp_path / f"deep{depth}.toml"
        bad.write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        assert compare_profile(capsys, bad) in (f"{bad}: invalid TOML: nested more than 32 levels deep",
                                                f"{bad}: nested more than 32 levels deep")
    assert depth_exceeds({"a": [[{"b": []}]]}, limit=5) is False  # five containers deep
    assert depth_exceeds({"a": [[{"b": [1]}]]}, limit=4) is True


@pytest.mark.parametrize(("price", "shown"), [
    (str(MAX_YEN + 1), "1000000000001"),
    ("1" + "0" * 320, "a number with 321 digits"),
])
def test_money_has_a_maximum(capsys, tmp_path, price, shown):
    bad = tmp_path / "p.toml"
    bad.write_text(partner_text(**{"newest_list_price_jpy = 1350000": f"newest_list_price_jpy = {price}"}),
                   encoding="utf-8")
    assert compare_profile(capsys, bad) == (f"{bad}: licenses.newest_list_price_jpy: at most 1,000,000,000,000 JPY "
                                            f"(10^12), got {shown}")
    ok = tmp_path / "ok.toml"
    ok.write_text(partner_text(**{"newest_list_price_jpy = 1350000": f"newest_list_price_jpy = {MAX_YEN}"}),
                  encoding="utf-8")
    assert main(["compare", "--profile", str(ok), "--at", AT, "--format", "json"]) == 0
    assert main(["compare", "--profile", str(ok), "--at", AT, "--format", "markdown"]) == 0


def test_hours_have_a_maximum(capsys, tmp_path):
    for value in ("10001", "1e300", "inf", '"1e999999"'):
        bad = tmp_path / "p.toml"
        bad.write_text(partner_text(**{"expected_spot_hours = 3.0": f"expected_spot_hours = {value}"}),
                       encoding="utf-8")
        line = compare_profile(capsys, bad)
        assert line.startswith(f"{bad}: usage.expected_spot_hours: ")
        assert "at most 10000 hours" in line or "finite" in line


# --------------------------------------------------------------------------- values the docs promise


def data(**changes: object) -> dict:
    profile = tomllib.loads(PARTNER.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        section, key = dotted.split("__")
        profile[section][key] = value
    return profile


@pytest.mark.parametrize("value", ["2026-1-5", "20260105", "2026-W01-1", "2026-11-27T10:00:00", "2026-02-30", 20260105])
def test_dates_only_as_yyyy_mm_dd(value):
    with pytest.raises(Exception) as info:
        profile_from_data(data(maintenance__active_until=value), "p.jsonl:1")
    assert type(info.value).__name__ == "InputError"
    assert str(info.value).startswith("p.jsonl:1: maintenance.active_until: ")


def test_dates_accepted():
    import datetime as dt

    assert profile_from_data(data(maintenance__active_until="2027-03-31"), "x").maintenance.active_until == \
        dt.date(2027, 3, 31)
    assert load_profile(PARTNER).maintenance.active_until is not None  # a TOML local date


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "/etc/localtime", "../../etc/passwd",
                                  "Asia/Tokyo/", "asia/tokyo", "A" * 5000, "Asia/Tokyo\x00", ""])
def test_only_real_zone_names(capsys, tmp_path, zone):
    bad = tmp_path / "p.toml"
    bad.write_text(partner_text(**{'timezone = "Asia/Tokyo"': f"timezone = {json.dumps(zone)}"}), encoding="utf-8")
    line = compare_profile(capsys, bad)
    assert line.startswith(f"{bad}: customer.timezone: unknown time zone ")
    assert "File name too long" not in line and "site-packages" not in line and len(line) < 200


def test_zone_names_in_settings_too(capsys, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[direct_shop]\ntimezone = "{"B" * 5000}"\n', encoding="utf-8")
    line = one_error(capsys, "compare", "--profile", str(PARTNER), "--settings", str(settings))
    assert line.startswith(f"{settings}: direct_shop.timezone: unknown time zone 'BBBB")
    assert "File name too long" not in line


def test_zone_list_is_tzdata_less_non_places():
    names = zone_names()
    assert {"Asia/Tokyo", "Europe/Copenhagen", "UTC", "America/Argentina/Buenos_Aires"} <= names
    assert not names & {"localtime", "posixrules", "Factory"}
    from zoneinfo import available_timezones

    assert names <= available_timezones()


@pytest.mark.parametrize("country", ["XX", "EU", "ZZ", "XK", "jp", "JPN", "", "SU"])
def test_only_existing_country_codes(country):
    with pytest.raises(Exception) as info:
        profile_from_data(data(customer__country=country), "p")
    assert str(info.value).startswith("p: customer.country: ")
    assert "ISO 3166-1 alpha-2" in str(info.value)


def test_country_codes_are_iso_3166_1():
    from babel import Locale

    codes = country_codes()
    assert len(codes) == 249  # ISO 3166-1 alpha-2 today
    cldr = {c for c in Locale("en").territories if re.fullmatch("[A-Z]{2}", c)} - CLDR_NOT_ISO
    assert codes == cldr
    assert {"JP", "DK", "DE", "US", "AQ"} <= codes
    for code in ("DK", "DE", "US"):
        assert profile_from_data(data(customer__country=code), "p").customer.country == code


@pytest.mark.parametrize(("section", "value", "kind"), [
    ("customer", "x", "a string 'x'"), ("licenses", [1, 2], "a list"), ("usage", 3, "the number 3"),
    ("customer", True, "true"),
])
def test_a_table_of_the_wrong_type_says_so(capsys, tmp_path, section, value, kind):
    profile = data()
    profile[section] = value
    with pytest.raises(Exception) as info:
        profile_from_data(profile, "p.jsonl:1")
    assert str(info.value) == f"p.jsonl:1: {section}: expected a table, got {kind}"
    toml_file = tmp_path / "p.toml"
    toml_file.write_text(f"customer = {json.dumps(value)}\n", encoding="utf-8") if section == "customer" else None
    if section == "customer":
        assert compare_profile(capsys, toml_file) == f"{toml_file}: customer: expected a table, got {kind}"


def test_hostile_values_are_quoted_safely(capsys, tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text(partner_text(**{'platform = "exchange"': 'platform = "\\u001b[2J\\n' + "z" * 2000 + '"'}),
                   encoding="utf-8")
    line = compare_profile(capsys, bad)
    assert line.startswith(f"{bad}: customer.platform: unknown value '\\x1b[2J\\nzzz")
    assert "…" in line and "\x1b" not in line
    assert "(expected one of 'domino', 'exchange')" in line


def test_unknown_keys_are_escaped_and_counted(capsys, tmp_path):
    bad = tmp_path / "p.toml"
    keys = "".join(f'"k\\n{i}" = 1\n' for i in range(8))
    bad.write_text(partner_text(**{"[licenses]\n": "[licenses]\n" + keys}), encoding="utf-8")
    line = compare_profile(capsys, bad)
    assert line.startswith(f"{bad}: licenses: unknown key(s): k\\n0, k\\n1")
    assert line.endswith("and 3 more")


# --------------------------------------------------------------------------- --at


@pytest.mark.parametrize("at", ["1969-12-31T23:00+00:00", "2201-01-01T00:00+09:00", "0001-01-01T00:00+00:00",
                                "9999-12-31T23:59+00:00",
                                # read in the customer's zone (+09:00): converting these would overflow
                                "0001-01-01", "0001-01-01 00:30", "9999-12-31T23:00-05:00", "9999-12-31 23:59"])
def test_at_outside_the_supported_years_is_an_input_error(capsys, at):
    line = one_error(capsys, "compare", "--profile", str(PARTNER), "--at", at)
    assert line.startswith("--at: ") and line.endswith("is outside the supported years 1970-2200")


def test_at_inside_the_window_works(capsys):
    for at in ("1970-01-02T00:00+00:00", "2200-12-30T12:00+09:00"):
        assert main(["compare", "--profile", str(PARTNER), "--at", at, "--format", "json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert all(o["error"] is None for o in out["options"]), [o["error"] for o in out["options"]]


# --------------------------------------------------------------------------- files the settings name


@pytest.mark.parametrize(("directory", "problem"), [
    (None, "file not found"),
    ('[partners.example-partner]\nname = "X"\ntimezone = "Asia/Tokio"\n', "Asia/Tokio"),
])
def test_a_bad_partner_directory_is_an_input_error_for_compare(capsys, tmp_path, directory, problem):
    """The directory the settings point to is the desk's own input: one line, exit 2 (not a silent gap)."""
    settings = tmp_path / "settings.toml"
    settings.write_text('[partner]\ndirectory = "partners.toml"\n', encoding="utf-8")
    if directory is not None:
        (tmp_path / "partners.toml").write_text(directory, encoding="utf-8")
    line = one_error(capsys, "compare", "--profile", str(PARTNER), "--settings", str(settings))
    assert "partners.toml" in line and problem in line
    assert main(["plugins", "--settings", str(settings)]) == 0  # listing the plugins still works, naming the failure
    assert "partners.toml" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "chart"])
def test_a_bad_quote_table_is_refused_whatever_the_format(capsys, tmp_path, fmt):
    settings = tmp_path / "settings.toml"
    settings.write_text('[quote]\nconsumption_tax_percent = "ten"\n', encoding="utf-8")
    line = one_error(capsys, "compare", "--profile", str(PARTNER), "--settings", str(settings), "--format", fmt)
    assert line.startswith(f"{settings}: quote.consumption_tax_percent: ")


def test_settings_lists_the_quote_table_as_the_tools_own(capsys):
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    quote = out[out.index("[quote]"):]
    for name in ("validity_days = 30", "consumption_tax_percent = 10", "list_prices_include_tax = false",
                 'taxed_countries = ["JP"]'):
        assert name in quote
    assert "# (a setting of this tool) " in quote and "[DTS" not in quote


@pytest.mark.parametrize("field", ["purchased_list_price_jpy", "newest_list_price_jpy"])
def test_a_list_price_of_zero_is_refused(capsys, tmp_path, field):
    """Every fee is a percentage of a list price: 0 JPY gave a 0 JPY contract ranked first (QA)."""
    bad = tmp_path / "p.toml"
    text = PARTNER.read_text(encoding="utf-8")
    bad.write_text(re.sub(rf"^{field} = \d+$", f"{field} = 0", text, flags=re.M), encoding="utf-8")
    line = one_error(capsys, "compare", "--profile", str(bad))
    assert line.startswith(f"{bad}: licenses.{field}: a list price of 0 JPY")


def test_a_customer_without_any_language_is_refused(capsys, tmp_path):
    """languages = [] made every option 'conditional' on a language nobody speaks (QA)."""
    bad = tmp_path / "p.toml"
    bad.write_text(re.sub(r"^languages = .*$", "languages = []", PARTNER.read_text(encoding="utf-8"), count=1,
                          flags=re.M), encoding="utf-8")
    line = one_error(capsys, "compare", "--profile", str(bad))
    assert line.startswith(f"{bad}: customer.languages: empty")
