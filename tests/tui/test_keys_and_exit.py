"""QA regressions: fast key presses, the exit code after an internal error, Esc on F6, help and footer width."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer, Input, Markdown

sys.path.insert(0, str(Path(__file__).parent))
from helpers import SATURDAY, make_app, screen_text, started, sync  # noqa: E402

from ontime_support.examples import profile_path as example_profile  # noqa: E402
from ontime_support.examples import settings_path as example_settings  # noqa: E402
from ontime_support.tui import launch as launch_module  # noqa: E402
from ontime_support.tui.app import OnTimeApp  # noqa: E402
from ontime_support.tui.screens.detail import DetailScreen  # noqa: E402


async def burst(pilot: Any, *keys: str) -> None:
    """Keys as a terminal delivers fast typing: all queued at once (``pilot.press`` waits for idle after each)."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def _details(app: OnTimeApp) -> list[DetailScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, DetailScreen)]


# ---------------------------------------------------------------- 1. two fast presses open one detail


@sync
async def test_two_fast_number_keys_open_one_detail_and_escape_goes_back() -> None:
    app = make_app("partner", at=SATURDAY)
    async with started(app, (120, 40)) as pilot:
        await burst(pilot, "1", "2")  # the second key arrives before the first detail has opened
        assert len(_details(app)) == 1 and isinstance(app.screen, DetailScreen)
        assert app.screen.option.id == app.view.options[0].id  # the first key wins
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and not _details(app)
        await pilot.press("2")  # a later press opens a fresh detail
        await pilot.pause()
        assert len(_details(app)) == 1 and app.screen.option.id == app.view.options[1].id


@sync
async def test_typing_a_date_after_ctrl_u_closed_the_pin_dialog_does_not_crash() -> None:
    app = make_app("partner", at=SATURDAY)
    async with started(app, (120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen.query_one("#dialog-input"), Input)
        await burst(pilot, "ctrl+u", *"2026-12-28")  # the dialog closes; the digits reach the matrix
        assert app.pinned_at is None
        assert len(_details(app)) == 1 and app.screen.option.id == app.view.options[1].id


@sync
async def test_f4_f6_f4_f6_never_stacks_a_screen_twice() -> None:
    from ontime_support.tui.screens.coverage import CoverageScreen
    from ontime_support.tui.screens.triage import TriageScreen

    app = make_app("partner", at=SATURDAY)
    async with started(app, (120, 40)) as pilot:
        await burst(pilot, "f4", "f6", "f4")
        assert isinstance(app.screen, TriageScreen)  # F4 over the chart goes back to the triage below it
        await burst(pilot, "f6", "f1", "f1", "f6")
        kinds = [type(screen) for screen in app.screen_stack]
        assert kinds.count(TriageScreen) == 1 and len(kinds) == len(set(kinds))
        assert isinstance(app.screen, TriageScreen)


# ---------------------------------------------------------------- 2. an internal error exits 1


def _launch_headless(monkeypatch: pytest.MonkeyPatch, auto_pilot: Any) -> int:
    original = OnTimeApp.run

    def run(self: OnTimeApp, **kwargs: Any) -> Any:
        return original(self, headless=True, size=(100, 30), auto_pilot=auto_pilot)

    monkeypatch.setattr(OnTimeApp, "run", run)
    return launch_module.launch(str(example_profile("partner")), at="2026-12-28T16:30+09:00", lang="en",
                                settings=str(example_settings()), db=None)


def test_an_unhandled_exception_in_the_tui_exits_1(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    async def crash(pilot: Any) -> None:
        def boom() -> None:
            raise RuntimeError("boom in a handler")

        pilot.app.call_later(boom)
        await pilot.pause()

    assert _launch_headless(monkeypatch, crash) == 1


def test_quitting_the_tui_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    async def quit_app(pilot: Any) -> None:
        await pilot.press("ctrl+q")

    assert _launch_headless(monkeypatch, quit_app) == 0


# ---------------------------------------------------------------- 3. Esc closes the coverage screen


@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_escape_closes_the_coverage_screen_in_either_language(lang: str) -> None:
    app = make_app("direct_shop", at=SATURDAY, lang=lang)
    async with started(app, (120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.id == "coverage-screen"
        await pilot.press("f2")  # the binding follows the language switch
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


# ---------------------------------------------------------------- 4. the help's key column is not cut


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_help_shows_every_key_and_description_in_full(lang: str, size: tuple[int, int]) -> None:
    app = make_app("direct_shop", at=SATURDAY, lang=lang)
    async with started(app, size) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.id == "help" and app.screen.query_one(Markdown)
        seen = ""
        body = app.screen.query_one("#help-body")
        while True:
            text = screen_text(app)
            assert "…" not in text, text
            seen += text
            if body.scroll_y >= body.max_scroll_y:
                break
            body.scroll_page_down(animate=False)
            await pilot.pause()
        for key in ("Enter", "F1", "F6", "Ctrl+O / Ctrl+S", "Ctrl+B", "Ctrl+Q"):
            assert key in seen, key


# ---------------------------------------------------------------- 5. no character lost in a narrow footer


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", ["", "f4", "f6"])
@sync
async def test_japanese_footer_shows_each_label_whole_or_not_at_all(key: str, size: tuple[int, int]) -> None:
    from ontime_support.present.labels import label
    from ontime_support.tui.app import KEYS

    app = make_app("direct_shop", at=SATURDAY, lang="ja")
    async with started(app, size) as pilot:
        if key:
            await pilot.press(key)
            await pilot.pause()
        shown = {"^p": label("tui.b_palette", "ja")}
        shown.update({k: label(name, "ja") for k, _action, name, show, _priority in KEYS if show})
        for _ in range(40):  # under load the footer may be laid out a few frames after the screen
            footer = screen_text(app).splitlines()[-1]
            if any(f"{name} " in footer for name in shown):
                break
            await pilot.pause(0.05)
        for name, text in shown.items():
            if f"{name} " in footer:
                assert f"{name} {text}" in footer, footer
        assert ("^p" in footer) == (size[0] >= 100), footer  # the palette key only where it fits


@sync
async def test_a_misspelt_disabled_plugin_is_said_on_screen(monkeypatch) -> None:
    from ontime_support.loading import build_host, load_profile
    from ontime_support.tui.app import OnTimeApp

    monkeypatch.setenv("ONTIME_SUPPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
    host = build_host(settings_path=example_settings(), disabled=["nosuch"])
    app = OnTimeApp(host, load_profile(example_profile("partner")), lang="en", cursor_blink=False)
    async with started(app, (120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("nosuch" in m and "no plugin by that name" in m for m in messages), messages
