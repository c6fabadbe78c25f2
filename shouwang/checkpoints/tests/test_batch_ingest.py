"""Batch ingest writes plain rows (executemany / COPY): they must equal what the ORM writes."""

from datetime import date

import pytest
from django.forms.models import model_to_dict

from shouwang.areas.services import key_area_create
from shouwang.checkpoints.models import Occupant, Passage
from shouwang.checkpoints.services import passage_batch_register, passage_register

from .factories import passage_data

IGNORED = {"id", "client_id", "created_at"}


def stored(passage_id: int) -> tuple[dict, dict, list[dict]]:
    passage = Passage.objects.get(pk=passage_id)
    fields = {k: v for k, v in model_to_dict(passage).items() if k not in IGNORED}
    fields.update(occurred_on=passage.occurred_on, occurred_hour=passage.occurred_hour)
    (history,) = passage.history.all()
    record = {
        "type": history.history_type,
        "user": history.history_user_id,
        "reason": history.history_change_reason,
        "plate": history.plate,
        "client_id": history.client_id == passage.client_id,
        "checkpoint": history.checkpoint_id,
        "key_area": history.key_area_id,
        "max_temperature": history.max_temperature,
        "occurred_at": history.occurred_at,
        "created_at": history.created_at == passage.created_at,
    }
    people = [
        {k: v for k, v in model_to_dict(o).items() if k not in {"id", "passage"}}
        for o in Occupant.objects.filter(passage=passage).order_by("id")
    ]
    return fields, record, people


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
    single = passage_register(
        actor=staff["officer1"], data=passage_data(checkpoints["城关"], **fields)
    )
    (result,) = passage_batch_register(
        actor=staff["officer1"], items=[passage_data(checkpoints["城关"], **fields)]
    )
    assert result["status"] == "created"
    assert stored(result["id"]) == stored(single.pk)
    batch = Passage.objects.get(pk=result["id"])
    assert batch.occupants_count == single.occupants_count
    assert list(
        Occupant.objects.filter(passage=batch).values_list("id_number_index", flat=True)
    ) == list(Occupant.objects.filter(passage=single).values_list("id_number_index", flat=True))
