"""The customer book and the case log (issue #10).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = ("customer_versions", "cases")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    binary_text = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("partner", sa.Text, nullable=True),
        sa.Column("natural_key", sa.Text, nullable=False),
        sa.Column("search_key", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("active_until", sa.Date, nullable=True),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("profile_json", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
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
        sa.Column("profile_json", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("changed", sa.Text, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("logged_at", _utc(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("at_text", sa.Text, nullable=False),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=True),
        sa.Column("customer_version", sa.Integer, nullable=True),
        sa.Column("profile_json", sa.Text, nullable=False),
        sa.Column("settings_path", sa.Text, nullable=True),
        sa.Column("settings_text", sa.Text, nullable=True),
        sa.Column("plugins_json", sa.Text, nullable=False),
        sa.Column("lang", sa.Text, nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("recommended", sa.Text, nullable=False),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.Column("quote_text", sa.Text, nullable=True),
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
