"""Integration: install ontime-support and the EXAMPLE partner plugin into a fresh venv, as a partner would.

Slow (creates a virtual environment and installs wheels): deselect with ``-m "not slow"``.
pip reaches packages only through its configured index; the sources are
copied to ``tmp_path`` first so the build never writes into the work tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "examples" / "partner-plugin"
TIMEOUT = 300
_IGNORE = shutil.ignore_patterns(".venv", ".git", ".hypothesis", ".pytest_cache", "__pycache__", "build", "dist",
                                 "*.egg-info", "tests", "benchmarks", "docs", ".ci", "*.pyc")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("ONTIME_SUPPORT_") and k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    return env


def _run(*args: str | Path, cwd: Path) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("example-install")
    project = base / "ontime-support"
    shutil.copytree(ROOT, project, ignore=_IGNORE)
    plugin = base / "partner-plugin"
    shutil.copytree(PLUGIN, plugin, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".hypothesis"))
    env_dir = base / "venv"
    _run(sys.executable, "-m", "venv", env_dir, cwd=base)  # no --system-site-packages: nothing leaks in
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    pip = (python, "-m", "pip", "install", "--quiet")
    _run(*pip, "setuptools>=77", "wheel", cwd=base)
    _run(*pip, "--no-build-isolation", project, plugin, "pytest>=8,<9", "hypothesis>=6.100", cwd=base)
    return {"bin": bindir, "python": python, "plugin": plugin, "base": base}


def test_plugins_lists_the_installed_distribution(venv) -> None:
    out = _run(venv["bin"] / "ontime-support", "plugins", "--format", "json", cwd=ROOT)
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    own = plugins["example_partner"]
    assert own["origin"] == "ontime-support-example-partner 0.1.0"
    assert own["status"] == "loaded" and own["options"] == ["example_partner.support"]
    assert [plugins[n]["origin"] for n in ("triage", "direct_shop", "partner", "intravision")] == ["built-in"] * 4


def test_compare_shows_the_plugins_option_instead_of_partner(venv) -> None:
    out = _run(venv["bin"] / "ontime-support", "compare", "--profile", "examples/profiles/partner.toml",
               "--settings", "examples/settings.toml", "--format", "json", "--at", "2026-11-27T10:00+09:00",
               "--lang", "en", cwd=ROOT)
    options = {o["id"]: o for o in json.loads(out)["options"]}
    assert "example_partner.support" in options and "partner" not in options
    assert all(o["error"] is None for o in options.values())
    assert options["example_partner.support"]["plugin"] == "example_partner"


def test_blocking_the_installed_plugin_brings_partner_back(venv) -> None:
    out = _run(venv["bin"] / "ontime-support", "compare", "--profile", "examples/profiles/partner.toml",
               "--settings", "examples/settings.toml", "--format", "json", "--at", "2026-11-27T10:00+09:00",
               "--disable-plugin", "example_partner", cwd=ROOT)
    ids = [o["id"] for o in json.loads(out)["options"]]
    assert "partner" in ids and "example_partner.support" not in ids


def test_the_example_plugins_own_tests_pass_in_that_venv(venv) -> None:
    out = _run(venv["bin"] / "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=venv["plugin"])
    assert " passed" in out and "skipped" not in out  # the entry-point test runs: the plugin is installed
