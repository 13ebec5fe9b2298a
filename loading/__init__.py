"""Reading profiles and settings: strict, with one readable line per problem.

A private cattrs converter (unknown keys forbidden, no silent coercion: a
string is not a number, ``"yes"`` is not a boolean) turns TOML/JSON data into
the frozen models. Every failure becomes an :class:`InputError` such as
``profile.toml: customer.timezone: unknown time zone 'Asia/Tokio'``.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import os
import re
import tomllib
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
import cattrs.gen
import orjson
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ontime_support.loading.errors import InputError
from ontime_support.kernel.models import (
    Customer,
    FieldValueError,
    Licenses,
    Platform,
    PlatformSupport,
    Profile,
    PurchasePath,
    Scope,
    Status,
    Usage,
    YesNoUnknown,
)

from .files import read_bounded
from .limits import MAX_DEPTH, MAX_HOURS, MAX_YEN, depth_exceeds
from .messages import MAX_VALUE, escape, path_text, shown, truncate
from .plugins import LoadedHost, load_plugins
from .validate import check_country_code, check_language_code, check_zone_key, kind_of

C = TypeVar("C")


def _strict(kind: type, label: str):  # type: ignore[no-untyped-def]
    def structure(value: object, _type: type) -> object:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise TypeError(f"expected {label}, got {kind_of(value)}")
        return value

    return structure


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {kind_of(value)}")
    if not value.isprintable():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{shown(value)} holds an unpaired surrogate (not text)") from None
    return value


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date (YYYY-MM-DD), got a date and time {shown(value.isoformat())}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{shown(value)} is not a date of the calendar") from None
        raise ValueError(f"expected a date (YYYY-MM-DD), got {shown(value)}")
    raise TypeError(f"expected a date (YYYY-MM-DD), got {kind_of(value)}")


def _structure_str_tuple(value: object, _type: type) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of strings, got {kind_of(value)}")
    for item in value:
        _structure_str(item, str)
    return tuple(value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return type_(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(m.value) for m in type_)
        raise ValueError(f"unknown value {shown(value)} (expected one of {allowed})") from None


def _hours(value: object) -> Decimal:
    """Hours as an exact Decimal (TOML floats are read through their repr)."""
    if isinstance(value, bool):
        raise TypeError(f"expected a number of hours, got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value)
        except ArithmeticError:
            raise ValueError(f"expected a number of hours, got {value!r}") from None
    else:
        raise TypeError(f"expected a number of hours, got {value!r}")
    if not result.is_finite():
        raise ValueError(f"expected a finite number of hours, got {value!r}")
    return result


def _structure_hours(value: object, _type: type) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_HOURS:
        raise ValueError(f"at most {MAX_HOURS} hours, got {shown(value)}")
    try:
        result = _hours(value)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"expected a finite number of hours, got {shown(value)}") from None
    if abs(result) > MAX_HOURS:
        raise ValueError(f"at most {MAX_HOURS} hours, got {shown(value)}")
    return result


# --------------------------------------------------------------------------- field checks
# Stricter than the model validators, and applied to the raw value before the
# model is built, so TOML profiles, JSONL batch lines and settings all get them.


def _check_yen(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and not -MAX_YEN <= value <= MAX_YEN:
        return f"at most {MAX_YEN:,} JPY (10^12), got {shown(value)}"
    return None


def _check_list_price(value: object) -> str | None:
    """A list price: 0 JPY is a slip (fees are a share of it), not a price."""
    if isinstance(value, int) and not isinstance(value, bool) and value == 0:
        return "a list price of 0 JPY cannot be right (the fees are a percentage of it): write the real list price"
    return _check_yen(value)


def _check_some_language(value: object) -> str | None:
    """A customer speaks at least one language (an empty list made every option 'conditional')."""
    if isinstance(value, list | tuple) and not value:
        return "empty: list the languages the customer can be helped in, e.g. [\"ja\"]"
    return None


def _check_languages(value: object) -> str | None:
    """At least one language, each a real ISO 639-1 code (``'xx'`` is not a language: it made every option
    'conditional' on a language nobody speaks)."""
    problem = _check_some_language(value)
    if problem is None and isinstance(value, list | tuple):
        for index, code in enumerate(value):
            if (problem := check_language_code(code)) is not None:
                raise FieldValueError(f"languages[{index}]", problem)
    return problem


def _check_hours(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) \
            and abs(value) > MAX_HOURS:
        return f"at most {MAX_HOURS} hours, got {shown(value)}"
    return None


def _field_checks(cls: type) -> dict[str, typing.Callable[[object], str | None]]:
    checks: dict[str, typing.Callable[[object], str | None]] = {}
    for a in attrs.fields(cls):
        if a.name == "timezone" or a.name.endswith("_timezone"):
            checks[a.name] = check_zone_key
        elif a.name.endswith("_list_price_jpy"):
            checks[a.name] = _check_list_price
        elif a.name.endswith("_jpy") or a.name.endswith("_jpy_per_hour"):
            checks[a.name] = _check_yen
        elif a.name.endswith("_hours"):
            checks[a.name] = _check_hours
    if cls is Customer:
        checks["country"] = check_country_code
        checks["languages"] = _check_languages
    return checks


def _attrs_hook_factory(converter: cattrs.Converter, memo: bool = False
                        ) -> typing.Callable[[type], typing.Callable[[Any, type], Any]]:
    """Every attrs class: a table check with a clear message, then the field checks, then cattrs."""

    def factory(cls: type) -> typing.Callable[[Any, type], Any]:
        base: typing.Callable[[Any, type], Any] = cattrs.gen.make_dict_structure_fn(cls, converter)
        checks = _field_checks(cls)

        def structure_class(value: Any, type_: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected a table, got {kind_of(value)}")
            for name, check in checks.items():
                if name in value:
                    problem = check(value[name])
                    if problem is not None:
                        raise FieldValueError(name, problem)
            return base(value, type_)

        if not memo or cls is Profile:
            return structure_class
        free = FREE_TEXT.get(cls)
        return _memoized(structure_class, cls, None if free is None else checks.get(free))

    return factory


#: Sub-objects of batch lines remembered per class, and the largest raw table remembered.
MEMO_ENTRIES = 1024
MEMO_KEY_BYTES = 1024
_MEMO_OPTIONS = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


#: Free text that differs on (nearly) every line and that no rule reads beyond "it is text":
#: a table that differs from a remembered one only there is built from the remembered
#: one (its other fields already passed every check), the new text checked on its own.
FREE_TEXT: dict[type, str] = {Customer: "name"}


def _memoized(structure_class: typing.Callable[[Any, type], Any], cls: type,
              free_check: typing.Callable[[object], str | None] | None = None) -> typing.Callable[[Any, type], Any]:
    """``structure_class`` remembering its results by the exact JSON of the raw table (bounded).

    Only for data parsed from JSON (str, int, float, bool, None, list, dict):
    there, equal JSON bytes mean equal input, types included (``1`` is not
    ``1.0`` nor ``true``). Failures are never remembered. For a class with a
    :data:`FREE_TEXT` field, a table is also remembered without that field: a
    table equal to it but for that text is the remembered object with the new
    text, built through the class (so the model's validators run) after the
    text passed the converter's string check and its field check (``free_check``).
    """
    cache: dict[bytes, Any] = {}
    free = FREE_TEXT.get(cls)
    # a remembered object's constructor arguments but the free text, by the JSON of its table without it
    templates: dict[bytes, dict[str, Any]] = {}

    def remember(store: dict[bytes, Any], key: bytes, value: Any) -> None:
        if len(key) <= MEMO_KEY_BYTES:
            if len(store) >= MEMO_ENTRIES:
                store.clear()  # bounded; a batch's tables repeat within a few lines or not at all
            store[key] = value

    def structure_memo(value: Any, type_: type) -> Any:
        if free is not None and type(value) is dict and free in value:
            return structure_free(value, type_)
        try:
            key = orjson.dumps(value, option=_MEMO_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError: not plain JSON data
            return structure_class(value, type_)
        hit = cache.get(key)
        if hit is None:
            hit = structure_class(value, type_)
            remember(cache, key, hit)
        return hit

    field = free or ""  # the free field's name (structure_free runs only for a class with one)

    def structure_free(value: dict[str, Any], type_: type) -> Any:
        try:
            rest = orjson.dumps({k: v for k, v in value.items() if k != field}, option=_MEMO_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError: not plain JSON data
            return structure_class(value, type_)
        template = templates.get(rest)
        if template is not None:
            text = _structure_str(value[field], str)  # raises as the converter would: the caller falls back
            if free_check is not None and (problem := free_check(text)) is not None:
                raise FieldValueError(field, problem)
            return cls(**template, **{field: text})
        result = structure_class(value, type_)
        remember(templates, rest, {a.alias: getattr(result, a.name) for a in attrs.fields(cls)
                                   if a.init and a.name != field})
        return result

    return structure_memo


def make_converter(*, detailed: bool = True, memo: bool = False) -> cattrs.Converter:
    """The project's converter; plugins may use it for their own settings classes.

    ``detailed=False``: the fast converter (same checks, errors without field
    paths; :func:`structure` re-runs the detailed one to name the problem).
    ``memo=True``: attrs classes below the top one are remembered by their raw
    table (see :func:`_memoized`; for data parsed from JSON only).
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook_factory(conv, memo))
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, lambda v, _t: float(_strict((int, float), "a number")(v, _t)))  # type: ignore[arg-type]
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Decimal, _structure_hours)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_str_tuple)
    # Registered per class: StrEnums are str subclasses, and the strict str hook
    # above would otherwise take them.
    for enum_cls in (PurchasePath, Platform, PlatformSupport, Scope, YesNoUnknown, Status):
        conv.register_structure_hook(enum_cls, _structure_enum)
    return conv


