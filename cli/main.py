"""The ``ontime-support`` command line.

``ontime-support`` alone opens the TUI; ``compare`` prints a comparison as a
table, Markdown or JSON; ``compare --profiles FILE.jsonl`` streams a batch;
``plugins`` and ``settings`` show what is loaded and how it is configured.

Exit codes (docs/reliability.md): 0 done; 2 bad input (one line on stderr
naming the file, field and problem; nothing on stdout); 3 a batch ran to the
end but some lines failed (each has its error record); 1 an internal error
(one line; ``ONTIME_SUPPORT_DEBUG=1`` shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_INTERNAL = 1

from ontime_support.loading.locale import default_lang  # re-exported: the one locale rule
EXIT_INPUT = 2
EXIT_BATCH_FAILURES = 3
EXIT_INTERRUPTED = 130
ENV_DEBUG = "ONTIME_SUPPORT_DEBUG"


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        from ontime_support.loading.messages import one_line

        self.exit(EXIT_INPUT, one_line(f"{self.prog}: {message} (see --help)") + "\n")


def parse_at(value: str | None, zone: str | None = None) -> dt.datetime:
    """``--at``: a date, a date and time in ``zone`` (the customer's; default the machine's), or ISO.

    Within the years the calendars answer (see docs/reliability.md); default now.
    """
    from ontime_support.loading.errors import InputError
    from ontime_support.loading.instants import InstantError, parse_instant
    from ontime_support.loading.limits import check_instant

    if value is None:
        return dt.datetime.now(dt.timezone.utc).astimezone()
    try:
        at = parse_instant(value, zone or dt.datetime.now().astimezone().tzinfo)  # type: ignore[arg-type]
    except InstantError as exc:
        raise InputError("--at", None, str(exc)) from None
    return check_instant(at)


def _add_common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The options every command takes, before or after the command name.

    The sub-command copies default to SUPPRESS, so a value given before the
    command is not overwritten by the sub-parser's default.
    """
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument("--settings", metavar="FILE", default=default,
                        help="settings TOML (default: $ONTIME_SUPPORT_SETTINGS, else the bundled example "
                             "settings with its partner directory; 'none' for no settings file)")
    parser.add_argument("--disable-plugin", metavar="NAME", action="append",
                        dest="disable_plugin_sub" if suppress else "disable_plugin",
                        default=argparse.SUPPRESS if suppress else [],
                        help="block a plugin by name (repeatable; also $ONTIME_SUPPORT_DISABLE_PLUGINS)")
    parser.add_argument("--lang", choices=("ja", "en"), default=default, help="language of the output: reasons, tables, quotes (default: from the locale)")
    from . import book

    book.add_common(parser, suppress=suppress)  # --db, --agent


