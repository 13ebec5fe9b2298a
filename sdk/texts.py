"""A plugin's constant wording, kept as data: a TOML catalogue next to its code.

Reasons and texts that depend on nothing (no setting, no profile field) are
written once in a catalogue file of the plugin's package and read when the
plugin is imported, so the code holds the rules and the file holds the
sentences::

    # plugins/direct_shop/texts.toml
    [reasons.best_effort]            # a Reason: a clause id and both languages
    clause = "DIR-2"
    en = "You bought from the Direct Shop: ..."
    ja = "Direct Shop でご購入いただいているため、..."

    [texts.help_why]                 # a Text (an escalation step's ``why``, a title ...)
    en = "Helps as far as it can ..."
    ja = "..."

    REASONS, TEXTS = sdk.catalogue(__package__)   # in the plugin
    ... REASONS["best_effort"] ...

``grep -rn "DIR-2" plugins/`` still finds every rule: in the code or in the file.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any, NamedTuple

from ontime_support.loading.errors import InputError
from ontime_support.kernel.models import Reason
from ontime_support.kernel.text import Text


class Catalogue(NamedTuple):
    """The reasons (with clause ids) and texts of one catalogue file, by name."""

    reasons: dict[str, Reason]
    texts: dict[str, Text]


def catalogue(package: str | None, resource: str = "texts.toml") -> Catalogue:
    """Read ``resource`` from ``package`` (a plugin's own ``__package__``); a bad entry is a one-line ``InputError``."""
    if not package:
        raise ValueError("catalogue() needs the plugin's package: pass __package__")
    source = f"{package}:{resource}"
    try:
        data = tomllib.loads(resources.files(package).joinpath(resource).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(source, None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    unknown = set(data) - {"reasons", "texts"}
    if unknown:
        raise InputError(source, sorted(unknown)[0], "unknown table (expected [reasons.NAME] or [texts.NAME])")
    reasons = {name: Reason(clause=_field(source, f"reasons.{name}", entry, "clause"), text=_text(source, f"reasons.{name}", entry))
               for name, entry in data.get("reasons", {}).items()}
    texts = {name: _text(source, f"texts.{name}", entry) for name, entry in data.get("texts", {}).items()}
    return Catalogue(reasons=reasons, texts=texts)


def fill(text: Text, **values: object) -> Text:
    """``text`` with its ``{name}`` placeholders filled in both languages (e.g. ``fill(PARTNER, partner=name)``)."""
    return Text(en=text.en.format(**values), ja=text.ja.format(**values))


def _text(source: str, where: str, entry: Any) -> Text:
    return Text(en=_field(source, where, entry, "en"), ja=_field(source, where, entry, "ja"))


def _field(source: str, where: str, entry: Any, key: str) -> str:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value:
        raise InputError(source, f"{where}.{key}", "expected a non-empty string")
    return value
