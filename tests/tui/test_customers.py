"""Pilot tests: the customer book in the TUI (picker, save with optimistic locking, history, cases, renewals)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from textual.widgets import DataTable, Input, Static

sys.path.insert(0, str(Path(__file__).parent))
from helpers import THURSDAY, make_app, screen_text, started, sync  # noqa: E402

from ontime_support.book import Book  # noqa: E402
from ontime_support.examples import profile_path as example_profile  # noqa: E402
from ontime_support.loading import load_profile  # noqa: E402
from ontime_support.tui.app import OnTimeApp  # noqa: E402
from ontime_support.tui.commands import OnTimeCommands  # noqa: E402
from ontime_support.tui.screens.customers import ConflictDialog, CustomersScreen, RenewalsScreen  # noqa: E402
from ontime_support.tui.screens.history import ConfirmDialog, HistoryScreen  # noqa: E402
from ontime_support.tui.widgets.matrix import Matrix  # noqa: E402

SIZE = (120, 40)


def _customer(example: str, name: str, until: str) -> Any:
    import datetime as dt

    profile = load_profile(example_profile(example))
    return attrs.evolve(profile, customer=attrs.evolve(profile.customer, name=name),
                        maintenance=attrs.evolve(profile.maintenance, active_until=dt.date.fromisoformat(until)))


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A SQLite book with three customers; ``$ONTIME_SUPPORT_DB`` points at it (as the TUI reads it)."""
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    monkeypatch.setenv("ONTIME_SUPPORT_DB", url)
    with Book.open(url) as b:
        ids = {
            "hanabi": b.add(_customer("direct_shop", "Hanabi Systems K.K.", "2026-12-20"), agent="setup").id,
            "hoshi": b.add(_customer("intravision", "Hoshi Networks", "2027-09-30"), agent="setup").id,
            "mori": b.add(_customer("partner", "Mori Foods", "2027-05-31"), agent="setup").id,
        }
    b = Book.open(url)
    b.ids = ids  # type: ignore[attr-defined]
    yield b
    b.close()


async def settle(app: OnTimeApp, pilot: Any) -> None:
    """Let the thread workers finish and their results reach the screen."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_picker(app: OnTimeApp, pilot: Any) -> CustomersScreen:
    """Ctrl+K, and the customer picker it opens."""
    await pilot.press("ctrl+k")
    await settle(app, pilot)
    picker = app.screen
    assert isinstance(picker, CustomersScreen)
    return picker


async def type_text(pilot: Any, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def edit_after_another_agent_saved(app: OnTimeApp, pilot: Any, book: Any, cid: int) -> None:
    """Open customer ``cid``; another agent ("alice") saves version 2; then we edit the form (based on v1)."""
    await open_customer(app, pilot, cid)
    theirs = book.get(cid).profile
    book.save(cid, attrs.evolve(theirs, usage=attrs.evolve(theirs.usage, expected_spot_hours=Decimal(5))), 1, "alice")
    app.screen.query_one("#usage-expected_spot_hours", Input).value = "30"
    await pilot.pause()


async def open_customer(app: OnTimeApp, pilot: Any, customer_id: int) -> None:
    app.open_customer(customer_id)
    await settle(app, pilot)
    await pilot.pause()
    assert app.record is not None and app.record.id == customer_id


@sync
async def test_typing_filters_the_list_and_enter_opens_the_customer(book: Any) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        before = list(app.screen.query_one(Matrix).option_ids)
        picker = await open_picker(app, pilot)
        assert sorted(picker.hit_ids) == sorted(book.ids.values())  # empty query: everyone, by name
        await type_text(pilot, "ho")
        await settle(app, pilot)
        assert picker.hit_ids == [book.ids["hoshi"]]
        await pilot.press("backspace", "backspace", "m")
        await settle(app, pilot)
        assert picker.hit_ids == [book.ids["mori"]]
        await pilot.press("backspace")
        await settle(app, pilot)
        assert len(picker.hit_ids) == 3
        await type_text(pilot, "ｈｏｓｈｉ")  # full-width letters: folded like the CLI's search
        await settle(app, pilot)
        assert picker.hit_ids == [book.ids["hoshi"]]
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CustomersScreen)
        assert app.record is not None and app.record.id == book.ids["hoshi"]
        header = str(app.screen.query_one("#customer", Static).render())
        assert "Hoshi Networks" in header and f"#{book.ids['hoshi']} v1" in header
        assert app.screen.query_one("#customer-name", Input).value == "Hoshi Networks"
        assert app.profile.customer.purchased_from.value == "intravision"
        assert list(app.screen.query_one(Matrix).option_ids) != before  # the matrix shows the new customer


@sync
async def test_ctrl_k_opens_the_book_from_a_text_field_without_editing_it(book: Any) -> None:
    """Ctrl+K is also a text field's delete-to-end: the book must win and the field keep its text (QA)."""
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        field = app.screen.query_one("#customer-timezone", Input)
        before = field.value
        field.focus()
        await pilot.press("home", "ctrl+k")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert field.value == before and before
        await pilot.press("ctrl+k")  # again inside the picker: still one picker
        await settle(app, pilot)
        assert len([s for s in app.screen_stack if isinstance(s, CustomersScreen)]) == 1


