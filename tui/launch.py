"""Start the TUI (``ontime-support`` / ``ontime-support tui``).

Only the standard library is imported here; the app and the kernel are
imported when :func:`launch` runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def launch(profile: str | None = None, at: dt.datetime | str | None = None, lang: str | None = None,
           settings: str | None = None, disabled: Sequence[str] = (), *, customer: str | None = None,
           db: str | None = None, agent: str | None = None) -> int:
    """Open the TUI on ``profile`` (default: the bundled partner example), or on a stored ``customer``.

    ``customer`` is an id or a name (exactly one match) in the book at ``db``
    (``--db``, else ``$ONTIME_SUPPORT_DB``, else the default file). Without it
    the book is opened only when the agent first asks for a customer.

    ``at`` may be text (``--at``): a date, a date and time in the customer's
    zone, or ISO 8601 with an offset (:func:`ontime_support.loading.instants.parse_instant`).

    :raises InputError: unreadable profile or settings, or an ``at`` that is not an instant.
    """
    from ontime_support.examples import profile_path as example_profile
    from ontime_support.loading import load_profile
    from ontime_support.loading.locale import default_lang

    from .app import OnTimeApp, make_host
    from .book import BookAccess
    from .partners import partner_directory

    if lang is None:
        lang = default_lang()
    host = make_host(settings, list(disabled))
    books = BookAccess(db)
    record = None
    if customer is not None:
        from ontime_support.cli.book import resolve_customer

        record = resolve_customer(books.book(), customer)
        loaded = record.profile
        path = None
    else:
        path = profile or example_profile("partner")
        loaded = load_profile(path)
    if isinstance(at, str):
        from ontime_support.loading.errors import InputError
        from ontime_support.loading.instants import InstantError, parse_instant

        try:
            at = parse_instant(at, loaded.customer.timezone)
        except InstantError as exc:
            raise InputError("--at", None, str(exc)) from None
    app = OnTimeApp(host, loaded, lang=lang, at=at, profile_path=path if profile else None,
                    partners=partner_directory(settings), settings=settings, agent=agent, book=books,
                    record=record)
    try:
        result = app.run()
    finally:
        books.close()
    if app.return_code:  # an unhandled exception (Textual printed it and set 1): an internal error
        return app.return_code
    return int(result or 0)
