"""customers import: CSV and TOML, bad rows, --all-or-nothing, idempotent re-import, export round trip."""

from __future__ import annotations

import json
from pathlib import Path

from bookhelpers import ROOT, base_row, write_csv

from ontime_support.examples import MAIN_PROFILES


def test_good_csv_rows_are_typed_by_the_profile_model(db_url, cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "customers.csv", [
        base_row(notes="prefers e-mail", tags="vip;renewal"),
        base_row(**{"customer.name": "Sakura Trading K.K.", "customer.purchased_from": "direct_shop",
                    "customer.partner": "", "customer.partner_supports_ontime": "",
                    "contracts.direct_shop_annual": "TRUE", "usage.expected_spot_hours": "12"}),
    ], extra=("notes", "tags"))
    run = cli("customers", "import", str(path))
    assert run.code == 0, run
    assert run.out.strip() == "2 rows, 2 imported, 0 unchanged, 0 failed"
    shown = json.loads(cli("customers", "show", "1", "--format", "json").out)
    assert shown["profile"]["customer"]["languages"] == ["ja", "en"]
    assert shown["profile"]["licenses"]["newest_list_price_jpy"] == 1350000
    assert shown["profile"]["maintenance"]["active_until"] == "2027-03-31"
    assert shown["profile"]["usage"]["expected_spot_hours"] == "3.5"
    assert shown["notes"] == "prefers e-mail" and shown["tags"] == ["vip", "renewal"]
    second = json.loads(cli("customers", "show", "2", "--format", "json").out)
    assert second["profile"]["contracts"]["direct_shop_annual"] is True
    assert "partner" not in second["profile"]["customer"]  # empty cell = key absent


def test_bad_rows_are_reported_with_row_and_field_and_good_rows_imported(db_url, cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "customers.csv", [
        base_row(**{"customer.name": "A"}),
        base_row(**{"customer.name": "B", "licenses.newest_list_price_jpy": "1.5"}),
        base_row(**{"customer.name": "C", "customer.timezone": "Asia/Tokio"}),
        base_row(**{"customer.name": "D", "customer.partner_supports_ontime": "yes"}),
        base_row(**{"customer.name": "E"}),
    ])
    run = cli("customers", "import", str(path))
    assert run.code == 2
    lines = run.err.splitlines()
    assert lines[0] == "customers.csv: row 3: licenses.newest_list_price_jpy: expected a whole number, got '1.5'"
    assert lines[1] == "customers.csv: row 4: customer.timezone: unknown time zone 'Asia/Tokio'"
    assert lines[2] == "customers.csv: row 5: customer.partner_supports_ontime: expected true or false, got 'yes'"
    assert lines[-1] == "5 rows, 2 imported, 0 unchanged, 3 failed"
    assert "Traceback" not in run.err
    names = [c["name"] for c in json.loads(cli("customers", "list", "--format", "json").out)]
    assert names == ["A", "E"]


def test_missing_required_key_names_the_field(db_url, cli, tmp_path: Path) -> None:
    row = base_row(**{"customer.name": "A"})
    del row["licenses.purchased_list_price_jpy"]
    path = write_csv(tmp_path / "c.csv", [row, base_row(**{"customer.name": "B"})])
    run = cli("customers", "import", str(path))
    assert run.code == 2
    assert "c.csv: row 2: licenses.purchased_list_price_jpy: required key is missing" in run.err


def test_all_or_nothing_imports_nothing_when_a_row_fails(db_url, cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "customers.csv", [
        base_row(**{"customer.name": "A"}),
        base_row(**{"customer.name": "B", "licenses.newest_list_price_jpy": "1.5"}),
    ])
    run = cli("customers", "import", "--all-or-nothing", str(path))
    assert run.code == 2
    assert run.err.splitlines()[-1].startswith("2 rows, 0 imported, 0 unchanged, 1 failed")
    assert json.loads(cli("customers", "list", "--format", "json").out) == []
    good = write_csv(tmp_path / "good.csv", [base_row(**{"customer.name": "A"})])
    assert cli("customers", "import", "--all-or-nothing", str(good)).code == 0
    assert len(json.loads(cli("customers", "list", "--format", "json").out)) == 1


