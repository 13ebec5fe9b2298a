"""CSV columns of the book: the profile's dotted keys, typed by the profile model.

A column is a dotted key such as ``customer.name`` or
``licenses.purchased_list_price_jpy``, plus optional ``id``, ``notes`` and
``tags``. Cells are converted by the field's type in the model (whole numbers
for ``_jpy``, ``true``/``false`` for booleans, ``;`` between list items,
ISO dates); an empty cell means the key is absent. The result is validated by
the same loader as the profile TOML (``profile_from_data``).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from ._deps import InputError, Profile, profile_from_data

EXTRA_COLUMNS = ("id", "notes", "tags")
LIST_SEPARATOR = ";"
_WHOLE = re.compile(r"^[+-]?[0-9]+$")


def _plain_type(tp: Any) -> Any:
    """``X | None`` -> ``X``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


@functools.cache
def profile_columns() -> tuple[tuple[str, str], ...]:
    """``(dotted key, kind)`` for every profile field, in the model's order.

    kind is one of ``str``, ``bool``, ``int``, ``decimal``, ``date``, ``list``.
    """
    columns: list[tuple[str, str]] = []
    for section in attrs.fields(Profile):
        section_cls = _plain_type(typing.get_type_hints(Profile)[section.name])
        hints = typing.get_type_hints(section_cls)
        for field in attrs.fields(section_cls):
            tp = _plain_type(hints[field.name])
            if tp is bool:
                kind = "bool"
            elif tp is int:
                kind = "int"
            elif tp is Decimal:
                kind = "decimal"
            elif tp is dt.date:
                kind = "date"
            elif typing.get_origin(tp) is tuple:
                kind = "list"
            elif tp is str or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
                kind = "str"
            else:  # pragma: no cover - a new field type needs a rule here
                raise TypeError(f"no CSV rule for {section.name}.{field.name}: {tp!r}")
            columns.append((f"{section.name}.{field.name}", kind))
    return tuple(columns)


def column_names() -> list[str]:
    """The export header: ``id``, every profile key, ``notes``, ``tags``."""
    return ["id", *(key for key, _kind in profile_columns()), "notes", "tags"]


def check_header(header: list[str], source: str) -> None:
    known = {key for key, _ in profile_columns()} | set(EXTRA_COLUMNS)
    seen: set[str] = set()
    for name in header:
        if name not in known:
            raise InputError(source, None, f"unknown column {name!r} (columns are the profile's dotted keys, "
                                           "e.g. customer.name, plus id, notes, tags)")
        if name in seen:
            raise InputError(source, None, f"column {name!r} appears twice")
        seen.add(name)


def _cell(kind: str, text: str) -> Any:
    if kind == "int":
        if not _WHOLE.match(text):
            raise ValueError(f"expected a whole number, got {text!r}")
        return int(text)
    if kind == "bool":
        lowered = text.lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"expected true or false, got {text!r}")
        return lowered == "true"
    if kind == "list":
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    return text  # str, enum, ISO date and decimal strings: the loader checks them


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in text.split(LIST_SEPARATOR) if t.strip()))


@attrs.frozen(kw_only=True)
class Row:
    """One valid CSV row: the profile and the book's own columns (``None`` = column absent).

    ``plain`` is the profile's plain data (:func:`profile_plain`), when the
    parser already has it.
    """

    id: int | None
    profile: Profile
    notes: str | None
    tags: tuple[str, ...] | None
    plain: dict[str, Any] | None = attrs.field(default=None, eq=False, repr=False)


def _plain_fields(value: attrs.AttrsInstance) -> dict[str, Any]:
    return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))
            if getattr(value, f.name) is not None}


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return _plain_fields(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)  # exact text ("3.0" stays "3.0"); the loader reads it back exactly
    return value


def profile_plain(profile: Profile) -> dict[str, Any]:
    """Plain data of a profile: ``unstructure_profile``'s, except Decimals keep their exact text.

    (A fast walk over the attrs fields; ``tests/book`` checks it against
    ``unstructure_profile``.) Dates stay ``datetime.date`` (JSON: ISO strings).
    """
    return _plain_fields(profile)


_SECTIONS = tuple(f.name for f in attrs.fields(Profile))
#: Customer fields that are any string (no rule but the type): not part of the section cache key.
_FREE_TEXT = ("name", "partner")
_CACHE_LIMIT = 4096


