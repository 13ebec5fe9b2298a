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
    """One message in both languages."""

    en: str = attrs.field(validator=attrs.validators.instance_of(str))
    ja: str = attrs.field(validator=attrs.validators.instance_of(str))

    def __call__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def format(self, **values: object) -> Text:
        """Fill ``{name}`` placeholders in both languages."""
        return Text(en=self.en.format(**values), ja=self.ja.format(**values))


def T(en: str, ja: str) -> Text:  # noqa: N802 - short constructor used in every plugin
    """Shorthand for ``Text(en=..., ja=...)``."""
    return Text(en=en, ja=ja)


def yen(amount: int, lang: str) -> str:
    """Integer JPY for display: ``202,500 JPY`` / ``202,500円``."""
    return f"{amount:,}円" if lang == "ja" else f"{amount:,} JPY"
