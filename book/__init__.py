"""The customer book and the case log (issue #10).

``Book.open(url)`` opens (and migrates) a book; see :mod:`.store` for the API.
Names are imported lazily, so ``import ontime_support.book._deps`` stays light.
"""

from __future__ import annotations

from typing import Any

#: The largest id or version number the integer columns hold on both databases (PostgreSQL ``integer``);
#: here, not in :mod:`.schema`, so the command line can check ids without importing SQLAlchemy.
MAX_ID = 2**31 - 1

__all__ = ["MAX_ID", "Book", "Case", "ConflictError", "CustomerHit", "CustomerRecord", "CustomerVersion",
           "ExpiringCustomer", "ImportSummary"]


def __getattr__(name: str) -> Any:
    if name in ("Book", "ConflictError", "CustomerHit"):
        from . import store

        return getattr(store, name)
    if name in __all__[1:]:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
