"""The ``ontime-support`` command line.

``ontime-support`` alone opens the TUI; ``compare`` prints a comparison as a
table, Markdown or JSON; ``compare --profiles FILE.jsonl`` streams a batch;
``plugins`` and ``settings`` show what is loaded and how it is configured.
Bad input prints one line naming the file, field and problem, exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        self.exit(EXIT_INPUT, f"{self.prog}: {message} (see --help)\n")


def default_lang() -> str:
    """Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def parse_at(value: str | None) -> dt.datetime:
    from ontime_support.kernel.errors import InputError

    if value is None:
        return dt.datetime.now(dt.timezone.utc).astimezone()
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError("--at", None, f"{value!r} is not an ISO 8601 date and time") from None
    if at.tzinfo is None:
        raise InputError("--at", None, f"{value!r} has no UTC offset (write e.g. {value}+09:00)")
    return at


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--settings", metavar="FILE", help="settings TOML (default: $ONTIME_SUPPORT_SETTINGS)")
    common.add_argument("--disable-plugin", metavar="NAME", action="append", default=[],
                        help="block a plugin by name (repeatable; also $ONTIME_SUPPORT_DISABLE_PLUGINS)")
    common.add_argument("--lang", choices=("ja", "en"), default=None, help="language of reasons (default: locale)")

    parser = _Parser(prog="ontime-support", description=__doc__.splitlines()[0], parents=[common])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    tui = sub.add_parser("tui", parents=[common], help="open the terminal UI (the default)")
    tui.add_argument("--profile", metavar="FILE")
    tui.add_argument("--at", metavar="ISO", help="pin the instant (ISO 8601 with offset)")

    compare = sub.add_parser("compare", parents=[common], help="compare the support options for a profile")
    source = compare.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", metavar="FILE", help="profile TOML")
    source.add_argument("--profiles", metavar="FILE", help="JSON Lines, one profile per line ('-' for stdin)")
    compare.add_argument("--at", metavar="ISO", help="instant of the question, with UTC offset (default: now)")
    compare.add_argument("--format", choices=("table", "json", "markdown"), default=None,
                         help="output format (default: table; json for --profiles)")

    plugins = sub.add_parser("plugins", parents=[common], help="list plugins, their origin and hooks")
    plugins.add_argument("--format", choices=("table", "json"), default="table")

    settings = sub.add_parser("settings", parents=[common], help="list every setting with its default and clause")
    settings.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _host(args: argparse.Namespace, strict: bool = True) -> Any:
    """The plugin host; ``strict``: the user's own settings file is input, so a bad section is exit 2."""
    from ontime_support.loading import build_host

    host = build_host(settings_path=args.settings, disabled=args.disable_plugin)
    if strict and host.input_errors:
        raise host.input_errors[0]
    return host


def cmd_compare(args: argparse.Namespace, lang: str) -> int:
    from ontime_support.loading import load_profile
    from ontime_support.present.report import to_json, to_markdown

    at = parse_at(args.at)
    host = _host(args)
    if args.profiles:
        return _batch(host, args.profiles, at, lang)
    profile = load_profile(args.profile)
    comparison = host.compare(profile, at)
    fmt = args.format or "table"
    if fmt == "json":
        json.dump(to_json(comparison, lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "markdown":
        sys.stdout.write(to_markdown(comparison, lang, profile.customer.name))
    else:
        from .table import print_comparison

        print_comparison(comparison, lang, profile.customer.name)
    return 0


def _batch(host: Any, path: str, at: dt.datetime, lang: str) -> int:
    from ontime_support.kernel.errors import InputError
    from ontime_support.loading import iter_jsonl_profiles
    from ontime_support.present.report import to_json

    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(path, None, f"cannot read file ({exc.strerror})") from None
    write = sys.stdout.write
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    failures = 0
    with stream:
        for number, item in iter_jsonl_profiles(stream, path):
            if isinstance(item, InputError):
                failures += 1
                write(dumps({"line": number, "error": str(item)}) + "\n")
                continue
            result = to_json(host.compare(item, at), lang)
            result["line"] = number
            write(dumps(result) + "\n")
    return 0


def cmd_plugins(args: argparse.Namespace, lang: str) -> int:
    import attrs

    host = _host(args, strict=False)  # list every plugin, the failed ones too
    infos = host.plugins()
    if args.format == "json":
        data = [{"name": i.name, "origin": i.origin, "status": i.status, "hooks": list(i.hooks),
                 "options": list(i.options), "message": i.message, "precedence": [attrs.asdict(p) for p in i.precedence]} for i in infos]
        json.dump({"plugins": data, "blocked": [i.name for i in infos if i.status == "blocked"]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    from .table import print_plugins

    print_plugins(infos)
    return 0


def cmd_settings(args: argparse.Namespace, lang: str) -> int:
    host = _host(args)
    rows = host.settings_table()
    if args.format == "json":
        json.dump([{**r, "help": r["help"](lang), "value": _plain(r["value"]), "default": _plain(r["default"])}
                   for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    from .table import print_settings

    print_settings(rows, lang)
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def cmd_tui(args: argparse.Namespace, lang: str | None) -> int:
    from ontime_support.tui.launch import launch

    return launch(profile=getattr(args, "profile", None), at=parse_at(args.at) if getattr(args, "at", None) else None,
                  lang=lang, settings=args.settings, disabled=args.disable_plugin)


def main(argv: Sequence[str] | None = None) -> int:
    from ontime_support.kernel.errors import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang or default_lang()
    try:
        if args.command in (None, "tui"):
            return cmd_tui(args, args.lang)
        handler = {"compare": cmd_compare, "plugins": cmd_plugins, "settings": cmd_settings}[args.command]
        return handler(args, lang)
    except InputError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    sys.exit(main())
