"""The passage export reads its rows a chunk at a time and streams the file."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register
from shouwang.privacy import exports

from .factories import passage_data


def _register(staff, checkpoints, count: int) -> list[Passage]:
    return [
        passage_register(
            actor=staff["officer1"],
            data=passage_data(
                checkpoints["城关"],
                plate=f"陕K{n:05d}",
                occupants_count=2,
                occupants=[{"name": "张伟"}, {"name": f"李{'一二三四五'[n]}"}] if n % 2 else [],
            ),
        )
        for n in range(count)
    ]


def test_the_export_reads_passages_and_their_occupants_a_chunk_at_a_time(
    login_as, staff, checkpoints, monkeypatch
):
    passages = _register(staff, checkpoints, 5)
    monkeypatch.setattr(exports, "EXPORT_CHUNK_ROWS", 2)
    client = login_as("chief1")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/checkpoints/passages/export/", {})
        content = response.getvalue()
    assert response.status_code == 200
    assert response.streaming  # from its temporary file, not a body built in memory
    occupant_reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "checkpoints_occupant"' in q["sql"]
    ]
    assert len(occupant_reads) == 3  # 2 + 2 + 1 passages: one prefetch per chunk
    rows = list(load_workbook(BytesIO(content)).active.values)
    header = rows[0]
    plates = [row[header.index("车牌号")] for row in rows[1:]]
    people = [row[header.index("人员")] for row in rows[1:]]
    assert plates == ["陕K00004", "陕K00003", "陕K00002", "陕K00001", "陕K00000"]
    assert people == [None, "张*；李*", None, "张*；李*", None]
    event = AccessEvent.objects.get()
    assert event.record_count == 5
    assert sorted(event.target_ids) == sorted(str(p.pk) for p in passages)


def test_an_export_never_holds_its_queryset_as_a_list(staff, checkpoints):
    _register(staff, checkpoints, 3)
    queryset = Passage.objects.select_related("checkpoint").order_by("id")
    response = exports.export_file(
        actor=staff["chief1"],
        filename="x.xlsx",
        columns=[exports.Column("车牌号", lambda p: p.plate)],
        records=lambda: queryset,
    )
    # list(queryset), len(queryset) or iterating it would have filled its cache.
    assert queryset._result_cache is None
    rows = list(load_workbook(BytesIO(response.getvalue())).active.values)
    assert rows == [("车牌号",), ("陕K00000",), ("陕K00001",), ("陕K00002",)]
