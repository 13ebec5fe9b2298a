"""The quote as Markdown (``compare --format markdown``, the TUI's quote export).

Reads only the quote document (:mod:`ontime_support.present.quote`), built from
the view model. Every text from a user, a file or a plugin goes through
:func:`ontime_support.present.safe.markdown`: control characters made visible,
link/emphasis/HTML characters escaped.
"""

from __future__ import annotations

from ontime_support.kernel.models import Comparison, Profile

from .quote import Line, Quote, QuoteSettings, build_quote
from .safe import markdown as md
from .view import ComparisonView, build_view


def _line(line: Line, lang: str) -> str:
    colon = "：" if lang == "ja" else ": "
    parts = []
    if line.label:
        sep = "、" if lang == "ja" else ", "
        parts.append(sep.join(f"**{md(x)}**" for x in (line.label, *line.more_labels)) + (colon if line.text else ""))
    if line.text:
        parts.append(md(line.text))
    if line.clause:
        parts.append(f" [{md(line.clause)}]")  # clause ids are validated ids: no link can form
    return "".join(parts)


def render_quote(quote: Quote) -> str:
    lang = quote.lang
    colon = "：" if lang == "ja" else ": "
    out = [f"# {md(quote.title)}", ""]
    out += [f"- {md(k)}{colon}{md(v)}" for k, v in quote.fields]
    out += ["", md(quote.intro), ""]
    for section in quote.sections:
        out += [f"## {md(section.heading)}", ""]
        for i, line in enumerate(section.lines, 1):
            out.append(f"{i}. {_line(line, lang)}" if section.numbered else f"- {_line(line, lang)}")
            for j, child in enumerate(line.children, 1):
                out.append(f"  {j}. {_line(child, lang)}" if line.numbered else f"  - {_line(child, lang)}")
        out.append("")
    out += ["---", ""]
    for f in quote.footer:
        out += [md(f), ""]
    return _join(out)


def _join(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip() + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def to_markdown(view: ComparisonView, settings: QuoteSettings | None = None, agent: str | None = None) -> str:
    """The customer quote for ``view`` as Markdown."""
    return render_quote(build_quote(view, settings, agent))


def comparison_markdown(comparison: Comparison, profile: Profile | None, lang: str,
                        settings: QuoteSettings | None = None, agent: str | None = None) -> str:
    """Shortcut: the view and the quote in one call."""
    return to_markdown(build_view(comparison, profile, lang), settings, agent)
