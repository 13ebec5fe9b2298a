"""Reading profiles and settings: strict, with one readable line per problem.

A private cattrs converter (unknown keys forbidden, no silent coercion: a
string is not a number, ``"yes"`` is not a boolean) turns TOML/JSON data into
the frozen models. Every failure becomes an :class:`InputError` such as
``profile.toml: customer.timezone: unknown time zone 'Asia/Tokio'``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import tomllib
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ontime_support.kernel.errors import InputError
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import (
    FieldValueError,
    Platform,
    PlatformSupport,
    Profile,
    ProfileRuleError,
    PurchasePath,
    Scope,
    Status,
    YesNoUnknown,
    _hours,
)

C = TypeVar("C")


def _strict(kind: type, label: str):  # type: ignore[no-untyped-def]
    def structure(value: object, _type: type) -> object:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {label}, got {value!r}")
        if not isinstance(value, kind):
            raise TypeError(f"expected {label}, got {value!r}")
        return value

    return structure


def _structure_date(value: object, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date (YYYY-MM-DD), got a date and time {value.isoformat()!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r}") from None
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _structure_str_tuple(value: object, _type: type) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of strings, got {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"expected a list of strings, got {item!r} in it")
    return tuple(value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in type_)  # type: ignore[attr-defined]
        raise ValueError(f"unknown value {value!r} (expected one of {allowed})") from None


def make_converter() -> cattrs.Converter:
    """The project's converter; plugins may use it for their own settings classes."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, lambda v, _t: float(_strict((int, float), "a number")(v, _t)))  # type: ignore[arg-type]
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Decimal, lambda v, _t: _hours(v))
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_str_tuple)
    # Registered per class: StrEnums are str subclasses, and the strict str hook
    # above would otherwise take them.
    for enum_cls in (PurchasePath, Platform, PlatformSupport, Scope, YesNoUnknown, Status):
        conv.register_structure_hook(enum_cls, _structure_enum)
    return conv


_converter = make_converter()


def _first_problem(exc: BaseException, path: tuple[str, ...] = ()) -> tuple[str, str]:
    """Walk a cattrs error tree to its first leaf: (dotted field path, problem)."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            return _first_problem(sub, (*path, str(note.name)))
        for sub in without:
            return _first_problem(sub, path)
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            return _first_problem(sub, (*path, f"[{note.index}]"))
        for sub in without:
            return _first_problem(sub, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return _join(path), f"unknown key(s): {keys}"
    if isinstance(exc, FieldValueError | ProfileRuleError):
        return _join((*path, *exc.field.split("."))), exc.problem
    if isinstance(exc, KeyError):
        return _join(path), "required key is missing"
    return _join(path), str(exc)


def _join(path: tuple[str, ...]) -> str:
    return ".".join(path).replace(".[", "[")


def structure(data: Any, cls: type[C], source: str, prefix: str = "") -> C:
    """Build ``cls`` from plain data, or raise a one-line :class:`InputError`."""
    if not isinstance(data, dict):
        raise InputError(source, prefix or None, f"expected a table, got {data!r}")
    try:
        return _converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        field, problem = _first_problem(exc)
        field = ".".join(p for p in (prefix, field) if p)
        raise InputError(source, field or None, problem) from None
    except (FieldValueError, ProfileRuleError) as exc:
        field = ".".join(p for p in (prefix, exc.field) if p)
        raise InputError(source, field, exc.problem) from None
    except (TypeError, ValueError) as exc:
        raise InputError(source, prefix or None, str(exc)) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; unreadable files and syntax errors become InputError (with the line)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), None, "file not found") from None
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read file ({exc.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), None, f"invalid TOML: {exc}") from None


def profile_from_data(data: Any, source: str) -> Profile:
    return structure(data, Profile, source)


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile TOML file."""
    path = Path(path)
    return profile_from_data(read_toml(path), str(path))


def iter_jsonl_profiles(lines: typing.Iterable[str], source: str) -> Iterator[tuple[int, Profile | InputError]]:
    """Yield ``(line_number, profile or error)`` for each non-blank JSONL line, lazily."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError(f"{source}:{number}", None, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield number, profile_from_data(data, f"{source}:{number}")
        except InputError as exc:
            yield number, exc


def unstructure_profile(profile: Profile) -> dict[str, Any]:
    """Plain data for a profile (TOML/JSON friendly; ``None`` values dropped)."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    return clean(cattrs.Converter().unstructure(profile))


# --------------------------------------------------------------------------- settings and the host

ENV_SETTINGS = "ONTIME_SUPPORT_SETTINGS"


@attrs.frozen(kw_only=True)
class SettingsFile:
    """A settings TOML file, read once; the host builds each plugin's section from it."""

    source: str
    base_dir: Path
    data: dict[str, Any] = attrs.field(factory=dict)

    def sections(self) -> set[str]:
        return set(self.data)

    def load(self, section: str, cls: type[C]) -> C:
        return structure(self.data.get(section, {}), cls, self.source, prefix=section)


def load_settings(path: str | Path) -> SettingsFile:
    """Read a settings file (one-line :class:`InputError` when unreadable or not TOML)."""
    path = Path(path)
    return SettingsFile(source=str(path), base_dir=path.parent, data=read_toml(path))


def build_host(settings_path: str | Path | None = None, **options: Any) -> PluginHost:
    """The plugin host with the settings file ``settings_path`` (default: ``$ONTIME_SUPPORT_SETTINGS``).

    ``options`` are passed to :meth:`PluginHost.build` (``disabled``, ``autoload``, ``allow``,
    ``builtins``, ``extra_plugins``).
    """
    if settings_path is None and os.environ.get(ENV_SETTINGS):
        settings_path = os.environ[ENV_SETTINGS]
    settings = load_settings(settings_path) if settings_path else SettingsFile(source="settings", base_dir=Path.cwd())
    return PluginHost.build(settings=settings, **options)
