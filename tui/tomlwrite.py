"""A tiny TOML writer for profiles (the stdlib reads TOML but cannot write it).

Profiles are one level of tables holding strings, booleans, numbers, dates and
lists of strings: that is all this writes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def dumps(data: dict[str, Any], header: str | None = None) -> str:
    """Write ``{table: {key: value}}`` (plus top-level scalars) as TOML text."""
    out: list[str] = []
    if header:
        out.extend(f"# {line}" for line in header.splitlines())
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
    for key, value in scalars.items():
        out.append(f"{key} = {_value(value)}")
    for table, values in data.items():
        if not isinstance(values, dict):
            continue
        if out:
            out.append("")
        out.append(f"[{table}]")
        for key, value in values.items():
            if value is None:
                continue
            out.append(f"{key} = {_value(value)}")
    return "\n".join(out) + "\n"
