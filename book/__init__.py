"""The customer book and the case log (issue #10).

``Book.open(url)`` opens (and migrates) a book; see :mod:`.store` for the API.
"""

from __future__ import annotations

from .records import Case, CustomerRecord, CustomerVersion, ExpiringCustomer, ImportSummary
from .store import Book, ConflictError, CustomerHit

__all__ = ["Book", "Case", "ConflictError", "CustomerHit", "CustomerRecord", "CustomerVersion",
           "ExpiringCustomer", "ImportSummary"]
