"""Serve the TUI to a web browser (``ontime-support serve``).

`textual-serve <https://github.com/Textualize/textual-serve>`_ runs one
process per browser session and relays its terminal over a websocket to
xterm.js in the page. Each session runs the app itself,
``<this python> -m ontime_support tui ...`` with the options given to
``serve``, so the browser shows exactly what the terminal shows.

* The server listens on 127.0.0.1 unless ``--host`` says otherwise. The page
  has no login: on any address that is not loopback a warning says so on
  stderr.
* Nothing is fetched from the internet: textual-serve ships its JavaScript,
  CSS and the Roboto Mono font; only its page template links a web-font
  stylesheet on a CDN. :func:`offline_template` drops every absolute
  ``http(s)://`` stylesheet or script from the template and loads the shipped
  font instead.

Only the standard library is imported at module level (the CLI builds its
parser from here); textual-serve is imported when the server starts.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "ontime-support"
TEMPLATE = "app_index.html"

#: ``<link ... href="https://...">`` and ``<script ... src="https://...">`` in a template.
_REMOTE = re.compile(r"""<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""",
                     re.IGNORECASE)
#: The font xterm.js asks for, from textual-serve's own static folder.
_LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>
  </head>"""


def add_serve_parser(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> argparse.ArgumentParser:
    """Add ``serve`` to the CLI's subcommands: the ``tui`` options (``add_common``) plus where to listen."""
    serve = sub.add_parser("serve", help="serve the TUI to a web browser (no login: loopback only "
                           "unless --host says otherwise)")
    add_common(serve)
    serve.add_argument("--profile", metavar="FILE",
                       help="profile TOML the page opens on (default: the bundled partner example)")
    serve.add_argument("--at", metavar="ISO", help="pin the instant (ISO 8601 with offset)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers use to reach the server (default: http://HOST:PORT)")
    return serve  # type: ignore[no-any-return]


def tui_command(*, profile: str | None = None, settings: str | None = None, lang: str | None = None,
                at: str | None = None, disabled: Sequence[str] = (), python: str | None = None) -> str:
    """The shell command each browser session runs: this Python, ``-m ontime_support tui``, the options."""
    argv = [python or sys.executable, "-m", "ontime_support", "tui"]
    for flag, value in (("--profile", profile), ("--settings", settings), ("--lang", lang), ("--at", at)):
        if value is not None:
            argv += [flag, value]
    for name in disabled:
        argv += ["--disable-plugin", name]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1); any other name or address is not."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """``http://HOST:PORT``, with an IPv6 literal in brackets."""
    bare = host.strip("[]")
    try:
        literal = ipaddress.ip_address(bare)
    except ValueError:
        literal = None
    shown = f"[{bare}]" if isinstance(literal, ipaddress.IPv6Address) else host
    return f"http://{shown}:{port}"


def no_login_warning(host: str, port: int) -> str:
    return (f"warning: serving on {host}:{port}, which is not a loopback address; the page has no login: "
            "anyone who can reach this address can open the app and read the profile and settings it shows.")


def offline_template(text: str) -> str:
    """textual-serve's page template without remote stylesheets or scripts, with the shipped font."""
    text = _REMOTE.sub("", text)
    return text.replace("</head>", _LOCAL_FONT, 1)


def cmd_serve(args: argparse.Namespace) -> int:
    """Check the options as ``tui`` would, then serve until interrupted.

    :raises InputError: a bad profile, settings file, ``--at`` or port (the CLI prints it).
    """
    from ontime_support.cli.main import parse_at
    from ontime_support.loading.errors import InputError
    from ontime_support.loading import load_profile

    from .app import make_host

    if args.at is not None:
        parse_at(args.at)
    if not 0 < args.port <= 65535:
        raise InputError("--port", None, f"{args.port} is not a port number (1-65535)")
    # Bad input is reported here once, not as a crash in every browser session.
    make_host(args.settings, list(args.disable_plugin))
    if args.profile is not None:
        load_profile(args.profile)
    command = tui_command(profile=args.profile, settings=args.settings, lang=args.lang, at=args.at,
                          disabled=args.disable_plugin)
    if not is_loopback(args.host):
        sys.stderr.write(no_login_warning(args.host, args.port) + "\n")
        sys.stderr.flush()
    return serve(command, host=args.host, port=args.port, url=args.public_url)


def serve(command: str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, url: str | None = None) -> int:
    """Run textual-serve for ``command`` until SIGINT/SIGTERM."""
    import textual_serve.server
    from textual_serve.server import Server

    from ontime_support.loading.errors import InputError

    shipped = Path(textual_serve.server.__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="ontime-support-serve-") as templates:
        page = (shipped / "templates" / TEMPLATE).read_text(encoding="utf-8")
        (Path(templates) / TEMPLATE).write_text(offline_template(page), encoding="utf-8")
        server = Server(command, host=host, port=port, title=TITLE, public_url=url or public_url(host, port),
                        statics_path=shipped / "static", templates_path=templates)
        try:
            server.serve()
        except OSError as exc:
            raise InputError("--host/--port", None, f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    return 0

