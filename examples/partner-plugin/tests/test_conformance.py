"""The EXAMPLE plugin checked with ontime-support's conformance kit."""

from __future__ import annotations

import ontime_example_partner
from ontime_support.testing import PluginConformance, check_plugin


class TestExamplePartnerConformance(PluginConformance):
    plugin = ontime_example_partner
    name = "example_partner"


def test_check_plugin_finds_no_problem() -> None:
    assert check_plugin(ontime_example_partner, name="example_partner") == []
