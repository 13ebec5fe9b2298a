"""Re-validating attrs instances returned by foreign code: a value forced past its validators is caught.

Project-independent (imports nothing of ``ontime_support``). A frozen attrs instance
validates on construction, but ``object.__setattr__`` gets past that; :func:`validate`
re-runs every field's validator, and descends into the fields whose metadata has
``nested`` (an attrs instance, ``None``, or a tuple of instances). ``fine`` is the
caller's fast path: a cheap test that an instance is well-formed (then its validators
are skipped). :class:`ValidatedCache` skips values seen before (same object, unchanged).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from . import snapshot

SEEN_SIZE = 4096  #: values a :class:`ValidatedCache` remembers as validated

#: per class: (name, attribute, validator, holds nested instances) for every field
_PLANS: dict[type, tuple[tuple[str, attrs.Attribute[Any], Any, bool], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, attrs.Attribute[Any], Any, bool], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((a.name, a, a.validator, bool(a.metadata.get("nested")))
                                   for a in attrs.fields(cls))
    return plan


def _never(_value: Any) -> bool:
    return False


def validate(value: Any, fine: Callable[[Any], bool] = _never) -> None:
    """Re-run every validator of ``value``, nested instances too, unless ``fine(instance)`` vouches for it."""
    if fine(value):
        return
    for name, attribute, validator, nested in _PLANS.get(type(value)) or _plan(type(value)):
        item = getattr(value, name)
        if nested:  # fast path: a non-empty tuple of (or one) instances the caller vouches for
            elements = item if type(item) is tuple else (item,)
            if item is None or not elements:
                elements = ()  # nothing to descend into; the field's own validator still judges None or ()
            elif all(map(fine, elements)):
                continue
        if validator is not None:
            validator(value, attribute, item)
        if nested:
            for element in elements:
                validate(element, fine)


class ValidatedCache:
    """``check(value)``, skipped for a value checked before (same object) whose snapshot shows no change.

    Foreign code memoising its answers returns the same objects many times; a value seen once is
    only remembered, seen twice it is snapshotted, and from then on compared with its snapshot
    (``object.__setattr__`` after it passed is still caught). At most ``size`` values are kept.
    """

    def __init__(self, check: Callable[[Any], None], size: int = SEEN_SIZE) -> None:
        self._check = check
        self._size = size
        self._seen: dict[int, tuple[Any, list[Any] | None]] = {}  # id -> (value, snapshot)

    def __call__(self, value: Any) -> None:
        seen = self._seen.get(id(value))
        if seen is None or seen[0] is not value:
            self._check(value)
            if len(self._seen) >= self._size:
                self._seen.clear()
            self._seen[id(value)] = (value, None)
        elif seen[1] is None or any(getter(obj) != values for obj, _names, getter, values in seen[1]):
            self._check(value)
            self._seen[id(value)] = (value, snapshot(value, []))

    def clear(self) -> None:
        self._seen.clear()
