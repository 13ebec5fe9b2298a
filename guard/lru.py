"""A bounded, thread-safe cache of answers: the least recently used entry goes first.

Project-independent (imports nothing of ``ontime_support``). The host keeps its
per-(profile, date) answers in one, ``sdk.memo`` a plugin's memoised answers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")
MISSING: Any = object()  #: what :meth:`LRU.get` returns for an unknown key (answers may be ``None``)


class LRU(Generic[V]):
    """At most ``size`` entries; :meth:`get` refreshes an entry, :meth:`put` may evict the oldest."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V:
        """The value kept for ``key`` (now the most recent), or :data:`MISSING`."""
        with self._lock:
            value: V = self._data.get(key, MISSING)
            if value is not MISSING:
                self._data.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
