"""``ontime-support serve``: the TUI in a web browser, through textual-serve.

The browser test starts the real server on a free loopback port, opens the
page in headless Chromium (Debian's ``chromium``, driven by Playwright: no
browser download) and reads the terminal that xterm.js draws. CI (``CI`` set)
must have Chromium: there a missing browser fails the test; elsewhere it is
skipped with the reason.

Every request the page makes is checked: anything that is not on the
loopback address is aborted and fails the test, so the page never needs (or
reaches) the internet.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ontime_support.cli.main import main
from ontime_support.tui import serve

ROOT = Path(__file__).resolve().parents[2]
PARTNER = str(ROOT / "examples" / "profiles" / "partner.toml")
SETTINGS = str(ROOT / "examples" / "settings.toml")
SCREENSHOT = ROOT / "docs" / "browser.png"
AT = "2026-11-27T10:00+09:00"
WAIT = 60.0  # seconds, for every wait in the browser test

#: Chromium flags for a machine whose only network is loopback (and the package registries).
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]

#: textual-serve's page keeps its xterm.js Terminal in a closure (``this.terminal = new Terminal(...)``) and
#: draws it on a canvas, so neither the DOM nor ``window`` holds the text. This init script notes the Terminal
#: when it is assigned, and the test reads the screen with xterm.js's public buffer API.
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && typeof value.onData === "function") { window.__ontimeTerminal = value; }
  },
});
"""
SCREEN_TEXT = """() => {
  const term = window.__ontimeTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""
#: What the comparison shows once it is fully drawn (profile panel, recommendation, option cards).
EXPECTED = ("Customer profile", "Example K.K.", "Recommended:", "IntraVision", "Direct Shop", "[PTN-4]",
            "PINNED 2026-11-27 10:00 JST (Fri)", "216,000 JPY/yr")


# --- the command each session runs, the address checks, the page template --------------------------------


def test_session_command_is_the_tui_with_the_same_python_and_options() -> None:
    command = serve.tui_command(profile="my profile.toml", settings="/etc/o'time.toml", lang="ja", at=AT,
                                disabled=["partner", "intravision"])
    assert shlex.split(command) == [
        sys.executable, "-m", "ontime_support", "tui", "--profile", "my profile.toml",
        "--settings", "/etc/o'time.toml", "--lang", "ja", "--at", AT,
        "--disable-plugin", "partner", "--disable-plugin", "intravision"]
    assert shlex.split(serve.tui_command()) == [sys.executable, "-m", "ontime_support", "tui"]


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.internal", False), ("", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_public_url_brackets_ipv6() -> None:
    assert serve.public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.public_url("::1", 8123) == "http://[::1]:8123"


@pytest.fixture
def captured_serve(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Replace the blocking server with a recorder of what it would serve."""
    calls: list[dict[str, object]] = []

    def fake(command: str, **kwargs: object) -> int:
        calls.append({"command": command, **kwargs})
        return 0

    monkeypatch.setattr(serve, "serve", fake)
    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("ONTIME_SUPPORT_SETTINGS", raising=False)
    return calls


def test_defaults_to_loopback_without_warning(captured_serve: list[dict[str, object]],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--profile", PARTNER, "--settings", SETTINGS, "--lang", "en", "--at", AT]) == 0
    (call,) = captured_serve
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    assert shlex.split(str(call["command"]))[-8:] == ["--profile", PARTNER, "--settings", SETTINGS,
                                                     "--lang", "en", "--at", AT]
    assert capsys.readouterr().err == ""


def test_other_address_only_when_asked_and_with_a_warning(captured_serve: list[dict[str, object]],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    (call,) = captured_serve
    assert (call["host"], call["port"]) == ("0.0.0.0", 8123)
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "no login" in err and "0.0.0.0:8123" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--profile", "missing.toml"], "missing.toml: "),
    (["--at", "next tuesday"], "--at: "),
    (["--port", "70000"], "--port: "),
])
def test_bad_options_fail_once_before_serving(captured_serve: list[dict[str, object]],
                                              capsys: pytest.CaptureFixture[str], args: list[str],
                                              message: str) -> None:
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert captured_serve == []