def build_parser() -> argparse.ArgumentParser:
    from .helptext import DESCRIPTION, describe, epilog

    parser = _Parser(prog="ontime-support", description=describe(DESCRIPTION), epilog=epilog(""))
    _add_common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    tui = sub.add_parser("tui", help="open the terminal UI (the default)", epilog=epilog("tui"),
                         description=describe("Open the terminal UI on a profile (default: the bundled partner example)."))
    _add_common(tui, suppress=True)
    opened = tui.add_mutually_exclusive_group()
    opened.add_argument("--profile", metavar="FILE",
                        help="profile TOML to open (default: the bundled partner example; Ctrl+S saves it)")
    opened.add_argument("--customer", metavar="ID-OR-NAME",
                        help="open a customer from the book (--db); Ctrl+S saves a new version")
    tui.add_argument("--at", metavar="WHEN", help="pin the instant: a date, a date and time (customer's zone) or ISO 8601 (default: now, live)")

    compare = sub.add_parser("compare", help="compare the support options for a profile", epilog=epilog("compare"),
                             description=describe("Compare the support options for one profile, or a JSON Lines batch."))
    _add_common(compare, suppress=True)
    source = compare.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", metavar="FILE", help="profile TOML")
    source.add_argument("--profiles", metavar="FILE",
                        help="JSON Lines, one profile per line ('-' for stdin): one JSON record per input line")
    compare.add_argument("--at", metavar="WHEN",
                         help="instant of the question: a date, a date and time in the customer's zone, or ISO 8601 "
                              "(default: now)")
    compare.add_argument("--format", choices=("table", "json", "markdown", "html", "chart"), default=None,
                         help="output format (default: table; json for --profiles, which also takes markdown); "
                              "markdown and html are the customer quote, chart the 7-day coverage")
    from . import book

    book.add_compare_options(compare, source)  # --- customer book: --customer, --log

    plugins = sub.add_parser("plugins", help="list plugins, their origin and hooks", epilog=epilog("plugins"),
                             description=describe("List the plugins, where they come from, their hooks and status."))
    _add_common(plugins, suppress=True)
    plugins.add_argument("--format", choices=("table", "json"), default="table",
                         help="output format (default: table; json adds each failure's message and the precedence)")

    settings = sub.add_parser("settings", help="list every setting with its value, default and clause",
                              epilog=epilog("settings"),
                              description=describe("Every setting of every loaded plugin, as TOML you can edit and load "
                                          "with --settings."))
    _add_common(settings, suppress=True)
    settings.add_argument("--format", choices=("toml", "table", "json"), default="toml",
                          help="output format (default: toml; 'table' is the same as 'toml')")
    from ontime_support.tui.serve import add_serve_parser, cmd_serve
    serve = add_serve_parser(sub, lambda p: _add_common(p, suppress=True))
    serve.set_defaults(run=cmd_serve)
    serve.description = describe("The TUI in a web browser: each browser tab gets its own session. There is no login, so it "
                                 "listens on this machine only unless --host says otherwise.")
    serve.epilog = epilog("serve")
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, suppress=True)
    book.add_parsers(sub, common)  # --- customer book: db, customers, cases
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    args.disable_plugin = [*args.disable_plugin, *getattr(args, "disable_plugin_sub", [])]
    return args


def _host(args: argparse.Namespace, strict: bool = True) -> Any:
    """The plugin host; ``strict``: the user's own settings file is input, so a bad section is exit 2."""
    from ontime_support.loading import build_host
    from ontime_support.loading.messages import one_line

    host = build_host(settings_path=args.settings, disabled=args.disable_plugin)
    for warning in host.warnings:  # e.g. --disable-plugin with a misspelt name: said, then carried on
        sys.stderr.write(one_line(warning) + "\n")
    if strict and host.input_errors:
        raise host.input_errors[0]
    return host


def quote_settings(args: argparse.Namespace) -> Any:
    """The settings file's ``[quote]``, read once per command whatever the format (a bad value is exit 2)."""
    from ontime_support.loading import settings_file_path
    from ontime_support.present.quote import load_quote_settings

    return load_quote_settings(settings_file_path(getattr(args, "settings", None)))


def cmd_compare(args: argparse.Namespace, lang: str) -> int:
    from ontime_support.loading import load_profile

    if args.customer or args.log:  # --- customer book (issue #10)
        from .book import cmd_compare_book

        return cmd_compare_book(args, lang)
    if args.profiles:
        quote_settings(args)  # checked whatever the format: a bad [quote] is exit 2 here too
        return run_batch(lambda: _host(args), args.profiles, parse_at(args.at), lang, args.format or "json")
    profile = load_profile(args.profile)
    comparison = _host(args).compare(profile, parse_at(args.at, profile.customer.timezone))
    show_comparison(comparison, profile, lang, args, quote_settings(args))
    return EXIT_OK


def show_comparison(comparison: Any, profile: Any, lang: str, args: argparse.Namespace, quote: Any) -> str | None:
    """Print one comparison in ``args.format`` (``quote``: the ``[quote]`` settings); the quote's text if shown."""
    from ontime_support.present.view import build_view

    from ontime_support.loading.messages import one_line

    for said in getattr(comparison, "diagnostics", ()):  # a plugin that printed: said on stderr, not in the output
        sys.stderr.write(one_line(f"warning: plugin {said.plugin} ({said.hook}) {said.message}") + "\n")
    fmt = args.format or "table"
    if fmt == "chart":
        from ontime_support.present.chart import build_chart, render_text

        sys.stdout.write(render_text(build_chart(comparison), lang))
        return None
    view = build_view(comparison, profile, lang)
    if fmt == "json":
        from ontime_support.present.json import view_json

        sys.stdout.write(json.dumps(view_json(view), ensure_ascii=False, indent=2) + "\n")
    elif fmt in ("markdown", "html"):
        if fmt == "html":
            from ontime_support.present.html import to_html as render
        else:
            from ontime_support.present.markdown import to_markdown as render
        text = render(view, quote, args.agent)
        sys.stdout.write(text)
        return text
    else:
        from .table import print_comparison

        print_comparison(view)
    return None


