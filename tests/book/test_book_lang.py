"""--lang ja on the book's commands (list, show, history, expiring), option titles for fees, and "unarchived"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bookhelpers import AT, SETTINGS, base_row, write_csv

from ontime_support.loading import build_host
from ontime_support.present.labels import label

ASCII_WORD = re.compile(r"\b[a-z]{3,}\b")


@pytest.fixture
def filled(db_url, cli, tmp_path: Path):
    rows = [base_row(**{"customer.name": "Hanabi K.K.", "maintenance.active_until": "2026-12-20"}, tags="vip",
                     notes="renewal call in December"),
            base_row(**{"customer.name": "株式会社サクラ商事", "maintenance.active_until": "2027-06-30"})]
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", rows, extra=("tags", "notes")))).code == 0
    return cli


def _fees(lang: str) -> list[tuple[str, str, int]]:
    """(option id, title in ``lang``, annual fee) of the priced options for the fixture's first customer."""
    import datetime as dt

    from ontime_support.book.csvio import parse_row

    profile = parse_row(base_row(**{"customer.name": "Hanabi K.K.", "maintenance.active_until": "2026-12-20"}),
                        "t").profile
    comparison = build_host(settings_path=SETTINGS, autoload=False).compare(profile, dt.datetime.fromisoformat(AT))
    return [(r.option.id, r.option.title(lang), r.pricing.annual_fee_jpy) for r in comparison.options
            if r.pricing is not None and r.pricing.annual_fee_jpy is not None]


def _titles(lang: str) -> dict[str, str]:
    return {oid: title for oid, title, _ in _fees(lang)}


def test_expiring_in_japanese_uses_titles_yen_and_the_japanese_mnt1_sentence(filled) -> None:
    run = filled("--lang", "ja", "customers", "expiring", "--within", "400d", "--at", AT, "--settings", SETTINGS)
    assert run.code == 0, run
    fees = _fees("ja")
    assert len(fees) >= 2
    assert "、".join(f"{title} {fee:,}円" for _, title, fee in fees) in run.out
    assert "年間費用" in run.out and "保守期限" in run.out and "円" in run.out
    assert label("book.mnt1_note", "ja") in run.out and label("book.mnt1_note", "en") not in run.out
    assert "customer(s)" not in run.out and "days left" not in run.out and "MNT-1" in run.out
    last = run.out.strip().splitlines()[-1]
    assert last.startswith(f"{AT[:10]} から 400 日以内") and "2 件" in last


def test_expiring_in_english_names_options_by_title_too(filled) -> None:
    run = filled("--lang", "en", "customers", "expiring", "--within", "60d", "--at", AT, "--settings", SETTINGS)
    assert run.code == 0, run
    assert "; ".join(f"{title} {fee:,} JPY" for _, title, fee in _fees("en")) in run.out
    assert "JPY" in run.out and "1 customer(s) within 60 days of 2026-11-27." in run.out
    data = json.loads(filled("--lang", "ja", "customers", "expiring", "--within", "60d", "--at", AT,
                             "--settings", SETTINGS, "--format", "json").out)
    assert data["note"] == label("book.mnt1_note", "ja")
    entry = data["customers"][0]
    assert set(entry["option_titles"]) == set(entry["annual_fees_jpy"])  # ids stay the JSON keys
    assert entry["option_titles"] == _titles("ja")


@pytest.mark.parametrize("argv", [("customers", "list"), ("customers", "search", "hanabi"), ("customers", "show", "1"),
                                  ("customers", "history", "1")])
def test_tables_in_japanese_have_no_english_headings(filled, argv: tuple[str, ...]) -> None:
    ja = filled("--lang", "ja", *argv)
    en = filled("--lang", "en", *argv)
    assert ja.code == en.code == 0, (ja, en)
    ja_head, en_head = ja.out.splitlines()[0], en.out.splitlines()[0]
    assert ja_head != en_head
    assert not ASCII_WORD.search(ja_head.replace("Hanabi", "")), ja_head  # no English word left in the heading


def test_show_in_japanese(filled) -> None:
    out = filled("--lang", "ja", "customers", "show", "1").out
    assert out.startswith("顧客 1: Hanabi K.K.\n版 1（")
    assert "タグ: vip" in out and "備考: renewal call in December" in out
    assert "saved by" not in out and "version" not in out


def test_history_says_unarchived_for_an_unarchive(filled) -> None:
    cli = filled
    assert cli("customers", "archive", "1").out.strip() == "customer 1: archived (version 2)"
    assert cli("customers", "unarchive", "1").out.strip() == "customer 1: unarchived (version 3)"
    lines = cli("customers", "history", "1").out.splitlines()
    assert [line.split()[-1] for line in lines[1:]] == ["created", "archived", "unarchived"]
    ja = cli("--lang", "ja", "customers", "history", "1").out.splitlines()
    assert [line.split()[-1] for line in ja[1:]] == ["新規登録", "アーカイブ", "アーカイブ解除"]
    assert cli("--lang", "ja", "customers", "archive", "1").out.strip() == "顧客 1: アーカイブしました（版 4）"
    data = json.loads(cli("customers", "history", "1", "--format", "json").out)
    assert [v["archived"] for v in data] == [False, True, False, True]


def test_history_lists_other_changes_with_the_unarchive(filled, tmp_path: Path) -> None:
    cli = filled
    assert cli("customers", "archive", "1").code == 0
    assert cli("customers", "restore", "1", "1").code == 0  # version 1 was not archived: an unarchive
    last = cli("customers", "history", "1").out.splitlines()[-1]
    assert last.split()[-1] == "unarchived"
    assert cli("customers", "update", "1", "--based-on", "3", "--notes", "new").code == 0
    assert cli("customers", "history", "1").out.splitlines()[-1].split()[-1] == "notes"