_converter = make_converter()
#: The fast paths: tried first; on any failure the detailed converter names the problem.
_fast_converter = make_converter(detailed=False)
_json_converter = make_converter(detailed=False, memo=True)


def forget_tables() -> None:
    """Forget the remembered tables of batch lines (benchmarks start from nothing)."""
    global _json_converter
    _json_converter = make_converter(detailed=False, memo=True)


def _first_problem(exc: BaseException, path: tuple[str, ...] = ()) -> tuple[str, str]:
    """Walk a cattrs error tree to its first leaf: (dotted field path, problem)."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            return _first_problem(sub, (*path, str(note.name)))
        for sub in without:
            return _first_problem(sub, path)
    if isinstance(exc, IterableValidationError):
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            return _first_problem(sub, (*path, f"[{index_note.index}]"))
        for sub in without_index:
            return _first_problem(sub, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(escape(truncate(k, MAX_VALUE)) for k in sorted(exc.extra_fields)[:5])
        more = f" and {len(exc.extra_fields) - 5} more" if len(exc.extra_fields) > 5 else ""
        return _join(path), f"unknown key(s): {keys}{more}"
    if isinstance(exc, FieldValueError):
        return _join((*path, *exc.field.split("."))), exc.problem
    if isinstance(exc, KeyError):
        return _join(path), "required key is missing"
    if isinstance(exc, TypeError | ValueError | ArithmeticError):
        return _join(path), str(exc)
    return _join(path), f"invalid value ({type(exc).__name__})"


def _join(path: tuple[str, ...]) -> str:
    return ".".join(path).replace(".[", "[")


def structure(data: Any, cls: type[C], source: str, prefix: str = "", *, from_json: bool = False) -> C:
    """Build ``cls`` from plain data, or raise a one-line :class:`InputError`.

    Whatever the data holds, the only exception that leaves is :class:`InputError`.
    The fast converter goes first; only when it fails does the detailed one run,
    to name the field and the problem. ``from_json``: ``data`` came from a JSON
    parser (only str, int, float, bool, None, list, dict), so its tables may be
    remembered by their exact JSON (see :func:`_memoized`).
    """
    if type(data) is dict:
        try:
            return (_json_converter if from_json else _fast_converter).structure(data, cls)
        except Exception:  # noqa: S110 - the detailed converter below says what is wrong
            pass
    source = path_text(source)
    if not isinstance(data, dict):
        raise InputError(source, prefix or None, f"expected a table, got {kind_of(data)}")
    try:
        return _converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        field, problem = _first_problem(exc)
        field = ".".join(p for p in (prefix, field) if p)
        raise InputError(source, field or None, truncate(problem, 200)) from None
    except FieldValueError as exc:
        field = ".".join(p for p in (prefix, exc.field) if p)
        raise InputError(source, field, truncate(exc.problem, 200)) from None
    except (TypeError, ValueError) as exc:
        raise InputError(source, prefix or None, truncate(str(exc), 200)) from None
    except RecursionError:
        raise InputError(source, prefix or None, f"nested more than {MAX_DEPTH} levels deep") from None
    except Exception as exc:  # e.g. OSError from a validator that looked a value up on disk
        raise InputError(source, prefix or None, f"invalid value ({type(exc).__name__})") from None


def parse_toml(raw: bytes, source: str) -> dict[str, Any]:
    """TOML bytes to data: syntax errors, oversized numbers and deep nesting become InputError."""
    source = path_text(source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(source, None, f"not UTF-8 text (line {line})") from None
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write: not content
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, None, truncate(f"invalid TOML: {exc}", 200)) from None
    except ValueError:  # int() refuses more than 4,300 digits
        raise InputError(source, None, "invalid TOML: a number with too many digits") from None
    except RecursionError:
        raise InputError(source, None, f"invalid TOML: nested more than {MAX_DEPTH} levels deep") from None
    if depth_exceeds(data):
        raise InputError(source, None, f"nested more than {MAX_DEPTH} levels deep")
    return data


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read a TOML file (a regular file within the size limit); every problem is an InputError."""
    return parse_toml(read_bounded(path), str(path))


