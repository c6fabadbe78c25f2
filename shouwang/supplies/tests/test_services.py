"""The ledger, its kept balances, transfers, reversals, donors and days left."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone

from shouwang.conflicts import Conflict
from shouwang.supplies.models import Donor, Movement, Stock
from shouwang.supplies.selectors import (
    days_left_at,
    donations_of,
    stock_by_unit,
    stock_with_days_left,
    thank_you_text,
)
from shouwang.supplies.services import (
    donor_thank,
    item_create,
    movement_record,
    movement_reverse,
)

from .factories import issue, item, receive


def balance(unit, supply) -> int:
    row = Stock.objects.filter(unit=unit, item=supply).first()
    return row.quantity if row else 0


def ledger(unit, supply) -> int:
    return Movement.objects.filter(unit=unit, item=supply).aggregate(s=Sum("delta"))["s"] or 0


def test_stock_is_the_sum_of_the_ledger(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 500)
    issue(chief, masks, 120, recipient="张明")
    movement_record(
        actor=chief, unit=chief.unit, item=masks, kind="written_off", quantity=30, reason="受潮"
    )
    assert balance(chief.unit, masks) == ledger(chief.unit, masks) == 350
    assert list(Movement.objects.order_by("pk").values_list("kind", "quantity", "delta")) == [
        ("received", 500, 500),
        ("issued", 120, -120),
        ("written_off", 30, -30),
    ]


def test_an_issue_beyond_the_stock_is_a_conflict_and_writes_nothing(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 5)
    with pytest.raises(Conflict) as refused:
        issue(chief, masks, 6)
    assert "库存不足" in refused.value.message_dict["quantity"][0]
    assert balance(chief.unit, masks) == 5
    assert Movement.objects.count() == 1


def test_an_issue_of_an_item_never_stocked_is_a_conflict(staff):
    chief = staff["chief1"]
    with pytest.raises(Conflict):
        issue(chief, item(chief), 1)
    assert Stock.objects.count() == 0


def test_a_transfer_writes_both_sides_in_one_transaction(staff, bureau):
    commander = staff["commander"]
    gloves = item(commander, name="一次性手套", unit_of_measure="副")
    receive(commander, gloves, 1000)
    station = bureau["城关派出所"]
    out = movement_record(
        actor=commander,
        unit=commander.unit,
        item=gloves,
        kind="transferred",
        quantity=300,
        to_unit=station,
    )
    incoming = out.transfer_in
    assert (out.unit, out.other_unit, out.delta) == (commander.unit, station, -300)
    assert (incoming.unit, incoming.other_unit, incoming.kind, incoming.delta) == (
        station,
        commander.unit,
        "transferred_in",
        300,
    )
    assert balance(commander.unit, gloves) == ledger(commander.unit, gloves) == 700
    assert balance(station, gloves) == ledger(station, gloves) == 300


def test_a_transfer_beyond_the_stock_changes_neither_side(staff, bureau):
    commander = staff["commander"]
    gloves = item(commander)
    receive(commander, gloves, 10)
    with pytest.raises(Conflict):
        movement_record(
            actor=commander,
            unit=commander.unit,
            item=gloves,
            kind="transferred",
            quantity=11,
            to_unit=bureau["城关派出所"],
        )
    assert balance(bureau["城关派出所"], gloves) == 0
    assert Movement.objects.count() == 1


def test_a_station_cannot_transfer_to_its_sibling_nor_to_itself(staff, bureau):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 10)
    for target, message in ((bureau["白云山派出所"], "只能"), (chief.unit, "不能是调出单位")):
        with pytest.raises(ValidationError) as refused:
            movement_record(
                actor=chief,
                unit=chief.unit,
                item=masks,
                kind="transferred",
                quantity=1,
                to_unit=target,
            )
        assert message in refused.value.message_dict["to_unit"][0]


def test_a_transfer_names_its_destination(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 10)
    with pytest.raises(ValidationError) as refused:
        movement_record(actor=chief, unit=chief.unit, item=masks, kind="transferred", quantity=1)
    assert refused.value.message_dict == {"to_unit": ["请选择调入单位"]}


def test_bad_input_is_refused_by_field(staff):
    chief = staff["chief1"]
    masks = item(chief)
    cases = [
        ({"kind": "stolen", "quantity": 1}, "kind"),
        ({"kind": "received", "quantity": 0}, "quantity"),
        ({"kind": "received", "quantity": 10_000_001}, "quantity"),
        ({"kind": "written_off", "quantity": 1}, "reason"),
        ({"kind": "donated", "quantity": 1}, "donor"),
        ({"kind": "received", "quantity": 1, "recipient": "张明"}, "recipient"),
        (
            {"kind": "received", "quantity": 1, "occurred_at": timezone.now() + timedelta(days=1)},
            "occurred_at",
        ),
    ]
    for extra, field in cases:
        with pytest.raises(ValidationError) as refused:
            movement_record(actor=chief, unit=chief.unit, item=masks, **extra)
        assert field in refused.value.message_dict, extra
    assert Movement.objects.count() == 0


def test_a_station_uses_the_bureaus_catalogue_but_not_its_siblings(staff, bureau):
    bureau_masks = item(staff["commander"], name="局配口罩")
    receive(staff["chief1"], bureau_masks, 10)
    sibling_item = item(staff["chief2"], name="白云山口罩")
    with pytest.raises(ValidationError) as refused:
        receive(staff["chief1"], sibling_item, 10)
    assert "item" in refused.value.message_dict


def test_only_supply_keepers_record_and_only_within_their_unit(staff, bureau):
    masks = item(staff["commander"])
    with pytest.raises(PermissionDenied):
        receive(staff["officer1"], masks, 1, unit=bureau["城关派出所"])
    with pytest.raises(PermissionDenied):
        receive(staff["chief1"], masks, 1, unit=bureau["白云山派出所"])
    assert Movement.objects.count() == 0


def test_a_reversal_undoes_a_movement_once_and_keeps_both_lines(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 100)
    wrong = issue(chief, masks, 40)
    reversal = movement_reverse(actor=chief, movement=wrong, reason="数量登记错误")
    assert (reversal.kind, reversal.delta, reversal.reverses, reversal.reason) == (
        "reversal",
        40,
        wrong,
        "数量登记错误",
    )
    assert balance(chief.unit, masks) == ledger(chief.unit, masks) == 100
    assert Movement.objects.count() == 3
    with pytest.raises(Conflict):
        movement_reverse(actor=chief, movement=wrong, reason="再次")
    with pytest.raises(ValidationError):
        movement_reverse(actor=chief, movement=reversal, reason="撤销冲正")
    with pytest.raises(ValidationError) as refused:
        movement_reverse(actor=chief, movement=issue(chief, masks, 1), reason="")
    assert "reason" in refused.value.message_dict


def test_reversing_a_receipt_already_issued_is_a_conflict(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receipt = receive(chief, masks, 10)
    issue(chief, masks, 8)
    with pytest.raises(Conflict):
        movement_reverse(actor=chief, movement=receipt, reason="供应商退回")
    assert balance(chief.unit, masks) == 2


def test_reversing_either_half_of_a_transfer_undoes_both(staff, bureau):
    commander = staff["commander"]
    masks = item(commander)
    receive(commander, masks, 50)
    out = movement_record(
        actor=commander,
        unit=commander.unit,
        item=masks,
        kind="transferred",
        quantity=20,
        to_unit=bureau["白云山派出所"],
    )
    movement_reverse(actor=commander, movement=out.transfer_in, reason="调错单位")
    assert balance(commander.unit, masks) == 50
    assert balance(bureau["白云山派出所"], masks) == 0
    assert set(Movement.objects.filter(kind="reversal").values_list("reverses", flat=True)) == {
        out.pk,
        out.transfer_in.pk,
    }


def test_a_station_cannot_reverse_a_transfer_from_the_bureau(staff, bureau):
    commander = staff["commander"]
    masks = item(commander)
    receive(commander, masks, 50)
    out = movement_record(
        actor=commander,
        unit=commander.unit,
        item=masks,
        kind="transferred",
        quantity=20,
        to_unit=bureau["城关派出所"],
    )
    with pytest.raises(PermissionDenied):
        movement_reverse(actor=staff["chief1"], movement=out.transfer_in, reason="不要")
    assert balance(bureau["城关派出所"], masks) == 20


def test_a_donor_is_recognised_by_mobile_and_thanked(staff):
    chief = staff["chief1"]
    alcohol = item(chief, name="75%酒精", unit_of_measure="斤")
    details = {"name": "王建华", "organisation": "辽河油田职工", "contact": "138 0013 8000"}
    first = movement_record(
        actor=chief,
        unit=chief.unit,
        item=alcohol,
        kind="donated",
        quantity=170,
        donor_details=details,
    )
    second = movement_record(
        actor=chief,
        unit=chief.unit,
        item=alcohol,
        kind="donated",
        quantity=30,
        donor_details={**details, "organisation": ""},
    )
    assert first.donor == second.donor
    donor = Donor.objects.get()
    assert (donor.contact, len(donor.contact_index)) == ("13800138000", 64)
    gifts = donations_of([donor])[donor.pk]
    assert [(g["item__name"], g["total"]) for g in gifts] == [("75%酒精", 200)]
    assert thank_you_text(donor, gifts) == (
        "感谢辽河油田职工王建华在疫情防控关键时期向城关派出所捐赠75%酒精200斤。"
        "您的爱心与支持，是我们坚守一线的底气。城关派出所全体民辅警向您致以诚挚的谢意！"
    )
    donor_thank(actor=chief, donor=donor)
    donor.refresh_from_db()
    assert donor.thanked_by == chief and donor.thanked_at is not None


def test_a_donor_with_a_bad_mobile_is_refused(staff):
    chief = staff["chief1"]
    with pytest.raises(ValidationError) as refused:
        movement_record(
            actor=chief,
            unit=chief.unit,
            item=item(chief),
            kind="donated",
            quantity=1,
            donor_details={"name": "李四", "contact": "12345"},
        )
    assert "donor.contact" in refused.value.message_dict


def test_item_names_are_unique_per_unit(staff):
    chief = staff["chief1"]
    item(chief, name="护目镜")
    with pytest.raises(ValidationError) as refused:
        item_create(
            actor=chief, unit=chief.unit, name="护目镜", unit_of_measure="副", category="protective"
        )
    assert refused.value.message_dict == {"name": ["本单位已有同名物资"]}


def test_days_left_are_exact_at_the_last_seven_days_rate(staff):
    chief = staff["chief1"]
    masks = item(chief, threshold=100)
    now = timezone.now()
    receive(chief, masks, 1000, occurred_at=now - timedelta(days=10))
    issue(chief, masks, 50, occurred_at=now - timedelta(days=8))  # before the window
    issue(chief, masks, 30, occurred_at=now - timedelta(days=6, hours=23))
    issue(chief, masks, 70, occurred_at=now - timedelta(hours=1))
    undone = issue(chief, masks, 200, occurred_at=now - timedelta(hours=2))
    movement_reverse(actor=chief, movement=undone, reason="录错")
    [line] = stock_with_days_left(actor=chief, now=now)
    # 850 left, 100 issued in 7 days: 100/7 a day, 850 / (100/7) = 59.5 → 59 whole days.
    assert (line.quantity, line.issued_recently, line.days_left, line.is_low) == (
        850,
        100,
        59,
        False,
    )
    assert days_left_at(850, 100) == 59
    assert days_left_at(0, 5) == 0
    assert days_left_at(10, 0) is None


def test_low_stock_by_threshold_or_by_days_left(staff):
    chief = staff["chief1"]
    now = timezone.now()
    goggles = item(chief, name="护目镜", unit_of_measure="副", threshold=20)
    receive(chief, goggles, 20, occurred_at=now - timedelta(days=1))
    masks = item(chief, name="口罩", threshold=0)
    receive(chief, masks, 100, occurred_at=now - timedelta(days=1))
    receive(chief, masks, 250, occurred_at=now - timedelta(days=1))
    issue(chief, masks, 300, occurred_at=now - timedelta(hours=1))  # 50 left at 300/7 a day
    lines = {line.name: line for line in stock_with_days_left(actor=chief, now=now)}
    assert (lines["护目镜"].is_low, lines["护目镜"].days_left) == (True, None)
    assert (lines["口罩"].quantity, lines["口罩"].days_left, lines["口罩"].is_low) == (50, 1, True)


def test_a_bureaus_figures_sum_its_stations_and_drill_down(staff, bureau):
    commander = staff["commander"]
    now = timezone.now()
    masks = item(commander)
    receive(commander, masks, 1000, occurred_at=now - timedelta(days=2))
    for station, quantity in (("城关派出所", 300), ("白云山派出所", 200)):
        movement_record(
            actor=commander,
            unit=commander.unit,
            item=masks,
            kind="transferred",
            quantity=quantity,
            to_unit=bureau[station],
            occurred_at=now - timedelta(days=2),
        )
    issue(staff["chief1"], masks, 70, occurred_at=now - timedelta(days=1))
    post = bureau["城关东出口卡点"]
    movement_record(
        actor=staff["chief1"],
        unit=bureau["城关派出所"],
        item=masks,
        kind="transferred",
        quantity=30,
        to_unit=post,
        occurred_at=now - timedelta(days=1),
    )
    issue(staff["chief1"], masks, 14, unit=post, occurred_at=now - timedelta(days=1))
    [total] = stock_with_days_left(actor=commander, now=now)
    assert (total.quantity, total.issued_recently, total.days_left) == (916, 84, 76)
    [station] = stock_with_days_left(actor=staff["chief1"], now=now)
    assert (station.quantity, station.days_left) == (216, 18)
    rows = stock_by_unit(actor=commander, unit=commander.unit, item=masks, now=now)
    assert [(r.unit.name if r.unit else "本级", r.quantity, r.issued_recently) for r in rows] == [
        ("本级", 500, 0),
        ("交通管理大队", 0, 0),
        ("城关派出所", 216, 84),
        ("白云山派出所", 200, 0),
        ("通镇派出所", 0, 0),
    ]
    assert [r.has_children for r in rows] == [False, False, True, True, True]


def test_a_unit_out_of_reach_has_no_figures(staff, bureau):
    from django.http import Http404

    with pytest.raises(Http404):
        stock_with_days_left(actor=staff["chief1"], unit=bureau["白云山派出所"])
