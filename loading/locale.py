"""The user's language from the locale: the one place the CLI and the TUI ask."""

from __future__ import annotations

import os


def default_lang() -> str:
    """Japanese when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
