"""``compare --profiles``: one record per input line whatever it holds; the command line's options.

A bad line never stops the batch: each line gets exactly one JSON record, in
order (a result, ``error`` or ``skipped``), the summary goes to stderr, and
the exit code is 3 when any line failed.
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

ROOT = Path(__file__).resolve().parent.parent
PARTNER = ROOT / "examples" / "profiles" / "partner.toml"
AT = "2026-11-27T10:00+09:00"


pytestmark = pytest.mark.usefixtures("no_autoload")  # conftest also clears the settings and size variables


def good_line() -> str:
    data = tomllib.loads(PARTNER.read_text(encoding="utf-8"))
    data["maintenance"]["active_until"] = data["maintenance"]["active_until"].isoformat()
    return json.dumps(data, ensure_ascii=False)


GOOD = good_line()


def run_batch(capsys, tmp_path, content: bytes, *extra: str) -> tuple[int, list[dict], str]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(content)
    code = main(["compare", "--profiles", str(path), "--at", AT, *extra])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


HOSTILE = {
    "big int": b'{"customer": 1' + b"0" * 5000 + b"}",
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "deep but short": b'{"customer": ' + b"[" * 40 + b"]" * 40 + b"}",
    "lone surrogate": b'"p\\ud800"',
    "surrogate in a name": GOOD.replace('"Example', '"\\ud800Example', 1).encode(),
    "price 10^320": GOOD.replace("1350000", "1" + "0" * 320).encode(),
    "price 10^13": GOOD.replace("1350000", "1" + "0" * 13).encode(),
    "not utf-8": GOOD.encode()[:40] + b"\xff\xfe" + GOOD.encode()[40:],
    "CR inside": GOOD.replace('"Example', '"Ex\rample', 1).encode(),
    "U+2028 inside": GOOD.replace("Example", "Ex\u2028ample", 1).encode(),
    "not a table": b"[1, 2]",
    "customer a string": json.dumps({**json.loads(GOOD), "customer": "x"}).encode(),
    "NaN": b'{"usage": NaN}',
    "bad zone": GOOD.replace("Asia/Tokyo", "Z" * 5000).encode(),
    "bad date": GOOD.replace('"active_until": "2027', '"active_until": "27').encode(),
    "truncated": GOOD.encode()[:-3],
}


def test_every_hostile_line_gets_its_own_record_and_the_batch_goes_on(capsys, tmp_path):
    names = list(HOSTILE)
    lines = [GOOD.encode()]
    for name in names:
        lines += [HOSTILE[name], GOOD.encode()]
    content = b"\n".join(lines) + b"\n"
    code, rows, err = run_batch(capsys, tmp_path, content)
    assert code == 3
    assert [r["line"] for r in rows] == list(range(1, len(lines) + 1))
    assert err == f"{tmp_path / 'batch.jsonl'}: {len(lines)} lines, {len(names) - 1} failed\n"
    for i, name in enumerate(names):
        bad, after = rows[2 * i + 1], rows[2 * i + 2]
        assert "options" in after, (name, after)
        if name == "U+2028 inside":  # a valid name; JSON allows the character
            assert "options" in bad
            continue
        assert set(bad) == {"line", "error"}, (name, bad)
        message = bad["error"]
        assert message.startswith(f"{tmp_path / 'batch.jsonl'}:{bad['line']}: "), message
        assert len(message) <= 300 and message.isprintable(), (name, message)


def test_specific_messages(capsys, tmp_path):
    content = b"\n".join([HOSTILE["price 10^13"], HOSTILE["customer a string"], HOSTILE["not utf-8"],
                          HOSTILE["deep but short"]])
    _, rows, _ = run_batch(capsys, tmp_path, content)
    p = tmp_path / "batch.jsonl"
    assert rows[0]["error"] == (f"{p}:1: licenses.newest_list_price_jpy: at most 1,000,000,000,000 JPY (10^12), "
                                "got 10000000000000")
    assert rows[1]["error"] == f"{p}:2: customer: expected a table, got a string 'x'"
    assert rows[2]["error"] == f"{p}:3: not UTF-8 text (byte 0xff at column 41)"
    assert rows[3]["error"] == f"{p}:4: nested more than 32 levels deep"


def test_blank_lines_get_a_record_and_line_numbers_are_physical(capsys, tmp_path):
    content = b"\n".join([b"", GOOD.encode(), b"  \t ", GOOD.replace("Example", "Ex\rample", 1).encode(),
                          GOOD.encode()]) + b"\r\n"
    code, rows, err = run_batch(capsys, tmp_path, content)
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0] == {"line": 1, "skipped": "blank line"} and rows[2] == {"line": 3, "skipped": "blank line"}
    assert "error" in rows[3] and "options" in rows[4]  # CRLF ending: still valid JSON
    assert code == 3 and err.endswith(": 5 lines, 1 failed, 2 blank\n")


def test_all_good_exits_0_and_empty_input_gives_no_records(capsys, tmp_path):
    code, rows, err = run_batch(capsys, tmp_path, (GOOD + "\n" + GOOD).encode())  # no final newline
    assert code == 0 and [r["line"] for r in rows] == [1, 2] and err.endswith(": 2 lines, 0 failed\n")
    code, rows, err = run_batch(capsys, tmp_path, b"")
    assert code == 0 and rows == [] and err.endswith(": 0 lines, 0 failed\n")


def test_a_line_over_the_limit_is_one_error_and_the_next_line_is_read(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ONTIME_SUPPORT_MAX_FILE_BYTES", "20000")  # the settings files fit; the long lines do not
    long = json.dumps({"customer": {"name": "x" * 50_000}}).encode()
    code, rows, _ = run_batch(capsys, tmp_path, b"\n".join([long, GOOD.encode(), long]))
    assert code == 3 and [r["line"] for r in rows] == [1, 2, 3]
    assert rows[0]["error"].endswith(":1: line larger than 20,000 bytes "
                                     "(the limit; $ONTIME_SUPPORT_MAX_FILE_BYTES raises it)")
    assert "options" in rows[1] and "error" in rows[2]


def test_a_failure_while_comparing_or_rendering_is_that_lines_error(capsys, tmp_path, monkeypatch):
    import ontime_support.present.json as report

    real = report.record_bytes  # what the batch renders each record with

    # The second profile is told apart by its price.
    def flaky_by_price(comparison, profile, lang):
        result = real(comparison, profile, lang)
        if any(o["pricing"] and o["pricing"]["annual_fee_jpy"] == 15 for o in json.loads(result)["options"]):
            raise OverflowError("int too large to convert to float")
        return result

    monkeypatch.setattr(report, "record_bytes", flaky_by_price)
    second = GOOD.replace("1350000", "100")  # Direct Shop annual fee: 15% of 100 = 15 JPY
    code, rows, err = run_batch(capsys, tmp_path, "\n".join([GOOD, second, GOOD]).encode())
    assert code == 3 and [r["line"] for r in rows] == [1, 2, 3]
    assert rows[1] == {"line": 2, "error": f"{tmp_path / 'batch.jsonl'}:2: cannot compare this profile "
                                           "(OverflowError: int too large to convert to float)"}
    assert "options" in rows[0] and "options" in rows[2]


def test_markdown_is_honoured_and_table_refused(capsys, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([GOOD, "{oops", ""]) + "\n", encoding="utf-8")
    code = main(["compare", "--profiles", str(path), "--at", AT, "--format", "markdown", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 3
    sections = out.split("\n# Line ")
    assert out.startswith("# Line 1\n\n## OnTime Group Calendar: support options")
    assert len(sections) == 3 and sections[1].startswith("2\n\n**error:** `") and sections[2].startswith("3\n\n_skipped")
    code = main(["compare", "--profiles", str(path), "--format", "table"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith("--format: a table shows one profile")


def test_stdin_and_exit_codes_through_a_process(tmp_path):
    exe = Path(sys.executable).parent / "ontime-support"
    env = {**os.environ, "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("ONTIME_SUPPORT_SETTINGS", None)
    content = b"\n".join([GOOD.encode(), HOSTILE["lone surrogate"], HOSTILE["not utf-8"], b"", GOOD.encode()])
    result = subprocess.run([str(exe), "compare", "--profiles", "-", "--at", AT], input=content,
                            capture_output=True, check=False, env=env, timeout=120)
    assert result.returncode == 3
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert result.stderr.decode() == "<stdin>: 5 lines, 2 failed, 1 blank\n"
    ok = subprocess.run([str(exe), "compare", "--profiles", "-", "--at", AT], input=GOOD.encode(),
                        capture_output=True, check=False, env=env, timeout=120)
    assert ok.returncode == 0 and ok.stderr == b"<stdin>: 1 lines, 0 failed\n"
    missing = subprocess.run([str(exe), "compare", "--profiles", str(tmp_path / "none.jsonl")],
                             capture_output=True, check=False, env=env, timeout=120)
    assert missing.returncode == 2 and missing.stdout == b""
    assert missing.stderr.decode() == f"{tmp_path / 'none.jsonl'}: file not found\n"


# --------------------------------------------------------------------------- the command line (issue #11)


@pytest.mark.parametrize("before", [True, False])
def test_common_options_work_before_or_after_the_command(capsys, tmp_path, before):
    def call(common: list[str], command: list[str]) -> tuple[int, str, str]:
        code = main([*common, *command] if before else [*command, *common])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = call(["--disable-plugin", "intravision"], ["plugins", "--format", "json"])
    assert code == 0 and json.loads(out)["blocked"] == ["intravision"]
    code, out, _ = call(["--lang", "ja"], ["compare", "--profile", str(PARTNER), "--at", AT, "--format", "json"])
    assert json.loads(out)["lang"] == "ja"
    code, out, err = call(["--settings", str(tmp_path / "nope.toml")], ["settings"])
    assert code == 2 and err == f"{tmp_path / 'nope.toml'}: file not found\n"


def test_disable_plugin_before_and_after_add_up(capsys):
    assert main(["--disable-plugin", "intravision", "plugins", "--format", "json", "--disable-plugin", "partner"]) == 0
    assert set(json.loads(capsys.readouterr().out)["blocked"]) == {"partner", "intravision"}


def partner_fee(capsys, *args: str) -> object:
    assert main(["compare", "--profile", str(PARTNER), "--at", AT, "--format", "json", *args]) == 0
    options = {o["id"]: o for o in json.loads(capsys.readouterr().out)["options"]}
    return options["partner"]["pricing"]["annual_fee_jpy"]


def test_bundled_settings_are_the_default_and_none_selects_no_file(capsys, monkeypatch):
    assert partner_fee(capsys) == 216000  # the bundled partner directory's terms
    assert partner_fee(capsys, "--settings", "none") is None  # no directory: terms unknown
    monkeypatch.setenv("ONTIME_SUPPORT_SETTINGS", "none")
    assert partner_fee(capsys) is None
    monkeypatch.setenv("ONTIME_SUPPORT_SETTINGS", str(ROOT / "examples" / "settings.toml"))
    assert partner_fee(capsys) == 216000


@pytest.mark.parametrize("command", [[], ["tui"], ["compare"], ["plugins"], ["settings"]])
def test_every_help_ends_with_examples(capsys, command):
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    tail = out[out.index("examples:"):].strip().splitlines()
    assert 3 <= len(tail) <= 4 and all(line.startswith("  ontime-support") or line.startswith("  cat ")
                                       for line in tail[1:])


def test_tui_profile_has_help(capsys):
    with pytest.raises(SystemExit):
        main(["tui", "--help"])
    assert re.search(r"--profile FILE\s+profile TOML to open", capsys.readouterr().out)


def test_settings_print_as_toml_with_whole_names(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["settings", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    loaded = tomllib.loads(out)
    assert main(["settings", "--format", "json", "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    def plain(value):  # as the JSON listing shows values: dates as ISO text
        return [plain(v) for v in value] if isinstance(value, list) else \
            value.isoformat() if hasattr(value, "isoformat") else value

    for r in rows:
        if r["value"] is not None:
            assert plain(loaded[r["section"]][r["name"]]) == r["value"], r["name"]
        assert any(line.startswith(f"{r['name']} = ") or line.startswith(f"# {r['name']} = ")
                   for line in out.splitlines()), r["name"]
    assert loaded["direct_shop"]["spot_rate_jpy_per_hour"] == 20000
    assert loaded["partner"]["directory"] == "partners.toml"
