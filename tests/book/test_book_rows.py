"""Row parsing: the fast path agrees with the loader; stored data agrees with unstructure_profile."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bookhelpers import ROOT, base_row

from ontime_support.book import csvio
from ontime_support.loading.errors import InputError
from ontime_support.loading import load_profile, profile_from_data, unstructure_profile


@pytest.mark.parametrize("name", ["partner", "direct_shop", "intravision"])
def test_profile_plain_is_unstructure_profile_with_exact_hours(name: str) -> None:
    profile = load_profile(ROOT / "examples" / "profiles" / f"{name}.toml")
    plain = csvio.profile_plain(profile)
    expected = unstructure_profile(profile)
    hours = plain["usage"].pop("expected_spot_hours")
    assert Decimal(hours) == Decimal(str(expected["usage"].pop("expected_spot_hours")))
    assert plain == expected


def test_repeated_sections_give_the_same_profiles_as_the_loader() -> None:
    parser = csvio.RowParser(list(base_row()))
    for i, over in enumerate([{}, {"customer.name": "B"}, {"customer.name": "ｶﾅ"},
                              {"licenses.newest_list_price_jpy": "7"}, {"customer.name": "C"}]):
        row = base_row(**over)
        parsed = parser.parse(row, f"row {i}")
        data: dict = {}
        for key, text in row.items():
            section, field = key.split(".")
            kind = dict(csvio.profile_columns())[key]
            data.setdefault(section, {})[field] = text.split(";") if kind == "list" else (
                text == "true" if kind == "bool" else int(text) if kind == "int" else text)
        assert parsed.profile == profile_from_data(data, "t")
        assert parsed.plain == csvio.profile_plain(parsed.profile)


def test_rule_errors_still_come_from_the_loader_on_the_fast_path() -> None:
    parser = csvio.RowParser(list(base_row()))
    parser.parse(base_row(), "row 2")
    with pytest.raises(InputError) as caught:
        parser.parse(base_row(**{"customer.partner": ""}), "c.csv: row 3")
    assert str(caught.value) == "c.csv: row 3: customer.partner: required when purchased_from = 'partner'"
