"""The customer book and the case log (issue #10).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = ("customer_versions", "cases")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


# This revision is frozen: it spells out its columns (it never imports the live schema, which moves on).
def _required(name: str, type_: Any = sa.Text) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=False)


def _optional(name: str, type_: Any = sa.Text) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=True)


def upgrade() -> None:
    binary_text = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _required("version", sa.Integer),
        _required("name"),
        _optional("partner"),
        _required("natural_key"),
        _required("search_key"),
        _required("tags"),
        _optional("active_until", sa.Date),
        _required("archived", sa.Boolean),
        _required("profile_json"),
        _required("notes"),
        _required("updated_at", _utc()),
        _required("updated_by"),
    )
    op.create_index("ix_customers_natural_key", "customers", ["natural_key"])
    op.create_index("ix_customers_expiry", "customers", ["archived", "active_until"])
    op.create_table(
        "customer_search",
        sa.Column("search_key", binary_text, primary_key=True),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), primary_key=True),
    )
    op.create_index("ix_customer_search_customer", "customer_search", ["customer_id"])
    op.create_table(
        "customer_versions",
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        _required("profile_json"),
        _required("notes"),
        _required("tags"),
        _required("archived", sa.Boolean),
        _required("agent"),
        _required("at", _utc()),
        _required("changed"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _required("logged_at", _utc()),
        _required("at", _utc()),
        _required("at_text"),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=True),
        _optional("customer_version", sa.Integer),
        _required("profile_json"),
        _optional("settings_path"),
        _optional("settings_text"),
        _required("plugins_json"),
        _required("lang"),
        _required("agent"),
        _required("recommended"),
        _required("result_json"),
        _optional("quote_text"),
    )
    op.create_index("ix_cases_logged_at", "cases", ["logged_at"])
    op.create_index("ix_cases_customer_id", "cases", ["customer_id"])

    # Append-only tables: the database itself refuses UPDATE and DELETE.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION ontime_support_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in _APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ontime_support_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _APPEND_ONLY:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for table in ("cases", "customer_versions", "customer_search", "customers"):
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ontime_support_append_only()")