@sync
async def test_arrow_keys_move_in_the_picker_and_escape_opens_nothing(book: Any) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        picker = await open_picker(app, pilot)
        await pilot.press("down", "down")
        assert picker.query_one(DataTable).cursor_row == 2
        await pilot.press("up")
        ids = picker.hit_ids
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.record is not None and app.record.id == ids[1]
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.record.id == ids[1] and not isinstance(app.screen, CustomersScreen)


@sync
async def test_ctrl_s_saves_a_new_version_to_the_book_and_history_shows_it(book: Any, tmp_path: Path) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await open_customer(app, pilot, book.ids["hanabi"])
        app.screen.query_one("#usage-expected_spot_hours", Input).value = "20"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        history = book.history(book.ids["hanabi"])
        assert [v.version for v in history] == [1, 2]
        assert history[1].changed == ("usage.expected_spot_hours",) and history[1].agent == app.agent_name
        assert str(book.get(book.ids["hanabi"]).profile.usage.expected_spot_hours) == "20"
        assert app.record is not None and app.record.version == 2
        assert "v2" in str(app.screen.query_one("#customer", Static).render())
        assert not list(tmp_path.glob("*.toml"))  # not a file
        await pilot.press("f7")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.version_numbers == [2, 1]
        text = screen_text(app)
        assert "usage.expected_spot_hours" in text and app.agent_name in text


@sync
async def test_a_save_by_another_agent_first_shows_the_conflict_dialog_and_reload_works(book: Any) -> None:
    cid = book.ids["hanabi"]
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await edit_after_another_agent_saved(app, pilot, book, cid)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        message = str(dialog.query_one("#conflict-text", Static).render())
        assert "alice" in message and "version 2" in message and "UTC" in message
        await pilot.press("escape")  # keep editing: nothing lost, nothing saved
        await settle(app, pilot)
        assert app.screen.query_one("#usage-expected_spot_hours", Input).value == "30"
        assert [v.agent for v in book.history(cid)] == ["setup", "alice"]
        await pilot.press("ctrl+s")  # still based on version 1: refused again
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.click("#reload")
        await settle(app, pilot)
        assert app.record is not None and app.record.version == 2
        assert app.screen.query_one("#usage-expected_spot_hours", Input).value == "5"  # alice's, ours dropped
        assert str(app.profile.usage.expected_spot_hours) == "5"
        assert len(book.history(cid)) == 2
        app.screen.query_one("#usage-expected_spot_hours", Input).value = "31"
        await pilot.pause()
        await pilot.press("ctrl+s")  # now based on version 2: saved
        await settle(app, pilot)
        assert [v.version for v in book.history(cid)] == [1, 2, 3]


