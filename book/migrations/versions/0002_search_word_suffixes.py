"""Search terms from each word of the name on, so "K.K." and "Co., Ltd." are found.

Revision 0001 indexed each word of a name with its punctuation cut off (``k``
for ``K.K.``), so a query ending in a period matched nothing. The terms are
now the folded name from the start of each of its words (``manufacturing
k.k.``, ``k.k.``). This revision rebuilds ``customer_search`` for the active
customers; the table's shape does not change.

The terms are derived data: they are computed with the tool's own rule
(``ontime_support.book.normalise.search_terms``), the one every later save
uses. The tables are spelt out here, not imported from the live schema.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from ontime_support.book.normalise import search_terms

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 5000

_customers = sa.table("customers", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                      sa.column("partner", sa.Text), sa.column("tags", sa.Text), sa.column("archived", sa.Boolean))
_search = sa.table("customer_search", sa.column("search_key", sa.Text), sa.column("customer_id", sa.Integer))


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(_search.delete())
    last = 0
    while True:
        rows = conn.execute(
            sa.select(_customers.c.id, _customers.c.name, _customers.c.partner, _customers.c.tags)
            .where(_customers.c.archived == sa.false(), _customers.c.id > last)
            .order_by(_customers.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return
        conn.execute(_search.insert(), [
            {"customer_id": r.id, "search_key": term}
            for r in rows for term in search_terms(r.name, r.partner, tuple(json.loads(r.tags)))])
        last = rows[-1].id


def downgrade() -> None:
    """Nothing to undo: revision 0001's code matches prefixes of these terms the same way."""
