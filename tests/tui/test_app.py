"""Pilot tests: drive the matrix, the form and the dialogs; check what the screen shows."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from textual.widgets import DirectoryTree, Input, Select, Static

sys.path.insert(0, str(Path(__file__).parent))
from helpers import SATURDAY, THURSDAY, make_app, screen_text, started, sync  # noqa: E402

from ontime_support.examples import profile_path as example_profile  # noqa: E402
from ontime_support.loading import load_profile  # noqa: E402
from ontime_support.loading import settings_file_path  # noqa: E402
from ontime_support.present.markdown import to_markdown  # noqa: E402
from ontime_support.present.quote import load_quote_settings  # noqa: E402
from ontime_support.present.view import build_view  # noqa: E402
from ontime_support.tui.widgets.clock import Clock  # noqa: E402
from ontime_support.tui.widgets.matrix import Matrix  # noqa: E402
from ontime_support.tui.widgets.profile_form import ProfileForm  # noqa: E402
from ontime_support.tui.widgets.tick import Tick  # noqa: E402

SIZE = (120, 40)
TUI = Path(__file__).resolve().parents[2] / "tui"


def cell(app, row: str, column: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(Matrix).get_cell(row, column).plain


# ---------------------------------------------------------------- 1. the matrix


@pytest.mark.parametrize("example", ["partner", "direct_shop", "intravision"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_at_80x24_every_option_status_cost_and_next_opening_is_on_screen(example: str, lang: str) -> None:
    app = make_app(example, at=SATURDAY, lang=lang)
    async with started(app, (80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        matrix = app.screen.query_one(Matrix)
        assert not matrix.wide and not app.screen.query_one(ProfileForm).display  # form hidden below 120
        assert matrix.option_ids[:len(app.comparison.recommended)] == list(app.comparison.recommended)
        assert sorted(matrix.option_ids) == sorted(r.option.id for r in app.comparison.options)  # none dropped
        lines = text.splitlines()
        for option in app.view.options:
            rows = [line for line in lines if cell(app, option.id, "_title") in line]
            assert len(rows) == 1, rows
            row = rows[0]
            assert f"{option.status.symbol} {option.status.label}" in row  # symbol AND word
            assert cell(app, option.id, "cost") in row and cell(app, option.id, "opening") in row
            p = option.pricing
            if p is not None and p.annual_fee is not None:
                assert p.annual_fee in row
            h = option.hours
            if h is not None and h.next_open is not None and not h.open_now:
                assert h.next_open.customer_iso[5:10] in row and h.next_open.customer_iso[11:16] in row
        footer = lines[-1]
        for key in ("f1", "f2", "f3", "f4", "f5", "f6", "^b"):
            assert key in footer
        assert app.profile.customer.name in lines[0]


@sync
async def test_wide_screen_puts_options_side_by_side_and_edits_update_cells_in_place() -> None:
    app = make_app("direct_shop", at=THURSDAY)
    async with started(app, (200, 60)) as pilot:
        matrix = app.screen.query_one(Matrix)
        assert matrix.wide and app.screen.query_one(ProfileForm).display
        assert "202,500 JPY" in cell(app, "annual_fee", "direct_shop.annual")  # 15% of 1,350,000
        columns_before, order = list(matrix.columns), list(matrix.option_ids)
        field = app.screen.query_one("#licenses-newest_list_price_jpy", Input)
        field.value = "1400000"
        await pilot.pause()
        assert "210,000 JPY" in cell(app, "annual_fee", "direct_shop.annual")
        assert matrix.option_ids == order and list(matrix.columns) == columns_before  # in place, not rebuilt
        assert "210,000 JPY" in screen_text(app)


@sync
async def test_number_key_opens_the_full_detail_with_reasons_hours_and_escalation() -> None:
    app = make_app("partner", at=SATURDAY)
    async with started(app, (80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.id == "detail"
        option = app.view.options[1]
        text = app.screen.query_one("#detail-text").text.plain
        assert option.title in text
        for reason in option.reasons:
            assert f"[{reason.clause}]" in text
        for line in option.hours.weekly:
            assert line in text
        for step in option.escalation:
            assert f"{step.number}. {step.to}" in text and f"[{step.clause}]" in text
        await pilot.press("escape")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.id == "detail"  # the cursor was on ★2; one down is the third option
        assert app.view.options[2].title in app.screen.query_one("#detail-text").text.plain


@sync
async def test_form_panel_hidden_below_120_columns_and_toggled_with_ctrl_b() -> None:
    app = make_app("direct_shop")
    async with started(app, (100, 30)) as pilot:
        form = app.screen.query_one(ProfileForm)
        assert not form.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert form.display
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert form.display


# ---------------------------------------------------------------- 2. coverage chart


@sync
async def test_coverage_chart_shows_year_end_closure_and_the_reason_under_the_cursor() -> None:
    import datetime as dt

    app = make_app("direct_shop", at=dt.datetime.fromisoformat("2026-12-28T11:00+09:00"))
    async with started(app, (100, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.id == "coverage-screen"
        chart = app.screen.query_one("#coverage")
        lanes = len(chart.chart.lanes)
        assert lanes == len(app.comparison.options)
        await pilot.press(*["down"] * lanes)  # same option, next day (29 Dec, year-end closure)
        await pilot.pause()
        line = str(app.screen.query_one("#coverage-cursor", Static).render())
        assert "2026-12-29" in line and "year-end closure" in line
        assert "H" * 24 in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "年末年始休業" in str(app.screen.query_one("#coverage-cursor", Static).render())
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.id == "main"


# ---------------------------------------------------------------- 4. time as people say it


@sync
async def test_pin_dialog_prefilled_date_alone_means_nine_and_ctrl_u_unpins() -> None:
    app = make_app("direct_shop", at=SATURDAY)
    async with started(app, SIZE) as pilot:
        await pilot.press("f3")
        field = app.screen.query_one("#dialog-input", Input)
        assert field.value == "2026-11-28 11:00"  # the current pin, customer's zone
        field.value = "2026-11-3x"
        await pilot.pause()
        assert "not a date" in str(app.screen.query_one("#dialog-error", Static).render())
        field.value = "2026-11-30"
        await pilot.pause()
        assert "2026-11-30 09:00 JST (+09:00)" in str(app.screen.query_one("#dialog-note", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.pinned_at.isoformat() == "2026-11-30T09:00:00+09:00"
        clock = app.screen.query_one(Clock)
        assert "-pinned" in clock.classes and "PINNED" in str(clock.render())
        await pilot.press("f3", "ctrl+u")
        await pilot.pause()
        assert app.pinned_at is None and "-pinned" not in clock.classes


@sync
async def test_pinning_saturday_shows_direct_shop_closed_until_monday() -> None:
    app = make_app("direct_shop", at=None)
    async with started(app, SIZE) as pilot:
        await pilot.press("f3")
        app.screen.query_one("#dialog-input", Input).value = "2026-11-28 11:00"
        await pilot.press("enter")
        await pilot.pause()
        assert app.pinned_at == SATURDAY
        assert "11-30 (Mon) 10:00" in cell(app, "direct_shop.purchase_support", "opening")


# ---------------------------------------------------------------- 5. dialogs


@sync
async def test_save_asks_before_replacing_keeps_comments_and_open_uses_a_toml_tree(tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    original = example_profile("direct_shop").read_text(encoding="utf-8")
    source.write_text("# my own notes\n" + original.replace("[usage]", "[usage]  # hours we expect"),
                      encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a profile")
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        assert app.open_path(str(source))
        await pilot.pause()
        app.screen.query_one("#usage-expected_spot_hours", Input).value = "7"
        await pilot.pause()
        await pilot.press("ctrl+s")
        tree = app.screen.query_one(DirectoryTree)
        await pilot.pause()
        names = {node.data.path.name for node in tree.root.children}
        assert "mine.toml" in names and "notes.txt" not in names
        await pilot.press("enter")  # save over the file it came from: asks first
        await pilot.pause()
        assert "Replace it?" in str(app.screen.query_one("#dialog-error", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        saved = source.read_text(encoding="utf-8")
        assert saved.startswith("# my own notes") and "# hours we expect" in saved
        assert load_profile(source) == app.profile and str(app.profile.usage.expected_spot_hours) == "7"
        assert not list(tmp_path.glob(".*.tmp"))


@sync
async def test_save_through_a_symlink_says_so(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await pilot.press("ctrl+s")
        app.screen.query_one("#dialog-input", Input).value = str(link)
        await pilot.press("enter")
        await pilot.pause()
        assert "symbolic link" in str(app.screen.query_one("#dialog-error", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert link.is_symlink() and load_profile(real) == app.profile


@sync
async def test_save_then_open_round_trip(tmp_path: Path) -> None:
    for example in ("partner", "direct_shop", "intravision"):
        app = make_app(example)
        target = tmp_path / f"{example}.toml"
        async with started(app, SIZE) as pilot:
            original = app.profile
            await pilot.press("ctrl+s")
            app.screen.query_one("#dialog-input", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert load_profile(target) == original
            app.screen.query_one("#customer-name", Input).value = "Changed"
            await pilot.pause()
            assert app.profile.customer.name == "Changed"
            await pilot.press("ctrl+o")
            app.screen.query_one("#dialog-input", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert app.profile == original
            assert app.screen.query_one("#customer-name", Input).value == original.customer.name


@sync
async def test_quote_is_written_to_a_file_and_never_claimed_copied(tmp_path: Path) -> None:
    app = make_app("direct_shop", lang="ja")
    async with started(app, SIZE) as pilot:
        target = tmp_path / "quote.md"
        await pilot.press("f5")
        app.screen.query_one("#dialog-input", Input).value = str(target)
        await pilot.click("#clipboard")
        await pilot.pause()
        expected = to_markdown(build_view(app.comparison, app.profile, "ja"),
                               load_quote_settings(settings_file_path(None)), None)
        assert "消費税" in expected or "税" in expected  # the settings' [quote] table: tax shown
        assert target.read_text(encoding="utf-8") == expected
        assert app.clipboard == expected
        messages = [n.message for n in app._notifications]
        assert any(str(target) in m and "書き出しました" in m for m in messages)
        assert not any("コピーしました" in m or "copied" in m.lower() for m in messages)


@sync
async def test_triage_focuses_first_question_and_main_screen_follows_the_verdict() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.id == "triage" and app.screen.focused is app.screen.query_one("#t-scope")
        app.screen.query_one("#t-in_platform_clients", Select).value = "yes"
        await pilot.pause()
        assert app.comparison.triage.matter.value == "platform"
        assert "[TRI-2]" in app.screen.query_one("#verdict").text.plain
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#incident-in_platform_clients", Select).value == "yes"
        line = str(app.screen.query_one("#recommended", Static).render())
        assert app.view.triage.matter_label in line
        shown = [oid for oid in app.screen.query_one(Matrix).option_ids if oid in app.comparison.recommended]
        assert shown == list(app.comparison.recommended)


# ---------------------------------------------------------------- 6. Japanese throughout


@sync
async def test_japanese_labels_values_footer_and_checkboxes_without_colour() -> None:
    app = make_app("direct_shop", lang="en")
    async with started(app, SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.language == "ja"
        text = screen_text(app)
        assert "OnTime サポート窓口" in text and "お客様名" in text
        assert "ご利用可能" in text and "判定" in text
        footer = text.splitlines()[-1]
        assert "ヘルプ" in footer and "English" in footer and "コマンド" in footer
        assert "Help" not in footer and "palette" not in footer
        scope = app.screen.query_one("#incident-scope", Select)
        app.screen.query_one(ProfileForm).scroll_to_widget(scope, animate=False, top=True)
        await pilot.pause()
        text = screen_text(app)
        assert str(scope.selection) == "all_users" and "全ユーザー" in text
        assert "☑ 対応中の障害あり" in text and "☐ 再現できる" in text  # readable without colour
        await pilot.press("f2")
        await pilot.pause()
        assert "✔ eligible" in cell(app, "direct_shop.purchase_support", "status")


@sync
async def test_markup_in_a_customer_name_is_shown_literally() -> None:
    import attrs

    app = make_app("direct_shop")
    evil = "[/] [link=file:///etc/passwd]x[/link] \x1b[31m"
    async with started(app, (120, 24)) as pilot:
        app.load_profile(attrs.evolve(app.profile, customer=attrs.evolve(app.profile.customer, name=evil)), None)
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "[/] [link=file:///etc/passwd]x[/link] \\x1b[31m" in top
        assert app.open_path("/nonexistent/[b]x[/b].toml") is False  # the error toast must not crash either
        await pilot.pause()


@sync
async def test_plugin_error_shows_in_the_matrix_and_others_still_work() -> None:
    app = make_app("direct_shop", boom=True)
    async with started(app, SIZE) as pilot:
        await pilot.pause()
        assert "! error" in cell(app, "boom.support", "status")
        assert "✔ eligible" in cell(app, "direct_shop.purchase_support", "status")
        assert "boom.support" not in app.comparison.recommended


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
        assert app.comparison is before and "licenses.newest_list_price_jpy" in app.input_error
        assert "180,000 JPY" in cell(app, "direct_shop.annual", "cost")
        field.value = "2000000"
        await pilot.pause()
        assert not error.display and app.input_error is None
        assert "300,000 JPY" in cell(app, "direct_shop.annual", "cost")


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


@sync
async def test_incident_tick_off_removes_triage() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        assert app.comparison.triage is not None
        app.screen.query_one("#incident-enabled", Tick).value = False
        await pilot.pause()
        assert app.profile.incident is None and app.comparison.triage is None
        assert app.screen.query_one("#incident-scope", Select).disabled


@sync
async def test_hide_option_and_palette_commands() -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        app.toggle_column("partner")
        await pilot.pause()
        ids = app.screen.query_one(Matrix).option_ids
        assert "partner" not in ids and "direct_shop.spot" in ids
        app.new_from_example("intravision")
        await pilot.pause()
        assert app.profile.customer.purchased_from.value == "intravision"
        assert app.screen.query_one("#customer-name", Input).value == app.profile.customer.name
        from ontime_support.tui.commands import OnTimeCommands

        provider = OnTimeCommands(app.screen)
        labels = [str(hit.text) async for hit in provider.discover()]
        assert any("intravision.annual" in label for label in labels)


def test_screens_and_widgets_do_not_import_the_app_and_nobody_rewrites_bindings() -> None:
    for path in [*TUI.glob("screens/*.py"), *TUI.glob("widgets/*.py"), TUI / "commands.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").endswith("app") or node.module == "textual.app", path
    for path in TUI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "._bindings" not in source and "settings_of(" not in source, path


@pytest.mark.parametrize("example", ["partner", "intravision"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("at", [SATURDAY, THURSDAY], ids=["closed", "open"])
@sync
async def test_at_200_columns_every_next_opening_shows_the_providers_zone(example: str, lang: str, at) -> None:  # type: ignore[no-untyped-def]
    """The wide table wraps an instant that does not fit its column instead of cutting the provider's zone
    (Thursday: "● 受付中 → 11-26（木）15:00 シンガポール時間 · 16:00 日本時間" needs four lines)."""
    from ontime_support.tui.widgets.matrix import opening

    app = make_app(example, at=at, lang=lang)
    async with started(app, (200, 60)) as pilot:
        await pilot.pause()
        matrix = app.screen.query_one(Matrix)
        assert matrix.wide
        text = screen_text(app)
        wrapped = 0
        for option in app.view.options:
            full = opening(option, lang, True).plain
            shown = matrix.get_cell("opening", option.id).plain
            assert "…" not in shown and shown.replace("\n", " ") == full, option.id
            assert all(line in text for line in shown.split("\n")), option.id
            wrapped += "\n" in shown
        assert wrapped  # the examples have an instant with the provider's time that needs two lines


# ---------------------------------------------------------------- QA as a desk user (80x24, zero hours, help)


@pytest.mark.parametrize("example", ["partner", "direct_shop", "partner_without_ontime"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_at_80x24_an_open_option_shows_when_it_closes(example: str, lang: str) -> None:
    """Thursday 11:00: the Direct Shop is open; its row must say until when, not "11-26 (Thu) 1…"."""
    app = make_app(example, at=THURSDAY, lang=lang)
    async with started(app, (80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        open_now = [o for o in app.view.options if o.hours is not None and o.hours.open_now and o.hours.closes_at]
        assert open_now
        for option in open_now:
            row = next(line for line in lines if cell(app, option.id, "_title") in line)
            assert option.hours.closes_at.customer_iso[11:16] in row, row
            assert "…" not in cell(app, option.id, "opening")


@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_zero_expected_spot_hours_say_no_spot_hours_are_expected(lang: str) -> None:
    """partner_without_ontime expects 0 spot hours: "0 JPY (billed as 0 h)" read as an error or as free."""
    app = make_app("partner_without_ontime", at=THURSDAY, lang=lang)
    spot = "direct_shop.spot"
    expected = {"en": "No spot hours expected", "ja": "スポット想定なし"}[lang]
    async with started(app, (80, 24)) as pilot:
        assert app.profile.usage.expected_spot_hours == 0
        assert cell(app, spot, "cost") == expected
        await pilot.press(str(app.screen.query_one(Matrix).option_ids.index(spot) + 1))
        await pilot.pause()
        text = app.screen.query_one("#detail-text").text.plain
        assert "(billed as 0 h)" not in text and not re.search(r"(?<![\d,])0 ?(JPY|円)", text)  # no "0 JPY" amount
        assert {"en": "no spot hours are expected", "ja": "スポット利用を想定していない"}[lang] in text
    wide = make_app("partner_without_ontime", at=THURSDAY, lang=lang)
    async with started(wide, (200, 60)) as pilot:
        await pilot.pause()
        assert wide.screen.query_one(Matrix).wide
        assert cell(wide, "spot_cost", spot) == expected


@sync
async def test_japanese_help_has_no_spaces_between_japanese_words() -> None:
    """Markdown joins a paragraph's lines with a space: "示します。 画面が" is not Japanese."""
    import re

    app = make_app("direct_shop", lang="ja")
    async with started(app, (120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.id == "help"
        from textual.widgets._markdown import MarkdownParagraph

        paragraphs = [str(p.content) for p in app.screen.query(MarkdownParagraph)]
        assert any(p.startswith("一覧は") for p in paragraphs), paragraphs
        for paragraph in paragraphs:
            assert not re.search(r"[\u3000-\u30ff\u4e00-\u9fff（）、。] [\u3000-\u30ff\u4e00-\u9fff（）、。]",
                                 paragraph), paragraph


@sync
async def test_at_200_columns_the_spot_cost_is_never_cut() -> None:
    """"240,000 JPY (billed as 1…": the billed hours only where billing changes them, and then wrapped."""
    app = make_app("direct_shop", at=THURSDAY)
    spot = "direct_shop.spot"
    async with started(app, (200, 60)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Matrix).wide
        assert cell(app, "spot_cost", spot) == "240,000 JPY"  # 12 h expected, billed as 12 h: said once
        app.screen.query_one("#usage-expected_spot_hours", Input).value = "0.2"
        await pilot.pause()
        await pilot.pause()
        shown = cell(app, "spot_cost", spot)
        assert "…" not in shown and shown.replace("\n", " ") == "10,000 JPY (billed as 0.5 h)", shown
        text = screen_text(app)
        assert all(line in text for line in shown.split("\n"))


@pytest.mark.parametrize("example", ["partner", "direct_shop", "intravision", "overseas_german",
                                     "partner_without_ontime", "unknown_partner"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("at", [SATURDAY, THURSDAY], ids=["closed", "open"])
@sync
async def test_at_80x24_the_matrix_fits_without_scrolling_sideways(example: str, lang: str, at) -> None:  # type: ignore[no-untyped-def]
    """A matrix wider than the screen hides the end of the opening column and its header."""
    app = make_app(example, at=at, lang=lang)
    async with started(app, (80, 24)) as pilot:
        await pilot.pause()
        matrix = app.screen.query_one(Matrix)
        assert matrix.virtual_size.width <= matrix.scrollable_content_region.width, (
            matrix.virtual_size, matrix.scrollable_content_region)
        header = screen_text(app).splitlines()[2]
        from ontime_support.tui.text import tr
        assert tr("tui.next_or_closes", lang) in header, header