# --------------------------------------------------------------------------- the batch


def run_batch(make_host: Any, path: str, at: dt.datetime, lang: str, fmt: str) -> int:
    """``compare --profiles``: one output record per input line, in order, whatever the line holds.

    JSON: ``{"line": N, ...comparison}``, ``{"line": N, "error": "..."}`` or
    ``{"line": N, "skipped": "blank line"}``. Markdown: one section per line.
    Then ``N lines, M failed`` on stderr; exit 3 when any line failed.
    """
    import gc

    from ontime_support.loading.errors import InputError
    from ontime_support.loading.batch import BLANK_LINE, profile_from_line, read_lines
    from ontime_support.loading.files import open_regular
    from ontime_support.loading.limits import max_file_bytes
    from ontime_support.loading.messages import one_line, path_text

    if fmt not in ("json", "markdown"):  # table, chart, html: one profile each
        what = {"html": "an html quote"}.get(fmt, f"a {fmt}")
        raise InputError("--format", None, f"{what} shows one profile; with --profiles use json (the default) "
                                           "or markdown")
    limit = max_file_bytes()
    source = "<stdin>" if path == "-" else path_text(path)
    if path == "-":
        stream = sys.stdin.buffer
    else:
        fd = open_regular(path)
        os.set_blocking(fd, True)
        stream = open(fd, "rb", buffering=1 << 16)  # noqa: SIM115 (closed below)
    host = make_host()
    render = _json_renderer(lang) if fmt == "json" else _markdown_renderer(lang)
    out = _binary_stdout()
    lines = failures = blanks = 0
    # Each line allocates thousands of short-lived objects, nearly all freed by reference
    # counting; the cycle collector's default pace (every 700 net allocations) spends about
    # twice the time of a pace of 10,000 for the same (few) cycles found. Restored below.
    gc_threshold = gc.get_threshold()
    gc.set_threshold(max(gc_threshold[0], 10_000), *gc_threshold[1:])
    try:
        for number, raw in enumerate(read_lines(stream, limit), start=1):
            lines = number
            where = f"{source}:{number}"
            try:
                item = profile_from_line(raw, where)
                if item is None:
                    blanks += 1
                    record = render(number, None, None, BLANK_LINE)
                elif isinstance(item, InputError):
                    failures += 1
                    record = render(number, None, one_line(str(item)), None)
                else:
                    record = render(number, (item, host.compare(item, at)), None, None)
            except (KeyboardInterrupt, BrokenPipeError):
                raise
            except Exception as exc:  # a failure in comparing or rendering: this line's error only
                failures += 1
                record = render(number, None, one_line(f"{where}: cannot compare this profile "
                                                       f"({type(exc).__name__}: {_safe_str(exc)})"), None)
            out(record)
    finally:
        gc.set_threshold(*gc_threshold)
        if path != "-":
            stream.close()
    sys.stdout.flush()
    summary = f"{source}: {lines} lines, {failures} failed" + (f", {blanks} blank" if blanks else "")
    sys.stderr.write(one_line(summary) + "\n")
    return EXIT_BATCH_FAILURES if failures else EXIT_OK


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:
        return "?"


