"""The batch's fast paths give exactly what the plain paths give.

``record_bytes`` (cached JSON fragments) against ``orjson.dumps(to_json(...))``
(the view model, then its JSON), and the fast reading of a batch line against
the detailed converter, on the example profiles, varied and generated ones.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support.loading.errors import InputError
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison, Profile
from ontime_support.loading import _converter, build_host, load_profile, profile_from_json, unstructure_profile
from ontime_support.loading.batch import profile_from_line
from ontime_support.present.json import record_bytes, to_json
from ontime_support.testing.strategies import instants, profiles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.stem for p in (EXAMPLES / "profiles").glob("*.toml"))
INSTANTS = [
    dt.datetime.fromisoformat("2026-11-27T10:00+09:00"),  # a business day, open
    dt.datetime.fromisoformat("2026-11-28T23:30+09:00"),  # a Saturday night
    dt.datetime.fromisoformat("2026-03-29T01:30+01:00"),  # Europe changes to summer time that night
    dt.datetime.fromisoformat("2026-10-25T02:30+01:00"),  # and back (an ambiguous wall time in Europe)
]


@cache
def _host() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def _plain(comparison: Comparison, profile: Profile | None, lang: str) -> bytes:
    return orjson.dumps(to_json(comparison, lang, profile))


def _check(comparison: Comparison, profile: Profile | None, lang: str) -> None:
    expected = _plain(comparison, profile, lang)
    assert record_bytes(comparison, profile, lang) == expected
    assert record_bytes(comparison, profile, lang) == expected  # from the caches this time


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.isoformat())
def test_example_profiles_byte_for_byte(lang, at):
    host = _host()
    for name in NAMES:
        profile = load_profile(EXAMPLES / "profiles" / f"{name}.toml")
        _check(host.compare(profile, at), profile, lang)


def test_varied_prices_and_hours_interleaved():
    """Parts cached for one line never leak into another: prices, hours and zones vary line to line."""
    host = _host()
    at = INSTANTS[0]
    bases = [load_profile(EXAMPLES / "profiles" / f"{name}.toml") for name in NAMES]
    for i in range(120):
        base = bases[i % len(bases)]
        profile = attrs.evolve(
            base,
            licenses=attrs.evolve(base.licenses, newest_list_price_jpy=1_000_000 + (i % 7) * 123_457),
            usage=attrs.evolve(base.usage, expected_spot_hours=Decimal(i % 9) / 4 if i % 5 else Decimal("1.50")),
            customer=attrs.evolve(base.customer, timezone=("Asia/Tokyo", "Europe/Berlin", "America/New_York")[i % 3]),
        )
        lang = "ja" if i % 4 == 0 else "en"
        comparison = host.compare(profile, at + dt.timedelta(hours=7 * (i % 5)))
        _check(comparison, profile, lang)


def test_without_profile_and_the_same_instant_in_another_zone():
    host = _host()
    profile = load_profile(EXAMPLES / "profiles" / "partner.toml")
    tokyo = INSTANTS[0]
    utc = tokyo.astimezone(dt.timezone.utc)  # equal to ``tokyo``, shown with another offset
    for at in (tokyo, utc, tokyo):
        comparison = host.compare(profile, at)
        _check(comparison, None, "en")
        _check(comparison, profile, "en")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), at=st.one_of(st.sampled_from(INSTANTS), instants()), lang=st.sampled_from(["en", "ja"]))
def test_generated_profiles_byte_for_byte(profile, at, lang):
    _check(_host().compare(profile, at), profile, lang)


def test_batch_output_is_the_plain_json_with_its_line(tmp_path, capsys):
    from ontime_support.cli.main import main

    host = _host()
    at = INSTANTS[1]
    loaded = [load_profile(EXAMPLES / "profiles" / f"{name}.toml") for name in NAMES]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(unstructure_profile(p), default=str) + "\n" for p in loaded) * 2,
                    encoding="utf-8")
    code = main(["compare", "--profiles", str(path), "--at", at.isoformat(), "--lang", "ja",
                 "--settings", str(EXAMPLES / "settings.toml")])
    assert code == 0
    records = capsys.readouterr().out.encode().splitlines()
    assert len(records) == 2 * len(loaded)
    for number, (record, profile) in enumerate(zip(records, loaded * 2, strict=True), start=1):
        plain = orjson.dumps({"line": number, **to_json(host.compare(profile, at), "ja", profile)})
        assert record == plain


# --------------------------------------------------------------------------- reading


def _line(data: object) -> bytes:
    return json.dumps(data).encode()


def _detailed(data: dict) -> Profile:
    return _converter.structure(data, Profile)


@pytest.mark.parametrize("name", NAMES)
def test_fast_reading_builds_what_the_detailed_converter_builds(name):
    data = json.loads(json.dumps(unstructure_profile(load_profile(EXAMPLES / "profiles" / f"{name}.toml")),
                                 default=str))
    for _ in range(2):  # the second time from the remembered tables
        assert profile_from_line(_line(data), "b.jsonl:1") == _detailed(data)


def test_remembered_tables_keep_json_types_apart():
    """``1``, ``1.0`` and ``true`` are different input: a table remembered for one never answers another."""
    base = json.loads(json.dumps(unstructure_profile(load_profile(EXAMPLES / "profiles" / "direct_shop.toml")),
                                 default=str))
    whole, real = dict(base, usage={"expected_spot_hours": 1}), dict(base, usage={"expected_spot_hours": 1.0})
    assert str(profile_from_line(_line(whole), "b:1").usage.expected_spot_hours) == "1"
    assert str(profile_from_line(_line(real), "b:2").usage.expected_spot_hours) == "1.0"
    good = dict(base, contracts={"direct_shop_annual": True})
    bad = dict(base, contracts={"direct_shop_annual": 1})
    assert profile_from_line(_line(good), "b:3").contracts.direct_shop_annual is True
    error = profile_from_line(_line(bad), "b.jsonl:4")
    assert isinstance(error, InputError)
    assert str(error) == "b.jsonl:4: contracts.direct_shop_annual: expected true or false, got the number 1"
    assert profile_from_line(_line(good), "b:5") == profile_from_line(_line(good), "b:6")


def test_errors_after_the_fast_path_still_name_field_and_problem():
    base = json.loads(json.dumps(unstructure_profile(load_profile(EXAMPLES / "profiles" / "partner.toml")),
                                 default=str))
    profile_from_line(_line(base), "b:1")  # remembered
    bad_zone = dict(base, customer=dict(base["customer"], timezone="Asia/Tokio"))
    assert str(profile_from_line(_line(bad_zone), "f.jsonl:2")) == \
        "f.jsonl:2: customer.timezone: unknown time zone 'Asia/Tokio'"
    no_partner = dict(base, customer={k: v for k, v in base["customer"].items() if k != "partner"})
    assert str(profile_from_line(_line(no_partner), "f.jsonl:3")) == \
        "f.jsonl:3: customer.partner: required when purchased_from = 'partner'"
    bad_utf8 = _line(base)[:-2] + b'"\xff"}'
    assert str(profile_from_line(bad_utf8, "f.jsonl:4")).startswith("f.jsonl:4: not UTF-8 text (byte 0xff at column")


def test_fragment_caches_stay_bounded_and_right_when_full(monkeypatch):
    from ontime_support.present import json as present_json

    monkeypatch.setattr(present_json, "_OPTIONS", 3)
    present_json.forget_fragments()
    host = _host()
    for lang in ("en", "ja", "en"):
        for name in NAMES:
            profile = load_profile(EXAMPLES / "profiles" / f"{name}.toml")
            _check(host.compare(profile, INSTANTS[2]), profile, lang)
            assert len(present_json._option_parts) <= 3


def test_a_name_differing_from_a_remembered_customer_is_read_and_checked_on_its_own():
    """A customer table remembered but for its name: the new name is used, and still checked as text."""
    base = json.loads(json.dumps(unstructure_profile(load_profile(EXAMPLES / "profiles" / "partner.toml")),
                                 default=str))
    first = profile_from_line(_line(base), "b:1")
    assert isinstance(first, Profile)
    for number, name in enumerate(["Other K.K.", "名前 株式会社", "Ex\u2028ample"], start=2):
        line = _line(dict(base, customer=dict(base["customer"], name=name)))
        read = profile_from_line(line, f"b:{number}")
        assert read == _detailed(json.loads(line)) and read.customer.name == name
        assert read.customer.timezone == first.customer.timezone
    bad = {
        1: "b.jsonl:9: customer.name: expected a string, got the number 1",
        None: "b.jsonl:9: customer.name: expected a string, got nothing (null)",
        "": "b.jsonl:9: customer.name: is blank: give the customer's name, got ''",
        " \u3000": "b.jsonl:9: customer.name: is blank: give the customer's name, got ' \\u3000'",
    }
    for value, message in bad.items():
        assert str(profile_from_line(_line(dict(base, customer=dict(base["customer"], name=value))), "b.jsonl:9")) \
            == message
    with pytest.raises(InputError, match="^b.jsonl:10: customer.name: .*unpaired surrogate"):
        profile_from_json(dict(base, customer=dict(base["customer"], name="x\ud800")), "b.jsonl:10")
    # the other fields still count: a new zone next to a remembered rest is checked
    moved = dict(base, customer=dict(base["customer"], name="Third K.K.", timezone="Asia/Tokio"))
    assert str(profile_from_line(_line(moved), "b.jsonl:11")) == \
        "b.jsonl:11: customer.timezone: unknown time zone 'Asia/Tokio'"


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=12), other=st.sampled_from(NAMES))
def test_generated_names_read_as_the_detailed_converter_reads_them(name, other):
    base = json.loads(json.dumps(unstructure_profile(load_profile(EXAMPLES / "profiles" / f"{other}.toml")),
                                 default=str))
    profile_from_line(_line(base), "b:1")  # remembered
    line = json.dumps(dict(base, customer=dict(base["customer"], name=name))).encode()
    try:
        expected: object = _detailed(json.loads(line))
    except Exception:  # noqa: BLE001 - the detailed converter refuses it: so must the batch
        expected = InputError
    read = profile_from_line(line, "b:2")
    if expected is InputError:
        assert isinstance(read, InputError) and str(read).startswith("b:2: customer.name: ")
    else:
        assert read == expected


# --------------------------------------------------------------------------- the batch's records


def _escaped(data: bytes) -> bytes:
    # what the batch has always done to each record, over the whole record
    return data.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029").replace(b"\xc2\x85", b"\\u0085")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "–", "\u2028", "\u2029", "\x85", "é", "日", "\u00a8", "x",
                                              "\u0128", "\u20a8", "…"]), max_size=30))
def test_line_separators_are_escaped_as_over_the_whole_record(text):
    from ontime_support.present.json import escape_line_separators

    data = orjson.dumps({"name": text, "more": [text, "x"]})
    assert escape_line_separators(data) == _escaped(data)


def test_batch_records_escape_separators_in_cached_parts_and_per_line_parts(tmp_path, capsys):
    """U+2028/U+2029/NEL in a cached part (the partner, quoted by reasons and steps) and in per-line parts."""
    from ontime_support.cli.main import main

    host = _host()
    at = INSTANTS[0]
    base = load_profile(EXAMPLES / "profiles" / "partner.toml")
    variants = [
        base,
        attrs.evolve(base, customer=attrs.evolve(base.customer, name="A\u2028B\x85")),
        attrs.evolve(base, customer=attrs.evolve(base.customer, partner="example\u2029partner")),
        base,
        attrs.evolve(base, customer=attrs.evolve(base.customer, name="plain", partner="example\u2029partner")),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(unstructure_profile(p), default=str, ensure_ascii=False) + "\n"
                            for p in variants), encoding="utf-8")
    for lang in ("en", "ja"):
        code = main(["compare", "--profiles", str(path), "--at", at.isoformat(), "--lang", lang,
                     "--settings", str(EXAMPLES / "settings.toml")])
        assert code == 0
        records = capsys.readouterr().out.encode().split(b"\n")
        assert records.pop() == b"" and len(records) == len(variants)
        for number, (record, profile) in enumerate(zip(records, variants, strict=True), start=1):
            plain = orjson.dumps({"line": number, **to_json(host.compare(profile, at), lang, profile)})
            assert record == _escaped(plain)
            assert b"\xe2\x80\xa8" not in record and b"\xe2\x80\xa9" not in record and b"\xc2\x85" not in record
        assert b"\\u2029" in records[2] and b"\\u2028" in records[1]


@settings(max_examples=300, deadline=None)
@given(cost=st.integers(0, 10**12), rate=st.integers(0, 10**7),
       be=st.one_of(st.none(), st.integers(0, 10**6), st.fractions(min_value=0, max_value=10**6)))
def test_pricing_numbers_are_written_as_the_view_writes_them(cost, rate, be):
    from ontime_support.kernel.models import Pricing
    from ontime_support.present import view
    from ontime_support.present.json import _billed_json, _number_json, number

    p = Pricing(spot_cost_jpy=cost, spot_rate_jpy_per_hour=rate, break_even_hours=be)
    assert orjson.dumps(_billed_json(p)) == orjson.dumps(number(view.billed_hours(p)))
    assert orjson.dumps(_number_json(be)) == orjson.dumps(None if be is None else number(Fraction(be)))


def test_the_batch_gives_back_the_collectors_pace(tmp_path, capsys):
    """The batch paces the cycle collector for its own run only, failing lines or not."""
    import gc

    from ontime_support.cli.main import main

    before = gc.get_threshold()
    path = tmp_path / "batch.jsonl"
    profile = load_profile(EXAMPLES / "profiles" / "partner.toml")
    path.write_text(json.dumps(unstructure_profile(profile), default=str) + "\n{oops\n", encoding="utf-8")
    code = main(["compare", "--profiles", str(path), "--at", INSTANTS[0].isoformat(),
                 "--settings", str(EXAMPLES / "settings.toml")])
    assert code == 3 and len(capsys.readouterr().out.splitlines()) == 2
    assert gc.get_threshold() == before
