"""Isolation for calls into foreign code: exceptions, printed output, a deadline, argument snapshots.

Project-independent: imports nothing of ``ontime_support`` (``tests/test_architecture.py`` checks it).

Contract:

* :meth:`Guard.run` calls ``work()`` and returns its value or raises what it raised;
  :meth:`Guard.attempt` returns ``(value, None)`` or ``(None, exception)`` instead,
  any ``BaseException`` (``SystemExit`` too) included, but for a real Ctrl-C.
* ``KeyboardInterrupt`` passes only after a real SIGINT (noted by a handler the
  first :class:`Guard` installs in place of Python's default one, main thread
  only); raised by the code itself, it becomes ``RuntimeError``.
* Output: ``sys.stdout``/``sys.stderr`` point at a buffer during the call
  (process-wide: another thread printing meanwhile is captured too);
  :attr:`Guard.out` is what the last call printed.
* Deadline (``timeout`` seconds, ``0``: none): a daemon watchdog thread polls the
  armed calls and raises :class:`Timeout` in a late thread with
  ``PyThreadState_SetAsyncExc`` (any thread; costs a clock read and a dict entry
  per call). It lands when the thread runs Python bytecode again, so code stuck
  in C (a blocking socket, a long ``time.sleep``) is stopped only when it
  returns; a call that returns late still raises :class:`Timeout`.
* :func:`snapshot` / :func:`restore`: record every attrs instance reachable from a
  value (fields compared by ``eq``) and put back what was changed behind their
  back (``object.__setattr__`` on a frozen instance).
* :func:`validate` / :class:`ValidatedCache` (``guard/validate.py``): re-run the
  validators of a returned attrs instance, nested ones too, with the caller's fast path.
* :class:`LRU` (``guard/lru.py``): a bounded, thread-safe cache for the answers of foreign code.
"""

from __future__ import annotations

import ctypes
import io
import operator
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["LRU", "MISSING", "Guard", "Timeout", "ValidatedCache", "one_line", "restore", "snapshot", "validate"]


class Timeout(BaseException):
    """Raised inside a guarded call's thread when it runs past the deadline."""


def one_line(exc: BaseException) -> str:
    """``Type: message`` on one line (an attrs validator's message without the repr of its field and value)."""
    args = exc.args
    message = args[0] if len(args) > 1 and isinstance(args[0], str) and isinstance(args[1], attrs.Attribute) else exc
    return " ".join(f"{type(exc).__name__}: {message}".split())


_SIGINT = threading.Event()  # set by the handler below when the user really pressed Ctrl-C
_ARMED: dict[int, list[Any]] = {}  # thread id -> [deadline, thread id, fired]
_LOCK = threading.Lock()
_WATCHDOG: list[threading.Thread] = []  # one per process, started with the first call that has a deadline


def _on_sigint(signum: int, frame: Any) -> None:
    _SIGINT.set()
    signal.default_int_handler(signum, frame)


def _watch() -> None:
    while True:
        time.sleep(0.05)
        now = time.monotonic()
        with _LOCK:
            for entry in list(_ARMED.values()):
                if now > entry[0] and not entry[2] and _ARMED.get(entry[1]) is entry:
                    entry[2] = True
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(entry[1]), ctypes.py_object(Timeout))


class Guard:
    """Runs foreign code: contains exceptions, captures stdout/stderr, enforces the deadline."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.out = ""  #: what the last call printed
        self._buffer = io.StringIO()
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _on_sigint)

    def attempt(self, work: Callable[[], Any]) -> tuple[Any, BaseException | None]:
        """``(work(), None)`` or ``(None, what it raised)``; a real Ctrl-C propagates."""
        try:
            return self.run(work), None
        except KeyboardInterrupt:
            raise  # run() lets only a real SIGINT through as KeyboardInterrupt
        except BaseException as exc:  # noqa: BLE001 - containment is the point
            return None, exc

    def run(self, work: Callable[[], Any]) -> Any:
        """``work()``, or what it raised; :attr:`out` is what it printed."""
        entry: list[Any] | None = None
        if self.timeout > 0:
            if not _WATCHDOG:
                _WATCHDOG.append(threading.Thread(target=_watch, name="guard-watchdog", daemon=True))
                _WATCHDOG[0].start()
            entry = [time.monotonic() + self.timeout, threading.get_ident(), False]
            _ARMED[entry[1]] = entry  # the watchdog reads a copy and fires under the lock
        streams = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self._buffer
        try:
            value = work()
            if entry is not None and time.monotonic() > entry[0]:
                raise Timeout()  # returned, but late (e.g. stuck in C code)
        except KeyboardInterrupt:
            if _SIGINT.is_set():
                _SIGINT.clear()
                raise
            raise RuntimeError("raised KeyboardInterrupt without a SIGINT") from None
        finally:
            sys.stdout, sys.stderr = streams
            while entry is not None:
                try:  # disarm; a timeout landing right here is caught and disarming retried
                    with _LOCK:
                        _ARMED.pop(entry[1], None)
                        if entry[2]:  # fired, maybe not delivered yet: cancel it
                            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(entry[1]), None)
                    entry = None
                except Timeout:
                    continue
            self.out = self._buffer.getvalue()
            if self.out:
                self._buffer.seek(0)
                self._buffer.truncate()
        return value


_GETTERS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}
_MODEL: dict[type, bool] = {}


def snapshot(value: Any, out: list[Any]) -> list[Any]:
    """Append (instance, field names, getter, values) for every attrs instance reachable from ``value``."""
    cls = type(value)
    if cls not in _GETTERS:
        names = tuple(a.name for a in attrs.fields(cls) if a.eq)
        _GETTERS[cls] = names, (lambda o: (getattr(o, names[0]),)) if len(names) == 1 else operator.attrgetter(*names)
    names, getter = _GETTERS[cls]
    values = getter(value)
    out.append((value, names, getter, values))
    for item in values:
        for element in item if type(item) is tuple else (item,):
            model = _MODEL.get(type(element))
            if model is None:
                model = _MODEL[type(element)] = attrs.has(type(element))
            if model:
                snapshot(element, out)
    return out


def restore(recorded: list[Any]) -> bool:
    """Put back every changed field of a :func:`snapshot`; True if something had changed."""
    changed = False
    for obj, names, getter, values in recorded:
        if getter(obj) != values:
            changed = True
            for name, value in zip(names, values, strict=True):
                object.__setattr__(obj, name, value)
    return changed


from .lru import LRU, MISSING  # noqa: E402
from .validate import ValidatedCache, validate  # noqa: E402  (it uses snapshot, above)
