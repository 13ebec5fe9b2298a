"""Run the tests from a checkout too: use ``src/`` when the plugin is not installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("ontime_example_partner") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
