"""The instant the comparison is for: live (refreshed by the app every 30 s) or PINNED."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from textual.widgets import Static

from ontime_support.present.labels import WEEKDAYS, norm_lang, paren
from ontime_support.present.when import stamp

from ..text import tr


def when(value: dt.datetime, lang: str) -> str:
    if norm_lang(lang) == "ja":
        return stamp(value, "ja")  # 2026-11-28（土）11:00 日本時間
    names = WEEKDAYS["en"]
    return f"{value.strftime('%Y-%m-%d %H:%M %Z')} ({names[value.weekday()]})"


class Clock(Static):
    """Shows ``at`` in the customer's zone; ``-pinned`` makes it a banner (and the word says it too)."""

    def show(self, at: dt.datetime | None, zone: str | None, pinned: bool, lang: str) -> None:
        if at is None:
            self.update("")
            return
        local = at.astimezone(ZoneInfo(zone)) if zone else at
        text = when(local, lang)
        label = f" {tr('tui.pinned', lang)} {text} " if pinned else f"{tr('tui.now', lang)} {text}{paren(tr('tui.live', lang), lang)}"
        self.update(label)
        self.set_class(pinned, "-pinned")
