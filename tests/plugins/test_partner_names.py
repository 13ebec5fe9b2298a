"""The customer's partner is named by the directory's display name wherever it is named.

The partner row, the escalation steps of every option and the triage path
say "Example Partner K.K. (fictitious)" with the bundled settings, in English
and Japanese; the id ``example-partner`` shows only when the directory does
not know the partner (or there is no directory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from ontime_support import sdk
from ontime_support.kernel.host import PluginHost
from ontime_support.kernel.models import Comparison, Profile
from ontime_support.loading import build_host, load_profile
from ontime_support.present.markdown import comparison_markdown

from builders import edit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")
NAME = "Example Partner K.K. (fictitious)"
PARTNER_ID = "example-partner"


@pytest.fixture(scope="module")
def bundled() -> PluginHost:
    return build_host(settings_path=EXAMPLES / "settings.toml", autoload=False)


def partner_customer(**customer: object) -> Profile:
    return edit(load_profile(EXAMPLES / "profiles" / "partner.toml"), customer=customer)


def texts(comparison: Comparison, lang: str) -> Iterator[str]:
    """Every text the customer is shown about the options and the triage, in ``lang``."""
    for result in comparison.options:
        if result.eligibility is not None:
            yield from (r.text(lang) for r in result.eligibility.reasons)
        for step in result.escalation:
            yield step.to(lang)
            yield step.why(lang)
    if comparison.triage is not None:
        for step in comparison.triage.path:
            yield step.to(lang)
            yield step.why(lang)


def partner_steps(comparison: Comparison) -> list[sdk.EscalationStep]:
    steps = [s for r in comparison.options for s in r.escalation]
    steps += list(comparison.triage.path) if comparison.triage is not None else []
    return [s for s in steps if s.clause == "PTN-4"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_triage_path_names_the_partner_by_its_display_name(bundled, lang):
    comparison = bundled.compare(partner_customer(), AT)
    first = comparison.triage.path[0]
    assert first.to == sdk.fill(sdk.PARTNER, partner=NAME)
    assert first.to(lang) == {"en": f"your partner ({NAME})", "ja": f"ご購入元のパートナー（{NAME}）"}[lang]
    shown = list(texts(comparison, lang))
    assert any(NAME in text for text in shown)
    assert not any(PARTNER_ID in text for text in shown)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_row_names_the_partner_by_its_display_name_with_maintenance_lapsed(bundled, lang):
    """The Direct Shop's help row sends a partner customer to the partner by name (PTN-4)."""
    lapsed = partner_customer()
    lapsed = edit(lapsed, maintenance={"active_until": dt.date(2025, 3, 31)})
    comparison = bundled.compare(lapsed, AT)
    steps = partner_steps(comparison)
    assert steps and all(step.to(lang).endswith(f"{NAME})" if lang == "en" else f"{NAME}）") for step in steps)
    assert not any(PARTNER_ID in text for text in texts(comparison, lang))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_partner_without_ontime_support_is_named_by_its_display_name(bundled, lang):
    comparison = bundled.compare(partner_customer(partner_supports_ontime=False), AT)
    first = comparison.option("partner").eligibility.reasons[0]
    assert NAME in first.text(lang)
    assert not any(PARTNER_ID in text for text in texts(comparison, lang))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_quote_names_the_partner_by_its_display_name(bundled, lang):
    profile = partner_customer()
    quote = comparison_markdown(bundled.compare(profile, AT), profile, lang)
    assert NAME in quote and PARTNER_ID not in quote


def test_a_partner_the_directory_does_not_know_is_named_by_its_id(bundled):
    comparison = bundled.compare(partner_customer(partner="no-such-partner"), AT)
    assert comparison.triage.path[0].to == sdk.fill(sdk.PARTNER, partner="no-such-partner")


def test_without_a_directory_the_id_is_used_and_hosts_do_not_share_names(tmp_path, bundled):
    (tmp_path / "settings.toml").write_text("[partner]\ndirectory = \"\"\n", encoding="utf-8")
    bare = build_host(settings_path=tmp_path / "settings.toml", autoload=False)
    profile = partner_customer()
    assert partner_steps(bare.compare(profile, AT))[0].to == sdk.fill(sdk.PARTNER, partner=PARTNER_ID)
    assert partner_steps(bundled.compare(profile, AT))[0].to == sdk.fill(sdk.PARTNER, partner=NAME)
    assert partner_steps(bare.compare(profile, AT))[0].to == sdk.fill(sdk.PARTNER, partner=PARTNER_ID)
