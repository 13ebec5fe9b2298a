"""Text folding for search and for the stable import key.

``fold(text)``: NFKC (full-width ``ＡＢＣ`` -> ``ABC``, half-width ``ｶﾅ`` ->
``カナ``), casefold, katakana -> hiragana, runs of white space -> one space.
Romaji matching is not done (see docs/customer-book.md).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Katakana U+30A1..U+30F6 sit 0x60 above their hiragana; ヽヾ (U+30FD/E) too.
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}
_KATA_TO_HIRA.update({0x30FD: 0x309D, 0x30FE: 0x309E})
_SPACE = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s\-_/.,・()（）\[\]「」『』&＆]+")
#: Legal-form words a desk does not type when looking a company up.
_LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "(株)", "(有)", "k.k.", "kk", "inc.", "ltd.", "co.,", "gmbh")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The comparable form of ``text`` (case-, width- and kana-insensitive)."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_KATA_TO_HIRA)
    return _SPACE.sub(" ", text).strip()


def natural_key(name: str, partner: str | None) -> str:
    """The import key of a customer without an ``id``: folded name + partner."""
    return f"{fold(name)}\x1f{fold(partner or '')}"


def search_terms(name: str, partner: str | None, tags: tuple[str, ...]) -> set[str]:
    """Every indexed term of a customer: a query matches when it is a prefix of one.

    The folded name from the start of each of its words (``acme manufacturing
    k.k.``, ``manufacturing k.k.``, ``k.k.``: so a query may span words and keep
    their punctuation, as in ``K.K.`` or ``Co., Ltd.``), the name without
    legal-form words (``株式会社``), the partner and each tag.
    """
    folded = fold(name)
    terms = {folded, *word_suffixes(folded)}
    stripped = folded
    for form in _FOLDED_FORMS:
        if form in stripped:
            stripped = stripped.replace(form, " ")
    stripped = _SPACE.sub(" ", stripped).strip()
    if stripped:
        terms.add(stripped)
    if partner:
        terms.add(fold(partner))
    terms.update(fold(t) for t in tags)
    return {t for t in terms if t}


def word_suffixes(folded: str) -> list[str]:
    """``folded`` from the start of each word on (a word starts after a separator: space, ``.``, ``・`` …)."""
    return [folded[m.end():] for m in _WORD_SPLIT.finditer(folded) if m.end() < len(folded)] + [folded]


_FOLDED_FORMS = tuple(fold(form) for form in _LEGAL_FORMS)


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``.

    ``term >= prefix AND term < prefix_upper_bound(prefix)`` is an index range
    scan on both SQLite and PostgreSQL (the column uses binary collation).
    """
    return prefix + "\U0010ffff"
