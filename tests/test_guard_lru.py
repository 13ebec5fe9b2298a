"""guard.LRU: the bounded cache behind the host's day cache and sdk.memo."""

from __future__ import annotations

import threading

from ontime_support.guard import LRU, MISSING


def test_the_least_recently_used_entry_goes_first() -> None:
    cache: LRU[str] = LRU(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # "a" is now the most recent
    cache.put("c", "C")
    assert cache.get("b") is MISSING and cache.get("a") == "A" and cache.get("c") == "C"
    assert len(cache) == 2


def test_none_is_an_answer_and_a_new_value_refreshes_its_key() -> None:
    cache: LRU[object] = LRU(2)
    cache.put("none", None)
    cache.put("x", 1)
    cache.put("none", None)  # put again: the most recent now
    cache.put("y", 2)
    assert cache.get("none") is None and cache.get("x") is MISSING
    cache.clear()
    assert len(cache) == 0 and cache.get("none") is MISSING


def test_threads_never_overfill_it() -> None:
    cache: LRU[int] = LRU(16)

    def fill(offset: int) -> None:
        for i in range(2000):
            cache.put(offset + i, i)
            cache.get(offset + i // 2)

    threads = [threading.Thread(target=fill, args=(n * 10_000,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 16
