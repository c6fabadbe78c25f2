"""The report and the zones list cost a fixed number of queries, whatever the records."""

import pytest

from .scenario import days, passages
from .world import SQUARE

pytestmark = pytest.mark.django_db


def test_the_report_costs_the_same_queries_with_more_records(
    staff, bureau, checkpoints, api_as, django_assert_num_queries
):
    api = api_as("commander")
    first, second = days()
    url = f"/api/v1/reports/daily?unit={bureau['清河县公安局'].pk}&from={first}&to={second}"
    api.get(url)  # the token's first use is written once
    with django_assert_num_queries(REPORT_QUERIES):
        assert api.get(url).status_code == 200
    passages(staff, checkpoints)
    with django_assert_num_queries(REPORT_QUERIES):
        assert api.get(url).status_code == 200


def test_the_zones_list_costs_the_same_queries_for_one_or_five(
    staff, bureau, api_as, django_assert_num_queries
):
    from shouwang.command.zones.services import zone_create

    api = api_as("chief1")
    api.get("/api/v1/zones")

    def draw(n):
        zone_create(
            actor=staff["chief1"],
            unit=bureau["北门社区"],
            data={"name": f"区域{n}", "level": "controlled", "geometry": SQUARE},
        )

    draw(0)
    with django_assert_num_queries(ZONE_LIST_QUERIES):
        assert len(api.get("/api/v1/zones").json()["items"]) == 1
    for n in range(1, 5):
        draw(n)
    with django_assert_num_queries(ZONE_LIST_QUERIES):
        assert len(api.get("/api/v1/zones").json()["items"]) == 5


REPORT_QUERIES = 34  # auth, the unit, the kept report, the subtree, one per table for both periods
ZONE_LIST_QUERIES = 6  # auth, the count, the page, three prefetches