def test_page_template_loads_nothing_from_the_internet() -> None:
    import textual_serve.server

    shipped = Path(textual_serve.server.__file__).resolve().parent
    page = serve.offline_template((shipped / "templates" / serve.TEMPLATE).read_text(encoding="utf-8"))
    assert "fonts.googleapis.com" not in page
    for tag in ("link", "script"):
        for attr in ("href", "src"):
            assert f'{attr}="http' not in page.split(f"<{tag}", 1)[-1].split(">", 1)[0]
    assert "{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf" in page
    assert (shipped / "static" / "fonts" / "RobotoMono-VariableFont_wght.ttf").is_file()


# --- the browser ----------------------------------------------------------------------------------------------


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path, missing = None, "the playwright package (pip install -e '.[test]')"
    else:
        missing = "chromium (apt-get install chromium; .ci/run installs it)"
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but {missing} is missing")
        pytest.skip(f"{missing} is not installed")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(server: subprocess.Popen[bytes], port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"ontime-support serve exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"ontime-support serve did not listen on 127.0.0.1:{port} within {WAIT:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM (textual-serve ends its sessions), then SIGKILL whatever is left of the server's process group."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(server.pid, signal.SIGKILL)  # sessions it started share its group
    except ProcessLookupError:
        pass
    server.wait(timeout=15)


def _loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


@pytest.mark.slow
def test_the_comparison_in_a_browser(tmp_path: Path) -> None:
    chromium = _chromium()
    from playwright.sync_api import Route, sync_playwright

    port = _free_port()
    script = Path(sys.executable).with_name("ontime-support")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ontime_support"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONTIME_SUPPORT_")}
    env["ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    started = time.monotonic()
    deadline = started + WAIT
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--profile", PARTNER, "--settings", SETTINGS, "--lang", "en",
         "--at", AT], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    outside: list[str] = []

    def only_loopback(route: Route) -> None:
        if _loopback(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        _wait_for_port(server, port, deadline)
        with tempfile.TemporaryDirectory(prefix="ontime-chromium-") as profile_dir, sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile_dir, executable_path=chromium, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1280, "height": 800}, timeout=WAIT * 1000)
            try:
                context.route("**/*", only_loopback)
                context.add_init_script(CAPTURE_TERMINAL)
                page = context.new_page()
                sockets: list[str] = []
                page.on("websocket", lambda ws: sockets.append(ws.url))
                page.goto(f"http://127.0.0.1:{port}/", timeout=WAIT * 1000)
                remaining = max(deadline - time.monotonic(), 1.0) * 1000
                try:
                    page.wait_for_function(f"() => {{ const s = ({SCREEN_TEXT})(); "
                                           f"return {list(EXPECTED)!r}.every((t) => s.includes(t)); }}",
                                           timeout=remaining)
                except Exception:
                    shown = page.evaluate(SCREEN_TEXT)
                    page.screenshot(path=str(tmp_path / "browser.png"))
                    pytest.fail(f"the comparison did not appear within {WAIT:.0f} s; the terminal shows:\n{shown}")
                screen = page.evaluate(SCREEN_TEXT)
                page.wait_for_timeout(500)  # the canvas is painted on the next animation frames
                page.screenshot(path=str(SCREENSHOT if os.environ.get("UPDATE_BROWSER_SCREENSHOT")
                                         else tmp_path / "browser.png"))
            finally:
                context.close()
        took = time.monotonic() - started
    finally:
        _stop(server)

    print(f"browser test: comparison on screen after {took:.1f} s")
    lines = screen.splitlines()
    assert lines[0].split()[:5] == ["OnTime", "support", "desk", "Example", "K.K."]
    recommended = next(line for line in lines if "Recommended:" in line)
    assert "★1 Your OnTime partner" in recommended  # the partner comes first (--profile, --settings)
    assert "[PTN-4]" in screen and "★4 IntraVision" in screen and "180,000 JPY/yr" in screen
    assert "PINNED 2026-11-27 10:00 JST (Fri)" in screen  # --at reached the session
    assert "● Open now" in screen and "✔ eligible" in screen  # --lang en
    assert outside == [], f"the page asked for addresses off this machine: {outside}"
    assert len(sockets) == 1 and sockets[0].startswith(f"ws://127.0.0.1:{port}/ws?")
    assert server.stderr is not None and b"no login" not in server.stderr.read()
