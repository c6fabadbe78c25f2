from decimal import Decimal

import pytest

from shouwang.identity import IdentityError
from shouwang.identity.body_temperature import is_fever, parse_temperature


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("36.5", Decimal("36.5")),
        (37.26, Decimal("37.3")),
        ("34", Decimal("34.0")),
        ("", None),
        (None, None),
    ],
)
def test_readings_are_kept_to_one_decimal(typed, reading):
    assert parse_temperature(typed) == reading


@pytest.mark.parametrize(
    ("typed", "message"),
    [("33.9", "体温应在34至43℃之间"), ("43.1", "体温应在34至43℃之间"), ("高烧", "体温必须是数字")],
)
def test_impossible_readings_are_refused_in_chinese(typed, message):
    with pytest.raises(IdentityError) as error:
        parse_temperature(typed)
    assert error.value.message == message


def test_fever_starts_at_37_3():
    assert (is_fever(Decimal("37.2")), is_fever(Decimal("37.3")), is_fever(None)) == (
        False,
        True,
        False,
    )
