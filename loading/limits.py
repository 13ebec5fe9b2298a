"""The bounds on input, in one place (documented in ``docs/reliability.md``).

Profiles, settings and partner directories are small hand-written files; a
batch line is one profile. Anything far outside what a real customer needs
is refused with a one-line :class:`InputError` before it can cost memory,
time, or a traceback deep in a renderer.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from ontime_support.loading.errors import InputError

#: Environment variable overriding :data:`DEFAULT_MAX_FILE_BYTES` (a whole number of bytes).
ENV_MAX_FILE_BYTES = "ONTIME_SUPPORT_MAX_FILE_BYTES"
#: Largest profile, settings or partner-directory file, and largest batch line: 1 MiB.
DEFAULT_MAX_FILE_BYTES = 1024 * 1024
#: Deepest nesting of tables/arrays (TOML) or objects/arrays (JSON). A profile needs 3.
MAX_DEPTH = 32
#: Largest amount of money in a profile: one trillion yen (10^12 JPY).
MAX_YEN = 10**12
#: Largest number of hours in a profile (expected spot hours a year): more than a year has.
MAX_HOURS = Decimal(10_000)
#: ``--at`` must fall in these years (the business calendars answer far beyond; these are sane).
AT_MIN_YEAR = 1970
AT_MAX_YEAR = 2200


def max_file_bytes() -> int:
    """The file and line size limit: ``$ONTIME_SUPPORT_MAX_FILE_BYTES`` or 1 MiB."""
    raw = os.environ.get(ENV_MAX_FILE_BYTES, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_BYTES
    if not raw.isascii() or not raw.isdigit() or len(raw) > 15 or int(raw) <= 0:
        from .messages import shown

        raise InputError(f"${ENV_MAX_FILE_BYTES}", None, f"expected a positive whole number of bytes, got {shown(raw)}")
    return int(raw)


def depth_exceeds(data: object, limit: int = MAX_DEPTH) -> bool:
    """Is ``data`` (parsed TOML/JSON) nested more than ``limit`` containers deep? Iterative."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: object = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children  # type: ignore[attr-defined]
                     if isinstance(child, dict | list))
    return False


def check_instant(at: dt.datetime, source: str = "--at") -> dt.datetime:
    """``at`` itself, or an :class:`InputError` when outside years AT_MIN_YEAR..AT_MAX_YEAR."""
    if not AT_MIN_YEAR <= at.year <= AT_MAX_YEAR:
        raise InputError(source, None, f"{at.date().isoformat()} is outside the supported years "
                                       f"{AT_MIN_YEAR}-{AT_MAX_YEAR}")
    return at
