"""The one declaration of a passage's fields serves the API, the export and the correction."""

import re
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from shouwang.checkpoints.api import PassageIn, PassageOut
from shouwang.checkpoints.passage_schema import (
    CORRECTABLE,
    CORRECTED_ATTRIBUTES,
    EXPORT_ORDER,
    FIELDS_BY_NAME,
    INPUT_KEYS,
    OUTPUT_FIELDS,
    PASSAGE_FIELDS,
    export_columns,
)
from shouwang.checkpoints.services import (
    passage_context,
    passage_register,
    passage_update,
)
from shouwang.checkpoints.validation import passage_clean

from .factories import passage_data

# The keys of the API contract (issue 3), which the declaration must keep.
CONTRACT_OUTPUT = [
    "id",
    "client_id",
    "checkpoint",
    "checkpoint_name",
    "occurred_at",
    "direction",
    "plate",
    "vehicle_kind",
    "occupants_count",
    "occupants",
    "max_temperature",
    "health_code",
    "origin",
    "origin_region_code",
    "origin_province",
    "origin_city",
    "destination",
    "purpose",
    "disposition",
    "override_reason",
    "green_channel",
    "green_channel_kind",
    "green_channel_reason",
    "pass_code",
    "pass_result",
    "plate_region",
    "plate_city",
    "plate_region_code",
    "out_of_town",
    "key_area",
    "key_area_name",
    "key_area_risk_level",
    "recorded_by",
    "voided",
    "void_reason",
    # Added by issue 11: the watch records the occupants became (handed over to health).
    "watch_records",
]
CORRECTION_KEYS = {
    "occurred_at",
    "direction",
    "plate",
    "vehicle_kind",
    "occupants_count",
    "temperature",
    "health_code",
    "origin",
    "origin_region_code",
    "destination",
    "purpose",
    "disposition",
    "override_reason",
    "green_channel",
    "green_channel_kind",
    "green_channel_reason",
    "pass_code",
}


def _passage(staff, checkpoints, **fields):
    return passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            occupants=[{"name": "李四", "id_number": "610824198801150717"}],
            **fields,
        ),
    )


def test_api_output_keys_export_headers_and_correction_fields_come_from_the_declaration(
    api_as, login_as, staff, checkpoints
):
    passage = _passage(staff, checkpoints)
    declared_output = [field.key for field in OUTPUT_FIELDS]
    assert declared_output == CONTRACT_OUTPUT
    assert list(PassageOut.model_fields) == declared_output
    assert list(PassageIn.model_fields) == list(INPUT_KEYS)
    shown = api_as("officer1").get(f"/api/v1/passages/{passage.pk}").json()
    assert list(shown) == declared_output
    assert list(shown["occupants"][0]) == [
        "name",
        "id_number",
        "phone",
        "temperature",
        "health_code",
    ]

    client = login_as("chief1")
    response = client.post("/checkpoints/passages/export/", {"reason": "核查"})
    headers = [cell.value for cell in load_workbook(BytesIO(response.getvalue())).active[1]]
    assert headers == [str(FIELDS_BY_NAME[name].label) for name in EXPORT_ORDER]
    assert headers[:3] == ["通行时间", "卡点", "方向"]
    assert headers[-3:] == ["人员", "登记人", "状态"]
    personal = [str(c.header) for c in export_columns() if c.personal]
    assert personal == [str(f.label) for f in PASSAGE_FIELDS if f.personal] == ["人员"]

    page = client.get(f"/checkpoints/passages/{passage.pk}/").content.decode()
    correction = re.search(r'<form[^>]*class="correction".*?</form>', page, re.S).group(0)
    names = set(re.findall(r'name="([^"]+)"', correction))
    assert set(CORRECTABLE) == CORRECTION_KEYS
    # Every field of the page's form is declared correctable; the page leaves out only the
    # pass code (a pass is verified when shown at the checkpoint, not typed in afterwards).
    assert names - {"reason", "csrfmiddlewaretoken"} <= set(CORRECTABLE)
    assert names == CORRECTION_KEYS - {"pass_code"} | {"reason", "csrfmiddlewaretoken"}


def test_a_correction_rewrites_every_value_registration_derives(staff, checkpoints):
    checkpoint = checkpoints["城关"]
    context = passage_context(actor=staff["officer1"], checkpoint_ids={checkpoint.pk})
    cleaned = passage_clean(passage_data(checkpoint), context=context, actor=staff["officer1"])
    fixed_at_registration = {"client_id", "checkpoint", "recorded_by"}
    assert set(CORRECTED_ATTRIBUTES) == set(cleaned.values) - fixed_at_registration
    assert len(CORRECTED_ATTRIBUTES) == 28


def _passage_reads(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and 'FROM "checkpoints_passage"' in q["sql"]
    ]


def test_a_correction_reads_the_row_once_and_writes_only_changed_columns(staff, checkpoints):
    passage = _passage(staff, checkpoints, purpose="探亲")
    # The first correction also writes the creation's history entry; the next is plain.
    passage_update(
        actor=staff["officer1"], passage=passage, changes={"purpose": "返岗"}, reason="笔误"
    )
    with CaptureQueriesContext(connection) as queries:
        passage_update(
            actor=staff["officer1"], passage=passage, changes={"purpose": "就医"}, reason="再改"
        )
    reads = _passage_reads(queries.captured_queries)
    assert len(reads) == 1
    if connection.vendor == "postgresql":
        assert reads[0].endswith("FOR UPDATE")
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    passage_updates = [sql for sql in updates if sql.startswith('UPDATE "checkpoints_passage"')]
    assert len(passage_updates) == 1
    set_clause = re.search(r"SET (.*) WHERE", passage_updates[0]).group(1)
    assert re.findall(r'"(\w+)" = ', set_clause) == ["purpose"]
    passage.refresh_from_db()
    assert passage.purpose == "就医"
    assert [h.purpose for h in passage.history.order_by("history_id")] == ["探亲", "返岗", "就医"]


def test_a_correction_that_changes_nothing_writes_nothing(staff, checkpoints):
    passage = _passage(staff, checkpoints, purpose="探亲")
    with CaptureQueriesContext(connection) as queries:
        passage_update(
            actor=staff["officer1"], passage=passage, changes={"purpose": "探亲"}, reason="核对"
        )
    assert [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")] == []
    assert passage.history.count() == 0
