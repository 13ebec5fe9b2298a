"""A checkbox whose state reads without colour: ☑ on, ☐ off."""

from __future__ import annotations

from textual.widgets import Checkbox


class Tick(Checkbox):
    """``key``: the catalogue key of its label, for a language switch."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    def __init__(self, label: str = "", value: bool = False, *, key: str | None = None, **kwargs: object) -> None:
        super().__init__(label, value, **kwargs)  # type: ignore[arg-type]
        self.key = key

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name, made dynamic)
        return "☑" if self.value else "☐"