class RowParser:
    """Parses the rows of one CSV file (header known), validating fast.

    Every row is validated by ``profile_from_data``, except when each of its
    sections has the very same cells as a section ``profile_from_data``
    already accepted in this file (the customer section compared without
    ``name`` and ``partner``, which are any string). Then the profile is
    assembled from those validated sections, with ``attrs.evolve`` and
    ``Profile(...)`` re-running the field validators and the rules between
    fields. Errors therefore always come from ``profile_from_data``. The
    caches are bounded (flat memory).
    """

    def __init__(self, header: list[str]) -> None:
        kinds = dict(profile_columns())
        present = [key for key in header if key not in EXTRA_COLUMNS]
        self._cells = [(key, *key.split(".", 1), kinds[key]) for key in present]
        self._groups = tuple(
            (section, tuple(k for k in present if k.split(".", 1)[0] == section
                            and not (section == "customer" and k.split(".", 1)[1] in _FREE_TEXT)))
            for section in _SECTIONS
        )
        self._free = tuple((name, f"customer.{name}" if f"customer.{name}" in present else None)
                           for name in _FREE_TEXT)
        self._has_notes = "notes" in header
        self._has_tags = "tags" in header
        self._cache: dict[str, dict[tuple[str, ...], tuple[Any, dict[str, Any] | None]]] = {
            section: {} for section in _SECTIONS}

    def parse(self, row: dict[str, str], source: str) -> Row:
        """A validated :class:`Row`, or a one-line :class:`InputError` (``source: field: problem``)."""
        profile_plain_pair = self._fast(row)
        if profile_plain_pair is None:
            profile_plain_pair = self._slow(row, source)
        profile, plain = profile_plain_pair
        ident: int | None = None
        id_text = (row.get("id") or "").strip()
        if id_text:
            if not _WHOLE.match(id_text) or int(id_text) <= 0:
                raise InputError(source, "id", f"expected a positive whole number, got {id_text!r}")
            ident = int(id_text)
        notes = from_spreadsheet(row["notes"] or "") if self._has_notes else None
        tags = (split_tags(from_spreadsheet(row["tags"])) if row["tags"] else ()) if self._has_tags else None
        return Row(id=ident, profile=profile, notes=notes, tags=tags, plain=plain)

    def _fast(self, row: dict[str, str]) -> tuple[Profile, dict[str, Any]] | None:
        found = []
        for section, keys in self._groups:
            hit = self._cache[section].get(tuple([row[k] for k in keys]))
            if hit is None:
                return None
            found.append((section, hit))
        free: dict[str, str | None] = {}
        for name, key in self._free:
            text = from_spreadsheet((row[key] or "").strip()) if key else ""
            free[name] = text or None
        if free["name"] is None:
            return None
        kwargs: dict[str, Any] = {}
        plain: dict[str, Any] = {}
        for section, (obj, section_plain) in found:
            kwargs[section] = obj
            if section_plain is not None:
                plain[section] = section_plain
        try:
            kwargs["customer"] = attrs.evolve(kwargs["customer"], **free)  # re-runs the field validators
            profile = Profile(**kwargs)  # re-runs the rules between fields
        except (TypeError, ValueError):
            return None  # let the loader say what is wrong
        customer_plain = {k: v for k, v in plain["customer"].items() if k not in _FREE_TEXT}
        customer_plain.update((k, v) for k, v in free.items() if v is not None)
        plain["customer"] = customer_plain
        return profile, plain

    def _slow(self, row: dict[str, str], source: str) -> tuple[Profile, dict[str, Any]]:
        data: dict[str, dict[str, Any]] = {"customer": {}, "licenses": {}}
        for key, section, name, kind in self._cells:
            text = (row[key] or "").strip()
            if not text:
                continue
            if name in _FREE_TEXT and section == "customer":
                text = from_spreadsheet(text)
            try:
                value = _cell(kind, text)
            except ValueError as exc:
                raise InputError(source, key, str(exc)) from None
            data.setdefault(section, {})[name] = value
        profile = profile_from_data(data, source)
        plain = profile_plain(profile)
        for section, keys in self._groups:
            cache = self._cache[section]
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[tuple([row[k] for k in keys])] = (getattr(profile, section), plain.get(section))
        return profile, plain


def parse_row(row: dict[str, str], source: str) -> Row:
    """Turn one CSV row (dict by column name) into a validated :class:`Row`, or raise a one-line InputError."""
    return RowParser(list(row)).parse({k: (v or "") for k, v in row.items()}, source)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)  # exact text, as written
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): such a cell is written
#: with a leading apostrophe, which spreadsheets show as text, and the import takes it off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guarded(text: str) -> bool:
    return text.startswith(_FORMULA_START) or (text.startswith("'") and _guarded(text[1:]))


def spreadsheet_safe(cells: list[Any]) -> list[Any]:
    """The cells of an exported row, each one a spreadsheet would run as a formula made plain text.

    ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``; :func:`from_spreadsheet` undoes it, so an
    exported book re-imports to the same customers (a cell that begins with an apostrophe before
    a formula character keeps its own apostrophe: one more is added and taken off).
    """
    return [f"'{cell}" if isinstance(cell, str) and _guarded(cell) else cell for cell in cells]


def from_spreadsheet(text: str) -> str:
    """A cell as :func:`spreadsheet_safe` wrote it, back to what it held."""
    return text[1:] if text.startswith("'") and _guarded(text[1:]) else text


def export_row(ident: int, profile: Profile, notes: str, tags: tuple[str, ...]) -> list[str]:
    """The CSV cells of a customer, in :func:`column_names` order (re-imports to the same customer)."""
    cells = [str(ident)]
    for key, _kind in profile_columns():
        section, name = key.split(".", 1)
        part = getattr(profile, section)
        cells.append("" if part is None else _text(getattr(part, name)))
    cells.append(notes)
    cells.append(LIST_SEPARATOR.join(tags))
    return cells
