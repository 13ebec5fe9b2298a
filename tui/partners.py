"""The partner directory as the form's choices: ``[(id, name), ...]``.

The TUI does not look inside a plugin (plugins are not part of its API). It
reads the same two files the partner plugin documents: the settings file's
``[partner] directory`` (a path relative to the settings file) and, in that
directory file, ``[partners.<id>] name``. The host has already validated both
files when it was built, so anything unreadable here just means no choices.
"""

from __future__ import annotations

import tomllib
from pathlib import Path


def partner_directory(settings: str | Path | None) -> list[tuple[str, str]]:
    """``(id, name)`` of every partner in the directory named by ``settings`` (the bundled example when None)."""
    if settings is None:
        from ontime_support.examples import settings_path

        settings = settings_path()
    path = Path(settings)
    try:
        with path.open("rb") as fh:
            directory = tomllib.load(fh).get("partner", {}).get("directory", "")
        if not isinstance(directory, str) or not directory:
            return []
        with (path.parent / directory).open("rb") as fh:
            partners = tomllib.load(fh).get("partners", {})
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return []
    if not isinstance(partners, dict):
        return []
    return [(str(pid), str(entry.get("name", pid)) if isinstance(entry, dict) else str(pid))
            for pid, entry in partners.items()]
