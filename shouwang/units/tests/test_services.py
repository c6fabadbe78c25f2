import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.units.models import EmergencyLevel, EmergencyLevelChange, Unit, UnitKind
from shouwang.units.services import unit_create, unit_set_emergency_level, unit_update


def test_paths_follow_the_tree(bureau):
    root = bureau["清河县公安局"]
    station = bureau["城关派出所"]
    post = bureau["城关东出口卡点"]
    assert root.path == f"{root.pk:06d}/"
    assert station.path == f"{root.pk:06d}/{station.pk:06d}/"
    assert post.path == f"{station.path}{post.pk:06d}/"
    assert (root.depth, station.depth, post.depth) == (0, 1, 2)


def test_moving_a_unit_rewrites_the_paths_below_it(bureau):
    community = bureau["北门社区"]
    unit_update(
        actor=None,
        unit=bureau["城关派出所"],
        name="城关派出所",
        kind=UnitKind.STATION,
        parent=bureau["交通管理大队"],
    )
    community.refresh_from_db()
    brigade = bureau["交通管理大队"]
    assert community.path.startswith(brigade.path)
    assert community.depth == 3


def test_a_unit_cannot_move_below_itself(bureau):
    with pytest.raises(ValidationError) as error:
        unit_update(
            actor=None,
            unit=bureau["城关派出所"],
            name="城关派出所",
            kind=UnitKind.STATION,
            parent=bureau["北门社区"],
        )
    assert error.value.message_dict == {"parent": ["不能把单位移到它自己或它的下级单位之下"]}


def test_only_a_bureau_may_be_a_root(db):
    with pytest.raises(ValidationError):
        unit_create(actor=None, name="孤立派出所", kind=UnitKind.STATION, parent=None)


def test_switching_the_bureau_puts_every_unit_below_on_that_level(staff, bureau):
    change = unit_set_emergency_level(
        unit=bureau["清河县公安局"],
        level=EmergencyLevel.LEVEL_1,
        actor=staff["commander"],
        reason="启动一级响应",
    )
    assert (change.from_level, change.to_level, change.changed_by) == (0, 1, staff["commander"])
    assert bureau["城关东出口卡点"].effective_emergency_level() == EmergencyLevel.LEVEL_1
    assert Unit.objects.get(name="清河县公安局").emergency_level == EmergencyLevel.LEVEL_1


def test_a_station_keeps_the_more_severe_of_its_own_and_the_bureau_level(staff, bureau):
    unit_set_emergency_level(
        unit=bureau["清河县公安局"], level=3, actor=staff["commander"], reason="三级"
    )
    unit_set_emergency_level(
        unit=bureau["城关派出所"], level=2, actor=staff["chief1"], reason="辖区出现病例"
    )
    assert bureau["北门社区"].effective_emergency_level() == 2
    assert bureau["白云村"].effective_emergency_level() == 3


def test_switching_needs_the_capability_and_a_reason(staff, bureau):
    with pytest.raises(PermissionDenied):
        unit_set_emergency_level(
            unit=bureau["城关派出所"], level=1, actor=staff["officer1"], reason="x"
        )
    with pytest.raises(ValidationError) as error:
        unit_set_emergency_level(
            unit=bureau["城关派出所"], level=1, actor=staff["chief1"], reason="  "
        )
    assert error.value.message_dict == {"reason": ["请填写调整原因"]}
    assert EmergencyLevelChange.objects.count() == 0


def test_switching_back_to_normal_is_logged_too(staff, bureau):
    unit = bureau["清河县公安局"]
    unit_set_emergency_level(unit=unit, level=1, actor=staff["commander"], reason="战时")
    unit_set_emergency_level(unit=unit, level=0, actor=staff["commander"], reason="解除")
    changes = list(EmergencyLevelChange.objects.values_list("from_level", "to_level", "reason"))
    assert changes == [(1, 0, "解除"), (0, 1, "战时")]


@pytest.fixture
def station_admin(bureau):
    """An administrator of 城关派出所 alone: his jurisdiction ends at the station."""
    from shouwang.accounts.services import user_create

    return user_create(
        actor=None,
        username="station_admin",
        unit=bureau["城关派出所"],
        role="administrator",
        password="a-long-enough-password-1",
    )


def test_creating_a_unit_takes_the_capability_to_manage_units(staff, bureau):
    with pytest.raises(PermissionDenied) as refused:
        unit_create(
            actor=staff["chief1"],
            name="西关社区",
            kind=UnitKind.COMMUNITY,
            parent=bureau["城关派出所"],
        )
    assert str(refused.value) == "您无权执行此操作（需要：管理单位）"
    assert not Unit.objects.filter(name="西关社区").exists()


def test_a_unit_is_created_only_below_the_actors_own_unit(station_admin, bureau):
    made = unit_create(
        actor=station_admin, name="西关社区", kind=UnitKind.COMMUNITY, parent=bureau["城关派出所"]
    )
    assert made.path == f"{bureau['城关派出所'].path}{made.pk:06d}/"
    with pytest.raises(PermissionDenied) as sibling:
        unit_create(
            actor=station_admin, name="东岭村", kind=UnitKind.VILLAGE, parent=bureau["白云山派出所"]
        )
    with pytest.raises(PermissionDenied) as root:
        unit_create(actor=station_admin, name="邻县公安局", kind=UnitKind.BUREAU, parent=None)
    assert (str(sibling.value), str(root.value)) == (
        "您无权管理该单位",
        "只能在本单位或下级单位之下设置单位",
    )
    assert not Unit.objects.filter(name__in=["东岭村", "邻县公安局"]).exists()


def test_a_unit_outside_the_actors_jurisdiction_is_neither_renamed_nor_moved_out(
    station_admin, bureau
):
    with pytest.raises(PermissionDenied):
        unit_update(
            actor=station_admin,
            unit=bureau["白云村"],
            name="白云新村",
            kind=UnitKind.VILLAGE,
            parent=bureau["白云山派出所"],
        )
    with pytest.raises(PermissionDenied):
        unit_update(
            actor=station_admin,
            unit=bureau["北门社区"],
            name="北门社区",
            kind=UnitKind.COMMUNITY,
            parent=bureau["白云山派出所"],
        )
    assert Unit.objects.get(pk=bureau["白云村"].pk).name == "白云村"
    assert Unit.objects.get(pk=bureau["北门社区"].pk).parent == bureau["城关派出所"]
    renamed = unit_update(
        actor=station_admin,
        unit=bureau["北门社区"],
        name="北门新社区",
        kind=UnitKind.COMMUNITY,
        parent=bureau["城关派出所"],
    )
    assert Unit.objects.get(pk=renamed.pk).name == "北门新社区"


def test_the_bureau_renames_its_root_without_a_parent(staff, bureau):
    root = unit_update(
        actor=staff["admin"],
        unit=bureau["清河县公安局"],
        name="清河县公安局（新）",
        kind="bureau",
        parent=None,
    )
    assert Unit.objects.get(pk=root.pk).name == "清河县公安局（新）"
