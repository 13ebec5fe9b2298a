"""Line wrapping that also breaks Japanese text between characters.

Rich and Textual wrap at spaces only, so a Japanese sentence (no spaces) is
pushed whole to the next line and then cut. :class:`WrappedText` wraps its
Rich text itself, to the width it is given: at spaces, and between any two
characters where one is wide (CJK); continuation lines keep a hanging indent
under bullets and numbered steps.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widget import Widget

_BULLET = re.compile(r"^(\s*)(?:[•□○●◐★✖]|\d+\.)\s")


_NO_BREAK_BEFORE = set("、。，．・：；？！）」』】〕ー)]}.,:;!?")
_NO_BREAK_AFTER = set("（「『【〔([{")


def _breaks_between(a: str, b: str) -> bool:
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return a == " "
    return a == " " or cell_len(a) == 2 or cell_len(b) == 2


def wrap_line(line: RichText, width: int) -> list[RichText]:
    plain = line.plain
    if width <= 4 or cell_len(plain) <= width:
        return [line]
    match = _BULLET.match(plain)
    indent = len(match.group(0)) if match else len(plain) - len(plain.lstrip(" "))
    indent = min(indent, width // 3)
    out: list[RichText] = []
    start, used, last_break = 0, 0, -1
    i = 0
    limit = width
    while i < len(plain):
        w = cell_len(plain[i])
        if used + w > limit and i > start:
            cut = last_break if last_break > start else i
            piece = line[start:cut]
            piece.rstrip()
            out.append(piece)
            start = cut
            while start < len(plain) and plain[start] == " ":
                start += 1
            i = start
            used = 0
            last_break = -1
            limit = width - indent
            continue
        used += w
        if i + 1 < len(plain) and _breaks_between(plain[i], plain[i + 1]):
            last_break = i + 1
        i += 1
    if start < len(plain):
        out.append(line[start:])
    pad = " " * indent
    return [out[0]] + [RichText(pad) + piece for piece in out[1:]]


def wrap_text(text: RichText, width: int) -> RichText:
    lines: list[RichText] = []
    for line in text.split("\n", allow_blank=True):
        lines.extend(wrap_line(line, width))
    return RichText("\n").join(lines)


class WrappedText(Widget):
    """Rich text wrapped to the widget's width (height follows)."""

    DEFAULT_CSS = "WrappedText { height: auto; }"

    def __init__(self, text: RichText | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text or RichText()

    def update(self, text: RichText) -> None:
        self.text = text
        self.refresh(layout=True)

    def render(self) -> RichText:
        return wrap_text(self.text, self.content_region.width or self.size.width)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(wrap_text(self.text, width).split("\n", allow_blank=True))
