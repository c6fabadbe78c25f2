"""Passages are written as plain rows (executemany / COPY): they must equal what the ORM writes,
and their history gets its creation entry when they are first changed."""

from datetime import date

import pytest
from django.forms.models import model_to_dict

from shouwang.areas.services import key_area_create
from shouwang.checkpoints.models import Occupant, Passage
from shouwang.checkpoints.services import (
    passage_batch_register,
    passage_context,
    passage_register,
    passage_update,
    passage_void,
)
from shouwang.checkpoints.validation import passage_clean

from .factories import passage_data

IGNORED = {"id", "client_id", "created_at"}
# Compared apart: the registry's record a handed-over occupant is linked to (test below).
OCCUPANT_IGNORED = {"id", "passage", "watch_record"}


def stored(passage_id: int) -> tuple[dict, list[dict]]:
    passage = Passage.objects.get(pk=passage_id)
    fields = {k: v for k, v in model_to_dict(passage).items() if k not in IGNORED}
    fields.update(occurred_on=passage.occurred_on, occurred_hour=passage.occurred_hour)
    people = [
        {k: v for k, v in model_to_dict(o).items() if k not in OCCUPANT_IGNORED}
        for o in Occupant.objects.filter(passage=passage).order_by("id")
    ]
    return fields, people


def orm_saved(actor, data: dict) -> int:
    """The same item validated, then saved by the ORM one object at a time."""
    context = passage_context(actor=actor, checkpoint_ids={data["checkpoint"]})
    cleaned = passage_clean(data, context=context, actor=actor)
    passage = Passage.objects.create(**cleaned.values)
    for person in cleaned.occupants:
        person.passage = passage
        person.save()
    return passage.pk


@pytest.mark.parametrize(
    "fields",
    [
        {"plate": "鄂A88888", "disposition": "registered", "origin": "武汉", "purpose": "返乡"},
        {
            "plate": None,
            "vehicle_kind": "pedestrian",
            "occupants_count": 3,
            "temperature": "36.6",
            "health_code": "green",
            "disposition": "turned_back",
        },
        {
            "occupants": [
                {
                    "name": "张三",
                    "id_number": "610824198801150717",
                    "phone": "13800138000",
                    "temperature": "37.5",
                    "health_code": "yellow",
                },
                {"name": "李四", "temperature": "36.5"},
            ],
            "occupants_count": 2,
            "disposition": "handed_over",
            "green_channel": True,
            "green_channel_kind": "patient",
            "green_channel_reason": "送医",
            "occurred_at": "2020-02-01T23:30:00+08:00",
        },
    ],
)
def test_batch_rows_equal_single_registration_rows(staff, checkpoints, fields):
    fields = {"occurred_at": "2020-02-01T10:00:00+08:00", **fields}
    key_area_create(
        actor=staff["commander"],
        region_code="420100",
        risk_level="high",
        valid_from=date(2020, 1, 1),
    )
    by_orm = orm_saved(staff["officer1"], passage_data(checkpoints["城关"], **fields))
    single = passage_register(
        actor=staff["officer1"], data=passage_data(checkpoints["城关"], **fields)
    )
    (result,) = passage_batch_register(
        actor=staff["officer1"], items=[passage_data(checkpoints["城关"], **fields)]
    )
    assert result["status"] == "created"
    assert stored(result["id"]) == stored(by_orm)
    assert stored(single.pk) == stored(by_orm)
    # The encrypted columns decrypt to what was typed.
    assert [(o.id_number, o.phone) for o in Occupant.objects.filter(passage_id=result["id"])] == [
        (o.id_number, o.phone) for o in Occupant.objects.filter(passage_id=by_orm)
    ]
    # Handed over, both paths link the occupants to the registry: one record per ID number
    # (张三 sent twice keeps his), a record each for those without one.
    links = {
        pk: list(Occupant.objects.filter(passage_id=pk).values_list("watch_record", flat=True))
        for pk in (single.pk, result["id"])
    }
    if fields.get("disposition") == "handed_over":
        (zhang, li), (zhang_again, li_again) = links[single.pk], links[result["id"]]
        assert zhang == zhang_again is not None
        assert None not in (li, li_again) and li != li_again
    else:
        assert {link for pair in links.values() for link in pair} <= {None}


def test_registration_writes_no_history_until_the_first_change(staff, checkpoints):
    officer, chief = staff["officer1"], staff["chief1"]
    (result,) = passage_batch_register(
        actor=officer,
        items=[passage_data(checkpoints["城关"], plate="鄂A12345", disposition="registered")],
    )
    passage = Passage.objects.get(pk=result["id"])
    assert passage.history.count() == 0

    passage_update(
        actor=chief, passage=passage, changes={"disposition": "turned_back"}, reason="登记错误"
    )
    passage_void(actor=chief, passage=passage, reason="重复登记")

    entries = [
        (h.history_type, h.history_user_id, h.history_change_reason, h.disposition, h.history_date)
        for h in passage.history.order_by("history_id")
    ]
    assert entries[0] == ("+", officer.pk, "登记", "registered", passage.created_at)
    assert [entry[:4] for entry in entries[1:]] == [
        ("~", chief.pk, "登记错误", "turned_back"),
        ("~", chief.pk, "重复登记", "turned_back"),
    ]
