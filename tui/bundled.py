"""Where the example profiles and settings live.

The repository's ``examples/`` folder is used when present (a checkout or an
editable install); otherwise the copies shipped inside the package
(``ontime_support/tui/examples``).
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_PACKAGED = _HERE / "examples"
_REPO = _HERE.parent / "examples"

EXAMPLE_NAMES = ("partner", "direct_shop", "intravision")


def examples_dir() -> Path:
    """The repo's ``examples/`` if it has the settings, else the packaged copy."""
    if (_REPO / "settings.toml").is_file() and (_REPO / "profiles").is_dir():
        return _REPO
    return _PACKAGED


def example_settings() -> Path:
    return examples_dir() / "settings.toml"


def example_profile(name: str = "partner") -> Path:
    return examples_dir() / "profiles" / f"{name}.toml"


def example_profiles() -> dict[str, Path]:
    return {name: example_profile(name) for name in EXAMPLE_NAMES if example_profile(name).is_file()}
