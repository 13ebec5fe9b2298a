"""Safe text: whatever came from a user, a file or a plugin is shown literally (issue #8).

:func:`visible` makes control characters visible instead of letting a terminal,
a browser or a mail client act on them: ESC (the start of ANSI colour and OSC
title sequences) becomes ``␛``, other C0 controls their Unicode control
pictures (``␇``), DEL ``␡``, C1 controls and the bidirectional overrides and
isolates (which can reorder what a reader sees) ``<U+202E>``. Newlines and
tabs are kept. The result contains no character a terminal interprets.

Markup is each renderer's job on top of this: :func:`markdown` escapes the
characters that would form Markdown links, emphasis or HTML; the Rich table
uses :func:`rich.markup.escape` or ``Text``; HTML uses :func:`html.escape`.
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {}
for _c in range(0x20):
    if _c not in (0x09, 0x0A):
        _TABLE[_c] = chr(0x2400 + _c)  # ␀ … ␟ (ESC → ␛)
_TABLE[0x0D] = "␍"
_TABLE[0x7F] = "␡"
for _c in range(0x80, 0xA0):
    _TABLE[_c] = f"<U+{_c:04X}>"
for _c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
    _TABLE[_c] = f"<U+{_c:04X}>"
for _c in (0x2028, 0x2029):  # line/paragraph separators: break lines where nothing else does
    _TABLE[_c] = f"<U+{_c:04X}>"

_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")


def visible(text: str) -> str:
    """``text`` with every control character made visible (see the module doc); plain text is returned as is."""
    if _UNSAFE.search(text) is None:  # the common case: nothing to do, no copy
        return text
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """:func:`visible`, with newlines and tabs as spaces (for a table cell or a heading)."""
    return visible(text).replace("\n", " ").replace("\t", " ")


# Characters that form Markdown syntax inside a line: links and images need ``[``, emphasis
# ``*`` ``_`` ``~``, code spans a backtick, raw HTML and autolinks ``<``, entities ``&``, table cells ``|``.
# Line-start syntax (``#``, ``-``, ``1.``) cannot occur: user text never starts a line of the quote.
# Fewer escapes keep the pasted quote readable as plain text too.
_MD = re.compile(r"([\\`*_\[\]<>|&~])")


def markdown(text: str) -> str:
    """Plain text for Markdown: visible, every markup character backslash-escaped, one line."""
    return _MD.sub(r"\\\1", one_line(text))
