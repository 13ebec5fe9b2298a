"""Fuzz: arbitrary bytes and structures through the profile loader and the batch reader.

Promises checked: a profile file gives exit 0 with a valid result, or exit 2
with exactly one line on stderr (never a traceback); a batch gives exactly
one record per input line, in order, and exit 0 or 3. Bounded to a few seconds.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ontime_support.cli.main as cli
from ontime_support.loading.errors import InputError
from ontime_support.kernel.models import Profile
from ontime_support.loading import build_host, profile_from_data

ROOT = Path(__file__).resolve().parent.parent
PARTNER = ROOT / "examples" / "profiles" / "partner.toml"
PARTNER_TEXT = PARTNER.read_text(encoding="utf-8")
AT = "2026-11-27T10:00+09:00"
FUZZ = settings(max_examples=int(os.environ.get("ONTIME_FUZZ_EXAMPLES", "60")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def good_data() -> dict[str, Any]:
    data = tomllib.loads(PARTNER_TEXT)
    data["maintenance"]["active_until"] = data["maintenance"]["active_until"].isoformat()
    return data


LEAVES = [(s, k) for s, table in good_data().items() for k in table] + [("customer", "extra"), ("nowhere", "x")]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**400, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=80)
    | st.sampled_from(["2027-03-31", "2026-1-5", "Asia/Tokyo", "localtime", "../../etc/passwd", "JP", "XX",
                       "partner", "exchange", "one_user", "yes", "\ud800", "\x1b[2J", "\u2028"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_profiles(draw: st.DrawFn) -> Any:
    """The example profile with a few leaves replaced, or now and then something else entirely."""
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    data = good_data()
    for section, key in draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=3)):
        target = data.setdefault(section, {})
        if isinstance(target, dict):
            target[key] = draw(json_values)
        if draw(st.integers(0, 9)) == 0:
            data[section] = draw(json_values)
    return data


@st.composite
def toml_files(draw: st.DrawFn) -> bytes:
    """The example TOML with one line's value replaced by arbitrary text, or arbitrary bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    lines = PARTNER_TEXT.splitlines()
    candidates = [i for i, line in enumerate(lines) if " = " in line and not line.startswith("#")]
    index = draw(st.sampled_from(candidates))
    key = lines[index].split(" = ")[0]
    value = draw(st.text(max_size=60) | json_values.map(lambda v: json.dumps(v, ensure_ascii=False)))
    lines[index] = f"{key} = {value}"
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def batch_lines(draw: st.DrawFn) -> list[bytes]:
    kinds = st.sampled_from(["json", "bytes", "blank", "good"])
    lines = []
    for kind in draw(st.lists(kinds, min_size=0, max_size=8)):
        if kind == "json":
            text = json.dumps(draw(mutated_profiles()), ensure_ascii=draw(st.booleans()), allow_nan=True)
            lines.append(text.encode("utf-8", "surrogatepass"))
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=120)).replace(b"\n", b""))
        elif kind == "blank":
            lines.append(draw(st.sampled_from([b"", b" ", b"\t\r"])))
        else:
            lines.append(json.dumps(good_data()).encode())
    return lines


@pytest.fixture(scope="module")
def host() -> Any:
    return build_host(autoload=False)


@pytest.fixture
def cached_host(monkeypatch: pytest.MonkeyPatch, host: Any) -> Any:
    """The CLI with one host built once (the loader and the batch reader are what is fuzzed)."""
    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setattr(cli, "_host", lambda _args: host)
    return host


@FUZZ
@given(data=mutated_profiles())
def test_profile_from_data_gives_a_profile_or_one_input_error(data: Any) -> None:
    try:
        result = profile_from_data(data, "fuzz.jsonl:1")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("fuzz.jsonl:1: ") and "\n" not in message
    else:
        assert isinstance(result, Profile)


@FUZZ
@given(content=toml_files())
def test_profile_file_exit_0_or_one_line_exit_2(cached_host: Any, tmp_path_factory: pytest.TempPathFactory,
                                               capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "p.toml"
    path.write_bytes(content)
    code = cli.main(["compare", "--profile", str(path), "--at", AT, "--format", "json"])
    out, err = capsys.readouterr()
    if code == 0:
        assert err == "" and json.loads(out)["options"]
    else:
        assert code == 2, err
        assert out == "" and err.count("\n") == 1 and err.endswith("\n") and len(err) <= 301
        assert err.startswith(f"{path}: ") and "Traceback" not in err


@FUZZ
@given(lines=batch_lines(), final_newline=st.booleans())
def test_batch_one_record_per_line(cached_host: Any, tmp_path_factory: pytest.TempPathFactory,
                                   capsys: pytest.CaptureFixture[str], lines: list[bytes],
                                   final_newline: bool) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "batch.jsonl"
    content = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    path.write_bytes(content)
    code = cli.main(["compare", "--profiles", str(path), "--at", AT])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    # Lines end at b"\n" only; a last line without one still counts; an empty file has none.
    expected = content.count(b"\n") + (0 if content.endswith(b"\n") or not content else 1)
    assert [r["line"] for r in records] == list(range(1, expected + 1))
    failed = 0
    for record in records:
        kinds = {"options", "error", "skipped"} & set(record)
        assert len(kinds) == 1, record
        if "error" in record:
            failed += 1
            assert record["error"].isprintable() and len(record["error"]) <= 300
    assert code == (3 if failed else 0)
    assert err.count("\n") == 1 and f": {expected} lines, {failed} failed" in err
