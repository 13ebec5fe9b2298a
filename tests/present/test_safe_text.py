"""Issue #8: text from a user, a file or a plugin is shown literally in every output format."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

import pytest
from rich.console import Console

from builders import edit
from ontime_support.cli.table import print_comparison
from ontime_support.present.html import to_html
from ontime_support.present.json import view_json
from ontime_support.present.markdown import to_markdown
from ontime_support.present.safe import markdown, visible
from ontime_support.present.view import build_view
from output_schema import checked

AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
MARKUP = "[/] [link=file:///etc/passwd]x[/link] [bold]b[/bold]"
ANSI = "\x1b[31mred"
OSC = "\x1b]0;title\x07"
BIDI = "abc\u202edcba"
NASTY = f"{MARKUP} {ANSI} {OSC} {BIDI} [md](http://evil.example) <script>alert(1)</script>"

PLUGIN = f'''
NASTY = {NASTY!r}

@hookimpl
def ontime_options():
    return [OptionSpec(id="nasty.one", provider="Nasty " + NASTY, title=T("Title " + NASTY, "題 " + NASTY),
                       channels=("email",), languages=("en",))]

@hookimpl
def ontime_eligibility(option, profile, at):
    if option.id == "nasty.one":
        return Eligibility(status=Status.ELIGIBLE, rank=1, reasons=(
            Reason(clause="NST-1", text=T("Reason " + NASTY, "理由 " + NASTY)),),
            rank_reason=Reason(clause="NST-2", text=T("Rank " + NASTY, "順位 " + NASTY)))

@hookimpl
def ontime_pricing(option, profile):
    if option.id == "nasty.one":
        return Pricing(annual_fee_jpy=100, notes=(Reason(clause="NST-3", text=T("Note " + NASTY, "注 " + NASTY)),))

@hookimpl
def ontime_hours(option, profile):
    if option.id == "nasty.one":
        return Availability(calendar=build_calendar(timezone="Europe/Berlin", opening_hours="09:00-17:00",
                            business_days=("mon", "tue", "wed", "thu", "fri"), holiday_country=None),
                            channels=("email",), languages=("en",),
                            notes=(Reason(clause="NST-5", text=T("Hours " + NASTY, "時間 " + NASTY)),))

@hookimpl
def ontime_escalation(option, profile, at):
    if option.id == "nasty.one":
        return [EscalationStep(to=T("To " + NASTY, "宛先 " + NASTY), why=T("Why " + NASTY, "理由 " + NASTY),
                               clause="NST-4")]
'''


@pytest.fixture
def view_of(make_host, inline_plugin, example_profile):
    host = make_host(inline_plugin(PLUGIN, name="nasty"))
    profile = edit(example_profile("unknown_partner"), customer={"name": "Name " + NASTY, "partner": "p-" + NASTY})

    def make(lang: str):
        view = build_view(host.compare(profile, AT), profile, lang)
        assert view.option("nasty.one").error is None  # the plugin's texts really reach the output
        return view

    return make


def test_visible_makes_controls_visible_and_keeps_plain_text():
    assert visible("plain 日本語\ttab\nline") == "plain 日本語\ttab\nline"
    shown = visible(NASTY)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "␛[31mred" in shown and "␛]0;title␇" in shown and "<U+202E>" in shown
    assert visible("\x9b31m\x00\x7f") == "<U+009B>31m␀␡"
    assert markdown("[a](b) *c* <d> `e` \\") == "\\[a\\](b) \\*c\\* \\<d\\> \\`e\\` \\\\"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_table_shows_user_and_plugin_text_literally(view_of, lang):
    view = view_of(lang)
    console = Console(record=True, width=600, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    print_comparison(view, console)
    raw = console.file.getvalue()
    text = console.export_text()
    for marker in ("[/]", "[link=file:///etc/passwd]x[/link]", "[bold]b[/bold]", "␛[31mred", "␛]0;title␇",
                   "<U+202E>"):
        assert marker in text
    assert "Name " in text  # the customer's name in the title
    assert "]0;title\x07" not in raw and "\x07" not in raw and "\u202e" not in raw
    assert "\x1b[31mred" not in raw  # the user's own colour code never reaches the terminal
    assert "file:///etc/passwd" not in raw.replace("[link=file:///etc/passwd]", "")  # no OSC 8 hyperlink


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_json_keeps_the_text_exactly_and_escapes_control_characters(view_of, lang):
    data = checked(view_json(view_of(lang)))
    out = json.dumps(data, ensure_ascii=False)
    assert "\x1b" not in out and "\\u001b[31mred" in out and "\\u0007" in out
    nasty = next(o for o in data["options"] if o["id"] == "nasty.one")
    assert nasty["eligibility"]["reasons"][0]["text"].endswith(NASTY)
    assert data["customer"]["name"] == "Name " + NASTY


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_escapes_links_and_markup_and_shows_controls(view_of, lang):
    out = to_markdown(view_of(lang))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert not re.search(r"(?<!\\)\]\(", out)  # no "](" that could close a link
    assert "\\[md\\](http://evil.example)" in out
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\[link=file:///etc/passwd\\]x\\[/link\\]" in out
    assert "␛\\[31mred" in out and "Name " in out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_escapes_everything(view_of, lang):
    out = to_html(view_of(lang))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert html.escape("[link=file:///etc/passwd]x[/link]") in out
    assert "␛[31mred" in out and "<a " not in out
    assert html.escape("Name " + visible(NASTY)) in out
