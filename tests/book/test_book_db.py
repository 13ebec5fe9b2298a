"""db upgrade/info/backup, the default location, and one-line database errors."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from bookhelpers import base_row

from ontime_support.book import Book
from ontime_support.book.csvio import parse_row


def test_db_info_and_upgrade(db_url, cli) -> None:
    info = cli("db", "info")
    assert info.code == 0 and "revision: none (no schema yet)" in info.out
    up = cli("db", "upgrade")
    assert up.code == 0 and "schema none -> 0002" in up.out
    assert "already at 0002" in cli("db", "upgrade").out
    info = cli("db", "info")
    assert "revision: 0002 (up to date)" in info.out
    assert f"url: {sa.make_url(db_url).render_as_string(hide_password=True)}" in info.out


def test_password_is_masked_and_connection_failure_is_one_line(cli, tmp_path: Path) -> None:
    url = "postgresql+psycopg://desk:s3cret@127.0.0.1:1/book"
    info = cli("db", "info", "--db", url)
    assert info.code == 2
    assert "s3cret" not in info.err and "Traceback" not in info.err
    assert info.err.startswith("postgresql+psycopg://desk:***@127.0.0.1:1/book: database error (")
    assert len(info.err.strip().splitlines()) == 1
    listed = cli("customers", "list", "--db", url)
    assert listed.code == 2 and listed.err.startswith("postgresql+psycopg://desk:***@127.0.0.1:1/book: ")
    bad = cli("customers", "list", "--db", "nosuchdb://x")
    assert bad.code == 2 and "Traceback" not in bad.err and len(bad.err.strip().splitlines()) == 1
    backup = cli("db", "backup", str(tmp_path / "copy.sqlite3"), "--db", url)
    assert backup.code == 2 and "use pg_dump" in backup.err and "s3cret" not in backup.err
    missing = cli("customers", "list", "--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}")
    assert missing.code == 2 and "does not exist" in missing.err


def test_default_book_is_a_sqlite_file_in_the_user_data_dir(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ONTIME_SUPPORT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    run = cli("customers", "list")
    assert run.code == 0, run
    info = cli("db", "info")
    assert f"url: sqlite:///{tmp_path / 'data' / 'ontime-support' / 'book.sqlite3'}" in info.out
    assert "revision: 0002 (up to date)" in info.out


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Book.open(f"sqlite:///{tmp_path / 'b.sqlite3'}") as book, book.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_backup_of_a_live_sqlite_book(tmp_path: Path, cli, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    monkeypatch.setenv("ONTIME_SUPPORT_DB", url)
    with Book.open(url) as book:
        for i in range(200):
            book.add(parse_row(base_row(**{"customer.name": f"Customer {i}"}), "t").profile, agent="seed")
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:  # keeps writing while the backup runs
        with Book.open(url) as book:
            i = 0
            while not stop.is_set():
                book.add(parse_row(base_row(**{"customer.name": f"Live {i}"}), "t").profile, agent="live")
                written.append(i)
                i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    # An open reader in the middle of a transaction, too.
    with Book.open(url) as reader, reader.engine.connect() as held:
        held.exec_driver_sql("BEGIN")
        held.exec_driver_sql("SELECT count(*) FROM customers").scalar()
        deadline = time.monotonic() + 30
        while len(written) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        run = cli("db", "backup", str(tmp_path / "copy.sqlite3"))
        held.exec_driver_sql("ROLLBACK")
    stop.set()
    thread.join()
    assert run.code == 0, run
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        customers = copy.execute("SELECT count(*) FROM customers").fetchone()[0]
        versions = copy.execute("SELECT count(*) FROM customer_versions").fetchone()[0]
    finally:
        copy.close()
    assert 205 <= customers <= 200 + len(written) and versions == customers  # consistent snapshot
    with Book.open(f"sqlite:///{tmp_path / 'copy.sqlite3'}") as restored:
        assert restored.get(1).name == "Customer 0"
    again = cli("db", "backup", str(tmp_path / "copy.sqlite3"))
    assert again.code == 2 and "file exists" in again.err


def test_backup_is_refused_for_postgresql(pg_url, cli, tmp_path: Path) -> None:
    run = cli("db", "backup", str(tmp_path / "x.sqlite3"))
    assert run.code == 2 and "use pg_dump" in run.err and not (tmp_path / "x.sqlite3").exists()
