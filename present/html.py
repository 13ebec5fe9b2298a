"""The quote as a standalone HTML page (``compare --format html``): print it to PDF at the desk.

The same quote document as the Markdown (:mod:`ontime_support.present.quote`).
Every text is made visible (:func:`ontime_support.present.safe.visible`) and
HTML-escaped; the page loads nothing from outside (inline CSS, no script).
"""

from __future__ import annotations

from html import escape

from ontime_support.kernel.models import Comparison, Profile

from .quote import Line, Quote, QuoteSettings, build_quote
from .safe import visible
from .view import ComparisonView, build_view

_CSS = """
body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif; margin: 2em auto;
       max-width: 52em; line-height: 1.5; color: #111; }
h1 { font-size: 1.5em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #aaa; }
dl.fields { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
.clause { color: #555; font-size: .9em; white-space: nowrap; }
footer { margin-top: 2em; border-top: 1px solid #aaa; font-size: .9em; color: #333; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li { break-inside: avoid; } }
"""


def _t(text: str) -> str:
    return escape(visible(text), quote=True)


def _line(line: Line, lang: str) -> str:
    colon = "：" if lang == "ja" else ": "
    out = ""
    if line.label:
        sep = "、" if lang == "ja" else ", "
        out += sep.join(f"<strong>{_t(x)}</strong>" for x in (line.label, *line.more_labels)) + (colon if line.text else "")
    if line.text:
        out += _t(line.text)
    if line.clause:
        out += f' <span class="clause">[{_t(line.clause)}]</span>'
    if line.children:
        tag = "ol" if line.numbered else "ul"
        out += f"<{tag}>" + "".join(f"<li>{_line(c, lang)}</li>" for c in line.children) + f"</{tag}>"
    return out


def render_quote(quote: Quote) -> str:
    lang = quote.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_t(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_t(quote.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_t(quote.title)}</h1>",
        '<dl class="fields">',
        *(f"<dt>{_t(k)}</dt><dd>{_t(v)}</dd>" for k, v in quote.fields),
        "</dl>",
        f"<p>{_t(quote.intro)}</p>",
    ]
    for section in quote.sections:
        tag = "ol" if section.numbered else "ul"
        parts.append(f"<section><h2>{_t(section.heading)}</h2><{tag}>")
        parts.extend(f"<li>{_line(line, lang)}</li>" for line in section.lines)
        parts.append(f"</{tag}></section>")
    parts.append("<footer>")
    parts.extend(f"<p>{_t(f)}</p>" for f in quote.footer)
    parts += ["</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)


def to_html(view: ComparisonView, settings: QuoteSettings | None = None, agent: str | None = None) -> str:
    """The customer quote for ``view`` as a standalone HTML page."""
    return render_quote(build_quote(view, settings, agent))


def comparison_html(comparison: Comparison, profile: Profile | None, lang: str,
                    settings: QuoteSettings | None = None, agent: str | None = None) -> str:
    return to_html(build_view(comparison, profile, lang), settings, agent)
