"""The coverage chart: one lane per option, one cell per hour, a cursor that tells why.

It draws a :class:`ontime_support.present.chart.Chart` (built from the
options' calendars). The cursor (arrow keys, or the mouse hovering or
clicking) picks one hour of one lane; :class:`CoverageChart.Moved` carries
the line that says when it is, in both zones, and why the lane is closed.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ontime_support.present.chart import SYMBOLS, Chart, Cover, day_label, describe_cell, lane_label

from ..text import literal

STYLE = {Cover.OPEN: "green", Cover.PARTLY: "yellow", Cover.CLOSED: "bright_black", Cover.HOLIDAY: "bold red",
         Cover.OFF: "bright_black", Cover.UNKNOWN: "magenta", Cover.GAP: ""}
LABEL = 22
DAY = 10


class CoverageChart(Widget, can_focus=True):
    """Days down, hours across (the customer's wall clock), the options' lanes inside each day."""

    BINDINGS = [
        Binding("left", "move(0, -1)", show=False), Binding("right", "move(0, 1)", show=False),
        Binding("up", "move(-1, 0)", show=False), Binding("down", "move(1, 0)", show=False),
    ]
    cursor: reactive[tuple[int, int]] = reactive((0, 0))  # (row, hour); row = day * lanes + lane

    class Moved(Message):
        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    def __init__(self, chart: Chart, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chart = chart
        self.lang = lang
        now = chart.now_index()
        if now is not None:
            self.set_reactive(CoverageChart.cursor, (now[0] * len(chart.lanes), now[1]))

    def show(self, chart: Chart, lang: str) -> None:
        self.chart, self.lang = chart, lang
        self.refresh(layout=True)
        self._announce()

    @property
    def rows(self) -> int:
        return len(self.chart.days) * max(1, len(self.chart.lanes))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 1 + len(self.chart.days) * (len(self.chart.lanes) + 1)

    def _hour_x(self) -> int:
        return LABEL + 1

    def render(self) -> Text:
        chart, lang = self.chart, self.lang
        lanes = len(chart.lanes)
        out = Text(no_wrap=True, overflow="crop")
        out.append(" " * (LABEL + 1) + "".join(f"{h:02d} " for h in range(0, 24, 3)) + "\n", style="bold")
        crow, chour = self.cursor
        for d, day in enumerate(chart.days):
            out.append(day_label(day, lang, year=False) + "\n", style="bold underline")
            for i, lane in enumerate(chart.lanes):
                label = literal(lane_label(lane, lang), one_line=True)
                label.truncate(LABEL - 1, overflow="ellipsis", pad=True)
                out.append_text(label)
                out.append("  ")
                for h in range(24):
                    cell = chart.cell(i, d, h)
                    style = STYLE[cell.cover]
                    if d * lanes + i == crow and h == chour and self.has_focus:
                        style = f"{style} reverse"
                    out.append(SYMBOLS[cell.cover], style=style)
                out.append("\n")
        out.rstrip()
        return out

    def _at(self, x: int, y: int) -> tuple[int, int] | None:
        lanes = len(self.chart.lanes)
        if y < 1 or lanes == 0:
            return None
        block, within = divmod(y - 1, lanes + 1)
        hour = x - (LABEL + 2)
        if within == 0 or not 0 <= hour < 24 or block >= len(self.chart.days):
            return None
        return block * lanes + within - 1, hour

    def action_move(self, dr: int, dh: int) -> None:
        row, hour = self.cursor
        self.cursor = (min(max(0, row + dr), self.rows - 1), min(max(0, hour + dh), 23))

    def watch_cursor(self) -> None:
        self._announce()
        lanes = max(1, len(self.chart.lanes))
        row = self.cursor[0]
        self.scroll_to_region_if_visible(row // lanes * (lanes + 1) + row % lanes + 2)

    def scroll_to_region_if_visible(self, y: int) -> None:
        parent = self.parent
        if isinstance(parent, Widget):
            top = parent.scroll_y
            height = parent.size.height
            if y < top or y >= top + height:
                parent.scroll_to(y=max(0, y - height // 2), animate=False)

    def on_focus(self) -> None:
        self.refresh()
        self._announce()

    def on_blur(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        spot = self._at(event.x, event.y)
        if spot is not None and spot != self.cursor:
            self.cursor = spot

    def on_click(self, event: events.Click) -> None:
        spot = self._at(event.x, event.y)
        self.focus()
        if spot is not None:
            self.cursor = spot

    def description(self) -> str:
        lanes = max(1, len(self.chart.lanes))
        row, hour = self.cursor
        if not self.chart.lanes:
            return ""
        return describe_cell(self.chart, row % lanes, row // lanes, hour, self.lang)

    def _announce(self) -> None:
        self.refresh()
        self.post_message(self.Moved(self.description()))
