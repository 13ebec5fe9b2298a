"""Alembic environment of the customer book.

Run only programmatically (``ontime_support.book.db.upgrade``), which passes
an open connection in ``config.attributes["connection"]``; no alembic.ini.
"""

from __future__ import annotations

from alembic import context

from ontime_support.book.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - offline mode is not offered
    raise RuntimeError("the book's migrations run through ontime_support.book.db.upgrade()")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
