"""The import rules of docs/architecture.md, checked by parsing every module with ``ast``.

Imports inside ``if TYPE_CHECKING:`` are annotations only (no run-time coupling) and are not counted.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("guard", "kernel", "sdk", "loading", "present", "plugins", "cli", "tui", "testing", "examples", "book")
#: what each package may import of the project (besides itself)
ALLOWED = {
    "guard": set(),  # project-independent: imports nothing of the project
    "kernel": {"guard"},
    "sdk": {"kernel", "loading", "guard"},  # guard: the LRU behind sdk.memo
    "loading": {"kernel", "guard", "examples"},  # examples: the bundled settings are the default; guard: plugin loading
    "present": {"kernel", "sdk", "loading"},
}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> list[str]:
    """Absolute names of the modules ``path`` imports at run time (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    package = _module(path).split(".") if path.name == "__init__.py" else _module(path).split(".")[:-1]
    names = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            module = "ontime_support." + module if node.level else module
            if module == "ontime_support":  # ``from ontime_support import sdk``: the sub-package it names
                names += [f"{module}.{alias.name}" for alias in node.names]
            else:
                names.append(module)
    return names


def _files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []


def _project(name: str) -> str | None:
    """The top-level project package an import names (``None``: not the project)."""
    parts = name.split(".")
    return parts[1] if parts[0] == "ontime_support" and len(parts) > 1 else None


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_layers_import_only_what_they_may(package) -> None:
    bad = [f"{path.relative_to(ROOT)}: {name}" for path in _files(package) for name in _imports(path)
           if _project(name) not in (None, package, *ALLOWED[package])]
    assert not bad, f"{package} may import only {sorted(ALLOWED[package]) or 'nothing'} of the project:\n" + "\n".join(bad)


@pytest.mark.parametrize("package", ["guard", "kernel", "plugins", "sdk", "loading", "present"])
def test_no_textual_below_the_ui(package) -> None:
    bad = [f"{path.relative_to(ROOT)}: {name}" for path in _files(package) for name in _imports(path)
           if name.split(".")[0] in ("textual", "rich")]
    assert not bad, "\n".join(bad)


def test_plugins_import_only_the_sdk_and_never_another_plugin() -> None:
    bad = []
    for path in _files("plugins"):
        own = _module(path).split(".")[:2]  # plugins.<name>
        for name in _imports(path):
            parts = name.split(".")
            if _project(name) is None:
                continue
            if parts[1] == "sdk" or parts[1:3] == own:
                continue
            bad.append(f"{path.relative_to(ROOT)}: {name}")
    assert not bad, "plugins import ontime_support.sdk and their own package only:\n" + "\n".join(bad)


def test_tui_screens_and_widgets_do_not_import_the_app() -> None:
    bad = [f"{path.relative_to(ROOT)}: {name}" for folder in ("tui/screens", "tui/widgets")
           for path in _files(folder) for name in _imports(path) if name == "ontime_support.tui.app"]
    assert not bad, "\n".join(bad)


def test_the_tui_holds_no_policy_rule() -> None:
    bad = [f"{path.relative_to(ROOT)}: {name}" for path in _files("tui") for name in _imports(path)
           if name.startswith("ontime_support.plugins")]
    assert not bad, "\n".join(bad)


def test_the_checker_sees_a_violation(tmp_path, monkeypatch) -> None:
    """The rules above can fail: a kernel module importing the sdk is found."""
    module = ROOT / "kernel" / "_architecture_probe.py"
    monkeypatch.setattr(sys.modules[__name__], "_files", lambda package: [module])
    source = "from ontime_support.sdk import money\nfrom ..plugins import triage\nimport textual\n"
    real = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: source if self == module else real(self, **kw))
    assert _imports(module) == ["ontime_support.sdk", "ontime_support.plugins", "textual"]
    with pytest.raises(AssertionError, match=r"kernel may import only \['guard'\]"):
        test_layers_import_only_what_they_may("kernel")
    with pytest.raises(AssertionError, match="guard may import only nothing"):
        test_layers_import_only_what_they_may("guard")
    with pytest.raises(AssertionError, match="textual"):
        test_no_textual_below_the_ui("kernel")


def test_compare_does_not_import_the_book_database_layer() -> None:
    """``compare --profile`` never touches the customer book: SQLAlchemy (a third of its start-up) stays unloaded."""
    import subprocess

    code = ("import sys\n"
            "from ontime_support.cli.main import main\n"
            f"sys.argv = ['ontime-support', 'compare', '--profile', {str(ROOT / 'examples/profiles/partner.toml')!r},\n"
            "            '--at', '2026-11-27T10:00+09:00', '--format', 'json']\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert done.returncode == 0, done.stderr
    assert '"options"' in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "False False"
