"""customers search: case, full-/half-width and kana insensitive; partner and tags; archived hidden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bookhelpers import base_row, write_csv


@pytest.fixture
def filled(db_url, cli, tmp_path: Path):
    rows = [
        base_row(**{"customer.name": "Sakura Trading K.K.", "customer.partner": "north-star"}, tags="vip"),
        base_row(**{"customer.name": "株式会社サクラ商事"}, tags="renewal"),
        base_row(**{"customer.name": "Example K.K."}, tags=""),
        base_row(**{"customer.name": "ひまわり物流"}, tags="年間契約"),
    ]
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", rows, extra=("tags",)))).code == 0
    return cli


def names(cli, *args: str) -> list[str]:
    run = cli("customers", "search", *args, "--format", "json")
    assert run.code == 0, run
    return sorted(c["name"] for c in json.loads(run.out))


@pytest.mark.parametrize(("query", "expected"), [
    ("sakura", ["Sakura Trading K.K."]),
    ("SAKURA", ["Sakura Trading K.K."]),
    ("ＳＡＫＵＲＡ", ["Sakura Trading K.K."]),  # full-width
    ("trad", ["Sakura Trading K.K."]),  # a word of the name
    ("サクラ", ["株式会社サクラ商事"]),  # without the legal form
    ("ｻｸﾗ", ["株式会社サクラ商事"]),  # half-width katakana
    ("さくら", ["株式会社サクラ商事"]),  # hiragana for katakana
    ("ヒマワリ", ["ひまわり物流"]),  # katakana for hiragana
    ("株式会社", ["株式会社サクラ商事"]),
    ("north", ["Sakura Trading K.K."]),  # partner
    ("Example-Partner", ["Example K.K.", "ひまわり物流", "株式会社サクラ商事"]),
    ("VIP", ["Sakura Trading K.K."]),  # tag
    ("年間", ["ひまわり物流"]),
    ("zzz", []),
])
def test_search_ignores_case_width_and_kana(filled, query: str, expected: list[str]) -> None:
    assert names(filled, query) == expected


def test_archived_customers_are_hidden_unless_asked(filled) -> None:
    cli = filled
    assert cli("customers", "archive", "1").code == 0
    assert names(cli, "sakura") == []
    assert names(cli, "sakura", "--archived") == ["Sakura Trading K.K."]
    listed = json.loads(cli("customers", "list", "--format", "json").out)
    assert 1 not in [c["id"] for c in listed]
    listed = json.loads(cli("customers", "list", "--archived", "--format", "json").out)
    assert [c["archived"] for c in listed if c["id"] == 1] == [True]
    assert cli("customers", "unarchive", "1").code == 0
    assert names(cli, "sakura") == ["Sakura Trading K.K."]


def test_search_table_and_csv_formats(filled) -> None:
    table = filled("customers", "search", "sakura")
    assert table.code == 0 and "Sakura Trading K.K." in table.out and "north-star" in table.out
    csv_out = filled("customers", "search", "sakura", "--format", "csv").out.splitlines()
    assert csv_out[0].startswith("id,version,name") and "Sakura Trading K.K." in csv_out[1]


def test_search_api_limit(book) -> None:
    from ontime_support.book.csvio import parse_row

    for i in range(30):
        book.add(parse_row(base_row(**{"customer.name": f"Acme {i:02d}"}), "t").profile, agent="t")
    hits = book.search("acme", limit=10)
    assert len(hits) == 10 and len({h.id for h in hits}) == 10
    assert all(h.name.startswith("Acme") for h in hits)


def test_show_formats(filled) -> None:
    table = filled("customers", "show", "2")
    assert table.code == 0 and "customer 2: 株式会社サクラ商事" in table.out and "tags: renewal" in table.out
    as_csv = filled("customers", "show", "2", "--format", "csv").out.splitlines()
    assert as_csv[0].startswith("id,customer.name,") and as_csv[1].startswith("2,株式会社サクラ商事,")
    toml_text = filled("customers", "show", "2", "--format", "toml").out
    import tomllib

    from ontime_support.loading import profile_from_data

    assert profile_from_data(tomllib.loads(toml_text), "t").customer.name == "株式会社サクラ商事"
    missing = filled("customers", "show", "99")
    assert missing.code == 2 and missing.err.strip() == "customer 99: no such customer"


@pytest.fixture
def companies(db_url, cli, tmp_path: Path):
    rows = [
        base_row(**{"customer.name": "Acme Manufacturing K.K."}),
        base_row(**{"customer.name": "Sakura Manufacturing K.K."}),
        base_row(**{"customer.name": "Tanaka Co., Ltd."}),
        base_row(**{"customer.name": "Lion Pte. Ltd."}),
        base_row(**{"customer.name": "KK Holdings"}),
    ]
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", rows))).code == 0
    return cli


@pytest.mark.parametrize(("query", "expected"), [
    ("K.K.", ["Acme Manufacturing K.K.", "Sakura Manufacturing K.K."]),
    ("k.k", ["Acme Manufacturing K.K.", "Sakura Manufacturing K.K."]),
    ("ｋ．ｋ．", ["Acme Manufacturing K.K.", "Sakura Manufacturing K.K."]),  # full-width
    ("Manufacturing K.K.", ["Acme Manufacturing K.K.", "Sakura Manufacturing K.K."]),
    ("Acme Manufacturing K.K.", ["Acme Manufacturing K.K."]),
    ("Pte.", ["Lion Pte. Ltd."]),
    ("Pte. Ltd.", ["Lion Pte. Ltd."]),
    ("Ltd.", ["Lion Pte. Ltd.", "Tanaka Co., Ltd."]),
    ("Co., Ltd.", ["Tanaka Co., Ltd."]),
    ("co.,", ["Tanaka Co., Ltd."]),
    ("manufacturing", ["Acme Manufacturing K.K.", "Sakura Manufacturing K.K."]),
    ("kk", ["KK Holdings"]),
    ("Manufacturing K.K.X", []),
    ("Ltd. Co.", []),
])
def test_search_finds_names_ending_in_a_period(companies, query: str, expected: list[str]) -> None:
    assert names(companies, query) == expected


def test_search_api_finds_legal_forms_too(book) -> None:
    """The Book API (which the TUI's customer picker calls) answers the same."""
    from ontime_support.book.csvio import parse_row

    book.add(parse_row(base_row(**{"customer.name": "Acme Manufacturing K.K."}), "t").profile, agent="t")
    assert [h.name for h in book.search("Manufacturing K.K.")] == ["Acme Manufacturing K.K."]
    assert [h.name for h in book.search("K.K.")] == ["Acme Manufacturing K.K."]


def test_compare_customer_with_a_legal_form_is_ambiguous_not_unknown(companies) -> None:
    from bookhelpers import AT, SETTINGS

    run = companies("compare", "--customer", "K.K.", "--settings", SETTINGS, "--at", AT)
    assert run.code == 2
    assert run.err.strip() == ("--customer: 'K.K.' matches 2 customers: 1 Acme Manufacturing K.K. (example-partner); "
                               "2 Sakura Manufacturing K.K. (example-partner); give the id")
    one = companies("compare", "--customer", "Pte.", "--settings", SETTINGS, "--at", AT, "--format", "json")
    assert one.code == 0, one


def test_renamed_customer_is_found_by_its_new_legal_form_only(companies, tmp_path: Path) -> None:
    cli = companies
    profile = tmp_path / "p.toml"
    profile.write_text(cli("customers", "show", "4", "--format", "toml").out.replace("Lion Pte. Ltd.", "Lion K.K."),
                       encoding="utf-8")
    assert cli("customers", "update", "4", "--based-on", "1", "--profile", str(profile)).code == 0
    assert "Lion K.K." in names(cli, "K.K.") and names(cli, "Pte.") == []


def test_upgrade_rebuilds_the_search_terms_of_an_existing_book(db_url, cli, tmp_path: Path) -> None:
    """A book written by the first revision (words split at '.') finds 'K.K.' after the upgrade."""
    import sqlalchemy as sa

    from ontime_support.book import Book
    from ontime_support.book.schema import customer_search

    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", [
        base_row(**{"customer.name": "Acme Manufacturing K.K."}), base_row(**{"customer.name": "Old Co."})]))).code == 0
    with Book.open(db_url) as book, book.engine.begin() as conn:  # what revision 0001 indexed
        conn.execute(customer_search.delete())
        conn.execute(customer_search.insert(), [
            {"customer_id": 1, "search_key": k} for k in ("acme manufacturing k.k.", "acme manufacturing", "acme",
                                                          "manufacturing", "k", "example-partner")])
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
    with Book.open(db_url, migrate=False) as old:
        assert old.search("K.K.") == []
    upgrade = cli("db", "upgrade")
    assert upgrade.code == 0 and "schema 0001 -> 0002" in upgrade.out
    assert names(cli, "K.K.") == ["Acme Manufacturing K.K."]
    assert names(cli, "Co.") == ["Old Co."]
