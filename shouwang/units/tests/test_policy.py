import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import (
    CHECKPOINT_RECORDS,
    SIGNED_IN,
    Policy,
    allows,
    guarded,
    require,
)


def test_require_names_the_missing_capability_in_chinese(staff):
    with pytest.raises(PermissionDenied) as refused:
        require(staff["admin"], C.VIEW_PEOPLE)
    assert str(refused.value) == "您无权执行此操作（需要：查看重点人员）"


def test_require_keeps_the_services_own_messages(staff, bureau):
    with pytest.raises(PermissionDenied) as refused:
        require(staff["admin"], C.MANAGE_PASSES, message="您无权签发或管理通行证")
    assert str(refused.value) == "您无权签发或管理通行证"
    with pytest.raises(PermissionDenied) as refused:
        require(
            staff["chief1"],
            C.MANAGE_PASSES,
            bureau["白云山派出所"],
            unit_message="您无权为该单位签发通行证",
        )
    assert str(refused.value) == "您无权为该单位签发通行证"


def test_require_refuses_a_unit_outside_the_actors_jurisdiction(staff, bureau):
    require(staff["chief1"], C.MANAGE_PEOPLE, bureau["北门社区"])
    with pytest.raises(PermissionDenied) as refused:
        require(staff["chief1"], C.MANAGE_PEOPLE, bureau["清河县公安局"])
    assert str(refused.value) == "您无权管理该单位的数据"


def test_require_refuses_an_actor_without_a_unit_even_with_the_capability(staff):
    admin = staff["admin"]
    admin.unit = None
    with pytest.raises(PermissionDenied) as refused:
        require(admin, C.MANAGE_UNITS)
    assert str(refused.value) == "账号未分配单位，请联系管理员"


def test_a_policy_needs_all_of_and_one_of_any_of(staff):
    rule = Policy(
        all_of=frozenset({C.VIEW_PEOPLE}), any_of=frozenset({C.HANDLE_INTAKE, C.MANAGE_PEOPLE})
    )
    assert [
        name for name in ("commander", "duty1", "officer1", "health1") if allows(staff[name], rule)
    ] == [
        "duty1",
        "officer1",
    ]
    assert (
        str(rule.refusal())
        == "您无权执行此操作（需要：查看重点人员；以下之一：受理线索与求助、管理重点人员）"
    )


def test_checkpoint_records_are_for_those_who_work_at_or_manage_checkpoints(staff):
    readers = [name for name, user in staff.items() if allows(user, CHECKPOINT_RECORDS)]
    assert sorted(readers) == [
        "auxiliary1",
        "chief1",
        "chief2",
        "commander",
        "officer1",
        "officer2",
        "volunteer1",
    ]


def _page(request):
    return HttpResponse("seen")


def test_a_guarded_page_refuses_before_the_view_runs(staff):
    view = guarded(C.VIEW_PEOPLE)(_page)
    request = RequestFactory().get("/people/")
    request.user = staff["admin"]
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = staff["health1"]
    assert view(request).content == b"seen"


def test_a_guarded_page_posts_only_with_its_write_rule(staff):
    view = guarded(SIGNED_IN, write=C.SWITCH_EMERGENCY_LEVEL)(_page)
    reading = RequestFactory().get("/units/1/emergency-level/")
    reading.user = staff["health1"]
    assert view(reading).status_code == 200
    posting = RequestFactory().post("/units/1/emergency-level/")
    posting.user = staff["health1"]
    with pytest.raises(PermissionDenied):
        view(posting)


def test_a_guarded_page_sends_the_signed_out_to_the_login_page(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/people/")
    request.user = AnonymousUser()
    response = guarded(C.VIEW_PEOPLE)(_page)(request)
    assert (response.status_code, response.url) == (302, "/login/?next=/people/")
