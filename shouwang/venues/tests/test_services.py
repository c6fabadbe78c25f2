"""The register, statuses with their approval, bulk closure orders, the schedule and checks."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.cases.models import Case, CaseKind, CaseStatus
from shouwang.cases.services import case_decide
from shouwang.conflicts import Conflict
from shouwang.venues.models import (
    ClosureOrderVenue,
    Inspection,
    Venue,
    VenueEvent,
    VenueKind,
    VenueStatus,
)
from shouwang.venues.selectors import inspections_due
from shouwang.venues.services import (
    closure_acknowledge,
    closure_order_issue,
    inspection_record,
    is_gouging,
    price_check_record,
    price_item_save,
    venue_transition,
)

from .factories import VALID_CODE, venue

BASIS = "《中华人民共和国突发事件应对法》第四十九条"


def test_a_venue_keeps_its_owners_phone_encrypted_and_its_code_checked(staff):
    registered = venue(
        staff["officer1"], owner_phone="138 0912 0001", credit_code=VALID_CODE.lower()
    )
    stored = Venue.objects.get()
    assert (stored.owner_phone, stored.credit_code, stored.status) == (
        "13809120001",
        VALID_CODE,
        VenueStatus.OPEN,
    )
    assert stored.owner_phone_index and stored.owner_phone_index != "13809120001"
    assert registered.history.count() == 1


def test_a_wrong_credit_code_checksum_is_a_field_error(staff):
    with pytest.raises(ValidationError) as raised:
        venue(staff["officer1"], credit_code="91610824MA70X2Y57A")
    assert raised.value.message_dict == {"credit_code": ["统一社会信用代码校验位错误"]}


def test_the_same_credit_code_twice_in_a_unit_is_a_conflict(staff):
    venue(staff["officer1"], credit_code=VALID_CODE)
    with pytest.raises(Conflict):
        venue(staff["officer1"], name="另一家", credit_code=VALID_CODE)


def test_reopening_needs_approval_and_is_recorded(staff):
    place = venue(staff["officer1"])
    venue_transition(
        actor=staff["chief1"], venue=place, status=VenueStatus.ORDERED_CLOSED, note="关停"
    )
    for role in ("officer1", "auxiliary1"):
        with pytest.raises(PermissionDenied):
            venue_transition(
                actor=staff[role], venue=place, status=VenueStatus.REOPENED, note="想复业"
            )
    place.refresh_from_db()
    assert place.status == VenueStatus.ORDERED_CLOSED
    venue_transition(
        actor=staff["chief1"], venue=place, status=VenueStatus.REOPENED, note="整改验收合格"
    )
    place.refresh_from_db()
    assert (place.status, place.next_inspection_on) == (VenueStatus.REOPENED, None)
    assert list(place.events.values_list("to_status", "actor__username", "note")) == [
        ("ordered_closed", "chief1", "关停"),
        ("reopened", "chief1", "整改验收合格"),
    ]
    assert place.history.count() == 3


def test_an_officer_confirms_a_closure_but_cannot_order_one(staff):
    place = venue(staff["officer1"])
    with pytest.raises(PermissionDenied):
        venue_transition(actor=staff["officer1"], venue=place, status=VenueStatus.ORDERED_CLOSED)
    venue_transition(actor=staff["chief1"], venue=place, status=VenueStatus.ORDERED_CLOSED)
    venue_transition(actor=staff["auxiliary1"], venue=place, status=VenueStatus.CLOSURE_CONFIRMED)
    with pytest.raises(ValidationError) as raised:
        venue_transition(actor=staff["chief1"], venue=place, status=VenueStatus.ORDERED_CLOSED)
    assert raised.value.message_dict == {"status": ["场所不能从“确认关停”变为“责令关停”"]}


def test_a_bulk_order_touches_exactly_the_selected_venues_and_no_siblings(staff, bureau):
    chief1, chief2 = staff["chief1"], staff["chief2"]
    ktvs = [venue(chief1, name=f"KTV{n}") for n in range(3)]
    post_cafe = venue(chief1, bureau["北门社区"], kind=VenueKind.INTERNET_CAFE, name="北门网吧")
    hotel = venue(chief1, kind=VenueKind.HOTEL, name="城关宾馆")
    sibling_ktv = venue(chief2, name="白云山KTV")
    effective = timezone.now() + timedelta(hours=2)

    with CaptureQueriesContext(connection) as queries:
        order = closure_order_issue(
            actor=chief1,
            unit=bureau["城关派出所"],
            kinds=[VenueKind.KTV, VenueKind.INTERNET_CAFE],
            legal_basis=BASIS,
            effective_at=effective,
        )
    chosen = {place.pk for place in [*ktvs, post_cafe]}
    assert order.venues_count == 4
    assert set(order.entries.values_list("venue_id", flat=True)) == chosen
    closed = set(
        Venue.objects.filter(status=VenueStatus.ORDERED_CLOSED).values_list("pk", flat=True)
    )
    assert closed == chosen
    assert Venue.objects.get(pk=hotel.pk).status == VenueStatus.OPEN
    assert Venue.objects.get(pk=sibling_ktv.pk).status == VenueStatus.OPEN
    assert VenueEvent.objects.filter(order=order).count() == 4
    assert {v.next_inspection_on for v in Venue.objects.filter(pk__in=chosen)} == {
        timezone.localtime(effective).date()
    }
    for pk in chosen:  # one history row per venue written by the order
        assert Venue.history.filter(id=pk).count() == 2
    # Fixed whatever the number of venues: no per-venue statement.
    assert len(queries) == 8

    more = [venue(chief1, name=f"KTV-b{n}") for n in range(6)]
    with CaptureQueriesContext(connection) as more_queries:
        closure_order_issue(
            actor=chief1, unit=bureau["城关派出所"], kinds=["ktv"], legal_basis=BASIS
        )
    assert len(more_queries) == len(queries)
    assert {v.status for v in Venue.objects.filter(pk__in=[m.pk for m in more])} == {
        VenueStatus.ORDERED_CLOSED
    }


def test_an_order_by_hand_refuses_a_sibling_stations_venue_and_changes_nothing(staff, bureau):
    own = venue(staff["chief1"], name="本所KTV")
    sibling = venue(staff["chief2"], name="外所KTV")
    with pytest.raises(ValidationError) as raised:
        closure_order_issue(
            actor=staff["chief1"],
            unit=bureau["城关派出所"],
            venue_ids=[own.pk, sibling.pk],
            legal_basis=BASIS,
        )
    assert raised.value.message_dict == {"venues": [f"以下场所不在该单位辖区内：{sibling.pk}"]}
    assert set(Venue.objects.values_list("status", flat=True)) == {VenueStatus.OPEN}
    assert ClosureOrderVenue.objects.count() == 0


def test_each_venue_acknowledges_the_order_once(staff, bureau):
    place = venue(staff["chief1"])
    order = closure_order_issue(
        actor=staff["commander"], unit=bureau["清河县公安局"], kinds=["ktv"], legal_basis=BASIS
    )
    entry = order.entries.get()
    closure_acknowledge(actor=staff["auxiliary1"], entry=entry, name="王老板")
    entry.refresh_from_db()
    assert (entry.acknowledged_name, entry.recorded_by) == ("王老板", staff["auxiliary1"])
    with pytest.raises(Conflict):
        closure_acknowledge(actor=staff["officer1"], entry=entry, name="再签")
    assert place.pk == entry.venue_id


def at(day: int, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(2020, 2, day, hour))


def test_the_due_list_follows_the_schedule_across_days(staff, bureau):
    chief, officer = staff["chief1"], staff["officer1"]
    daily = venue(chief, kind=VenueKind.GYM, name="健身房", officer=officer)
    every_two = venue(chief, kind=VenueKind.MAHJONG_ROOM, name="棋牌室", inspection_every_days=2)
    venue(chief, kind=VenueKind.HOTEL, name="宾馆")  # open: never due
    closure_order_issue(
        actor=chief,
        unit=bureau["城关派出所"],
        kinds=["gym", "mahjong_room"],
        legal_basis=BASIS,
        effective_at=at(1, 8),
    )

    def due(day):
        found = inspections_due(officer, day=datetime(2020, 2, day).date())
        return {v.name: v.days_overdue for v in found.venues}, found.overdue, found.done_today

    assert due(1) == ({"健身房": 0, "棋牌室": 0}, 0, 0)
    inspection_record(actor=officer, venue=daily, result="compliant", inspected_at=at(1, 9))
    inspection_record(actor=officer, venue=every_two, result="compliant", inspected_at=at(1, 9))
    assert due(1) == ({}, 0, 2)
    assert due(2) == ({"健身房": 0}, 0, 0)
    assert due(3) == ({"健身房": 1, "棋牌室": 0}, 1, 0)
    inspection_record(actor=officer, venue=daily, result="compliant", inspected_at=at(3, 9))
    assert due(3) == ({"棋牌室": 0}, 0, 1)
    assert due(4) == ({"健身房": 0, "棋牌室": 1}, 1, 0)
    by_officer = inspections_due(officer, day=datetime(2020, 2, 4).date(), officer_id=officer.pk)
    assert [v.name for v in by_officer.venues] == ["健身房"]


def test_one_violation_opens_one_case_linked_both_ways(staff, bureau):
    place = venue(
        staff["chief1"], kind=VenueKind.MAHJONG_ROOM, name="汇景棋牌室", credit_code=VALID_CODE
    )
    closure_order_issue(
        actor=staff["chief1"], unit=bureau["城关派出所"], kinds=["mahjong_room"], legal_basis=BASIS
    )
    inspection = inspection_record(
        actor=staff["auxiliary1"],
        venue=place,
        result="violation",
        notes="夜间4人聚集打麻将",
        unannounced=True,
    )
    case = Case.objects.get()
    assert inspection.case == case
    assert case.source == inspection
    assert (case.kind, case.unit, case.status) == (
        CaseKind.DEFYING_ORDER,
        place.unit,
        CaseStatus.OPEN,
    )
    assert list(case.parties.values_list("name", "credit_code", "subject_id")) == [
        ("汇景棋牌室", VALID_CODE, place.pk)
    ]
    inspection_record(actor=staff["auxiliary1"], venue=place, result="compliant")
    assert Case.objects.count() == 1


def test_a_violation_without_notes_stores_nothing(staff):
    place = venue(staff["officer1"])
    with pytest.raises(ValidationError):
        inspection_record(actor=staff["officer1"], venue=place, result="violation")
    assert (Inspection.objects.count(), Case.objects.count()) == (0, 0)


def test_a_forced_closure_decision_closes_the_venue_party(staff):
    place = venue(staff["chief1"], kind=VenueKind.MARKET, name="城关农贸市场猪肉摊")
    inspection = inspection_record(
        actor=staff["officer1"],
        venue=place,
        result="violation",
        notes="不按政府命令停业销售猪肉",
        case_kind=CaseKind.DEFYING_ORDER,
    )
    case_decide(
        actor=staff["officer1"], case=inspection.case, fine_amount=2000, forced_closure=True
    )
    place.refresh_from_db()
    assert place.status == VenueStatus.ORDERED_CLOSED
    event = place.events.get()
    assert (event.case, event.actor) == (inspection.case, staff["officer1"])


def test_gouging_is_decided_exactly_at_the_threshold():
    assert not is_gouging(Decimal("1.20"), Decimal("1.00"), 20)
    assert is_gouging(Decimal("1.21"), Decimal("1.00"), 20)


def test_a_gouging_price_opens_a_case_and_a_fair_one_does_not(staff):
    pharmacy = venue(staff["officer1"], kind=VenueKind.PHARMACY, name="康泰大药房")
    masks = price_item_save(
        actor=staff["commander"],
        name="一次性医用口罩",
        unit_of_sale="只",
        reference_price="1.00",
        threshold_percent=20,
    )
    fair = price_check_record(
        actor=staff["auxiliary1"], venue=pharmacy, item=masks, observed_price="1.20"
    )
    assert (fair.gouging, fair.case) == (False, None)
    found = price_check_record(
        actor=staff["auxiliary1"], venue=pharmacy, item=masks, observed_price="20"
    )
    assert found.gouging and found.case.kind == CaseKind.PRICE_GOUGING
    assert found.case.facts == (
        "康泰大药房：一次性医用口罩每只售价20.00元，参考价1.00元，高出1900%（哄抬阈值20%）"
    )
    assert found.case.source == found
