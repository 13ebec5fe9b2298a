"""The wheel holds every source folder: no package, plugin folder or data file is left out silently.

``src/ontime_support/`` maps the top-level folders into the namespace with one
symlink each. This test builds the wheel from a copy of the checkout (the
symlinks kept as symlinks, as git checks them out) and compares its file list
with the folders on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "ontime_support"
#: Top-level folders that are not part of the installed package.
NOT_PACKAGED = {"tests", "benchmarks", "docs", "src", "build", "dist"}
_IGNORE = shutil.ignore_patterns(".venv", ".git", ".hypothesis", ".pytest_cache", "__pycache__", "build", "dist",
                                 "*.egg-info", "*.pyc", "partner-plugin")


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    base = tmp_path_factory.mktemp("wheel")
    project = base / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=_IGNORE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "-w", str(base / "dist"), str(project)], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = (base / "dist").glob("ontime_support-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def _mapped_folders() -> dict[str, Path]:
    return {link.name: link.resolve() for link in SRC.iterdir() if link.is_symlink()}


def test_every_top_level_python_folder_is_mapped_into_the_namespace() -> None:
    mapped = {path.name for path in _mapped_folders().values()}
    for folder in ROOT.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in NOT_PACKAGED:
            if any(folder.rglob("*.py")):
                assert folder.name in mapped, f"{folder.name}/ has Python code but no symlink in src/ontime_support/"


def test_every_module_and_data_file_is_in_the_wheel(wheel_names: set[str]) -> None:
    expected: set[str] = {"ontime_support/__init__.py", "ontime_support/__main__.py", "ontime_support/py.typed"}
    for name, folder in _mapped_folders().items():
        for path in folder.rglob("*"):
            rel = path.relative_to(folder)
            if "__pycache__" in rel.parts or "partner-plugin" in rel.parts or not path.is_file():
                continue
            if path.suffix in (".py", ".tcss", ".toml", ".typed", ".mako", ".ini", ".js", ".css", ".html"):
                expected.add(f"ontime_support/{name}/{rel.as_posix()}")
    missing = sorted(expected - wheel_names)
    assert not missing, f"left out of the wheel: {missing}"


def test_every_plugin_folder_is_a_package(wheel_names: set[str]) -> None:
    for folder in (ROOT / "plugins").iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            assert f"ontime_support/plugins/{folder.name}/__init__.py" in wheel_names, folder.name


def test_nothing_from_the_tests_or_the_example_plugin_is_shipped(wheel_names: set[str]) -> None:
    assert not [n for n in wheel_names if n.startswith("tests/") or "partner-plugin" in n or "conftest" in n]
