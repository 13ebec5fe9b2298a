"""Start the TUI (``ontime-support`` / ``ontime-support tui``).

Only the standard library is imported here; the app and the kernel are
imported when :func:`launch` runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def launch(profile: str | None = None, at: dt.datetime | None = None, lang: str | None = None,
           settings: str | None = None, disabled: Sequence[str] = ()) -> int:
    """Open the TUI on ``profile`` (default: the bundled partner example).

    :raises InputError: unreadable profile or settings (the CLI prints it).
    """
    from ontime_support.loading import load_profile

    from .app import OnTimeApp, make_host
    from ontime_support.examples import profile_path as example_profile

    if lang is None:
        from ontime_support.cli.main import default_lang

        lang = default_lang()
    host = make_host(settings, list(disabled))
    path = profile or example_profile("partner")
    loaded = load_profile(path)
    app = OnTimeApp(host, loaded, lang=lang, at=at, profile_path=path if profile else None)
    result = app.run()
    return int(result or 0)