@sync
async def test_restoring_an_old_version_asks_then_saves_it_as_a_new_version(book: Any) -> None:
    cid = book.ids["mori"]
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await open_customer(app, pilot, cid)
        original = app.profile
        app.screen.query_one("#usage-expected_spot_hours", Input).value = "9"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "r")  # version 1 (newest first)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await settle(app, pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen) and history.version_numbers == [3, 2, 1]
        assert app.record is not None and app.record.version == 3
        assert app.profile == original and book.get(cid).profile == original


@sync
async def test_f5_quote_records_a_case_with_the_quote_text_and_ctrl_l_one_without(book: Any,
                                                                                  tmp_path: Path) -> None:
    cid = book.ids["hoshi"]
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await open_customer(app, pilot, cid)
        target = tmp_path / "quote.md"
        await pilot.press("f5")
        app.screen.query_one("#dialog-input", Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        cases = book.cases(cid)
        assert len(cases) == 1
        case = cases[0]
        assert case.quote_text == target.read_text(encoding="utf-8") and "Hoshi Networks" in case.quote_text
        assert case.customer_version == 1 and case.agent == app.agent_name and case.at == THURSDAY
        assert list(case.recommended) == list(app.comparison.recommended)
        assert any(f"case {case.id}" in n.message for n in app._notifications)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        cases = book.cases(cid)
        assert len(cases) == 2 and cases[1].quote_text is None
        assert any(f"case {cases[1].id}" in n.message for n in app._notifications)
        await pilot.press("f7", "right")  # the Cases tab
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and len(app.screen.cases) == 2


@sync
async def test_a_quote_for_a_profile_file_records_no_case(book: Any, tmp_path: Path) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await pilot.press("f5")
        app.screen.query_one("#dialog-input", Input).value = str(tmp_path / "q.md")
        await pilot.press("enter")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert (tmp_path / "q.md").exists() and book.cases() == []
        assert any("Open a customer from the book first" in n.message for n in app._notifications)


@sync
async def test_renewals_screen_lists_the_expiring_customer_with_fees_and_enter_opens_it(book: Any) -> None:
    app = make_app("direct_shop", at=THURSDAY)  # 2026-11-26: Hanabi's maintenance ends 2026-12-20
    async with started(app, SIZE) as pilot:
        await pilot.press("f8")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RenewalsScreen)
        table = screen.query_one(DataTable)
        assert [str(k.value) for k in table.rows] == [str(book.ids["hanabi"])]
        text = screen_text(app)
        assert "Hanabi Systems K.K." in text and "2026-12-20" in text and "24" in text
        assert "202,500 JPY" in text  # direct_shop.annual: 15% of 1,350,000 (MNT-1 renewal fee)
        fees = str(table.get_cell(str(book.ids["hanabi"]), "fees"))
        assert "Direct Shop technical support (annual) 202,500 JPY" in fees and "direct_shop.annual" not in fees
        assert "Hoshi" not in text
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.record is not None and app.record.id == book.ids["hanabi"]


@sync
async def test_palette_offers_open_customer_for_a_typed_name(book: Any) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        provider = OnTimeCommands(app.screen)
        hits = [hit async for hit in provider.search("mori")]
        opens = [hit for hit in hits if hit.text and hit.text.startswith("Open customer")]
        assert len(opens) == 1 and opens[0].text.startswith("Open customer Mori Foods")
        opens[0].command()
        await settle(app, pilot)
        assert app.record is not None and app.record.id == book.ids["mori"]


