"""The documented settings of every loaded plugin, one row each (``ontime-support settings``, the docs).

A documented setting is an attrs field of a plugin's settings class with a ``clause`` in its
metadata (``ontime_support.sdk.setting(default, clause=, en=, ja=)``).
"""

from __future__ import annotations

from typing import Any

import attrs

from ontime_support.kernel.host import PluginHost


def settings_table(host: PluginHost) -> list[dict[str, Any]]:
    """Rows ``plugin``, ``section``, ``name``, ``default``, ``clause``, ``help`` (a ``Text``), ``value``."""
    return [row for name, section, settings in host.plugin_settings() if settings is not None
            for row in settings_rows(name, section, settings)]


def settings_rows(plugin: str | None, section: str | None, settings: Any) -> list[dict[str, Any]]:
    """The rows of one settings object: its fields documented with a ``clause`` (``None``: the tool's own)."""
    return [{"plugin": plugin, "section": section, "name": f.name, "default": f.default,
             "clause": f.metadata["clause"], "help": f.metadata["help"], "value": getattr(settings, f.name)}
            for f in attrs.fields(type(settings)) if "clause" in f.metadata]
