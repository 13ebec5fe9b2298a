"""Small builders shared by the tests (no fixtures here: see conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from ontime_support.kernel.models import Profile

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo(y: int, m: int, d: int, h: int = 12, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=TOKYO)


def edit(profile: Profile, **sections: dict[str, Any]) -> Profile:
    """``edit(p, customer={"country": "US"})``: a what-if copy via attrs.evolve."""
    changes = {name: attrs.evolve(getattr(profile, name), **values) for name, values in sections.items()}
    return attrs.evolve(profile, **changes)
