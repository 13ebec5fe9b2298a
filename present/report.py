"""Deprecated: the old module path, kept while the TUI still imports from it.

Everything here lives in :mod:`ontime_support.present` now (see its docstring);
delete this file once ``grep -rn present.report`` finds nothing.
"""

from __future__ import annotations

from . import (
    CHANNEL_LABELS,
    MATTER_LABELS,
    STATUS_LABELS,
    WEEKDAY_NAMES,
    money,
    number,
    to_json,
    to_markdown,
    weekly_text,
)

__all__ = ["CHANNEL_LABELS", "MATTER_LABELS", "STATUS_LABELS", "WEEKDAY_NAMES", "money", "number", "to_json",
           "to_markdown", "weekly_text"]
