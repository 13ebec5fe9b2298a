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


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))
                if getattr(value, f.name) is not None}
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
    return _plain(profile)  # type: ignore[no-any-return]


_SECTIONS = tuple(f.name for f in attrs.fields(Profile))
#: Customer fields that are any string (no rule but the type): not part of the section cache key.
_FREE_TEXT = ("name", "partner")
_CACHE_LIMIT = 4096


class RowParser:
    """Parses the rows of one CSV file (header known), validating fast.

    Every row is validated by ``profile_from_data``, except when each of its
    sections is identical to a section ``profile_from_data`` already accepted
    in this file (the customer section compared without ``name``, which is
    any string). Then the profile is assembled from those validated sections
    (``Profile(...)`` re-checks the rules between sections). Errors therefore
    always come from ``profile_from_data``. Caches are bounded (flat memory).
    """

    def __init__(self, header: list[str]) -> None:
        kinds = dict(profile_columns())
        self._cells = [(key, *key.split(".", 1), kinds[key]) for key in header if key not in EXTRA_COLUMNS]
        self._has_notes = "notes" in header
        self._has_tags = "tags" in header
        self._sections: dict[str, dict[Any, tuple[Any, dict[str, Any]]]] = {name: {} for name in _SECTIONS}

    def parse(self, row: dict[str, str], source: str) -> Row:
        """A validated :class:`Row`, or a one-line :class:`InputError` (``source: field: problem``)."""
        data: dict[str, dict[str, Any]] = {"customer": {}, "licenses": {}}
        for key, section, name, kind in self._cells:
            text = row[key]
            if not text:
                continue
            text = text.strip()
            if not text:
                continue
            if kind == "str":
                value: Any = text
            else:
                try:
                    value = _cell(kind, text)
                except ValueError as exc:
                    raise InputError(source, key, str(exc)) from None
            part = data.get(section)
            if part is None:
                part = data[section] = {}
            part[name] = value
        profile, plain = self._profile(data, source)
        ident: int | None = None
        id_text = (row.get("id") or "").strip()
        if id_text:
            if not _WHOLE.match(id_text) or int(id_text) <= 0:
                raise InputError(source, "id", f"expected a positive whole number, got {id_text!r}")
            ident = int(id_text)
        notes = (row["notes"] or "") if self._has_notes else None
        tags = split_tags(row["tags"] or "") if self._has_tags else None
        return Row(id=ident, profile=profile, notes=notes, tags=tags, plain=plain)

    @staticmethod
    def _key(section: str, part: dict[str, Any]) -> Any:
        items = part.items() if section != "customer" else (
            (k, v) for k, v in part.items() if k not in _FREE_TEXT)
        # Cells are read in header order, so equal sections give equal tuples.
        return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in items)

    def _profile(self, data: dict[str, dict[str, Any]], source: str) -> tuple[Profile, dict[str, Any]]:
        found: dict[str, tuple[Any, dict[str, Any]]] = {}
        for section, part in data.items():
            hit = self._sections[section].get(self._key(section, part))
            if hit is None:
                break
            found[section] = hit
        else:
            free = {k: data["customer"].get(k) for k in _FREE_TEXT}
            if isinstance(free["name"], str):
                customer, customer_plain = found["customer"]
                kwargs = {s: obj for s, (obj, _) in found.items()}
                try:
                    kwargs["customer"] = attrs.evolve(customer, **free)  # re-runs the field validators
                    profile = Profile(**kwargs)  # re-runs the rules between fields
                except (TypeError, ValueError):
                    pass  # let the loader say what is wrong
                else:
                    plain = {s: p for s, (_, p) in found.items()}
                    plain["customer"] = {k: v for k, v in {**customer_plain, **free}.items() if v is not None}
                    return profile, _with_defaults(profile, plain, found)
        profile = profile_from_data(data, source)
        plain = profile_plain(profile)
        for section in _SECTIONS:
            if section in data:
                cache = self._sections[section]
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[self._key(section, data[section])] = (getattr(profile, section), plain.get(section, {}))
        return profile, plain


def _with_defaults(profile: Profile, plain: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Sections absent from the row but present with defaults (contracts, usage, maintenance)."""
    for section in _SECTIONS:
        if section not in found:
            value = getattr(profile, section)
            if value is not None:
                plain[section] = _plain(value)
    return plain


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
