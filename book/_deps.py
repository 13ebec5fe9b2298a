"""Every project symbol the customer book uses, imported in one place.

The kernel's modules are being moved (loading, report, plugin host); during
the merge only this file needs re-pointing. Nothing in ``book/`` or
``cli/book.py`` imports project modules any other way.
"""

from __future__ import annotations

from ontime_support.loading.errors import InputError
from ontime_support.loading.messages import shown
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison, Profile
from ontime_support.kernel.text import Text
from ontime_support.loading import load_profile, profile_from_data, read_toml, unstructure_profile
from ontime_support.present.json import to_json
from ontime_support.present.labels import label
from ontime_support.sdk.money import yen

__all__ = [
    "Comparison",
    "InputError",
    "PluginHost",
    "Profile",
    "Text",
    "label",
    "load_profile",
    "profile_from_data",
    "read_toml",
    "shown",
    "to_json",
    "unstructure_profile",
    "yen",
]
