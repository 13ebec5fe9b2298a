"""Where the book lives and how it is opened, migrated and backed up.

* URL: ``--db URL``, else ``$ONTIME_SUPPORT_DB``, else a SQLite file in the
  user's data directory (``platformdirs.user_data_path("ontime-support")``).
* SQLite connections get WAL, foreign keys and a busy timeout.
* The schema is upgraded to the newest Alembic revision on first use.
* Connection problems become one :class:`InputError` line naming the masked URL.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from ._deps import InputError

ENV_DB = "ONTIME_SUPPORT_DB"
APP_NAME = "ontime-support"


def default_url() -> str:
    """The SQLite book in the user's data directory (the directory is created)."""
    import platformdirs

    folder = platformdirs.user_data_path(APP_NAME)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'book.sqlite3'}"


def resolve_url(url: str | None = None) -> str:
    """``url`` if given, else ``$ONTIME_SUPPORT_DB``, else :func:`default_url`."""
    return url or os.environ.get(ENV_DB) or default_url()


def mask(url: str | sa.URL) -> str:
    """The URL with its password hidden (``***``), for messages and ``db info``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparsable URL>"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def create_engine(url: str) -> Engine:
    """An engine for ``url``; bad URLs and missing drivers are an InputError."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise InputError("--db", None, f"not a database URL: {url!r}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                raise InputError(mask(parsed), None, f"cannot open database: folder {str(folder)!r} does not exist")
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise InputError(mask(parsed), None, f"cannot use this database URL ({_first_line(exc)})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextlib.contextmanager
def connection_errors(url: str | sa.URL) -> Iterator[None]:
    """Turn a database failure into one line: ``postgresql+psycopg://u:***@h/db: cannot connect (...)``."""
    try:
        yield
    except sa.exc.OperationalError as exc:
        raise InputError(mask(url), None, f"database error ({_first_line(exc)})") from None
    except (sa.exc.InterfaceError, sa.exc.DatabaseError) as exc:
        raise InputError(mask(url), None, f"database error ({_first_line(exc)})") from None


# --------------------------------------------------------------------------- migrations


def _alembic_config(connection: sa.Connection) -> Any:
    from alembic.config import Config

    config = Config()
    location = importlib.resources.files("ontime_support.book") / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of the tool."""
    from alembic.script import ScriptDirectory

    location = importlib.resources.files("ontime_support.book") / "migrations"
    heads = ScriptDirectory(str(location)).get_heads()
    return heads[0]


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at (``None``: no schema yet)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    from alembic import command

    with connection_errors(engine.url):
        with engine.begin() as connection:
            before = current_revision(connection)
            head = head_revision()
            if before != head:
                command.upgrade(_alembic_config(connection), "head")
    return before, head


def ensure_schema(engine: Engine) -> None:
    """Upgrade only when needed (cheap check on every open)."""
    with connection_errors(engine.url):
        with engine.connect() as connection:
            current = current_revision(connection)
    if current != head_revision():
        upgrade(engine)


# --------------------------------------------------------------------------- backup


def backup(engine: Engine, target: str | Path) -> Path:
    """A consistent copy of a SQLite book, even while others write to it.

    Uses sqlite3's online backup API on the raw connection. PostgreSQL books
    are refused: use ``pg_dump``.
    """
    if engine.dialect.name != "sqlite":
        raise InputError(mask(engine.url), None,
                         "db backup copies SQLite books only; for PostgreSQL use pg_dump (see docs/customer-book.md)")
    target = Path(target)
    if target.exists():
        raise InputError(str(target), None, "file exists; choose a new file name")
    if not target.parent.is_dir():
        raise InputError(str(target), None, "folder does not exist")
    with connection_errors(engine.url):
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            dest = sqlite3.connect(str(target))
            try:
                raw.backup(dest)
            finally:
                dest.close()
    return target