def test_reimport_is_idempotent_and_matches_on_normalised_name_and_partner(db_url, cli, tmp_path: Path) -> None:
    rows = [base_row(**{"customer.name": "Example K.K."}), base_row(**{"customer.name": "サクラ商事"})]
    path = write_csv(tmp_path / "customers.csv", rows)
    assert cli("customers", "import", str(path)).out.strip() == "2 rows, 2 imported, 0 unchanged, 0 failed"
    assert cli("customers", "import", str(path)).out.strip() == "2 rows, 0 imported, 2 unchanged, 0 failed"
    assert len(json.loads(cli("customers", "history", "1", "--format", "json").out)) == 1
    # Same customers written differently (width, case, half-width kana): updated, not duplicated.
    changed = write_csv(tmp_path / "changed.csv", [
        base_row(**{"customer.name": "ＥＸＡＭＰＬＥ k.k.", "customer.partner": "EXAMPLE-PARTNER",
                    "licenses.newest_list_price_jpy": "1400000"}),
        base_row(**{"customer.name": "ｻｸﾗ商事"}),
    ])
    run = cli("customers", "import", str(changed))
    assert run.out.strip() == "2 rows, 2 imported, 0 unchanged, 0 failed", run  # new versions, same ids
    listed = json.loads(cli("customers", "list", "--format", "json").out)
    assert sorted((c["id"], c["version"]) for c in listed) == [(1, 2), (2, 2)]
    assert {c["name"] for c in listed} == {"ＥＸＡＭＰＬＥ k.k.", "ｻｸﾗ商事"}
    history = json.loads(cli("customers", "history", "1", "--format", "json").out)
    assert [h["version"] for h in history] == [1, 2]
    assert "licenses.newest_list_price_jpy" in history[1]["changed"]


def test_export_csv_reimports_to_the_same_customers(db_url, cli, tmp_path: Path, monkeypatch) -> None:
    profiles = sorted(str(ROOT / "examples" / "profiles" / f"{name}.toml") for name in MAIN_PROFILES)
    assert cli("customers", "import", *profiles).out.strip() == "3 rows, 3 imported, 0 unchanged, 0 failed"
    assert cli("customers", "update", "1", "--based-on", "1", "--notes", "line one, \"quoted\"",
               "--tags", "vip;年間契約").code == 0
    exported = cli("customers", "export").out
    (tmp_path / "export.csv").write_text(exported, encoding="utf-8")
    again = cli("customers", "import", str(tmp_path / "export.csv"))
    assert again.out.strip() == "3 rows, 0 imported, 3 unchanged, 0 failed", again
    # Into a fresh book: same ids, same profiles, same export.
    monkeypatch.setenv("ONTIME_SUPPORT_DB", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert cli("customers", "import", str(tmp_path / "export.csv")).code == 0
    assert cli("customers", "export").out == exported
    assert json.loads(cli("customers", "show", "1", "--format", "json").out)["tags"] == ["vip", "年間契約"]


def test_unknown_column_and_wrong_file_type_are_input_errors(db_url, cli, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("customer.name,customer.colour\nA,blue\n", encoding="utf-8")
    run = cli("customers", "import", str(path))
    assert run.code == 2 and run.err.startswith("x.csv: unknown column 'customer.colour'")
    run = cli("customers", "import", str(tmp_path / "x.txt"))
    assert run.code == 2 and "expected a .csv or a profile .toml file" in run.err


def test_export_defuses_spreadsheet_formulas_and_reimports_them_unchanged(db_url, cli, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """A customer name such as ``=HYPERLINK(...)`` would run as a formula when the export is opened in a
    spreadsheet (OWASP "CSV injection"): the export writes it as text, the import reads it back as it was."""
    import csv
    import io

    hostile = {"customer.name": "=HYPERLINK(\"http://x.example\",\"click\")", "customer.partner": "+partner"}
    path = write_csv(tmp_path / "in.csv", [base_row(**hostile, notes="@SUM(A1)", tags="-x;y"),
                                           base_row(**{"customer.name": "''=an apostrophe of its own"}, notes="", tags="")],
                     extra=("notes", "tags"))
    assert cli("customers", "import", str(path)).code == 0
    exported = cli("customers", "export").out
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["customer.name"] == "'" + hostile["customer.name"]
    assert rows[0]["customer.partner"] == "'+partner"
    assert rows[0]["notes"] == "'@SUM(A1)" and rows[0]["tags"] == "'-x;y"
    assert rows[1]["customer.name"] == "''=an apostrophe of its own"
    formula_cells = [cell for row in rows for cell in row.values() if cell and cell[0] in "=+-@\t\r"]
    assert formula_cells == []
    hits = cli("customers", "search", hostile["customer.name"], "--format", "csv").out
    hit = next(csv.DictReader(io.StringIO(hits)))
    assert (hit["name"], hit["partner"], hit["tags"]) == ("'" + hostile["customer.name"], "'+partner", "'-x;y")
    # Re-imported into a fresh book: the same customers, the same text.
    monkeypatch.setenv("ONTIME_SUPPORT_DB", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    (tmp_path / "export.csv").write_text(exported, encoding="utf-8")
    assert cli("customers", "import", str(tmp_path / "export.csv")).code == 0
    shown = json.loads(cli("customers", "show", "1", "--format", "json").out)
    assert shown["profile"]["customer"]["name"] == hostile["customer.name"]
    assert shown["profile"]["customer"]["partner"] == "+partner"
    assert shown["notes"] == "@SUM(A1)" and shown["tags"] == ["-x", "y"]
    assert json.loads(cli("customers", "show", "2", "--format", "json").out)["profile"]["customer"]["name"] \
        == "'=an apostrophe of its own"
    assert cli("customers", "export").out == exported
