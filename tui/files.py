"""Files the TUI writes: atomically, never silently replacing or writing through a link.

:func:`write_atomic` writes a temp file in the target's directory and
``os.replace``-s it over the target, so a crash leaves the old file or the new
one, never half of each. When the target is a symbolic link the file it points
to is replaced (the link stays) — callers say so first (:func:`check_target`).
:func:`profile_toml` keeps a profile file's comments, key order and number
formatting (tomlkit): only the values that changed are rewritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import attrs
import tomlkit
from tomlkit.items import Table


@attrs.frozen(kw_only=True)
class Target:
    path: Path
    exists: bool
    symlink: bool
    real: Path


def check_target(path: str | Path) -> Target:
    """What writing ``path`` would do: replace a file? go through a symbolic link?"""
    p = Path(path).expanduser()
    return Target(path=p, exists=p.exists(), symlink=p.is_symlink(), real=p.resolve())


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; through a link, the linked file is replaced.

    :raises OSError: the directory is not writable, the disk is full, ...
    """
    target = check_target(path)
    real = target.real if target.symlink else target.path
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if real.exists():
            os.chmod(tmp, real.stat().st_mode & 0o7777)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return real


def _merge(table: Any, data: dict[str, Any]) -> None:
    """Update ``table`` (a tomlkit container) to hold ``data``, touching only what differs."""
    for key in [k for k in table if k not in data]:
        del table[key]
    for key, value in data.items():
        if isinstance(value, dict):
            current = table.get(key)
            if not isinstance(current, dict | Table):
                table[key] = tomlkit.table()
            _merge(table[key], value)
            continue
        current = table.get(key)
        plain = current.unwrap() if hasattr(current, "unwrap") else current
        if key in table and plain == value and type(plain) is type(value):
            continue  # unchanged: keep its formatting and trailing comment
        if isinstance(value, list):
            table[key] = tomlkit.array(value)  # type: ignore[arg-type]
        else:
            table[key] = value


def profile_toml(data: dict[str, Any], original: str | None = None,
                 header: str = "OnTime support profile (saved by the TUI)") -> str:
    """``data`` (plain profile data) as TOML; when ``original`` is given, its comments and layout are kept."""
    if original is not None:
        document = tomlkit.parse(original)
    else:
        document = tomlkit.document()
        document.add(tomlkit.comment(header))
    _merge(document, data)
    return tomlkit.dumps(document)
