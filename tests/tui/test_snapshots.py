"""Snapshot tests (pytest-textual-snapshot): pinned instant, no cursor blink.

Each main-screen snapshot also checks the rendered text: every option's
status (symbol and word), cost and next opening are on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import SATURDAY, make_app, screen_text  # noqa: E402

from ontime_support.tui.widgets.matrix import Matrix  # noqa: E402

SIZES = [(80, 24), (120, 40), (200, 60)]


def _check_every_option_visible(app) -> None:  # type: ignore[no-untyped-def]
    text = screen_text(app)
    matrix = app.screen.query_one(Matrix)
    assert sorted(matrix.option_ids) == sorted(r.option.id for r in app.comparison.options)
    for option in app.view.options:
        assert f"{option.status.symbol} {option.status.label}" in text, option.id
        if matrix.wide:
            cost = matrix.get_cell("annual_fee", option.id).plain
            opening = matrix.get_cell("opening", option.id).plain
        else:
            cost = matrix.get_cell(option.id, "cost").plain
            opening = matrix.get_cell(option.id, "opening").plain
        assert cost in text and all(line in text for line in opening.split("\n")), option.id


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("example", ["partner", "direct_shop", "intravision"])
def test_main_screen(snap_compare, example: str, lang: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(example, at=SATURDAY, lang=lang)

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        for _ in range(200):
            forms = app.screen.query("#form")
            if forms and forms.first().built:
                break
            await pilot.pause()
        await pilot.pause()
        _check_every_option_visible(app)

    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_triage_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("direct_shop", at=SATURDAY, lang="en"), terminal_size=(120, 40), press=["f4", "_"])


def test_detail_screen_ja(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("partner", at=SATURDAY, lang="ja"), terminal_size=(120, 40), press=["1", "_"])


def test_coverage_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("intravision", at=SATURDAY, lang="en"), terminal_size=(80, 24), press=["f6", "_"])


def test_plugin_error_option(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app("direct_shop", at=SATURDAY, lang="en", boom=True)

    async def only_two(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for result in app.comparison.options:
            if result.option.id not in ("boom.support", "direct_shop.annual"):
                app.toggle_column(result.option.id)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=only_two)
