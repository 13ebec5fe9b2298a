"""Text from users, files and plugins, shown literally.

Anything that did not come from this package (a customer name, a file path,
a plugin's reason or error message) becomes a :class:`rich.text.Text` built
with ``Text(...)``, never parsed as markup, with control characters made
visible, so ``[/]`` or ``[link=file:///etc/passwd]x[/link]`` is shown as
typed and an escape sequence cannot reach the terminal.
"""

from __future__ import annotations

from rich.text import Text

from ontime_support.present.labels import label

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0, 32), 127) if chr(c) not in "\n"}
_CONTROL.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})
_TABLE = str.maketrans({c: v for c, v in _CONTROL.items()})
_ONE_LINE = str.maketrans({**{c: v for c, v in _CONTROL.items()}, 10: "\\n"})


def visible(value: object, *, one_line: bool = False) -> str:
    """``value`` as text with control characters shown as ``\\xNN`` (newlines kept unless ``one_line``)."""
    return str(value).translate(_ONE_LINE if one_line else _TABLE)


def literal(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """A Rich Text that shows ``value`` exactly (no markup), control characters made visible."""
    return Text(visible(value, one_line=one_line), style=style, end="")


def tr(key: str, lang: str) -> str:
    """A label from the one catalogue (``present/labels.py``)."""
    return label(key, lang)
