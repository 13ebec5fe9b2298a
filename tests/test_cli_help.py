"""Every ``--help`` explains its options and ends with examples that work.

The examples are run as a desk would paste them (a shell, the installed
``ontime-support``), in a folder holding the files they name and a book with
one customer and one case. The TUI and ``serve`` examples would open a UI, so
they are only parsed.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ontime_support import examples
from ontime_support.cli import helptext
from ontime_support.cli.main import build_parser

BIN = Path(sys.executable).parent


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[str, argparse.ArgumentParser]:
    """``{"customers import": parser, ...}`` for every command and sub-command ("" is the program)."""
    found = {" ".join(path): parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_commands(sub, (*path, name)))
    return found


COMMANDS = _commands(build_parser())


def _argv(example: str) -> list[str]:
    """The ``ontime-support`` arguments of an example line (shell comment, pipe and redirection dropped)."""
    words = shlex.split(example.split("  # ", 1)[0], comments=True)
    words = words[words.index("ontime-support") + 1:]
    return words[:words.index(">")] if ">" in words else words


def test_every_command_is_covered() -> None:
    assert set(COMMANDS) == set(helptext.EXAMPLES), "EXAMPLES and the parsers name different commands"
    assert len(COMMANDS) > 20


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_ends_with_two_or_three_examples_of_itself(command: str) -> None:
    text = COMMANDS[command].format_help()
    block = text.rsplit("\nexamples:\n", 1)
    assert len(block) == 2, f"`ontime-support {command} --help` has no examples"
    lines = block[1].rstrip("\n").split("\n")
    assert 2 <= len(lines) <= 3 and all(line.startswith("  ") for line in lines), lines
    assert any(_argv(line)[:len(command.split())] == command.split() or not command for line in lines)


#: options whose help lives outside cli/ (serve's parser is built in tui/serve.py); to be given help there
UNEXPLAINED: dict[str, list[str]] = {}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_is_explained(command: str) -> None:
    bare = [", ".join(a.option_strings) or a.dest for a in COMMANDS[command]._actions
            if not a.help and not isinstance(a, argparse._SubParsersAction)]
    bare = [name for name in bare if name not in UNEXPLAINED.get(command, [])]
    assert bare == [], f"`ontime-support {command}`: no help for {bare}"


def test_descriptions_fit_a_terminal() -> None:
    wide = [(name, line) for name, parser in COMMANDS.items()
            for line in (parser.description or "").splitlines() if len(line) > 79]
    assert wide == []


@pytest.mark.parametrize("example", sorted({e for lines in helptext.EXAMPLES.values() for e in lines}))
def test_every_example_parses(example: str) -> None:
    try:
        build_parser().parse_args(_argv(example))
    except SystemExit as exc:  # argparse's exit on a bad command line
        pytest.fail(f"{example!r} does not parse (exit {exc.code})")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder with the files the examples name, and a book with customer 1 and case 1."""
    here = tmp_path_factory.mktemp("desk")
    shutil.copy(examples.profile_path("partner"), here / "customer.toml")
    shutil.copy(examples.settings_path(), here / "my-settings.toml")
    shutil.copy(examples.settings_path().parent / "partners.toml", here / "partners.toml")
    with (here / "batch.jsonl").open("w", encoding="utf-8") as out:
        for name in examples.MAIN_PROFILES:
            data = tomllib.loads(examples.profile_path(name).read_text(encoding="utf-8"))
            out.write(json.dumps(data, default=str) + "\n")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "XDG_DATA_HOME": str(here / "data"), "ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8"}
    for name in ("ONTIME_SUPPORT_DB", "ONTIME_SUPPORT_SETTINGS", "ONTIME_SUPPORT_PLUGINS",
                 "ONTIME_SUPPORT_DISABLE_PLUGINS"):
        env.pop(name, None)
    for seed in ("customers import customer.toml", "compare --customer 1 --log --format markdown",
                 "customers export -o customers.csv"):
        done = subprocess.run(["ontime-support", *seed.split()], cwd=here, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, (seed, done.stderr)
    return here, env


def _run(example: str, desk: tuple[Path, dict[str, str]], n: int) -> str | None:
    source, env = desk
    folder = source.parent / f"{source.name}-{n}"
    shutil.copytree(source, folder)
    env = {**env, "XDG_DATA_HOME": str(folder / "data")}
    done = subprocess.run(example, shell=True, cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        return f"{example}\n  exit {done.returncode}: {done.stderr.strip()[-300:]}"
    return None


@pytest.mark.slow  # some 40 processes: half a minute
def test_every_example_runs(desk: tuple[Path, dict[str, str]]) -> None:
    """Exit 0 for each example (the ones that open a UI excepted: parsed above)."""
    examples_ = sorted({e for lines in helptext.EXAMPLES.values() for e in lines})
    runnable = [e for e in examples_ if build_parser().parse_args(_argv(e)).command not in (None, "tui", "serve")]
    assert len(runnable) > 30
    with ThreadPoolExecutor(max_workers=8) as pool:
        failures = [f for f in pool.map(_run, runnable, [desk] * len(runnable), range(len(runnable))) if f]
    assert failures == [], "\n".join(failures)