def profile_from_data(data: Any, source: str) -> Profile:
    return structure(data, Profile, source)


def profile_from_json(data: Any, source: str) -> Profile:
    """:func:`profile_from_data` for data parsed from JSON (a batch line): its tables are remembered."""
    return structure(data, Profile, source, from_json=True)


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile TOML file."""
    return profile_from_data(read_toml(path), str(path))


def iter_jsonl_profiles(lines: typing.Iterable[bytes | str], source: str
                        ) -> Iterator[tuple[int, Profile | InputError | None]]:
    """``(line_number, profile, error or None for a blank line)`` for EVERY line, lazily.

    Line numbers count every line given (blank ones too). For a file or stdin,
    use :func:`ontime_support.loading.batch.read_lines`, which splits on
    ``\\n`` only and bounds each line.
    """
    from .batch import profile_from_line

    for number, line in enumerate(lines, start=1):
        yield number, profile_from_line(line, f"{source}:{number}")


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

    data: dict[str, Any] = clean(cattrs.Converter().unstructure(profile))
    return data


# --------------------------------------------------------------------------- settings and the host

ENV_SETTINGS = "ONTIME_SUPPORT_SETTINGS"


#: Settings tables that belong to the application, not to a plugin: ``[quote]``
#: (validity, consumption tax; ``ontime_support.present.quote.QuoteSettings``).
RESERVED_SECTIONS = frozenset({"quote"})


@attrs.frozen(kw_only=True)
class SettingsFile:
    """A settings TOML file, read once; the host builds each plugin's section from it."""

    source: str
    base_dir: Path
    data: dict[str, Any] = attrs.field(factory=dict)

    def sections(self) -> set[str]:
        """The plugin sections: every table but the application's own (``RESERVED_SECTIONS``)."""
        return set(self.data) - RESERVED_SECTIONS

    def load(self, section: str, cls: type[C]) -> C:
        return structure(self.data.get(section, {}), cls, self.source, prefix=section)


