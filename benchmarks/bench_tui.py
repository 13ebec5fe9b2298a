"""TUI speed: process start to first frame, and profile edit to updated frame.

``python benchmarks/bench_tui.py`` prints JSON; ``run()`` returns the dict.
Start-up is measured for the real app (example profile, example settings, the
same path as ``ontime-support tui``) and for a minimal Textual app in the same
run: each is a fresh ``python -c`` process that exits right after its first
refresh; the time from spawning to its first painted frame (for the app: the
first frame that shows the comparison) is taken, median of N runs.
It also writes the 120x40 screenshot ``docs/screenshot.svg`` (``--screenshot``).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each child prints time.time() when its first frame is painted (the app's display call, which
# runs headless too); a frame counts only once the real app shows the comparison. The start-up
# time is that instant minus the parent's time.time() just before spawning, so the exit and
# anything mounted after the first frame (the profile form) are not counted.
FRAME_HOOK = """
import os as _os, time as _t
def _ready(ready):
    try:
        return ready()
    except Exception:
        return False
def _hook(app, ready=lambda: True):
    display = app._display
    def counting(screen, renderable):
        if renderable is not None and not getattr(app, "_first_frame", None) and _ready(ready):
            app._first_frame = _t.time()
            _os.write(1, f"FIRST_FRAME {app._first_frame!r}\\n".encode())  # the app redirects print
            app.call_later(app.exit)
        return display(screen, renderable)
    app._display = counting
"""

MINIMAL = FRAME_HOOK + """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
app = Minimal()
_hook(app)
app.run(headless=True, size=(120, 40))
"""

REAL = FRAME_HOOK + """
from ontime_support.loading import load_profile
from ontime_support.tui.app import OnTimeApp, make_host
from ontime_support.examples import profile_path as example_profile
from ontime_support.tui.widgets.matrix import Matrix
app = OnTimeApp(make_host(), load_profile(example_profile("partner")))
_hook(app, lambda: app.screen.query_one(Matrix).row_count > 0)
app.run(headless=True, size=(120, 40))
"""


def _spawn(code: str) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("FIRST_FRAME "))
    return float(line.split()[1]) - start


def startup(runs: int = 9) -> dict[str, float]:
    _spawn(MINIMAL), _spawn(REAL)  # warm the OS caches
    minimal, real = [], []
    for _ in range(runs):
        minimal.append(_spawn(MINIMAL))
        real.append(_spawn(REAL))
    m, r = statistics.median(minimal), statistics.median(real)
    return {"runs": runs, "minimal_ms": round(m * 1000, 1), "app_ms": round(r * 1000, 1),
            "ratio": round(r / m, 2)}


async def _timed(runs: int, change, done) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Time ``change(i)`` to the first painted frame after ``done()`` holds, with nothing left to repaint.

    ``pilot.pause()`` is not a clock: it always sleeps >= 20 ms waiting for the
    CPU to go idle. Instead the app's display call (one per painted frame,
    also headless) is timestamped; the time is from the change to the first
    frame painted once the screen shows the change.
    """
    from ontime_support.examples import profile_path as example_profile
    from ontime_support.loading import load_profile
    from ontime_support.tui.app import OnTimeApp, make_host

    at = __import__("datetime").datetime.fromisoformat("2026-11-26T11:00+09:00")
    app = OnTimeApp(make_host(), load_profile(example_profile("partner")), cursor_blink=False, at=at)
    frames: list[float] = []
    display = app._display

    def counting_display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = counting_display  # type: ignore[method-assign]
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query_one("#form").built:  # type: ignore[attr-defined]
            await pilot.pause()
        await pilot.pause()
        for i in range(runs):
            screen = app.screen
            start = time.perf_counter()
            change(app, i)
            deadline = start + 2.0
            while True:
                await asyncio.sleep(0.0005)
                assert time.perf_counter() < deadline, "no frame after the change"
                screen = app.screen
                idle = not (screen._dirty_widgets or screen._layout_required or screen._repaint_required)
                if idle and done(app, i) and frames and frames[-1] > start:
                    break
            times.append(frames[-1] - start)
            await pilot.pause()  # settle (not timed)
    times.sort()
    q = statistics.quantiles(times, n=10)
    return {"runs": runs, "p50_ms": round(statistics.median(times) * 1000, 2), "p90_ms": round(q[8] * 1000, 2)}


def _edit(app, i):  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    app.screen.query_one("#usage-expected_spot_hours", Input).value = str(1 + i % 50)


def _edited(app, i):  # type: ignore[no-untyped-def]
    from ontime_support.tui.widgets.matrix import Matrix

    return app.profile.usage.expected_spot_hours == 1 + i % 50 and app.screen.query_one(Matrix).view is app.view


def _switch(app, i):  # type: ignore[no-untyped-def]
    app.action_switch_language()


def _switched(app, i):  # type: ignore[no-untyped-def]
    from ontime_support.tui.widgets.matrix import Matrix

    return app.screen.query_one(Matrix).view.lang == app.language


def _pin(app, i):  # type: ignore[no-untyped-def]
    import datetime as dt

    app.pin_answer(("pin", dt.datetime(2026, 11, 26, 11, 0, tzinfo=dt.timezone.utc) + dt.timedelta(hours=i)))


def _pinned(app, i):  # type: ignore[no-untyped-def]
    from ontime_support.tui.widgets.matrix import Matrix

    return app.screen.query_one(Matrix).view is app.view and app.comparison.at == app.pinned_at


def edit_to_frame(runs: int = 60) -> dict[str, float]:
    return asyncio.run(_timed(runs, _edit, _edited))


def language_switch(runs: int = 30) -> dict[str, float]:
    return asyncio.run(_timed(runs, _switch, _switched))


def pin(runs: int = 30) -> dict[str, float]:
    return asyncio.run(_timed(runs, _pin, _pinned))


def screenshot(path: Path = ROOT / "docs" / "screenshot.svg") -> str:
    import datetime as dt

    from ontime_support.loading import load_profile
    from ontime_support.tui.app import OnTimeApp, make_host
    from ontime_support.examples import profile_path as example_profile

    async def shoot() -> None:
        at = dt.datetime.fromisoformat("2026-11-26T11:00+09:00")
        app = OnTimeApp(make_host(), load_profile(example_profile("partner")), at=at, cursor_blink=False)
        # the new main screen: matrix, detail preview and the profile form (120 columns)
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.screen.query_one("#form").built:  # type: ignore[attr-defined]
                await pilot.pause()
            await pilot.pause()
            path.parent.mkdir(parents=True, exist_ok=True)
            app.save_screenshot(path.name, str(path.parent))

    asyncio.run(shoot())
    return str(path.relative_to(ROOT))


def run() -> dict:
    return {"startup_to_first_frame": startup(), "edit_to_updated_frame": edit_to_frame(),
            "language_switch_to_frame": language_switch(), "pin_to_frame": pin()}


if __name__ == "__main__":
    result = run()
    if "--screenshot" in sys.argv:
        result["screenshot"] = screenshot()
    print(json.dumps(result, indent=2))
