"""The book's tables (SQLAlchemy Core). Alembic revisions in ``migrations/`` create them.

* ``customers``: the current version of each customer (profile JSON plus
  denormalised columns for listing, search and expiry).
* ``customer_search``: one row per search term of a customer; a query is a
  prefix range scan on its primary key (binary collation on both databases).
* ``customer_versions``: every version ever saved (append-only).
* ``cases``: the case log (append-only).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware instant, stored in UTC (naive UTC text on SQLite, timestamptz on PostgreSQL)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: the book stores aware instants only")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


#: Binary ordering for prefix range scans (SQLite compares bytes already).
BinaryText = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")



def _texts(*names: str, nullable: bool = False) -> list[sa.Column[str]]:
    """Plain text columns, in order (``NOT NULL`` unless ``nullable``)."""
    return [sa.Column(name, sa.Text, nullable=nullable) for name in names]


customers = sa.Table(
    "customers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("partner", sa.Text, nullable=True),
    sa.Column("natural_key", sa.Text, nullable=False, index=True),
    sa.Column("search_key", sa.Text, nullable=False),
    sa.Column("tags", sa.Text, nullable=False),  # JSON list
    sa.Column("active_until", sa.Date, nullable=True),
    sa.Column("archived", sa.Boolean, nullable=False),
    sa.Column("profile_json", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
    sa.Index("ix_customers_expiry", "archived", "active_until"),
)

customer_search = sa.Table(
    "customer_search", metadata,
    sa.Column("search_key", BinaryText, primary_key=True),
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), primary_key=True),
    sa.Index("ix_customer_search_customer", "customer_id"),
)

customer_versions = sa.Table(
    "customer_versions", metadata,
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    *_texts("profile_json", "notes", "tags"),
    sa.Column("archived", sa.Boolean, nullable=False),
    *_texts("agent"),
    sa.Column("at", UTCDateTime, nullable=False),
    *_texts("changed"),  # JSON list of dotted keys
)

cases = sa.Table(
    "cases", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("logged_at", UTCDateTime, nullable=False, index=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("at_text", sa.Text, nullable=False),  # as asked, with its offset
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=True, index=True),
    sa.Column("customer_version", sa.Integer, nullable=True),
    *_texts("profile_json"),
    *_texts("settings_path", "settings_text", nullable=True),
    *_texts("plugins_json", "lang", "agent", "recommended", "result_json"),  # recommended: JSON list of option ids
    *_texts("quote_text", nullable=True),
)
