from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from shouwang.identity.event_dates import (
    check_event_date,
    check_event_time,
    event_date_error,
    event_time_error,
)

TODAY = date(2020, 2, 1)
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2020, 2, 1, 12, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2019, 1, 1), None),
        (TODAY, None),
        (date(2018, 12, 31), "日期不能早于2019年1月1日"),
        (date(1, 1, 1), "日期不能早于2019年1月1日"),
        (TODAY + timedelta(days=1), "日期不能晚于今天"),
        (date(9999, 12, 31), "日期不能晚于今天"),
    ],
)
def test_event_dates_lie_between_2019_and_today(day, message):
    assert event_date_error(day, today=TODAY) == message


def test_a_later_bound_can_be_given_for_planned_dates():
    latest = TODAY + timedelta(days=59)
    assert event_date_error(latest, today=TODAY, latest=latest) is None
    assert event_date_error(latest + timedelta(1), today=TODAY, latest=latest) == (
        "日期不能晚于2020-03-31"
    )


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (NOW, None),
        (NOW + timedelta(minutes=5), None),  # a phone's clock a little ahead
        (NOW + timedelta(minutes=6), "时间不能晚于当前时间"),
        (datetime(2019, 1, 1, 0, 0, tzinfo=SHANGHAI), None),
        (datetime(2018, 12, 31, 23, 59, tzinfo=SHANGHAI), "时间不能早于2019年1月1日"),
        # Neither extreme can be converted to UTC; both are compared without converting.
        (datetime(1, 1, 1, tzinfo=SHANGHAI), "时间不能早于2019年1月1日"),
        (
            datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("America/New_York")),
            "时间不能晚于当前时间",
        ),
    ],
)
def test_event_times_lie_between_2019_and_now(moment, message):
    assert event_time_error(moment, now=NOW) == message


def test_checks_raise_the_error_on_the_named_field():
    assert check_event_date(TODAY, "arrived_on", today=TODAY) == TODAY
    with pytest.raises(ValidationError) as refused:
        check_event_date(date(1, 1, 1), "arrived_on", today=TODAY)
    assert refused.value.message_dict == {"arrived_on": ["日期不能早于2019年1月1日"]}
    with pytest.raises(ValidationError) as refused:
        check_event_time(datetime(9999, 12, 31, tzinfo=SHANGHAI), "occurred_at", now=NOW)
    assert refused.value.message_dict == {"occurred_at": ["时间不能晚于当前时间"]}