def _binary_stdout() -> Any:
    """Write bytes to stdout (its buffer when it has one: no re-encoding of each record)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        return buffer.write
    return lambda data: sys.stdout.write(data.decode("utf-8"))


def _json_renderer(lang: str) -> Any:
    import orjson

    from ontime_support.present import json as present_json

    escape = present_json.escape_line_separators

    def render(number: int, compared: Any, error: str | None, skipped: str | None) -> bytes:
        if compared is not None:
            # = orjson.dumps({"line": number, **to_json(...)}): the record's own object opened with "line"
            record = present_json.record_bytes(compared[1], compared[0], lang)
            # Line and paragraph separators and NEL are valid raw in JSON, but
            # many readers split lines on them: escape them, one record per line.
            return b"".join((b'{"line":%d,' % number, memoryview(escape(record))[1:], b"\n"))
        if error is not None:
            return escape(orjson.dumps({"line": number, "error": error})) + b"\n"
        return escape(orjson.dumps({"line": number, "skipped": skipped})) + b"\n"

    return render


def _markdown_renderer(lang: str) -> Any:
    from ontime_support.present.markdown import comparison_markdown

    def render(number: int, compared: Any, error: str | None, skipped: str | None) -> bytes:
        if compared is not None:
            profile, comparison = compared
            # One section per line: the quote's headings move one level down.
            body = "\n".join("#" + line if line.startswith("#") else line
                             for line in comparison_markdown(comparison, profile, lang).splitlines())
        else:
            body = f"**error:** `{error}`" if error is not None else f"_skipped: {skipped}_"
        return f"# Line {number}\n\n{body.strip()}\n\n".encode()

    return render


# --------------------------------------------------------------------------- settings as TOML


def settings_as_toml(rows: list[dict[str, Any]], lang: str) -> str:
    """Every setting as TOML: a section per plugin, a comment with clause, meaning and default.

    Setting names are never wrapped or cut, whatever the terminal width; the
    output loads back with ``--settings``.
    """
    out: list[str] = []
    section = None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            out.append(("\n" if out else "") + f"[{_toml_key(section)}]")
        value, default = _toml_value(r["value"]), _toml_value(r["default"])
        changed = "" if value == default else f" (default: {default if default is not None else 'unset'})"
        cited = f"[{r['clause']}]" if r["clause"] else ("（当ツールの設定）" if lang == "ja" else "(a setting of this tool)")
        out.append(f"# {cited} {r['help'](lang)}{changed}")
        out.append(f"{_toml_key(r['name'])} = {value}" if value is not None
                   else f"# {_toml_key(r['name'])} = (unset)")
    return "\n".join(out) + "\n"


def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str | None:
    """A TOML literal (strings in JSON's escapes, which TOML basic strings share); None: no TOML value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):  # dt.datetime too: TOML takes both bare
        return value.isoformat()
    if isinstance(value, tuple | list):
        items = [_toml_value(v) for v in value]
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    if isinstance(value, dict):
        pairs = [(k, _toml_value(v)) for k, v in value.items()]
        return "{" + ", ".join(f"{_toml_key(str(k))} = {v}" for k, v in pairs if v is not None) + "}"
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    return json.dumps(str(value), ensure_ascii=False)


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
        return EXIT_OK
    from .table import print_plugins

    print_plugins(infos)
    return EXIT_OK


def cmd_settings(args: argparse.Namespace, lang: str) -> int:
    host = _host(args)
    from ontime_support.present.settings_table import settings_table

    from ontime_support.present.quote import quote_settings_rows

    rows = settings_table(host) + quote_settings_rows(quote_settings(args))
    if args.format == "json":
        json.dump([{**r, "help": r["help"](lang), "value": _plain(r["value"]), "default": _plain(r["default"])}
                   for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    sys.stdout.write(settings_as_toml(rows, lang))
    return EXIT_OK


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def cmd_tui(args: argparse.Namespace, lang: str | None) -> int:
    from ontime_support.tui.launch import launch

    return launch(profile=getattr(args, "profile", None), at=getattr(args, "at", None),
                  lang=lang, settings=args.settings, disabled=args.disable_plugin,
                  customer=getattr(args, "customer", None), db=getattr(args, "db", None),
                  agent=getattr(args, "agent", None))


def _quiet_stdout() -> None:
    """After a broken pipe: send the rest of stdout nowhere, so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    from ontime_support.loading.errors import InputError
    from ontime_support.loading.messages import one_line

    args = _parse(argv)
    lang = args.lang or default_lang()
    try:
        if args.command in (None, "tui"):
            return cmd_tui(args, args.lang)
        if args.command == "serve":
            return int(args.run(args))
        from .book import HANDLERS as BOOK_HANDLERS  # --- customer book (issue #10)

        handler = {"compare": cmd_compare, "plugins": cmd_plugins, "settings": cmd_settings,
                   **BOOK_HANDLERS}[args.command]
        return handler(args, lang)
    except InputError as exc:
        sys.stderr.write(one_line(str(exc)) + "\n")
        return EXIT_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get(ENV_DEBUG):
            raise
        sys.stderr.write(one_line(f"ontime-support: internal error ({type(exc).__name__}: {exc}); "
                                  f"set {ENV_DEBUG}=1 for the traceback") + "\n")
        return EXIT_INTERNAL


def run() -> NoReturn:
    sys.exit(main())
