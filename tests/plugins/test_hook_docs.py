"""Every hook is documented in docs/writing-a-plugin.md with its signature, and tested (datasette style)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from ontime_support.kernel import hookspecs
from ontime_support.loading import plugins as manager
from ontime_support.loading import ENV_SETTINGS
from ontime_support.testing import hook_names

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "writing-a-plugin.md"
TESTS = ROOT / "tests"
HOOKS = hook_names()


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _spec(name: str):
    return getattr(hookspecs, name)


def test_the_hooks_are_the_specs() -> None:
    specs = {n for n, obj in vars(hookspecs).items() if hasattr(obj, f"{hookspecs.PROJECT}_spec")}
    assert set(HOOKS) == specs and len(HOOKS) == 7


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_with_its_signature(hook, doc) -> None:
    short = f"{hook}({', '.join(inspect.signature(_spec(hook)).parameters)})"
    assert f"`{short}`" in doc, f"{DOC.name} does not list {short}"
    annotated = "def " + hook + str(inspect.signature(_spec(hook))).replace("'", "") + ":"
    assert annotated in doc, f"{DOC.name} lacks the exact signature: {annotated}"
    assert f"### `{hook}`" in doc, f"{DOC.name} has no section for {hook}"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test(hook) -> None:
    this = Path(__file__).resolve()
    files = [p for p in TESTS.rglob("*.py") if p.resolve() != this]
    using = [p for p in files if re.search(rf"\b{hook}\b", p.read_text(encoding="utf-8"))]
    assert using, f"no test under tests/ mentions {hook}"


def test_firstresult_hooks_are_documented_as_such(doc) -> None:
    for hook in HOOKS:
        if _spec(hook).ontime_support_spec.get("firstresult"):
            section = doc.split(f"### `{hook}`", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
            assert "firstresult" in section, f"the {hook} section does not say it is firstresult"


def test_the_loading_knobs_are_documented(doc) -> None:
    for text in (manager.ENTRY_POINT_GROUP, manager.ENV_DISABLE, manager.ENV_NO_AUTOLOAD, manager.ENV_ALLOW,
                 "--disable-plugin", "partner_id", "PluginConformance", "check_plugin", "build_calendar",
                 "profiles(", f"[project.entry-points.{manager.ENTRY_POINT_GROUP}]"):
        assert text in doc, f"{DOC.name} does not mention {text}"


def test_every_file_the_guide_names_exists(doc) -> None:
    # The guide once sent authors to ontime_support/testing/profiles/*.toml, which never existed.
    paths = set(re.findall(r"`((?:[\w.-]+/)+[\w.*-]*)`", doc)) | set(re.findall(r"\]\(\.\./([^)#]+)\)", doc))
    missing = []
    for path in sorted(paths):
        if path.startswith("my_plugin/"):  # the guide's own sample package
            continue
        local = path.removeprefix("ontime_support/")
        if not list(ROOT.glob(local.rstrip("/"))):
            missing.append(path)
    assert len(paths) > 5 and missing == []
