"""Helpers for the customer-book tests (CSV rows and files)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ontime_support.book.csvio import column_names

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = str(ROOT / "examples" / "settings.toml")
AT = "2026-11-27T10:00+09:00"


def base_row(**overrides: Any) -> dict[str, str]:
    """A valid CSV row (a partner customer) with some cells replaced."""
    row = {
        "customer.name": "Example K.K.",
        "customer.country": "JP",
        "customer.timezone": "Asia/Tokyo",
        "customer.languages": "ja;en",
        "customer.purchased_from": "partner",
        "customer.partner": "example-partner",
        "customer.partner_supports_ontime": "true",
        "customer.platform": "exchange",
        "customer.platform_supported_by": "other_partner",
        "maintenance.active_until": "2027-03-31",
        "licenses.purchased_list_price_jpy": "1200000",
        "licenses.newest_list_price_jpy": "1350000",
        "usage.expected_spot_hours": "3.5",
    }
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def write_csv(path: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    """Write rows with the union of their keys as the header (only known columns)."""
    header = [c for c in column_names() if any(c in r for r in rows) or c in extra]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: r.get(k, "") for k in header})
    return path
