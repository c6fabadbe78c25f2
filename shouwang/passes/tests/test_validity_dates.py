"""A pass's validity follows the shared date rule: not before 2019, issued at most a year ahead."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouwang.passes.models import Pass

from .conftest import SHANGHAI, issue


@pytest.mark.parametrize(
    ("valid_from", "message"),
    [
        (datetime(2018, 12, 31, 8, 0, tzinfo=SHANGHAI), "日期不能早于2019年1月1日"),
        (datetime(1, 1, 1, 0, 0, tzinfo=SHANGHAI), "日期不能早于2019年1月1日"),
    ],
)
def test_validity_before_2019_is_refused(staff, valid_from, message):
    with pytest.raises(ValidationError) as refused:
        issue(staff["chief1"], valid_from=valid_from, valid_to=valid_from + timedelta(days=30))
    assert refused.value.message_dict["valid_from"] == [message]
    assert Pass.objects.count() == 0


def test_validity_starting_more_than_a_year_ahead_is_refused(staff):
    today = timezone.localdate()
    late = datetime.combine(today + timedelta(days=400), datetime.min.time(), tzinfo=SHANGHAI)
    latest = (today + timedelta(days=366)).isoformat()
    with pytest.raises(ValidationError) as refused:
        issue(staff["chief1"], valid_from=late, valid_to=late + timedelta(days=30))
    assert refused.value.message_dict["valid_from"] == [f"日期不能晚于{latest}"]
