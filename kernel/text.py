"""Bilingual text: every user-visible sentence exists in English and Japanese.

Plugins build reasons with :func:`T` and never pick a language themselves; the
language is chosen when a result is rendered (CLI ``--lang``, the TUI switch).
"""

from __future__ import annotations

from typing import Literal

import attrs

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = ("en", "ja")


@attrs.frozen(slots=True)
class Text:
    """One message in both languages.

    Built dozens of times per comparison, so it carries no validators; the
    conformance kit (``ontime_support.testing``) checks plugins' texts.
    """

    en: str
    ja: str

    def __call__(self, lang: Lang | str) -> str:
        return self.ja if lang == "ja" else self.en


#: Shorthand used in every plugin: ``T("English", "日本語")``.
T = Text

