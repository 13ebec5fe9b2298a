"""Out-of-range numbers, windows and dates on the book's command line: one line, exit 2, never an internal error."""

from __future__ import annotations

import re

import pytest
from bookhelpers import AT, SETTINGS, base_row, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontime_support.book import Book
from ontime_support.cli.book import MAX_WINDOW_DAYS, parse_window
from ontime_support.loading.errors import InputError

HUGE = "9" * 20  # beyond SQLite's 64-bit INTEGER and PostgreSQL's 32-bit integer


@pytest.fixture
def one(db_url, cli, tmp_path):
    assert cli("customers", "import", str(write_csv(tmp_path / "c.csv", [base_row()]))).code == 0
    return cli


def one_line_exit_2(run, starts: str) -> None:
    assert run.code == 2, run
    assert run.out == "" and "internal error" not in run.err and "Traceback" not in run.err, run
    assert len(run.err.strip().splitlines()) == 1, run
    assert run.err.startswith(starts), run


@pytest.mark.parametrize("within", ["99999999d", "99999999w", "36501d", "5215w", "9" * 5000, "1" + "0" * 400 + "d"])
def test_within_too_large_names_the_allowed_range(one, within: str) -> None:
    run = one("customers", "expiring", "--within", within, "--at", AT, "--settings", SETTINGS)
    one_line_exit_2(run, "--within: ")
    assert f"0-{MAX_WINDOW_DAYS} days" in run.err


@pytest.mark.parametrize("within", ["-1d", "1.5d", "٣d", "3x", "", "d", "1 d 2"])
def test_within_not_a_window_is_one_line(one, within: str) -> None:
    run = one("customers", "expiring", f"--within={within}", "--at", AT, "--settings", SETTINGS)
    one_line_exit_2(run, "--within: ")
    assert f"0-{MAX_WINDOW_DAYS} days" in run.err


def test_largest_window_at_the_last_supported_instant_works(one) -> None:
    run = one("customers", "expiring", "--within", f"{MAX_WINDOW_DAYS}d", "--at", "2200-12-31T23:00+00:00",
              "--settings", SETTINGS)
    assert run.code == 0, run
    assert one("customers", "expiring", "--within", "0d", "--at", AT, "--settings", SETTINGS).code == 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=30) | st.from_regex(r"\A\s*[0-9]{1,12}\s*[dw]?\s*\Z"))
def test_parse_window_gives_days_in_range_or_an_input_error(text: str) -> None:
    try:
        days = parse_window(text)
    except InputError as exc:
        assert str(exc).startswith("--within: ") and "\n" not in str(exc)
        return
    assert 0 <= days <= MAX_WINDOW_DAYS
    m = re.fullmatch(r"\s*([0-9]+)\s*([dw]?)\s*", text)
    assert m is not None, f"{text!r} accepted"
    assert days == int(m.group(1)) * (7 if m.group(2) == "w" else 1)


@pytest.mark.parametrize("argv", [
    ("customers", "show", HUGE),
    ("customers", "show", "0"),
    ("customers", "show", "-5"),
    ("customers", "show", "١"),  # an Arabic-Indic one is not an id
    ("customers", "history", HUGE),
    ("customers", "restore", "1", HUGE),
    ("customers", "archive", "1", "--based-on", HUGE),
    ("customers", "unarchive", HUGE),
    ("customers", "update", "1", "--based-on", HUGE, "--notes", "x"),
    ("customers", "search", "e", "--limit", HUGE),
    ("customers", "search", "e", "--limit", "0"),
    ("customers", "search", "e", "--limit", "-1"),
    ("cases", "show", HUGE),
])
def test_numbers_out_of_range_are_refused_by_the_parser(one, argv: tuple[str, ...]) -> None:
    run = one(*argv)
    one_line_exit_2(run, "ontime-support ")
    assert re.search(r"argument [\w-]+: expected .* 1-\d+", run.err), run


@pytest.mark.parametrize("ref", [HUGE, "2147483648"])
def test_customer_reference_beyond_any_id_is_no_match(one, ref: str) -> None:
    run = one("compare", "--customer", ref, "--settings", SETTINGS, "--at", AT)
    one_line_exit_2(run, "customer ")
    assert "no such customer" in run.err
    one_line_exit_2(one("cases", "list", "--customer", ref), "customer ")


def test_book_api_treats_ids_beyond_the_column_as_missing(book: Book) -> None:
    for call in (lambda: book.get(10**20), lambda: book.history(10**20), lambda: book.case(-(10**20)),
                 lambda: book.version(1, 10**20)):
        with pytest.raises(InputError, match="no such|no version"):
            call()


@pytest.mark.parametrize("since", ["99999-01-01", "2026-13-01", "yesterday", "0000-01-01"])
def test_since_out_of_range_is_one_line(one, since: str) -> None:
    one_line_exit_2(one("cases", "list", "--since", since), "--since: ")
