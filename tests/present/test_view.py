"""The view model: order, zones, prices, labels (what every renderer relies on)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from builders import edit
from ontime_support.present.labels import LABELS, label, language_name
from ontime_support.present.view import build_view
from ontime_support.present.when import instant, weekly_customer

AT = dt.datetime.fromisoformat("2026-11-27T16:00+09:00")


@pytest.fixture
def host(make_host):
    return make_host()


@pytest.mark.parametrize("name", ["partner", "direct_shop", "intravision", "overseas_german", "unknown_partner"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_options_follow_the_recommended_order_then_the_rest_and_none_is_dropped(host, example_profile, name, lang):
    profile = example_profile(name)
    comparison = host.compare(profile, AT)
    view = build_view(comparison, profile, lang)
    ids = [o.id for o in view.options]
    assert sorted(ids) == sorted(r.option.id for r in comparison.options)
    assert ids[:len(comparison.recommended)] == list(comparison.recommended)
    assert [o.rank for o in view.options[:len(comparison.recommended)]] == list(range(1, len(comparison.recommended) + 1))
    assert all(o.rank is None for o in view.options[len(comparison.recommended):])
    assert view.customer_name == profile.customer.name
    for o in view.options:
        assert o.title and o.why
        assert o.status.code in {"eligible", "conditional", "ineligible", "error"}
        assert o.status.label == label("status." + o.status.code, lang)


def test_a_plugin_error_comes_last_and_is_kept(make_host, inline_plugin, example_profile):
    broken = inline_plugin('''
@hookimpl
def ontime_options():
    return [OptionSpec(id="broken.one", provider="Broken", title=T("Broken option", "壊れた選択肢"))]

@hookimpl
def ontime_eligibility(option, profile, at):
    if option.id == "broken.one":
        raise RuntimeError("boom")
''', name="broken")
    host = make_host(broken)
    profile = example_profile("partner")
    view = build_view(host.compare(profile, AT), profile, "en")
    last = view.options[-1]
    assert last.id == "broken.one" and last.status.code == "error" and last.status.symbol == "!"
    assert last.error is not None and "boom" in last.error.message


def test_instants_show_the_customer_zone_first_and_the_provider_zone_beside_across_dst():
    berlin = ZoneInfo("Europe/Berlin")
    # Tokyo 10:00 is 02:00 in Berlin in winter (CET, +1) and 03:00 in summer (CEST, +2)
    winter = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    summer = dt.datetime(2026, 6, 2, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    w = instant(winter, "Europe/Berlin", "en")
    s = instant(summer, "Europe/Berlin", "en")
    assert w.text == "12-01 (Tue) 02:00 CET · 10:00 JST"
    assert s.text == "06-02 (Tue) 03:00 CEST · 10:00 JST"
    assert instant(winter, "Europe/Berlin", "ja").text == "12-01（火）02:00 ドイツ（ベルリン）時間 · 10:00 日本時間"
    # the provider's date is repeated when it is another day
    late = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert instant(late, "Europe/Berlin", "en").text == "11-30 (Mon) 23:00 CET · 12-01 (Tue) 07:00 JST"
    # same zone: no repetition
    assert instant(winter, "Asia/Tokyo", "en").text == "12-01 (Tue) 10:00 JST"
    assert instant(winter.astimezone(berlin), "Asia/Tokyo", "en").text == "12-01 (Tue) 10:00 JST · 02:00 CET"


def test_weekly_hours_in_the_customer_zone_change_with_dst(host, example_profile):
    profile = example_profile("partner")
    cal = next(r.hours.calendar for r in host.compare(profile, AT).options if r.option.id == "direct_shop.annual")
    assert cal.timezone == "Asia/Tokyo"
    winter = dt.datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("Asia/Tokyo"))
    summer = dt.datetime(2026, 6, 5, 12, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert weekly_customer(cal, "Europe/Berlin", winter, "en") == ("Mon-Fri 02:00-08:00",)
    assert weekly_customer(cal, "Europe/Berlin", summer, "en") == ("Mon-Fri 03:00-09:00",)
    # the customer's previous day
    assert weekly_customer(cal, "America/Los_Angeles", winter, "en") == ("Mon-Thu 17:00-23:00", "Sun 17:00-23:00")
    # a day that crosses the customer's midnight is split over two days
    assert weekly_customer(cal, "America/Sao_Paulo", winter, "en") == (
        "Mon-Thu 00:00-04:00, 22:00-24:00", "Fri 00:00-04:00", "Sun 22:00-24:00")


def test_view_of_a_german_customer_shows_berlin_first(host, example_profile):
    profile = example_profile("overseas_german")
    view = build_view(host.compare(profile, AT), profile, "en")
    shop = view.option("direct_shop.annual")
    assert view.customer_zone == "Europe/Berlin"
    assert view.at.text == "2026-11-27 (Fri) 08:00 CET"
    assert shop.hours is not None and shop.hours.next_open is not None
    assert shop.hours.next_open.text == "11-30 (Mon) 02:00 CET · 10:00 JST"
    assert shop.hours.weekly == ("Mon-Fri 02:00-08:00",)
    assert shop.hours.weekly_provider == ("Mon-Fri 10:00-16:00",)


def test_break_even_exact_and_billed_hours(host, example_profile):
    # 2.1 hours of spot work are billed as 2.5 hours (30-minute units): the cost follows the billed hours
    profile = edit(example_profile("direct_shop"), usage={"expected_spot_hours": Decimal("2.1")})
    view = build_view(host.compare(profile, AT), profile, "en")
    spot = view.option("direct_shop.spot").pricing
    assert spot is not None and spot.spot_rate_jpy_per_hour is not None
    assert spot.billed_hours == Fraction(5, 2)
    assert spot.spot_cost_jpy == spot.spot_rate_jpy_per_hour * 5 // 2
    assert spot.expected_hours_text == "2.1 h" and spot.billed_hours_text == "2.5 h"
    annual = view.option("direct_shop.annual").pricing
    assert annual is not None and annual.annual_fee_jpy is not None
    assert annual.break_even_hours == Fraction(annual.annual_fee_jpy, spot.spot_rate_jpy_per_hour)
    assert annual.break_even_text == f"{annual.annual_fee_jpy / spot.spot_rate_jpy_per_hour:g} hours a year"


def test_languages_and_channels_are_named_in_the_reader_language(host, example_profile):
    profile = example_profile("partner")
    view = build_view(host.compare(profile, AT), profile, "ja")
    iv = view.option("intravision.annual")
    assert iv.hours is not None
    assert iv.hours.language_names == ("英語",) and "メール" in iv.hours.channel_names
    assert language_name("de", "en") == "German"


def test_every_label_exists_in_both_languages_with_japanese_punctuation():
    for key, text in LABELS.items():
        assert text.en and text.ja, key
        for bad in (",", ";", "(", ")"):
            # ASCII punctuation between Japanese characters is not allowed
            for i, ch in enumerate(text.ja):
                if ch == bad and 0 < i < len(text.ja) - 1:
                    before, after = text.ja[i - 1], text.ja[i + 1]
                    assert not (ord(before) > 0x2E80 and ord(after) > 0x2E80), (key, text.ja)


_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _weekly_for(lines: tuple[str, ...], weekday: int) -> str:
    """The intervals a weekly line gives for ``weekday``: ``('Mon-Fri 16:00-23:00',), 1`` -> ``16:00-23:00``."""
    for line in lines:
        days, _, intervals = line.partition(" ")
        first, _, last = days.partition("-")
        a, b = _DAYS.index(first), _DAYS.index(last or first)
        if a <= weekday <= b:
            return intervals
    return ""


@pytest.mark.parametrize("at", [
    "2027-03-28T03:30+02:00",  # Europe has just changed to summer time (Easter Sunday; Easter Monday is closed in DK)
    "2027-03-29T00:30+09:00",  # Easter Monday in Japan: Europe already on summer time, Copenhagen's Sunday
    "2027-10-31T12:00+09:00",  # Europe has just changed back to winter time
])
def test_weekly_hours_in_the_customer_zone_agree_with_the_next_opening_across_dst(host, example_profile, at):
    # IVS-3: IntraVision's hours are Copenhagen time; a Tokyo customer must see them as they fall in the coming week
    profile = example_profile("partner")
    comparison = host.compare(profile, dt.datetime.fromisoformat(at))
    en, ja = build_view(comparison, profile, "en"), build_view(comparison, profile, "ja")
    checked = 0
    for option in en.options:
        h = option.hours
        if h is None or h.next_open is None or not h.weekly:
            continue
        start = dt.datetime.fromisoformat(h.next_open.customer_iso)
        assert f"{start:%H:%M}-" in _weekly_for(h.weekly, start.weekday()), (option.id, h.next_open.text, h.weekly)
        # the quote's 週間の受付時間 shows the same hours
        ja_hours = ja.option(option.id).hours
        assert ja_hours is not None
        assert [line.split(" ", 1)[1] for line in ja_hours.weekly] == [line.split(" ", 1)[1] for line in h.weekly]
        checked += h.timezone != "Asia/Tokyo"
    assert checked  # IntraVision's option, in another zone, was among them
