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
            unit=bureau["城关派出所"],
            name="城关派出所",
            kind=UnitKind.STATION,
            parent=bureau["北门社区"],
        )
    assert error.value.message_dict == {"parent": ["不能把单位移到它自己或它的下级单位之下"]}


def test_only_a_bureau_may_be_a_root(db):
    with pytest.raises(ValidationError):
        unit_create(name="孤立派出所", kind=UnitKind.STATION, parent=None)


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
