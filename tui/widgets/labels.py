"""A label that knows its catalogue key, so a language switch can relabel it."""

from __future__ import annotations

from textual.widgets import Static

from ..text import tr


class I18nLabel(Static):
    """A Static showing ``label(key, lang)``; :meth:`set_lang` relabels it."""

    def __init__(self, key: str, lang: str, **kwargs: object) -> None:
        super().__init__(tr(key, lang), markup=False, **kwargs)  # type: ignore[arg-type]
        self.key = key

    def set_lang(self, lang: str) -> None:
        self.update(tr(self.key, lang))
