"""Command palette entries (Ctrl+P): language, time, files, options, examples.

The provider does not import the app: it asks the running app for
``palette_commands()`` — ``(label, callback, help)`` triples in the current
language — so there is no import cycle between the app and its parts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class OnTimeCommands(Provider):
    """Every app action, plus one entry per option and per example profile."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        source = getattr(self.app, "palette_commands", None)
        return list(source()) if callable(source) else []

    async def discover(self) -> Hits:
        for label, callback, help_text in self._commands():
            yield DiscoveryHit(label, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=help_text)
