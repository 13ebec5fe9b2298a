"""Command palette entries (Ctrl+P): language, time, files, columns, examples."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .i18n import tr

if TYPE_CHECKING:
    from .app import OnTimeApp


class OnTimeCommands(Provider):
    """Every app action, plus one entry per option column and per example profile."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: OnTimeApp = self.app  # type: ignore[assignment]
        lang = app.language
        commands: list[tuple[str, Callable[[], object], str]] = [
            (tr("cmd_lang", lang), app.action_switch_language, "F2"),
            (tr("cmd_pin", lang), app.action_pin_dialog, "F3"),
        ]
        if app.pinned_at is not None:
            commands.append((tr("cmd_unpin", lang), app.action_unpin, "F3"))
        commands += [
            (tr("cmd_open", lang), app.action_open_profile, "Ctrl+O"),
            (tr("cmd_save", lang), app.action_save_profile, "Ctrl+S"),
            (tr("cmd_quote", lang), app.action_quote, "F5"),
            (tr("cmd_triage", lang), app.action_triage, "F4"),
            (tr("cmd_help", lang), app.action_help, "F1"),
        ]
        if app.comparison is not None:
            for result in app.comparison.options:
                oid = result.option.id
                state = "✓" if oid not in app.hidden else "✗"
                commands.append((f"{tr('cmd_toggle', lang)}: {result.option.title(lang)} ({oid})",
                                 partial(app.toggle_column, oid), state))
        for name in app.example_names():
            commands.append((f"{tr('cmd_new', lang)}: {name}", partial(app.new_from_example, name), name))
        return commands

    async def discover(self) -> Hits:
        for label, callback, help_text in self._commands():
            yield DiscoveryHit(label, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=help_text)
