"""What the README and docs/ name exists and says what the code does.

The commands they show parse, the paths they name exist, the import rules of
their layout tables hold, the TUI keys and the environment variables they
name are real, and the settings table's defaults and clauses are the plugins'.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from ontime_support.cli.main import build_parser

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_architecture as arch  # noqa: E402  (the import parser of the layer rules)

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *(ROOT / "docs" / n for n in ("architecture.md", "reliability.md",
                                                         "customer-book.md", "writing-a-plugin.md"))]
README = ROOT / "README.md"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _commands(path: Path) -> list[str]:
    """The ``ontime-support`` lines of the file's ``sh`` blocks (continuations joined, comments dropped)."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", _text(path), flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("ontime-support"):
                found.append(line)
    return found


@pytest.mark.parametrize("command", [c for p in DOCS for c in _commands(p)])
def test_every_command_shown_parses(command: str) -> None:
    words = shlex.split(command, comments=True)[1:]
    words = words[:words.index("|")] if "|" in words else words
    try:
        build_parser().parse_args(words)
    except SystemExit as exc:
        pytest.fail(f"{command!r} does not parse (exit {exc.code})")


def test_the_docs_show_commands() -> None:
    assert len([c for p in DOCS for c in _commands(p)]) > 25


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_named_exists(doc: Path) -> None:
    base = doc.parent
    named = set(re.findall(r"`((?:[\w.-]+/)+[\w.*{},-]*)`", _text(doc)))
    missing = []
    for path in sorted(named):
        if re.fullmatch(r"[A-Z][a-z]+/[A-Z][A-Za-z_]+", path):  # a time zone
            continue
        if path.startswith(("my_plugin/", "ontime_support/book/", "~/", "sqlite:", "postgresql")) or "://" in path:
            continue
        local = path.removeprefix("ontime_support/")
        options = re.sub(r"\{([^}]*)\}", lambda m: "(" + m.group(1) + ")", local)
        variants = [options.replace("(" + g + ")", alt) for g in re.findall(r"\(([^)]*)\)", options)
                    for alt in g.split(",")] or [local]
        if not all(list(ROOT.glob(v.rstrip("/"))) or list(base.glob(v.rstrip("/"))) for v in variants):
            missing.append(path)
    assert missing == [], f"{doc.name} names missing paths: {missing}"


def _layout(doc: Path, column: int) -> dict[str, set[str]]:
    """``{folder: the project packages it may import}`` from the doc's layout table."""
    everything = set(arch.PACKAGES)
    rules = {}
    for row in re.findall(r"^\| `(\w+)/` \|(.*)\|$", _text(doc), flags=re.M):
        cell = row[1].split(" | ")[column].strip().strip("|").strip().replace("`", "")
        if cell.startswith(("all but", "everything but")):
            allowed = everything - {cell.split()[-1]}
        elif cell == "everything":
            allowed = everything
        else:
            allowed = {w for w in re.split(r"[,\s]+", cell) if w in everything}
        rules[row[0]] = allowed
    return rules


@pytest.mark.parametrize(("doc", "column"), [(README, -1), (ROOT / "docs" / "architecture.md", -1)],
                         ids=["README", "architecture"])
def test_layout_tables_state_the_real_imports(doc: Path, column: int) -> None:
    rules = _layout(doc, column)
    assert {"kernel", "guard", "sdk", "loading", "present", "book", "cli", "tui", "testing"} <= set(rules)
    wrong = []
    for package, allowed in rules.items():
        files = [f for f in arch._files(package) if "partner-plugin" not in f.parts]
        used = {arch._project(n) for f in files for n in arch._imports(f)} - {None, package}
        if not used <= allowed:
            wrong.append(f"{package}/ also imports {sorted(used - allowed)}")
    assert wrong == [], f"{doc.name}'s layout table: " + "; ".join(wrong)


def test_readme_lists_every_tui_key() -> None:
    from ontime_support.tui.app import KEYS

    table = _text(README).split("Keys (F1 shows them too):\n\n", 1)[1].split("\n\n", 1)[0]
    listed = {k.lower() for k in re.findall(r"\b(F\d+|Ctrl\+[A-Z])\b", table)}
    assert {key for key, *_ in KEYS} <= listed, "README's key table misses some of tui.app.KEYS"


def test_environment_variables_named_exist() -> None:
    source = "\n".join(_text(p) for d in ("kernel", "guard", "sdk", "loading", "present", "book", "cli", "tui")
                       for p in (ROOT / d).rglob("*.py"))
    named = {v for p in DOCS for v in re.findall(r"\bONTIME_SUPPORT_[A-Z_]*[A-Z]\b", _text(p))}
    named -= {"ONTIME_SUPPORT_TEST_PG_URL"}  # the test suite's, named for the benchmarks
    assert named and sorted(v for v in named if v not in source) == []


def test_readme_settings_table_matches_the_plugins() -> None:
    from ontime_support.loading import build_host
    from ontime_support.present.settings_table import settings_table

    rows = {(r["section"], r["name"]): r for r in settings_table(build_host(None, autoload=False))}
    table = [line for line in _text(README).splitlines() if line.startswith("| `direct_shop.")
             or line.startswith("| `intravision.") or line.startswith("| `partner.")]
    assert len(table) >= 10
    for line in table:
        names_cell, _default, clause = (c.strip() for c in line.strip("|").split("|"))
        names = re.findall(r"`([^`]+)`", names_cell)
        section = names[0].split(".")[0]
        for name in names:
            key = (section, name.split(".")[-1])
            assert key in rows, f"README names a setting that does not exist: {name}"
            assert rows[key]["clause"] in clause, f"{name}: clause {rows[key]['clause']}, README says {clause}"
