"""Versions, history, restore, archive, and the optimistic-locking refusal (race-free)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from decimal import Decimal

import attrs
import pytest
from bookhelpers import base_row

from ontime_support.book import Book, ConflictError
from ontime_support.book.csvio import parse_row


def profile(**overrides: str):
    return parse_row(base_row(**overrides), "test").profile


def test_every_change_is_a_version_with_who_when_and_what(book: Book) -> None:
    before = dt.datetime.now(dt.timezone.utc)
    first = book.add(profile(), agent="alice", tags=["vip"])
    assert first.version == 1
    p2 = attrs.evolve(first.profile, licenses=attrs.evolve(first.profile.licenses, newest_list_price_jpy=1_500_000))
    second = book.save(first.id, p2, based_on_version=1, agent="bob", notes="price list 2027")
    assert second.version == 2 and second.updated_by == "bob"
    history = book.history(first.id)
    assert [(v.version, v.agent) for v in history] == [(1, "alice"), (2, "bob")]
    assert history[1].changed == ("licenses.newest_list_price_jpy", "notes")
    assert "customer.name" in history[0].changed
    for v in history:
        assert v.at.tzinfo is not None and v.at.utcoffset() == dt.timedelta(0) and v.at >= before - dt.timedelta(1)
    # Saving the same content again makes no version.
    assert book.save(first.id, p2, based_on_version=2, agent="carol").version == 2
    assert len(book.history(first.id)) == 2


def test_restore_makes_an_old_version_current_as_a_new_version(book: Book) -> None:
    first = book.add(profile(), agent="alice")
    p2 = attrs.evolve(first.profile, maintenance=attrs.evolve(first.profile.maintenance,
                                                                active_until=dt.date(2028, 3, 31)))
    book.save(first.id, p2, 1, "bob")
    restored = book.restore(first.id, 1, "carol")
    assert restored.version == 3
    assert restored.profile == first.profile
    assert book.history(first.id)[2].changed == ("maintenance.active_until",)
    assert [h.id for h in book.expiring(dt.date(2027, 3, 1), dt.date(2027, 4, 1))] == [first.id]


def test_stale_save_is_refused_with_who_and_when(book: Book) -> None:
    first = book.add(profile(), agent="alice")
    mine = attrs.evolve(first.profile, usage=attrs.evolve(first.profile.usage, expected_spot_hours=Decimal(5)))
    theirs = attrs.evolve(first.profile, usage=attrs.evolve(first.profile.usage, expected_spot_hours=Decimal(8)))
    saved = book.save(first.id, theirs, 1, "alice")
    with pytest.raises(ConflictError) as caught:
        book.save(first.id, mine, 1, "bob")
    message = str(caught.value)
    assert message.startswith(f"customer {first.id} was changed by alice at {saved.updated_at.isoformat()}")
    assert message.endswith("reload and retry")
    assert book.get(first.id).profile == theirs
    assert len(book.history(first.id)) == 2


def test_concurrent_saves_from_the_same_version_exactly_one_wins(db_url: str) -> None:
    with Book.open(db_url) as book:
        first = book.add(profile(), agent="alice")
    results: list[str] = []
    barrier = threading.Barrier(6)

    def edit(n: int) -> None:
        with Book.open(db_url) as mine:
            p = attrs.evolve(first.profile, licenses=attrs.evolve(first.profile.licenses,
                                                                   newest_list_price_jpy=2_000_000 + n))
            barrier.wait()
            try:
                mine.save(first.id, p, 1, f"agent{n}")
                results.append("saved")
            except ConflictError:
                results.append("refused")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["refused"] * 5 + ["saved"]
    with Book.open(db_url) as book:
        assert [v.version for v in book.history(first.id)] == [1, 2]


def test_cli_update_with_a_stale_version_exits_2_with_one_line(db_url, cli) -> None:
    with Book.open(db_url) as book:
        book.add(profile(), agent="alice")
    assert cli("customers", "update", "1", "--based-on", "1", "--notes", "first", "--agent", "alice").code == 0
    run = cli("customers", "update", "1", "--based-on", "1", "--notes", "second", "--agent", "bob")
    assert run.code == 2
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith("customer 1 was changed by alice at ") and run.err.strip().endswith("reload and retry")
    hist = json.loads(cli("customers", "history", "1", "--format", "json").out)
    assert [h["agent"] for h in hist] == ["alice", "alice"]
    restored = cli("customers", "restore", "1", "1", "--agent", "carol")
    assert restored.code == 0 and "restored as version 3" in restored.out
    assert json.loads(cli("customers", "show", "1", "--format", "json").out)["notes"] == ""


def test_versions_and_cases_are_append_only_in_the_database(book: Book) -> None:
    import sqlalchemy as sa

    book.add(profile(), agent="alice")
    with pytest.raises(sa.exc.DatabaseError):
        with book.engine.begin() as conn:
            conn.execute(sa.text("UPDATE customer_versions SET agent = 'mallory'"))
    with pytest.raises(sa.exc.DatabaseError):
        with book.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM customer_versions"))
    assert book.history(1)[0].agent == "alice"
