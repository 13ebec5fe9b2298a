"""The EXAMPLE plugin's own (fictitious) terms, through the plugin host like the application."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from fractions import Fraction

import attrs
import pytest

import ontime_example_partner
from ontime_support.loading.plugins import LoadedHost, load_plugins
from ontime_support.sdk import Matter, Status, Triage
from ontime_support.testing import example_profiles, partner_variants

AT = dt.datetime.fromisoformat("2026-11-27T10:00+09:00")  # a Friday, 10:00 in Tokyo


@pytest.fixture(scope="module")
def host() -> LoadedHost:
    # The plugin alone plus the built-ins, never whatever else is installed.
    return load_plugins(autoload=False, extra_plugins=[("example_partner", ontime_example_partner)])


@pytest.fixture(scope="module")
def customer():
    base = example_profiles()["partner"]
    assert base.customer.partner == "example-partner"
    return base


def test_the_customer_sees_the_plugin_option_instead_of_the_generic_one(host, customer) -> None:
    ids = [r.option.id for r in host.compare(customer, AT).options]
    assert "example_partner.support" in ids
    assert "partner" not in ids


def test_another_partners_customer_sees_the_generic_option(host, customer) -> None:
    other = partner_variants(customer, ["sample-systems"])[0]
    ids = [r.option.id for r in host.compare(other, AT).options]
    assert "partner" in ids
    assert "example_partner.support" not in ids


def test_pricing_is_integer_yen(host, customer) -> None:
    pricing = host.compare(customer, AT).option("example_partner.support").pricing
    assert pricing.annual_fee_jpy == 1_200_000 * 18 // 100
    assert pricing.spot_cost_jpy == 3 * 18_000  # 3 hours, 30-minute units
    assert pricing.break_even_hours == Fraction(216_000, 18_000)
    assert all(note.clause == "EXP-2" for note in pricing.notes)


def test_hours_follow_the_tokyo_calendar(host, customer) -> None:
    hours = host.compare(customer, AT).option("example_partner.support").hours
    assert hours.open_now is True
    assert hours.closes_at == dt.datetime.fromisoformat("2026-11-27T17:30+09:00")
    new_year = host.compare(customer, dt.datetime.fromisoformat("2026-12-30T10:00+09:00"))
    assert new_year.option("example_partner.support").hours.next_open == dt.datetime.fromisoformat(
        "2027-01-04T09:00+09:00")


def test_lapsed_maintenance_makes_it_ineligible(host, customer) -> None:
    lapsed = attrs.evolve(customer, maintenance=attrs.evolve(customer.maintenance, active_until=dt.date(2026, 1, 1)))
    eligibility = host.compare(lapsed, AT).option("example_partner.support").eligibility
    assert eligibility.status is Status.INELIGIBLE
    assert "EXP-4" in [r.clause for r in eligibility.reasons]


def test_escalation_cites_clauses(host, customer) -> None:
    steps = host.compare(customer, AT).option("example_partner.support").escalation
    assert steps[0].clause == "PTN-4"
    assert all(step.clause for step in steps)
    direct = ontime_example_partner.ontime_escalation(
        profile=customer, triage=Triage(matter=Matter.ONTIME, reasons=()),
        settings=ontime_example_partner.ExamplePartnerSettings())
    assert "EXP-5" in [s.clause for s in direct]


def test_entry_point_when_installed() -> None:
    eps = {ep.name: ep for ep in importlib.metadata.entry_points(group="ontime_support")}
    if "example_partner" not in eps:
        pytest.skip("the example plugin is not installed (pip install examples/partner-plugin)")
    assert eps["example_partner"].value == "ontime_example_partner"
    assert eps["example_partner"].dist.name == "ontime-support-example-partner"
