"""compare --customer (one match or exit 2 with candidates) and customers expiring (MNT-1, annual fees)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bookhelpers import AT, ROOT, SETTINGS, base_row, write_csv

from ontime_support.loading import build_host
from ontime_support.loading import load_profile
from ontime_support.kernel.host import PluginHost
from ontime_support.present import to_json


def test_compare_customer_by_id_or_name_equals_compare_profile(db_url, cli) -> None:
    path = ROOT / "examples" / "profiles" / "partner.toml"
    assert cli("customers", "import", str(path)).code == 0
    by_file = cli("compare", "--profile", str(path), "--settings", SETTINGS, "--at", AT, "--format", "json")
    by_id = cli("compare", "--customer", "1", "--settings", SETTINGS, "--at", AT, "--format", "json")
    by_name = cli("compare", "--customer", "example k.k.", "--settings", SETTINGS, "--at", AT, "--format", "json")
    assert by_file.code == by_id.code == by_name.code == 0
    assert json.loads(by_id.out) == json.loads(by_file.out) == json.loads(by_name.out)


def test_compare_customer_ambiguous_or_unknown_exits_2(db_url, cli, tmp_path: Path) -> None:
    rows = [base_row(**{"customer.name": "Acme Japan", "customer.partner": "p1"}),
            base_row(**{"customer.name": "Acme Japan", "customer.partner": "p2"}),
            base_row(**{"customer.name": "Acme Korea"})]
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", rows))).code == 0
    run = cli("compare", "--customer", "Acme Japan", "--settings", SETTINGS, "--at", AT)
    assert run.code == 2
    assert run.err.strip() == ("--customer: 'Acme Japan' matches 2 customers: 1 Acme Japan (p1); "
                               "2 Acme Japan (p2); give the id")
    run = cli("compare", "--customer", "acme", "--settings", SETTINGS, "--at", AT)
    assert run.code == 2 and "matches 3 customers" in run.err
    run = cli("compare", "--customer", "Nobody", "--settings", SETTINGS, "--at", AT)
    assert run.code == 2 and run.err.strip() == "--customer: no customer matches 'Nobody'"
    ok = cli("compare", "--customer", "acme k", "--settings", SETTINGS, "--at", AT, "--format", "json")
    assert ok.code == 0


def test_expiring_lists_the_window_with_renewal_fees_and_cites_mnt1(db_url, cli, tmp_path: Path) -> None:
    rows = [
        base_row(**{"customer.name": "Soon", "maintenance.active_until": "2026-12-20"}),
        base_row(**{"customer.name": "Edge", "maintenance.active_until": "2027-01-26"}),  # day 60
        base_row(**{"customer.name": "Later", "maintenance.active_until": "2027-01-27"}),  # day 61
        base_row(**{"customer.name": "Lapsed", "maintenance.active_until": "2026-11-26"}),
        base_row(**{"customer.name": "None", "maintenance.active_until": ""}),
        base_row(**{"customer.name": "Archived", "maintenance.active_until": "2026-12-01"}),
    ]
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", rows))).code == 0
    assert cli("customers", "archive", "6").code == 0
    run = cli("customers", "expiring", "--within", "60d", "--at", AT, "--settings", SETTINGS, "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.out)
    assert data["clause"] == "MNT-1"
    assert [(c["name"], c["days_left"]) for c in data["customers"]] == [("Soon", 23), ("Edge", 60)]
    # The fees are the comparison's annual fees for that customer at that instant.
    host = build_host(settings_path=SETTINGS, autoload=False)
    at = dt.datetime.fromisoformat(AT)
    from ontime_support.book.csvio import parse_row

    expected = {r.option.id: r.pricing.annual_fee_jpy
                for r in host.compare(parse_row(rows[0], "t").profile, at).options
                if r.pricing is not None and r.pricing.annual_fee_jpy is not None}
    assert expected and data["customers"][0]["annual_fees_jpy"] == expected
    table = cli("customers", "expiring", "--within", "8w", "--at", AT, "--settings", SETTINGS)
    assert table.code == 0 and "Soon" in table.out and "Edge" not in table.out and "MNT-1" in table.out
    bad = cli("customers", "expiring", "--within", "two months")
    assert bad.code == 2 and bad.err.startswith("--within: expected a number of days")


def test_profile_compare_without_book_does_not_touch_the_database(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ONTIME_SUPPORT_DB", f"sqlite:///{tmp_path / 'never.sqlite3'}")
    run = cli("compare", "--profile", str(ROOT / "examples" / "profiles" / "partner.toml"), "--settings", SETTINGS,
              "--at", AT, "--format", "json")
    assert run.code == 0
    expected = to_json(build_host(settings_path=SETTINGS, autoload=False).compare(
        load_profile(ROOT / "examples" / "profiles" / "partner.toml"), dt.datetime.fromisoformat(AT)), "en")
    assert json.loads(run.out)["recommended"] == expected["recommended"]
    assert not (tmp_path / "never.sqlite3").exists()
