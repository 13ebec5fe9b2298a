"""The footer every full screen shows: compact, with the command-palette key only where it fits."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Footer

#: Below this width the function keys fill the line and the docked ``^p`` label would be cut in the
#: middle of a wide (Japanese) character; Ctrl+P still works and the help lists it.
PALETTE_MIN_WIDTH = 100


class DeskFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH
