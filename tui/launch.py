"""Placeholder launcher, replaced by the TUI work (issue #3)."""

from __future__ import annotations


def launch(**kwargs: object) -> int:
    raise SystemExit("the TUI is not built yet")
