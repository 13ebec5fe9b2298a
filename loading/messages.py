"""Safe one-line messages: user values quoted, control characters escaped, length capped.

Every error the tool prints about bad input is ONE line of at most
:data:`MAX_LINE` characters. Values typed by a user (a path, a zone name, a
10,000-digit number) are shown escaped, ``repr``-like, and cut with ``…``,
so a hostile value can neither break the line, move the cursor (terminal
escape sequences) nor flood the screen.
"""

from __future__ import annotations

#: The longest error line the tool prints (characters).
MAX_LINE = 300
#: The longest user value quoted inside a message (characters, before escaping).
MAX_VALUE = 60

_SPECIAL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str) -> str:
    """``text`` with every non-printable character escaped, ``repr``-like.

    Non-printable means what :meth:`str.isprintable` rejects: control
    characters (``\\n``, ``\\x1b``), line and paragraph separators, bidi and
    other format characters (``\\u202e``), lone surrogates, unassigned code points.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape_char(c) for c in text)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one ``…`` when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def shown(value: object, limit: int = MAX_VALUE) -> str:
    """A user value for a message: ``repr`` of it (strings quoted), escaped and cut."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"a number with {len(str(abs(value)))} digits" if _digits_ok(value) else "a very large number"
    if isinstance(value, str):
        return escape(repr(truncate(value, limit)))
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return escape(truncate(repr(value), limit))


def _digits_ok(value: int) -> bool:
    try:
        str(value)
    except ValueError:  # more digits than int -> str allows
        return False
    return True


def path_text(path: object, limit: int = 120) -> str:
    """A file name for a message: as typed, but escaped (newlines as ``\\n``) and cut."""
    return escape(truncate(str(path), limit))


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """The final guard before printing: one line, escaped, at most ``limit`` characters."""
    return truncate(escape(text), limit)
