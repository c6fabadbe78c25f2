"""People handed over at a checkpoint, as health and the station see them: the registry's
service, the health liaison's handover list, the station's alerts, the person's page."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from shouwang.checkpoints.services import passage_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data
from shouwang.people.models import Alert, Person, WatchReason, WatchRecord, WatchSource
from shouwang.people.services import HandoverOccupant, handover_receive
from shouwang.privacy.masking import mask_id_number

from .factories import id_number

SHANGHAI = ZoneInfo("Asia/Shanghai")
FEVER_ID = id_number(birth="19880115", sequence="071")


@pytest.fixture
def checkpoint(bureau):
    return make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")


def handed_over(actor, checkpoint, occupants, **fields):
    return passage_register(
        actor=actor,
        data=passage_data(
            checkpoint,
            **{
                "plate": "陕A12345",
                "temperature": "38.6",
                "disposition": "handed_over",
                "occupants": occupants,
                "occupants_count": len(occupants),
                **fields,
            },
        ),
    )


# --- the service --------------------------------------------------------------------------------


def test_the_service_files_people_met_at_a_post_with_its_station(staff, bureau):
    at = datetime(2026, 2, 3, 14, 20, tzinfo=SHANGHAI)
    records = handover_receive(
        actor=staff["volunteer1"],
        unit=bureau["城关东出口卡点"],
        occupants=[
            HandoverOccupant(name="", id_number=FEVER_ID, place="城关东出口卡点", at=at),
            HandoverOccupant(
                name="王五",
                temperature=Decimal("37.9"),
                health_code_label="黄码",
                fever=True,
                place="城关东出口卡点",
                at=at,
                origin="湖北省武汉市",
                origin_region_code="420100",
            ),
        ],
    )

    unknown, wang = records
    assert (unknown.person.name, unknown.person.id_number) == ("待识别", FEVER_ID)
    assert (unknown.reason, unknown.note) == (
        WatchReason.OTHER,
        "城关东出口卡点 02-03 14:20 通行登记，移交卫健",
    )
    assert (wang.person.name, wang.person.id_number, wang.reason, wang.origin) == (
        "王五",
        "",
        WatchReason.FEVER,
        "湖北省武汉市",
    )
    assert wang.note == "城关东出口卡点 02-03 14:20 通行登记，移交卫健；体温37.9℃，黄码"
    assert {r.unit for r in records} == {bureau["城关派出所"]}
    assert {r.arrived_on.isoformat() for r in records} == {"2026-02-03"}
    assert sorted(Alert.objects.values_list("message", flat=True)) == [
        "待识别 在城关东出口卡点，已移交卫健",
        "王五 在城关东出口卡点 体温37.9℃，黄码，已移交卫健",
    ]


def test_a_name_given_later_replaces_to_identify(staff, bureau):
    unit = bureau["城关东出口卡点"]
    (first,) = handover_receive(
        actor=staff["officer1"], unit=unit, occupants=[HandoverOccupant(id_number=FEVER_ID)]
    )
    (again,) = handover_receive(
        actor=staff["officer1"],
        unit=unit,
        occupants=[HandoverOccupant(name="張三", id_number=FEVER_ID)],
    )
    assert again == first
    assert Person.objects.get().name == "张三"


def test_an_arrival_is_kept_apart_from_a_handover_and_raises_no_alert(staff, bureau):
    unit = bureau["城关东出口卡点"]
    arrival = HandoverOccupant(
        name="钱七", id_number=FEVER_ID, source=WatchSource.CHECKPOINT_ARRIVAL
    )
    (registered,) = handover_receive(actor=staff["officer1"], unit=unit, occupants=[arrival])
    assert (registered.source, registered.reason) == (
        WatchSource.CHECKPOINT_ARRIVAL,
        WatchReason.KEY_AREA_ARRIVAL,
    )
    assert Alert.objects.count() == 0
    # A fever later is news for health: a handover record of its own.
    (fever,) = handover_receive(
        actor=staff["officer1"],
        unit=unit,
        occupants=[HandoverOccupant(name="钱七", id_number=FEVER_ID, fever=True)],
    )
    assert fever != registered and fever.source == WatchSource.CHECKPOINT_HANDOVER
    # …and a second arrival while either is open adds nothing.
    (again,) = handover_receive(actor=staff["officer1"], unit=unit, occupants=[arrival])
    assert again == fever
    assert Person.objects.count() == 1


def test_the_service_asks_for_the_registration_capability(staff, bureau):
    with pytest.raises(PermissionDenied):
        handover_receive(
            actor=staff["health1"],
            unit=bureau["城关东出口卡点"],
            occupants=[HandoverOccupant(name="张三")],
        )
    assert WatchRecord.objects.count() == 0


# --- the pages ----------------------------------------------------------------------------------


def test_the_liaison_lists_handovers_newest_first_with_to_identify_marked(
    staff, login_as, checkpoint
):
    handed_over(staff["volunteer1"], checkpoint, [{"name": "张三", "id_number": FEVER_ID}])
    handed_over(
        staff["officer1"],
        checkpoint,
        [{"name": "李四", "temperature": "39.1"}],
        plate="陕A54321",
        health_code="red",
    )

    response = login_as("health1").get(reverse("people:liaison"), {"tab": "handed_over"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "卡点移交（2）" in page
    rows = page.split('class="handover"')[1:]
    assert len(rows) == 2
    newest, oldest = rows
    assert "李*" in newest and "待识别" in newest
    assert "城关东出口卡点" in newest and "39.1℃" in newest and "红码" in newest
    assert "张*" in oldest and "待识别" not in oldest and "38.6℃" in oldest
    assert mask_id_number(FEVER_ID) in oldest


def test_a_sibling_stations_liaison_sees_none_of_them(staff, login_as, checkpoint):
    handed_over(staff["officer1"], checkpoint, [{"name": "张三", "id_number": FEVER_ID}])
    liaison = staff["health1"]
    liaison.unit = staff["chief2"].unit  # moved to 白云山派出所
    liaison.save(update_fields=["unit"])
    page = login_as("health1").get(reverse("people:liaison"), {"tab": "handed_over"})
    assert "卡点移交（0）" in page.content.decode()


def test_the_stations_alert_list_shows_the_handover(staff, login_as, checkpoint):
    handed_over(staff["volunteer1"], checkpoint, [{"name": "张三", "id_number": FEVER_ID}])
    for username in ("duty1", "health1", "chief1"):
        page = login_as(username).get(reverse("people:alerts")).content.decode()
        assert "卡点移交" in page
        assert "张三 在城关东出口卡点 体温38.6℃，已移交卫健" in page


def test_the_person_page_names_the_passage_and_links_it_for_those_who_read_passages(
    staff, login_as, checkpoint
):
    passage = handed_over(staff["officer1"], checkpoint, [{"name": "张三", "id_number": FEVER_ID}])
    person = Person.objects.get()
    url = reverse("people:person_detail", args=[person.pk])
    passage_url = reverse("checkpoints:passage", args=[passage.pk])
    when = passage.occurred_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")

    officer_page = login_as("officer1").get(url).content.decode()
    assert f'<a href="{passage_url}">城关东出口卡点 {when} 通行登记</a>' in officer_page

    liaison_page = login_as("health1").get(url).content.decode()
    assert f"城关东出口卡点 {when} 通行登记" in liaison_page
    assert passage_url not in liaison_page  # health reads no passages: named, not linked
