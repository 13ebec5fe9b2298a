"""Rendering: one view model (:mod:`.view`), one label catalogue (:mod:`.labels`), four renderers.

* :func:`ontime_support.present.view.build_view` — the comparison, once, as shown;
* :mod:`.json` (``compare --format json``), :mod:`.markdown` and :mod:`.html` (the
  customer quote, via :mod:`.quote`), and ``ontime_support.cli.table`` (Rich);
* :func:`ontime_support.present.safe.visible` — user/plugin text made safe to show.

Compatibility (until the TUI switches to the view model and the catalogue):
``STATUS_LABELS``, ``CHANNEL_LABELS``, ``MATTER_LABELS``, ``WEEKDAY_NAMES``,
``money``, ``number``, ``weekly_text`` and ``to_markdown(comparison, lang,
customer_name)`` keep the names and values the old ``present/report.py`` had
(that module is gone; import them from here). New code uses
:func:`ontime_support.present.labels.label` and the view model instead.
"""

from __future__ import annotations

from typing import Any

from ontime_support.kernel.models import Comparison, Hours, Profile
from ontime_support.kernel.text import T

from .json import number
from .labels import WEEKDAYS
from .view import money
from .when import weekly_provider

# The TUI's words of today, unchanged so its screens (and snapshots) stay as they are
# until it reads the catalogue (present/labels.py) itself.
WEEKDAY_NAMES = WEEKDAYS
STATUS_LABELS = {
    "eligible": T("eligible", "利用可"),
    "conditional": T("conditional", "条件付き"),
    "ineligible": T("ineligible", "利用不可"),
}
CHANNEL_LABELS = {
    "email": T("e-mail", "メール"),
    "phone": T("phone", "電話"),
    "web_conference": T("web meeting", "Web 会議"),
    "onsite": T("on-site", "オンサイト"),
}
MATTER_LABELS = {
    "platform": T("platform matter", "プラットフォームの問題"),
    "ontime": T("OnTime matter", "OnTime の問題"),
    "undetermined": T("not yet known", "未確定"),
}


def weekly_text(hours: Hours, lang: str) -> list[str]:
    """Weekly hours in the provider's zone (``Mon-Fri 10:00-16:00``); see :mod:`.when`."""
    return [] if hours.calendar is None else list(weekly_provider(hours.calendar, lang))


def to_json(comparison: Comparison, lang: str, profile: Any = None) -> dict[str, Any]:
    from .json import to_json as _to_json

    return _to_json(comparison, lang, profile)


def to_markdown(comparison: Comparison, lang: str, customer_name: str | None = None, *,
                profile: Profile | None = None) -> str:
    """The customer quote as Markdown (old signature; new code: ``markdown.to_markdown(build_view(...))``).

    Pass ``profile`` for the expected spot hours (without it the quote cannot say them).
    """
    import attrs

    from .markdown import to_markdown as render
    from .view import build_view

    view = build_view(comparison, profile, lang)
    if customer_name:
        view = attrs.evolve(view, customer_name=customer_name)
    return render(view)


__all__ = ["CHANNEL_LABELS", "MATTER_LABELS", "STATUS_LABELS", "WEEKDAY_NAMES", "money", "number", "to_json",
           "to_markdown", "weekly_text"]
