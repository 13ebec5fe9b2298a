"""Errors a user can read: one line, naming the file, the field and the problem."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (profile, settings, partner directory, CLI value).

    ``str(error)`` is the single line shown to the user, e.g.
    ``profile.toml: customer.timezone: unknown time zone 'Asia/Tokio'``.
    The CLI prints it and exits with code 2.
    """

    def __init__(self, source: str, field: str | None, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}")

