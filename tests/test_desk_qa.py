"""What a support-desk agent relies on when using the CLI on awkward profiles (QA findings)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ontime_support.cli.main import main
from output_schema import checked
from test_cli import no_autoload, run  # noqa: F401  (no_autoload: an autouse fixture, used by importing it)

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "examples" / "profiles"
PARTNER = PROFILES / "partner.toml"
AT = "2026-11-27T16:00:00+09:00"
#: An amount of zero yen ("0 JPY", "0円"), not the end of "200,000 JPY".
ZERO_YEN = re.compile(r"(?<![\d,])0 ?(JPY|円)")


def profile_file(tmp_path: Path, name: str = "profile.toml", source: Path = PARTNER, **replace: str) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def compare_json(capsys, path: Path, lang: str = "en") -> dict:
    code, out, err = run(capsys, "compare", "--profile", str(path), "--at", AT, "--format", "json", "--lang", lang)
    assert code == 0, err
    return checked(json.loads(out))


def option(data: dict, option_id: str) -> dict:
    return next(o for o in data["options"] if o["id"] == option_id)


# --------------------------------------------------------------------------- no spot hours expected


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_expected_spot_hours_is_said_plainly_with_the_price_of_one_hour(capsys, tmp_path, lang):
    path = profile_file(tmp_path, **{"expected_spot_hours = 3.0": "expected_spot_hours = 0"})
    data = compare_json(capsys, path, lang)
    spot, partner = option(data, "direct_shop.spot"), option(data, "partner")
    texts = [n["text"] for o in (spot, partner) for n in o["pricing"]["notes"]]
    rank_reason = data["recommended_reasons"]["direct_shop.spot"][0]["text"]
    texts.append(rank_reason)
    for text in texts:  # never "0 h are billed as 0 h: 0 JPY" nor "(0 JPY) costs less"
        assert "0 h " not in text and not ZERO_YEN.search(text) and "年 0 時間" not in text
    one_hour_ds, one_hour_partner = ("20,000 JPY", "18,000 JPY") if lang == "en" else ("20,000円", "18,000円")
    ds_note = spot["pricing"]["notes"][0]["text"]
    partner_note = next(n["text"] for n in partner["pricing"]["notes"] if one_hour_partner in n["text"])
    if lang == "en":
        assert ds_note.startswith("No spot hours are expected") and "one hour would cost 20,000 JPY" in ds_note
        assert "one hour would cost 18,000 JPY" in partner_note
        assert "No spot hours are expected" in rank_reason
    else:
        assert "ご利用は想定されていない" in ds_note and f"1 時間ご依頼いただいた場合は {one_hour_ds}" in ds_note
        assert "想定されていない" in partner_note
    assert spot["pricing"]["spot_cost_jpy"] == 0  # the JSON amounts are unchanged


def test_table_says_no_spot_hours_are_expected_instead_of_zero_yen(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # cells on one line each
    path = profile_file(tmp_path, **{"expected_spot_hours = 3.0": "expected_spot_hours = 0"})
    code, out, err = run(capsys, "compare", "--profile", str(path), "--at", AT, "--lang", "en")
    assert code == 0, err
    flat = " ".join(out.replace("│", " ").split())
    assert "(0 h)" not in flat and not ZERO_YEN.search(flat)
    assert "no spot hours expected" in flat


def test_one_hour_price_follows_the_minimum_billed_time(capsys, tmp_path):
    """A 90-minute minimum bills one hour as 90 minutes: the note says 30,000 JPY, not the hourly rate."""
    settings = tmp_path / "settings.toml"
    settings.write_text("[direct_shop]\nspot_minimum_minutes = 90\n", encoding="utf-8")
    path = profile_file(tmp_path, **{"expected_spot_hours = 3.0": "expected_spot_hours = 0"})
    code, out, err = run(capsys, "compare", "--profile", str(path), "--settings", str(settings), "--at", AT,
                         "--format", "json", "--lang", "en")
    assert code == 0, err
    note = option(json.loads(out), "direct_shop.spot")["pricing"]["notes"][0]["text"]
    assert "one hour would cost 30,000 JPY" in note and "at least 90 minutes" in note


def test_spot_costing_exactly_the_annual_fee_is_not_called_more_expensive(capsys, tmp_path):
    # 15% of 1,333,334 JPY is 200,000 JPY (the fraction dropped); 10 h of spot work at 20,000 JPY is the same.
    path = profile_file(tmp_path, source=PROFILES / "direct_shop.toml")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"newest_list_price_jpy = \d+", "newest_list_price_jpy = 1333334", text)
    text = re.sub(r"expected_spot_hours = [0-9.]+", "expected_spot_hours = 10", text)
    path.write_text(text, encoding="utf-8")
    data = compare_json(capsys, path)
    annual, spot = option(data, "direct_shop.annual"), option(data, "direct_shop.spot")
    assert annual["pricing"]["annual_fee_jpy"] == spot["pricing"]["spot_cost_jpy"] == 200000
    ranked = [r["text"] for reasons in data["recommended_reasons"].values() for r in reasons
              if r["text"].startswith("For 10 hours")]
    assert ranked, data["recommended_reasons"]
    assert all("as much as the annual contract" in text for text in ranked), ranked


# --------------------------------------------------------------------------- the [quote] settings


@pytest.mark.parametrize("line, error", [
    ("validity_days = -3", "quote.validity_days: expected a whole number ≥ 0, got -3"),
    ("consumption_tax_percent = 1000", "quote.consumption_tax_percent: a rate in percent from 0 to 100, got 1000"),
    ('taxed_countries = ["XX"]', "quote.taxed_countries: 'XX' is not an ISO 3166-1 alpha-2 country code"),
])
def test_bad_quote_setting_is_one_line_naming_the_dotted_field(capsys, tmp_path, line, error):
    settings = tmp_path / "settings.toml"
    settings.write_text(f"[quote]\n{line}\n", encoding="utf-8")
    code, out, err = run(capsys, "compare", "--profile", str(PARTNER), "--settings", str(settings), "--at", AT,
                         "--format", "markdown")
    assert code == 2 and out == ""
    assert err.startswith(f"{settings}: {error}") and err.count("\n") == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_quote_without_tax_speaks_to_the_customer_not_in_setting_names(capsys, lang, fmt):
    code, out, err = run(capsys, "compare", "--profile", str(PROFILES / "overseas_german.toml"), "--at", AT,
                         "--format", fmt, "--lang", lang)
    assert code == 0, err
    assert "taxed_countries" not in out and "_" not in re.sub(r"<[^>]*>|\[[A-Z]+-\d+\]", "", out).split("---")[-1]
    assert ("No consumption tax is added" if lang == "en" else "消費税は加えていません") in out


# --------------------------------------------------------------------------- profile files as desks write them


def test_a_language_code_that_is_no_language_is_refused(capsys, tmp_path):
    path = profile_file(tmp_path, **{'languages = ["ja"]': 'languages = ["ja", "xx"]'})
    code, out, err = run(capsys, "compare", "--profile", str(path), "--at", AT)
    assert code == 2 and out == ""
    assert err == f"{path}: customer.languages[1]: 'xx' is not an ISO 639-1 language code (e.g. 'ja', 'en')\n"


def test_real_language_codes_are_still_accepted(capsys, tmp_path):
    path = profile_file(tmp_path, **{'languages = ["ja"]': 'languages = ["ja", "en", "de", "zh"]'})
    assert compare_json(capsys, path)["options"]


def test_profile_saved_with_a_byte_order_mark_reads_like_without(capsys, tmp_path):
    plain = compare_json(capsys, PARTNER)
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PARTNER.read_bytes())
    assert compare_json(capsys, path) == plain


def test_batch_file_with_a_byte_order_mark_gives_a_result_on_line_one(capsys, tmp_path):
    import tomllib

    data = tomllib.loads(PARTNER.read_text(encoding="utf-8"))
    data["maintenance"]["active_until"] = data["maintenance"]["active_until"].isoformat()
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode() + b"\n")
    code, out, err = run(capsys, "compare", "--profiles", str(batch), "--at", AT)
    assert code == 0, out + err
    assert "error" not in json.loads(out.splitlines()[0])


def test_a_time_where_a_date_belongs_is_named_in_words(capsys, tmp_path):
    path = profile_file(tmp_path, **{"active_until = 2027-03-31": "active_until = 10:00:00"})
    code, _out, err = run(capsys, "compare", "--profile", str(path), "--at", AT)
    assert code == 2
    assert err == f"{path}: maintenance.active_until: expected a date (YYYY-MM-DD), got a time of day 10:00:00\n"


@pytest.mark.parametrize("blank", ["", "   ", "\u3000", "\\t\\u0085"])
def test_a_blank_customer_name_is_refused_in_a_file_and_in_a_batch_line(tmp_path, capsys, blank) -> None:
    """A quote headed "Customer:" with nothing after it is no quote: a blank name is an input error."""
    name_line = next(line for line in PARTNER.read_text(encoding="utf-8").splitlines() if line.startswith("name ="))
    path = profile_file(tmp_path, **{name_line: f'name = "{blank}"'})
    code, out, err = run(capsys, "compare", "--profile", str(path), "--at", AT)
    assert code == 2 and out == ""
    assert err.strip().startswith(f"{path}: customer.name: is blank") and err.count("\n") == 1

    from ontime_support.loading import load_profile, unstructure_profile

    data = unstructure_profile(load_profile(PARTNER))
    data["customer"]["name"] = json.loads(f'"{blank}"')
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps(data, default=str) + "\n", encoding="utf-8")
    code, out, _err = run(capsys, "compare", "--profiles", str(batch), "--at", AT)
    record = json.loads(out)
    assert "customer.name: is blank" in record["error"] and code != 0


@pytest.mark.parametrize("section, line, message", [
    ("direct_shop", "business_days = []", "direct_shop.business_days: lists no weekday: the provider would never be open"),
    ("intravision", "business_days = []", "intravision.business_days: lists no weekday"),
    ("direct_shop", "annual_fee_percent = 0", "direct_shop.annual_fee_percent: expected a whole percentage 1-100"),
    ("intravision", "annual_fee_percent = 0", "intravision.annual_fee_percent: expected a whole percentage 1-100"),
    ("direct_shop", "annual_fee_percent = 101", "direct_shop.annual_fee_percent: expected a whole percentage 1-100"),
])
def test_settings_that_would_make_a_provider_never_open_or_free_are_refused(tmp_path, capsys, section, line,
                                                                            message) -> None:
    """Before: a Direct Shop with no business days was still ranked first ("next opening —"), and 0 %
    quoted a contract for 0 JPY."""
    settings = tmp_path / "settings.toml"
    settings.write_text(f"[{section}]\n{line}\n", encoding="utf-8")
    code, out, err = run(capsys, "compare", "--profile", str(PARTNER), "--settings", str(settings), "--at", AT)
    assert code == 2 and out == ""
    assert err.startswith(f"{settings}: {message}") and err.count("\n") == 1


def test_a_partner_may_still_give_support_for_no_fee() -> None:
    """0 % stays valid in the partner directory: a partner may include support in what it sells."""
    from ontime_support.plugins.partner.directory import PartnerTerms

    assert PartnerTerms(name="Free support K.K.", annual_fee_percent=0).annual_fee_percent == 0
