"""The book's records: frozen attrs classes, aware UTC instants, integer JPY."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._deps import Profile, Text


@attrs.frozen(kw_only=True)
class CustomerRecord:
    """A customer as stored now: the profile plus id, version, notes and tags."""

    id: int
    version: int
    profile: Profile
    notes: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    updated_at: dt.datetime
    updated_by: str

    @property
    def name(self) -> str:
        return self.profile.customer.name

    @property
    def partner(self) -> str | None:
        return self.profile.customer.partner


@attrs.frozen(kw_only=True)
class CustomerVersion:
    """One saved version of a customer: who, when, and which dotted keys changed."""

    customer_id: int
    version: int
    profile: Profile
    notes: str
    tags: tuple[str, ...]
    archived: bool
    agent: str
    at: dt.datetime
    changed: tuple[str, ...]

    def change_names(self) -> tuple[str, ...]:
        """``changed`` as an event list: the ``archived`` key becomes ``archived`` or ``unarchived``."""
        return tuple(("archived" if self.archived else "unarchived") if key == "archived" else key
                     for key in self.changed)


@attrs.frozen(kw_only=True)
class Case:
    """One logged comparison (append-only)."""

    id: int
    logged_at: dt.datetime
    at: dt.datetime
    at_text: str
    customer_id: int | None
    customer_version: int | None
    profile_data: dict[str, Any] = attrs.field(eq=False)
    settings_path: str | None
    settings_text: str | None
    plugins: tuple[dict[str, Any], ...]
    lang: str
    agent: str
    recommended: tuple[str, ...]
    result: dict[str, Any] = attrs.field(eq=False)
    quote_text: str | None


@attrs.frozen(kw_only=True)
class ExpiringCustomer:
    """A customer whose maintenance ends within the window, with the renewal's annual fees."""

    customer: CustomerRecord
    active_until: dt.date
    days_left: int
    annual_fees_jpy: dict[str, int]  # option id -> annual fee, from the comparison's pricing
    option_titles: dict[str, Text] = attrs.field(factory=dict)  # option id -> its title (both languages)


@attrs.frozen(kw_only=True)
class ImportSummary:
    """What an import did: ``N rows, M imported, K unchanged, F failed``."""

    rows: int
    imported: int
    unchanged: int
    failed: int
    errors: tuple[str, ...]
    rolled_back: bool = False

    def line(self) -> str:
        text = f"{self.rows} rows, {self.imported} imported, {self.unchanged} unchanged, {self.failed} failed"
        if self.rolled_back:
            text += " (--all-or-nothing: nothing imported)"
        return text
