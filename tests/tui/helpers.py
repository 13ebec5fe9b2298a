"""Shared builders for the TUI tests (plain module; no conftest)."""

from __future__ import annotations

import datetime as dt

from ontime_support.sdk import OptionSpec, T, hookimpl
from ontime_support.loading import build_host, load_profile
from ontime_support.kernel.host import PluginHost
from ontime_support.tui.app import OnTimeApp
from ontime_support.examples import profile_path as example_profile
from ontime_support.examples import settings_path as example_settings

SATURDAY = dt.datetime.fromisoformat("2026-11-28T11:00+09:00")
THURSDAY = dt.datetime.fromisoformat("2026-11-26T11:00+09:00")


class Boom:
    """A third-party plugin whose eligibility hook raises."""

    @hookimpl
    def ontime_options(self) -> list[OptionSpec]:
        return [OptionSpec(id="boom.support", provider="Boom K.K.", title=T("Boom support", "ブーム サポート"))]

    @hookimpl
    def ontime_eligibility(self, option: OptionSpec) -> None:
        raise RuntimeError("kaboom: the directory server is down")


def make_app(example: str = "direct_shop", *, at: dt.datetime | None = THURSDAY, lang: str = "en",
             boom: bool = False) -> OnTimeApp:
    host = build_host(settings_path=example_settings(), builtins=True, autoload=False,
                            extra_plugins=[("boom", Boom())] if boom else [])
    return OnTimeApp(host, load_profile(example_profile(example)), lang=lang, at=at, cursor_blink=False)


def sync(test):  # type: ignore[no-untyped-def]
    """Run an async test with asyncio.run (the project has no pytest-asyncio)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def started(app: OnTimeApp, size: tuple[int, int] = (120, 40)):  # type: ignore[no-untyped-def]
    """``app.run_test`` that also waits for the profile form (mounted just after the first frame)."""
    import contextlib

    @contextlib.asynccontextmanager
    async def run():  # type: ignore[no-untyped-def]
        async with app.run_test(size=size) as pilot:
            for _ in range(200):
                if app.screen_stack[0].query_one("#form").built:  # type: ignore[attr-defined]
                    break
                await pilot.pause()
            else:
                raise AssertionError("the profile form was never built")
            yield pilot

    return run()


def screen_text(app: OnTimeApp) -> str:
    """What the terminal shows now, as plain lines (the composited screen, top to bottom)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)
