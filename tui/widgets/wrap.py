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
    """Rich text wrapped to the widget's width (height follows).

    The wrapped text is cached per width, so layout (which asks for the height)
    and rendering share one wrap; :meth:`update` asks for a layout only when
    the wrapped height changes.
    """

    DEFAULT_CSS = "WrappedText { height: auto; }"

    def __init__(self, text: RichText | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text or RichText()
        self._cache: dict[int, tuple[RichText, int]] = {}

    def _wrapped(self, width: int) -> tuple[RichText, int]:
        hit = self._cache.get(width)
        if hit is None:
            wrapped = wrap_text(self.text, width)
            hit = (wrapped, wrapped.plain.count("\n") + 1)
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[width] = hit
        return hit

    def update(self, text: RichText) -> None:
        if text == self.text:
            return
        width = self.content_region.width or self.size.width
        old_height = self._wrapped(width)[1] if width else -1
        self.text = text
        self._cache.clear()
        same_height = bool(width) and self._wrapped(width)[1] == old_height
        self.refresh(layout=not same_height)

    def render(self) -> RichText:
        return self._wrapped(self.content_region.width or self.size.width)[0]

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return self._wrapped(width)[1]
