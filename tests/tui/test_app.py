"""Pilot tests: drive the form and the dialogs, check what the comparison shows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

sys.path.insert(0, str(Path(__file__).parent))
from helpers import SATURDAY, column_text, make_app, started, sync  # noqa: E402

from ontime_support.loading import load_profile  # noqa: E402
from ontime_support.present.report import to_markdown  # noqa: E402
from ontime_support.tui.widgets.clock import Clock  # noqa: E402
from ontime_support.tui.widgets.option_column import OptionColumn  # noqa: E402
from ontime_support.tui.widgets.profile_form import ProfileForm  # noqa: E402

SIZE = (120, 40)


@sync
async def test_partner_purchase_makes_direct_shop_help_ineligible() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        assert "● eligible" in column_text(app, "direct_shop.purchase_support")
        form = app.screen.query_one(ProfileForm)
        form.query_one("#customer-purchased_from", Select).value = "partner"
        await pilot.pause()
        # a partner purchase needs the partner: the kernel says so, inline
        error = form.query_one("#err-customer-partner", Static)
        assert error.display and "required" in str(error.render())
        form.query_one("#customer-partner", Select).value = "example-partner"
        form.query_one("#customer-partner_supports_ontime", Select).value = "yes"
        await pilot.pause()
        text = column_text(app, "direct_shop.purchase_support")
        assert "ineligible" in text and "[PTN-4]" in text
        assert app.comparison.option("direct_shop.purchase_support").eligibility.status.value == "ineligible"
        assert app.comparison.recommended[0] == "partner"
        assert "★1" in column_text(app, "partner")


@sync
async def test_pinning_saturday_shows_direct_shop_closed_until_monday() -> None:
    app = make_app("direct_shop", at=None)
    async with started(app, SIZE) as pilot:
        assert "-pinned" not in app.screen.query_one(Clock).classes
        await pilot.press("f3")
        dialog_input = app.screen.query_one(Input)
        dialog_input.value = "2026-11-28T11:00"  # no offset: refused inline
        await pilot.press("enter")
        assert "offset" in str(app.screen.query_one("#dialog-error", Static).render())
        dialog_input.value = "2026-11-28T11:00+09:00"
        await pilot.press("enter")
        await pilot.pause()
        assert app.pinned_at == SATURDAY
        clock = app.screen.query_one(Clock)
        assert "-pinned" in clock.classes and "PINNED" in str(clock.render())
        text = column_text(app, "direct_shop.purchase_support")
        assert "Closed now" in text
        assert "Next opening: 2026-11-30 10:00 JST (Mon)" in text
        await pilot.press("f3")  # unpin
        await pilot.pause()
        assert app.pinned_at is None and "-pinned" not in clock.classes


@sync
async def test_invalid_money_is_marked_inline_and_keeps_last_comparison() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        field = app.screen.query_one("#licenses-newest_list_price_jpy", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"1200000")
        await pilot.pause()
        before = app.comparison
        await pilot.press("x")
        await pilot.pause()
        error = app.screen.query_one("#err-licenses-newest_list_price_jpy", Static)
        assert error.display and "expected a whole number" in str(error.render())
        assert "-invalid-field" in field.classes
        assert app.comparison is before
        assert app.input_error and "licenses.newest_list_price_jpy" in app.input_error
        assert "180,000 JPY" in column_text(app, "direct_shop.annual")  # 15% of the last valid 1,200,000
        # a valid value again: error gone, comparison follows (15% of 2,000,000)
        field.value = ""
        await pilot.press(*"2000000")
        await pilot.pause()
        assert not error.display and app.input_error is None
        assert "300,000 JPY" in column_text(app, "direct_shop.annual")


@sync
async def test_negative_hours_and_bad_zone_are_refused() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        hours = app.screen.query_one("#usage-expected_spot_hours", Input)
        hours.value = "-2"
        await pilot.pause()
        assert "must not be negative" in str(app.screen.query_one("#err-usage-expected_spot_hours", Static).render())
        hours.value = "2.5"
        zone = app.screen.query_one("#customer-timezone", Input)
        zone.value = "Asia/Tokio"
        await pilot.pause()
        assert "unknown time zone" in str(app.screen.query_one("#err-customer-timezone", Static).render())
        zone.value = "Europe/Berlin"
        await pilot.pause()
        assert app.profile.customer.timezone == "Europe/Berlin"
        assert str(app.profile.usage.expected_spot_hours) == "2.5"


@sync
async def test_save_then_open_round_trip(tmp_path: Path) -> None:
    for example in ("partner", "direct_shop", "intravision"):
        app = make_app(example)
        target = tmp_path / f"{example}.toml"
        async with started(app, SIZE) as pilot:
            original = app.profile
            await pilot.press("ctrl+s")
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert load_profile(target) == original
            app.screen.query_one("#form", ProfileForm).query_one("#customer-name", Input).value = "Changed"
            await pilot.pause()
            assert app.profile.customer.name == "Changed"
            await pilot.press("ctrl+o")
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert app.profile == original
            assert app.screen.query_one("#customer-name", Input).value == original.customer.name


@sync
async def test_language_switch_changes_labels() -> None:
    app = make_app("direct_shop", lang="en")
    async with started(app, SIZE) as pilot:
        assert str(app.screen.query_one("#title", Static).render()) == "OnTime support desk"
        await pilot.press("f2")
        await pilot.pause()
        assert app.language == "ja"
        assert str(app.screen.query_one("#title", Static).render()) == "OnTime サポート窓口"
        labels = [str(w.render()) for w in app.screen.query(".field-label")]
        assert "お客様名" in labels
        text = column_text(app, "direct_shop.purchase_support")
        assert "利用可" in text and "次の受付開始" not in text or "受付中" in text
        assert app.screen.query_one("#customer-purchased_from", Select).value == "direct_shop"
        assert "English" in [b.description for b in app._bindings.key_to_bindings["f2"]]
        await pilot.press("f2")
        await pilot.pause()
        assert "● eligible" in column_text(app, "direct_shop.purchase_support")


@sync
async def test_plugin_error_shows_in_its_column() -> None:
    app = make_app("direct_shop", boom=True)
    async with started(app, SIZE) as pilot:
        await pilot.pause()
        text = column_text(app, "boom.support")
        assert "Plugin error" in text and "kaboom" in text and "ontime_eligibility" in text
        assert "● eligible" in column_text(app, "direct_shop.purchase_support")
        assert "boom.support" not in app.comparison.recommended


@sync
async def test_triage_screen_edits_incident_and_shows_verdict() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.id == "triage"
        app.screen.query_one("#t-in_platform_clients", Select).value = "yes"
        await pilot.pause()
        assert app.profile.incident.in_platform_clients.value == "yes"
        verdict = app.screen.query_one("#verdict").text.plain
        assert app.comparison.triage is not None
        assert "[TRI-2]" in verdict
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#incident-in_platform_clients", Select).value == "yes"


@sync
async def test_incident_switch_off_removes_triage() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        assert app.comparison.triage is not None
        from textual.widgets import Switch

        app.screen.query_one("#incident-enabled", Switch).value = False
        await pilot.pause()
        assert app.profile.incident is None and app.comparison.triage is None
        assert app.screen.query_one("#incident-scope", Select).disabled


@sync
async def test_quote_to_file_and_clipboard(tmp_path: Path) -> None:
    app = make_app("direct_shop", lang="ja")
    async with started(app, SIZE) as pilot:
        target = tmp_path / "quote.md"
        await pilot.press("f5")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        expected = to_markdown(app.comparison, "ja", app.profile.customer.name)
        assert target.read_text(encoding="utf-8") == expected
        app.export_quote(("clipboard", ""))
        assert app.clipboard == expected


@sync
async def test_hide_column_and_palette_commands() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        app.toggle_column("partner")
        await pilot.pause()
        ids = [c.option_id for c in app.screen.query(OptionColumn)]
        assert "partner" not in ids and "direct_shop.spot" in ids
        app.new_from_example("intravision")
        await pilot.pause()
        assert app.profile.customer.purchased_from.value == "intravision"
        assert app.screen.query_one("#customer-name", Input).value == app.profile.customer.name
        from ontime_support.tui.commands import OnTimeCommands

        provider = OnTimeCommands(app.screen)
        labels = [hit.text async for hit in provider.discover()]
        assert any("intravision.annual" in str(label) for label in labels)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_small_terminal_renders(size: tuple[int, int]) -> None:
    app = make_app("partner", boom=True)
    async with started(app, size) as pilot:
        await pilot.press("ctrl+b")  # hide the form, the columns get the room
        await pilot.pause()
        assert not app.screen.query_one("#form").display
        assert len(app.screen.query(OptionColumn)) == len(app.comparison.options)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
