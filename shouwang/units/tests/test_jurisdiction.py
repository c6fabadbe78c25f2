"""Where a unit stands: the bureau and the station above it, and what a user reads."""

from django.apps import apps

from shouwang.units.models import Unit, UnitKind
from shouwang.units.scoping import (
    ancestor_paths_of,
    bureau_of,
    station_of,
    unit_is_readable_by,
)
from shouwang.units.services import unit_create


def test_the_bureau_of_a_post_is_found_in_one_query(bureau, django_assert_num_queries):
    post = bureau["城关东出口卡点"]
    with django_assert_num_queries(1):
        assert bureau_of(post) == bureau["清河县公安局"]


def test_a_bureau_is_its_own_bureau_without_a_query(bureau, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bureau_of(bureau["清河县公安局"]) == bureau["清河县公安局"]


def test_the_nearest_bureau_signs_below_a_city_bureau(bureau):
    county = unit_create(
        actor=None, name="城郊县公安局", kind=UnitKind.BUREAU, parent=bureau["清河县公安局"]
    )
    station = unit_create(actor=None, name="城郊派出所", kind=UnitKind.STATION, parent=county)
    assert bureau_of(station) == county


def test_a_tree_without_a_bureau_kind_answers_its_root(bureau):
    root = Unit.objects.create(name="指挥部", kind=UnitKind.BRIGADE, path="")
    root.path = f"{root.pk:06d}/"
    root.save(update_fields=["path"])
    below = unit_create(actor=None, name="联络组", kind=UnitKind.BRIGADE, parent=root)
    assert bureau_of(below) == root


def test_the_station_of_a_post_community_or_village_is_the_station_above(bureau):
    assert [station_of(bureau[name]).name for name in ("城关东出口卡点", "北门社区", "白云村")] == [
        "城关派出所",
        "城关派出所",
        "白云山派出所",
    ]


def test_a_station_is_its_own_station_and_a_bureau_has_none_above(
    bureau, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert station_of(bureau["城关派出所"]) == bureau["城关派出所"]
    assert station_of(bureau["清河县公安局"]) == bureau["清河县公安局"]
    assert station_of(bureau["交通管理大队"]) == bureau["交通管理大队"]


def test_ancestor_paths_of_a_path_root_first():
    assert ancestor_paths_of("000001/000004/000007/") == [
        "000001/",
        "000001/000004/",
        "000001/000004/000007/",
    ]


def test_readable_reaches_the_units_above_and_below_but_not_a_sibling(staff, bureau):
    officer = staff["officer1"]
    readable = set(Unit.objects.readable_by(officer).values_list("name", flat=True))
    visible = set(Unit.objects.visible_to(officer).values_list("name", flat=True))
    below = {"城关派出所", "城关东出口卡点", "北门社区", "南关社区"}
    assert (readable, visible) == (below | {"清河县公安局"}, below)
    assert Unit.objects.readable_by(staff["commander"]).count() == 13


def test_unit_is_readable_by_its_own_users_those_above_and_those_below(staff, bureau):
    officer = staff["officer1"]
    assert [
        unit_is_readable_by(bureau[name], officer)
        for name in ("清河县公安局", "城关派出所", "北门社区", "白云山派出所")
    ] == [True, True, True, False]


def test_every_model_owned_by_a_unit_has_the_scoped_manager():
    unscoped = [
        m._meta.label
        for m in apps.get_models()
        if hasattr(m, "scope_path_field") and not hasattr(m._default_manager, "visible_to")
    ]
    assert unscoped == []
