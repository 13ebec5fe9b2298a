"""Command palette entries (Ctrl+P): language, time, files, options, examples, the book's customers.

The provider does not import the app: it asks the running app for
``palette_commands()`` — ``(label, callback, help)`` triples in the current
language — and, as the agent types, for ``palette_customers(query)``
("Open customer NAME" for the book's matches; a database call, so it runs in
a thread). So there is no import cycle between the app and its parts.

Labels may hold text from users and plugins (customer names, option
titles): they are shown literally, never read as markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content


def highlighted(matcher: Matcher, label: str) -> Content:
    """``label`` as plain content (no markup) with the fuzzy match's characters styled."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class OnTimeCommands(Provider):
    """Every app action, plus one entry per option, per example profile and per matching customer."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        source = getattr(self.app, "palette_commands", None)
        return list(source()) if callable(source) else []

    async def discover(self) -> Hits:
        for label, callback, help_text in self._commands():
            yield DiscoveryHit(Content(label), callback, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlighted(matcher, label), callback, text=label, help=help_text)
        customers = getattr(self.app, "palette_customers", None)
        if callable(customers):
            # The book found them (prefix, case, width and kana folded): offered even when the fuzzy match is weak.
            for label, callback, help_text in await asyncio.to_thread(customers, query):
                score = max(matcher.match(label), 0.5)
                yield Hit(score, highlighted(matcher, label), callback, text=label, help=help_text)
