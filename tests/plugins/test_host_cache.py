"""The host's per-(profile, local date) cache (issue #11): a cached answer is the uncached one, and it is bounded."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import attrs
import pytest

from ontime_support.kernel.host import DAY_CACHE_SIZE
from ontime_support.kernel.models import Availability, Eligibility, OptionSpec, Pricing, Reason, Status
from ontime_support.kernel.text import T
from ontime_support.sdk.settings import WEEKDAYS, build_calendar

TOKYO = ZoneInfo("Asia/Tokyo")
OK = Reason(clause="C-1", text=T("Fine.", "可。"))
#: one day's instants (morning, lunch, evening, late night) and the next days, New Year among them
INSTANTS = [dt.datetime(2026, month, day, hour, minute, tzinfo=TOKYO)
            for month, day in ((11, 27), (11, 28), (12, 31)) for hour, minute in ((8, 59), (12, 30), (18, 1), (23, 59))]


@pytest.mark.parametrize("name", ["partner", "direct_shop", "intravision"])
def test_a_cached_answer_is_the_uncached_one(name, make_host, example_profile) -> None:
    host, profile = make_host(), example_profile(name)
    for at in [*INSTANTS, *reversed(INSTANTS)]:  # the second pass is answered from the cache
        cached = host.compare(profile, at)
        assert cached == make_host().compare(profile, at)  # a fresh host: nothing cached
        assert cached.at == at


def test_the_date_is_the_customers_and_maintenance_expiry_is_seen(make_host, example_profile) -> None:
    profile = example_profile("direct_shop")
    last_day = dt.date(2026, 11, 27)
    profile = attrs.evolve(profile, maintenance=attrs.evolve(profile.maintenance, active_until=last_day))
    host = make_host()
    before = dt.datetime(2026, 11, 27, 23, 30, tzinfo=TOKYO)
    after = before + dt.timedelta(hours=1)  # 2026-11-28 00:30 in Tokyo, still 2026-11-27 in UTC
    answers = [host.compare(profile, at) for at in (before, after, before, after)]
    assert answers[0] == make_host().compare(profile, before) and answers[2] == answers[0]
    assert answers[1] == make_host().compare(profile, after) and answers[3] == answers[1]
    assert [r.eligibility for r in answers[0].options] != [r.eligibility for r in answers[1].options]


def test_a_new_profile_value_is_asked_again(make_host, example_profile) -> None:
    host, profile = make_host(), example_profile("direct_shop")
    at = INSTANTS[0]
    first = host.compare(profile, at)
    dearer = attrs.evolve(profile, licenses=attrs.evolve(profile.licenses, newest_list_price_jpy=2_000_000))
    second = host.compare(dearer, at)
    assert second == make_host().compare(dearer, at)
    assert [r.pricing for r in first.options] != [r.pricing for r in second.options]
    assert host.compare(attrs.evolve(dearer), at) == second  # an equal value: the same answer


def _counting(inline_plugin, calls: list[str], hours=None, pricing=None):
    def eligibility(profile):
        calls.append(profile.licenses.newest_list_price_jpy)
        return Eligibility(status=Status.ELIGIBLE, reasons=(OK,), rank=1)

    return inline_plugin(
        name="counting", ontime_options=lambda: [OptionSpec(id="counting.help", provider="counting", title=T("C", "C"))],
        ontime_eligibility=eligibility, ontime_pricing=pricing or (lambda: Pricing()),
        ontime_hours=hours or (lambda: Availability(calendar=build_calendar(timezone="Asia/Tokyo",
                                                                            opening_hours="09:00-17:00",
                                                                            business_days=WEEKDAYS[:5], holiday_country=None))))


def test_hooks_are_asked_once_a_day_and_the_hours_at_every_instant(make_host, inline_plugin, example_profile) -> None:
    calls: list[int] = []
    host, profile = make_host(_counting(inline_plugin, calls), builtins=False), example_profile("partner")
    morning, evening = (dt.datetime(2026, 11, 27, h, tzinfo=TOKYO) for h in (10, 20))
    assert host.compare(profile, morning).option("counting.help").hours.open_now is True
    assert host.compare(profile, evening).option("counting.help").hours.open_now is False
    assert len(calls) == 1
    host.compare(profile, morning + dt.timedelta(days=1))
    assert len(calls) == 2


def test_the_cache_is_bounded(make_host, inline_plugin, example_profile) -> None:
    calls: list[int] = []
    host, profile = make_host(_counting(inline_plugin, calls), builtins=False), example_profile("partner")
    at = INSTANTS[0]
    values = [attrs.evolve(profile, licenses=attrs.evolve(profile.licenses, newest_list_price_jpy=price))
              for price in range(DAY_CACHE_SIZE + 1)]
    for value in values:
        host.compare(value, at)
    host.compare(values[-1], at)  # the newest is still cached
    assert len(calls) == DAY_CACHE_SIZE + 1
    host.compare(values[0], at)  # the oldest was evicted: asked again
    assert calls[-1] == 0 and len(calls) == DAY_CACHE_SIZE + 2


def test_a_calendar_failing_on_a_cached_day_spoils_only_its_option(make_host, inline_plugin, example_profile) -> None:
    count = itertools.count()

    class Flaky:
        timezone = "Asia/Tokyo"

        def closes_at(self, t):
            if next(count) >= 1:
                raise RuntimeError("calendar broke")
            return None

        def next_open(self, t):
            return t

        def email_handled_from(self, t):
            return t

    profile = example_profile("partner")
    host = make_host(_counting(inline_plugin, [], hours=lambda: Availability(calendar=Flaky())))
    baseline = make_host().compare(profile, INSTANTS[1])
    assert host.compare(profile, INSTANTS[0]).option("counting.help").error is None
    again = host.compare(profile, INSTANTS[1])  # same day: from the cache, hours computed anew
    error = again.option("counting.help").error
    assert error.hook == "ontime_hours" and "calendar broke" in error.message
    assert "counting.help" not in again.recommended
    for result in baseline.options:
        assert again.option(result.option.id) == result


def test_an_answer_changed_after_it_passed_is_caught(make_host, inline_plugin, example_profile) -> None:
    shared = Pricing(annual_fee_jpy=1_000)  # a memoising plugin returns the same object for many profiles
    host = make_host(_counting(inline_plugin, [], pricing=lambda: shared), builtins=False)
    profile = example_profile("partner")

    def ask(price: int):
        value = attrs.evolve(profile, licenses=attrs.evolve(profile.licenses, newest_list_price_jpy=price))
        return host.compare(value, INSTANTS[0]).option("counting.help")

    assert all(ask(price).error is None for price in range(4))  # validated, then remembered
    object.__setattr__(shared, "annual_fee_jpy", 12.5)  # past the validators, after it passed
    error = ask(4).error
    assert error is not None and error.hook == "ontime_pricing" and "12.5" in error.message


class _CountingCalendar:
    """A calendar (the kernel's ``Calendar`` protocol) that counts what it is asked."""

    def __init__(self, calendar, asked: list[str]) -> None:
        self._calendar, self.asked = calendar, asked
        self.timezone = calendar.timezone

    def closes_at(self, t):
        self.asked.append("closes_at")
        return self._calendar.closes_at(t)

    def next_open(self, t):
        self.asked.append("next_open")
        return self._calendar.next_open(t)

    def email_handled_from(self, t):
        self.asked.append("email_handled_from")
        return self._calendar.email_handled_from(t)

    def weekly_hours(self):
        return self._calendar.weekly_hours()


def test_options_sharing_a_calendar_get_its_answers_from_one_question(make_host, inline_plugin, example_profile) -> None:
    asked: list[str] = []
    calendar = _CountingCalendar(build_calendar(timezone="Asia/Tokyo", opening_hours="09:00-17:00",
                                                business_days=WEEKDAYS[:5], holiday_country=None), asked)
    plugin = inline_plugin(
        name="shared", ontime_options=lambda: [OptionSpec(id=f"shared.{n}", provider="shared", title=T(n, n))
                                               for n in ("a", "b")],
        ontime_eligibility=lambda: Eligibility(status=Status.ELIGIBLE, reasons=(OK,), rank=1),
        ontime_pricing=lambda: Pricing(),
        ontime_hours=lambda option: Availability(calendar=calendar, channels=("email",) if option.id.endswith("a")
                                                 else ("phone",)))
    host, profile = make_host(plugin, builtins=False), example_profile("partner")
    for at, open_now in ((dt.datetime(2026, 11, 27, 10, tzinfo=TOKYO), True),
                         (dt.datetime(2026, 11, 27, 20, tzinfo=TOKYO), False)):
        asked.clear()
        comparison = host.compare(profile, at)
        a, b = comparison.option("shared.a").hours, comparison.option("shared.b").hours
        assert (a.open_now, b.open_now) == (open_now, open_now)
        assert (a.closes_at, a.next_open, a.email_handled_from) == (b.closes_at, b.next_open, b.email_handled_from)
        assert (a.channels, b.channels) == (("email",), ("phone",))  # each option keeps its own channels
        assert asked.count("closes_at") == 1 and asked.count("next_open") == 1  # one question for both options
        assert asked.count("email_handled_from") == (0 if open_now else 1)
