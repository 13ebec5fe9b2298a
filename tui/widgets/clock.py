"""The instant the comparison is for: live (refreshed by the app every 30 s) or PINNED."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from textual.widgets import Static

from ontime_support.present.report import WEEKDAY_NAMES

from ..i18n import tr


def when(value: dt.datetime, lang: str) -> str:
    names = WEEKDAY_NAMES["ja" if lang == "ja" else "en"]
    return f"{value.strftime('%Y-%m-%d %H:%M %Z')} ({names[value.weekday()]})"


class Clock(Static):
    """Shows ``at`` in the customer's zone; the class ``-pinned`` turns it into a banner."""

    def show(self, at: dt.datetime | None, zone: str | None, pinned: bool, lang: str) -> None:
        if at is None:
            if str(self.content):
                self.update("")
            return
        local = at.astimezone(ZoneInfo(zone)) if zone else at
        text = when(local, lang)
        label = f" {tr('pinned', lang)}  {text} " if pinned else f"{tr('now', lang)} {text} · {tr('live', lang)}"
        if label != str(self.content):
            self.update(label)
        self.set_class(pinned, "-pinned")
