"""Fixtures for the customer book: every DB test runs on SQLite, and on PostgreSQL when available.

``ONTIME_SUPPORT_TEST_PG_URL`` (e.g. ``postgresql+psycopg://u@127.0.0.1:5433/db``)
enables the PostgreSQL variants; each test starts from an empty ``public``
schema. Without it they are skipped, unless ``ONTIME_SUPPORT_REQUIRE_PG=1``,
which makes them fail (CI sets it, so a silent skip cannot pass CI).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ontime_support.book import Book
from ontime_support.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SETTINGS = str(EXAMPLES / "settings.toml")
PG_URL = os.environ.get("ONTIME_SUPPORT_TEST_PG_URL")
REQUIRE_PG = os.environ.get("ONTIME_SUPPORT_REQUIRE_PG") == "1"
PG_MISSING = "PostgreSQL not available (set ONTIME_SUPPORT_TEST_PG_URL)"


def _pg_unavailable(reason: str) -> None:
    if REQUIRE_PG:
        pytest.fail(f"{reason}; ONTIME_SUPPORT_REQUIRE_PG=1 requires the PostgreSQL tests to run")
    pytest.skip(reason)


def _reset_pg(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A URL of an empty book (SQLite file, or PostgreSQL with a fresh schema); also $ONTIME_SUPPORT_DB."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    else:
        if not PG_URL:
            _pg_unavailable(PG_MISSING)
        try:
            _reset_pg(PG_URL)  # type: ignore[arg-type]
        except sa.exc.OperationalError as exc:
            _pg_unavailable(f"PostgreSQL not reachable at ONTIME_SUPPORT_TEST_PG_URL ({str(exc.orig).strip()})")
        url = PG_URL  # type: ignore[assignment]
    monkeypatch.setenv("ONTIME_SUPPORT_DB", url)
    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    return url


@pytest.fixture
def pg_url(monkeypatch: pytest.MonkeyPatch) -> str:
    """The PostgreSQL book only (fresh schema); skipped/failed like the PostgreSQL variants."""
    if not PG_URL:
        _pg_unavailable(PG_MISSING)
    try:
        _reset_pg(PG_URL)  # type: ignore[arg-type]
    except sa.exc.OperationalError as exc:
        _pg_unavailable(f"PostgreSQL not reachable at ONTIME_SUPPORT_TEST_PG_URL ({str(exc.orig).strip()})")
    monkeypatch.setenv("ONTIME_SUPPORT_DB", PG_URL)  # type: ignore[arg-type]
    return PG_URL  # type: ignore[return-value]


@pytest.fixture
def book(db_url: str) -> Iterator[Book]:
    with Book.open(db_url) as opened:
        yield opened


class Run:
    """Result of one CLI call: exit code, stdout, stderr."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Run(code={self.code}, out={self.out[:400]!r}, err={self.err[:400]!r})"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """``cli("customers", "list")`` runs the real CLI in-process and captures its output."""
    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")

    def run(*argv: str) -> Run:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