def load_settings(path: str | Path) -> SettingsFile:
    """Read a settings file (one-line :class:`InputError` when unreadable or not TOML)."""
    path = Path(path)
    return SettingsFile(source=str(path), base_dir=path.parent, data=read_toml(path))


#: ``--settings none`` / ``ONTIME_SUPPORT_SETTINGS=none``: no settings file, every plugin on its defaults.
NO_SETTINGS = "none"


def settings_file_path(settings_path: str | Path | None = None, *, builtins: bool = True) -> Path | None:
    """Which settings file to read: the argument, else ``$ONTIME_SUPPORT_SETTINGS``, else the bundled one.

    The bundled settings (``ontime_support.examples.settings_path()``, with its
    partner directory) configure the built-in plugins, so they are the default
    only when the built-ins are loaded. ``"none"`` (argument or variable)
    means no settings file.
    """
    if settings_path is None:
        settings_path = os.environ.get(ENV_SETTINGS) or None
    if settings_path is None:
        if not builtins:
            return None
        from ontime_support.examples import settings_path as bundled_settings

        return bundled_settings()
    if isinstance(settings_path, str) and settings_path.strip().lower() == NO_SETTINGS:
        return None
    return Path(settings_path)


def build_host(settings_path: str | Path | None = None, **options: Any) -> LoadedHost:
    """The plugin host with its settings file (see :func:`settings_file_path` for which one).

    ``options`` are passed to :func:`~ontime_support.loading.plugins.load_plugins` (``disabled``, ``autoload``, ``allow``,
    ``builtins``, ``extra_plugins``).
    """
    path = settings_file_path(settings_path, builtins=options.get("builtins", True))
    settings = load_settings(path) if path is not None else SettingsFile(source="settings", base_dir=Path.cwd())
    # SettingsFile is frozen; the loader's SettingsSource protocol reads these attributes only.
    return load_plugins(settings=typing.cast(Any, settings), **options)