@sync
async def test_the_book_is_not_created_until_the_agent_asks_for_a_customer(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new-book.sqlite3"
    monkeypatch.setenv("ONTIME_SUPPORT_DB", f"sqlite:///{path}")
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await pilot.press("f2", "f2")
        assert app.palette_customers("sakura") == []  # the palette never creates a book
        await settle(app, pilot)
        assert not path.exists() and not app.books.opened
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        assert path.exists() and isinstance(app.screen, CustomersScreen)
        assert "No customer matches" in str(app.screen.query_one("#customer-status", Static).render())


def test_tui_customer_opens_a_stored_customer(book: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ontime_support.cli.main import main

    seen: dict[str, Any] = {}

    def run(self: OnTimeApp) -> int:
        seen["record"], seen["profile"], seen["path"] = self.record, self.profile, self.profile_path
        return 0

    monkeypatch.setattr(OnTimeApp, "run", run)
    assert main(["tui", "--customer", "hoshi", "--at", "2026-11-26"]) == 0
    assert seen["record"].id == book.ids["hoshi"] and seen["profile"].customer.name == "Hoshi Networks"
    assert seen["path"] is None
    assert main(["tui", "--customer", str(book.ids["mori"])]) == 0
    assert seen["record"].name == "Mori Foods"
    assert main(["tui", "--customer", "nobody"]) == 2


def _slow(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, seconds: float = 0.3) -> None:
    """Make ``owner.name`` (a book read) slow, so a second key press arrives before the first answer."""
    import functools
    import time

    real = getattr(owner, name)

    @functools.wraps(real)
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)


@pytest.mark.parametrize("key", ["f8", "ctrl+k", "f7"])
@sync
async def test_a_double_key_press_opens_a_book_dialog_once(book: Any, monkeypatch: pytest.MonkeyPatch,
                                                           key: str) -> None:
    """Pressing the key twice without waiting (a bounce, an impatient agent) must not crash (DuplicateIds)."""
    import ontime_support.tui.book as tui_book

    _slow(monkeypatch, tui_book, "renewals")
    _slow(monkeypatch, Book, "history")
    app = make_app("direct_shop", at=THURSDAY)
    kind = {"f8": RenewalsScreen, "ctrl+k": CustomersScreen, "f7": HistoryScreen}[key]
    async with started(app, SIZE) as pilot:
        if key == "f7":
            await open_customer(app, pilot, book.ids["hanabi"])
        await pilot.press(key, key)
        await settle(app, pilot)
        assert app.return_value is None and app.is_running
        assert sum(isinstance(screen, kind) for screen in app.screen_stack) == 1
        assert isinstance(app.screen, kind)


@sync
async def test_a_double_save_that_conflicts_shows_one_conflict_dialog(book: Any,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cid = book.ids["hanabi"]
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        await edit_after_another_agent_saved(app, pilot, book, cid)
        _slow(monkeypatch, Book, "save")
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(app, pilot)
        assert sum(isinstance(screen, ConflictDialog) for screen in app.screen_stack) == 1


@sync
async def test_picker_finds_a_legal_form_ending_in_a_period(book: Any) -> None:
    app = make_app("direct_shop")
    async with started(app, SIZE) as pilot:
        picker = await open_picker(app, pilot)
        await type_text(pilot, "Systems K.K.")
        await settle(app, pilot)
        assert picker.hit_ids == [book.ids["hanabi"]]


@pytest.mark.parametrize(("lang", "archived", "unarchived"), [("en", "archived", "unarchived"),
                                                              ("ja", "アーカイブ", "アーカイブ解除")])
def test_history_calls_an_unarchive_unarchived(book: Any, lang: str, archived: str, unarchived: str) -> None:
    cid = book.ids["mori"]
    book.archive(cid, "alice")
    book.archive(cid, "bob", archived=False)

    @sync
    async def run() -> None:
        app = make_app("direct_shop", lang=lang)
        async with started(app, SIZE) as pilot:
            await open_customer(app, pilot, cid)
            await pilot.press("f7")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one("#versions-table", DataTable)
            changed = {int(str(row.value)): str(table.get_cell(row, "changed")) for row in table.rows}
            assert changed[2] == archived and changed[3] == unarchived

    run()


@sync
async def test_japanese_notice_and_history_title_use_japanese_punctuation(book: Any) -> None:
    """"顧客を開きました: Mori Foods (#3)" mixed ASCII colon and brackets into Japanese."""
    app = make_app("direct_shop", at=THURSDAY, lang="ja")
    async with started(app, SIZE) as pilot:
        cid = book.ids["mori"]
        await open_customer(app, pilot, cid)
        messages = [n.message for n in app._notifications]
        assert f"顧客を開きました：Mori Foods（#{cid}）" in messages, messages
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert f"履歴：Mori Foods（#{cid}）" in screen_text(app)
