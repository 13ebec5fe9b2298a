"""The bundled examples: one copy, shipped as package data (``ontime_support.examples``).

``settings.toml`` (with the partner directory ``partners.toml``) and one
profile per purchase path in ``profiles/``. The README's commands, the TUI's
defaults, the conformance kit and the tests all read these same files.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

#: The profiles every part of the project shows first, one per purchase path.
MAIN_PROFILES = ("partner", "direct_shop", "intravision")


def _root() -> Path:
    # Installed as a regular package (wheel or editable src/ layout), so the
    # resources are plain files on disk.
    return Path(str(importlib.resources.files(__name__)))


def settings_path() -> Path:
    """The example settings file (it names the partner directory beside it)."""
    return _root() / "settings.toml"


def profile_path(name: str = "partner") -> Path:
    """``profiles/<name>.toml``; :class:`FileNotFoundError` for an unknown name."""
    path = _root() / "profiles" / f"{name}.toml"
    if not path.is_file():
        raise FileNotFoundError(f"no example profile named {name!r}")
    return path


def profile_paths() -> dict[str, Path]:
    """Every example profile by name, the main three first."""
    found = {p.stem: p for p in sorted((_root() / "profiles").glob("*.toml"))}
    return {**{n: found[n] for n in MAIN_PROFILES if n in found}, **found}
