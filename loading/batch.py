"""The JSON Lines batch: every input line gives exactly one result, whatever it holds.

Lines are split on ``\\n`` only (a stray ``\\r`` or U+2028 inside a line does
not split it), so line numbers are physical line numbers; each line is
bounded (:func:`~ontime_support.loading.limits.max_file_bytes`) and decoded
on its own, so one bad byte spoils one line, not the batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import attrs
import orjson

from ontime_support.loading.errors import InputError
from ontime_support.kernel.models import Profile

from . import profile_from_json  # the package is loaded before this module: no cycle
from .files import too_large
from .limits import MAX_DEPTH, depth_exceeds
from .messages import path_text

#: What a blank (empty or whitespace-only) line yields in the batch output.
BLANK_LINE = "blank line"
_JSON_SPACE = b" \t\r\n"


@attrs.frozen(kw_only=True)
class LineTooLong:
    """A line longer than the limit (its bytes were skipped, not kept)."""

    limit: int


def read_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | LineTooLong]:
    """The lines of a binary stream, split on ``b"\\n"`` only; over-long lines as :class:`LineTooLong`.

    Never holds more than ``limit + 1`` bytes of one line in memory.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not (len(line) == limit + 1 and line.endswith(b"\n")):
            # Skip the rest of this line without keeping it.
            while not line.endswith(b"\n"):
                line = stream.readline(1 << 16)
                if not line:
                    break
            yield LineTooLong(limit=limit)
            continue
        yield line


def parse_json_line(line: bytes, source: str) -> Any:
    """One JSON value from one line; an :class:`InputError` naming the column otherwise."""
    line = line.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark (a file saved by a Windows editor): not content
    try:
        data = orjson.loads(line)  # refuses what is not UTF-8 (reported as such just below)
    except orjson.JSONDecodeError as exc:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise InputError(source, None, f"not UTF-8 text (byte 0x{line[bad.start]:02x} at column "
                                           f"{bad.start + 1})") from None
        problem = exc.msg
        if "depth limit" in problem or "recursion" in problem:
            problem = f"nested more than {MAX_DEPTH} levels deep"
        elif "infinity" in problem:
            problem = "a number too large"
        raise InputError(source, None, f"invalid JSON: {problem} (column {exc.colno})") from None
    # Cheap first: fewer opening brackets than the limit cannot nest deeper than it.
    if line.count(b"{") + line.count(b"[") > MAX_DEPTH and depth_exceeds(data):
        raise InputError(source, None, f"nested more than {MAX_DEPTH} levels deep")
    return data


def profile_from_line(line: bytes | str | LineTooLong, source: str) -> Profile | InputError | None:
    """The profile on one batch line, its error, or ``None`` for a blank line. Never raises."""
    try:
        if isinstance(line, LineTooLong):
            return InputError(path_text(source), None, f"line {too_large(line.limit)}")
        raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
        if not raw.strip(_JSON_SPACE):
            return None
        return profile_from_json(parse_json_line(raw, path_text(source)), source)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug, reported on this line only
        return InputError(path_text(source), None, f"cannot read this line ({type(exc).__name__})")
