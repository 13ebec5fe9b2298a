"""Snapshot tests (pytest-textual-snapshot): pinned instant, no cursor blink."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import SATURDAY, make_app  # noqa: E402

SIZE = (120, 40)


def test_main_screen_en(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("partner", at=SATURDAY, lang="en"), terminal_size=SIZE)


def test_main_screen_ja(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("partner", at=SATURDAY, lang="ja"), terminal_size=SIZE)


def test_triage_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("direct_shop", at=SATURDAY, lang="en"), terminal_size=SIZE, press=["f4", "_"])


def test_plugin_error_column(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app("direct_shop", at=SATURDAY, lang="en", boom=True)

    async def only_two(pilot) -> None:  # type: ignore[no-untyped-def]
        for result in app.comparison.options:
            if result.option.id not in ("boom.support", "direct_shop.annual"):
                app.toggle_column(result.option.id)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=only_two)
