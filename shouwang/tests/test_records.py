import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shouwang.records import model_update
from shouwang.units.models import Unit


def _statements(queries, verb: str) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith(verb)]


def test_model_update_saves_only_the_changed_fields_and_compares_relations_by_id(bureau):
    unit = Unit.objects.get(pk=bureau["城关派出所"].pk)
    parent = Unit.objects.get(pk=unit.parent_id)
    with CaptureQueriesContext(connection) as queries:
        updated, changed = model_update(
            unit,
            fields=["name", "code", "parent"],
            data={"name": "城关派出所", "code": "610824001", "parent": parent, "ignored": 1},
        )
    assert (updated, changed) == (unit, True)
    # The parent is compared by id: its row is not loaded again.
    assert _statements(queries, "SELECT") == []
    [update] = _statements(queries, 'UPDATE "units_unit"')
    assert re.findall(r'"(\w+)" = ', re.search(r"SET (.*) WHERE", update).group(1)) == ["code"]
    assert Unit.objects.get(pk=unit.pk).code == "610824001"
    assert unit.history.latest("history_id").code == "610824001"


def test_model_update_without_a_change_writes_nothing(bureau):
    unit = Unit.objects.get(pk=bureau["城关派出所"].pk)
    with CaptureQueriesContext(connection) as queries:
        updated, changed = model_update(unit, fields=["name"], data={"name": unit.name})
    assert (updated, changed) == (unit, False)
    assert queries.captured_queries == []
