"""The batch's fast paths give exactly what the plain paths give.

``record_bytes`` (cached JSON fragments) against ``orjson.dumps(to_json(...))``
(the view model, then its JSON), and the fast reading of a batch line against
the detailed converter, on the example profiles, varied and generated ones.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
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
from ontime_support.loading import _converter, build_host, load_profile, unstructure_profile
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
