"""The customer book as the TUI uses it: opened lazily, once, on first use.

The URL follows the CLI's rules (``--db``, else ``$ONTIME_SUPPORT_DB``, else the
SQLite file in the user's data directory, see :mod:`ontime_support.book.db`).
Nothing is opened or created when the TUI starts: the book is opened the first
time the agent asks for a customer (picker, renewals, ``--customer``). The
command palette only looks into a book that already exists
(:meth:`BookAccess.existing`), so typing in the palette never creates one.

No Textual here: these calls are slow (database) and run in the screens'
and the app's thread workers.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ontime_support.book.store import Book
    from ontime_support.book.records import Case, CustomerRecord, ExpiringCustomer
    from ontime_support.kernel.models import Comparison, Profile

#: The renewals screen's window, as ``customers expiring`` (default ``--within 60d``).
RENEWAL_DAYS = 60


def default_agent(agent: str | None) -> str:
    """``--agent``, else the OS user (as the CLI records it)."""
    if agent:
        return agent
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "unknown"


class BookAccess:
    """One book per TUI session, opened on first use (thread-safe)."""

    def __init__(self, url: str | None = None, book: Book | None = None) -> None:
        self.url = url
        self._book = book
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._book is not None

    def book(self) -> Book:
        """The book (opened, and its schema created or upgraded, the first time)."""
        with self._lock:
            if self._book is None:
                from ontime_support.book import Book

                self._book = Book.open(self.url)
            return self._book

    def existing(self) -> Book | None:
        """The book if it is open or already exists; ``None`` rather than create a SQLite file."""
        if self._book is not None:
            return self._book
        url = self.url or os.environ.get("ONTIME_SUPPORT_DB")
        if url is None:
            import platformdirs

            from ontime_support.book.db import APP_NAME

            if not (platformdirs.user_data_path(APP_NAME) / "book.sqlite3").is_file():
                return None
        elif url.startswith("sqlite"):
            from sqlalchemy.engine import make_url

            try:
                database = make_url(url).database or ""
            except Exception:  # noqa: BLE001 - a bad URL: the picker reports it
                return None
            if database and database != ":memory:" and not database.startswith("file:") \
                    and not Path(database).expanduser().is_file():
                return None
        return self.book()

    def close(self) -> None:
        with self._lock:
            if self._book is not None:
                self._book.close()
                self._book = None


def settings_source(settings: str | Path | None) -> tuple[str | None, str | None]:
    """The settings file in use (as the quote reads it) and its text, for the case log."""
    from ontime_support.loading import settings_file_path

    path = settings_file_path(settings)
    if path is None:
        return None, None
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except OSError:
        return str(path), None


def log_case(book: Book, *, host: Any, comparison: Comparison, profile: Profile, record: CustomerRecord,
             settings: str | Path | None, lang: str, agent: str, quote_text: str | None) -> Case:
    """Record the comparison shown as a case, as ``compare --customer ... --log`` does."""
    from ontime_support.present.json import to_json

    path, text = settings_source(settings)
    plugins = [{"name": i.name, "origin": i.origin, "status": i.status} for i in host.plugins()]
    result = json.loads(json.dumps(to_json(comparison, lang, profile), ensure_ascii=False, default=str))
    case: Case = book.log_case(at=comparison.at, profile=profile, customer=record, settings_path=path,
                         settings_text=text, plugins=plugins, lang=lang, agent=agent, result=result,
                         quote_text=quote_text)
    return case


def renewals(book: Book, host: Any, at: dt.datetime, days: int = RENEWAL_DAYS) -> list[ExpiringCustomer]:
    """Customers whose maintenance ends within ``days`` of ``at`` with the renewal fees (``customers expiring``)."""
    from ontime_support.cli.book import expiring

    return expiring(book, host, at, days)
