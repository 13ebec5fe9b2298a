"""Caching a plugin's pure answers: :func:`memo`, keyed on what an answer really depends on.

A hook is asked about every option of every comparison, and in a batch every
line is a new profile. Keying a cache on the whole profile misses on every
line; keying it on the parts an answer reads (the customer and its contracts,
the maintenance flag, the settings) hits for every line that differs only in
amounts. The projections below name those parts once:

* :func:`situation` — who the customer is and what happened: ``customer``,
  ``contracts`` and ``incident`` (no amounts, no maintenance date; pass
  ``sdk.maintenance_active(profile, at)`` as its own argument);
* :func:`amounts` — the money and hours: ``licenses`` and ``usage``.

Each projection is computed once per profile object and hashes in O(1), so
a key made of them costs about as much as a tuple of small values::

    @sdk.memo(key=lambda profile, active, settings: (sdk.situation(profile), active, settings))
    def _eligibility(profile, active, settings): ...

Correctness is the author's: two calls with equal keys must get equal
answers, so a key names every field the function reads (a test that changes
each field and compares with a fresh computation catches a field left out:
``ontime_support.testing.clear_memos``).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import attrs

from ontime_support.guard import LRU, MISSING
from ontime_support.kernel.models import Customer, Profile

F = TypeVar("F", bound=Callable[..., Any])

#: Every memo's clear function (the conformance kit clears them all to compare with fresh answers).
_CLEARS: list[Callable[[], None]] = []


def memo(maxsize: int = 128, *, key: Callable[..., Hashable] | None = None) -> Callable[[F], F]:
    """Memoise a pure function; at most ``maxsize`` answers are kept (least recently used goes first).

    :param key: a function of the same arguments returning what the answer
        depends on (hashable); calls with equal keys share one answer. Without
        it the key is the arguments themselves (all hashable).

    A one-slot identity check answers repeated calls with the very same
    arguments (the hooks of one comparison, one per option) without hashing.
    """

    def decorate(fn: F) -> F:
        lookup: Callable[..., Any]
        if key is None:
            lookup = cached = functools.lru_cache(maxsize=maxsize)(fn)
            clear_store: Callable[[], None] = cached.cache_clear
        else:
            store: LRU[Any] = LRU(maxsize)
            keyed = key

            def lookup(*args: Any) -> Any:
                k = keyed(*args)
                value = store.get(k)
                if value is MISSING:
                    value = fn(*args)
                    store.put(k, value)
                return value

            clear_store = store.clear
        slot: list[Any] = [None]

        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            last = slot[0]
            if last is not None:
                last_args, value = last
                if len(last_args) == len(args) and all(map(operator.is_, last_args, args)):
                    return value
            value = lookup(*args)
            slot[0] = (args, value)
            return value

        def cache_clear() -> None:
            slot[0] = None
            clear_store()

        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        _CLEARS.append(cache_clear)
        return wrapper  # type: ignore[return-value]

    return decorate


def clear_memos() -> None:
    """Forget every memoised answer of every plugin (tests compare memoised with fresh answers)."""
    for clear in _CLEARS:
        clear()
    for clear_projection in (situation.cache_clear, amounts.cache_clear):  # type: ignore[attr-defined]
        clear_projection()


class Projection:
    """Some parts of a profile as one hashable value whose hash is computed once."""

    __slots__ = ("parts", "_hash")

    def __init__(self, parts: tuple[Any, ...]) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (type(other) is Projection and self._hash == other._hash
                                 and self.parts == other.parts)

    def __repr__(self) -> str:
        return f"Projection{self.parts!r}"


#: How many distinct projections of one kind are kept as canonical objects before starting afresh.
_INTERNED = 4096


def _projection(intern: bool) -> Callable[[Callable[[Profile], tuple[Any, ...]]], Callable[[Profile], Projection]]:
    """A projection of a profile, computed once per profile object (a one-slot identity cache).

    ``intern``: equal projections become one object, so memo keys built from
    them compare by identity (worth it for parts that recur across profiles).
    """
    return functools.partial(_project, intern=intern)


def _project(parts: Callable[[Profile], tuple[Any, ...]], *, intern: bool) -> Callable[[Profile], Projection]:
    slot: list[Any] = [(None, None)]  # (profile, projection), replaced as one item (threads)
    interned: dict[Projection, Projection] = {}

    @functools.wraps(parts)
    def project(profile: Profile) -> Projection:
        last, value = slot[0]
        if last is profile:
            return value  # type: ignore[no-any-return]
        value = Projection(parts(profile))
        if intern:
            value = interned.setdefault(value, value)  # equal projections are one object: keys compare by identity
            if len(interned) > _INTERNED:
                interned.clear()
        slot[0] = (profile, value)
        return value

    def cache_clear() -> None:
        slot[0] = (None, None)
        interned.clear()

    project.cache_clear = cache_clear  # type: ignore[attr-defined]
    return project


@_projection(intern=True)
def situation(profile: Profile) -> tuple[Any, ...]:
    """Who the customer is and what happened: ``(customer, contracts, incident)``.

    Leaves out the customer's name (no rule reads it: a batch of customers in
    the same situation shares its answers), the amounts (:func:`amounts`) and
    the maintenance date: key on ``sdk.maintenance_active(profile, at)`` for the
    latter. A plugin whose wording names the customer keys on the name itself.
    """
    customer = profile.customer
    return (tuple(getattr(customer, name) for name in _CUSTOMER_KEY), profile.contracts, profile.incident)


#: Every field of :class:`Customer` but its name (new fields join the key by themselves).
_CUSTOMER_KEY = tuple(a.name for a in attrs.fields(Customer) if a.name != "name")


@_projection(intern=False)  # amounts rarely recur: hashing once is enough
def amounts(profile: Profile) -> tuple[Any, ...]:
    """The money and hours: ``(licenses, usage)``."""
    return (profile.licenses, profile.usage)
